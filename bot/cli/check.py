"""`claimwatch check [FILE|-]`: extract and judge the claims in one text, store nothing."""

from __future__ import annotations

import io
import re
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from bot.boards import board_catalog, newest, staleness_warning
from bot.checking import check_text
from bot.cli.common import open_store, print_json, settings
from bot.extract import Gate, make_extractor, make_gazetteer
from bot.render.evidence import as_text, read_evidence
from store.errors import ClaimwatchError
from store.judging import load_judge

ExtractorOpt = Annotated[
    str,
    typer.Option(
        "--extractor",
        help="rules (offline), llm (OPENAI_BASE_URL/OPENAI_API_KEY + CLAIMWATCH_LLM_MODEL), "
        "or auto (llm when configured, else rules).",
    ),
]


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ClaimwatchError(f"{option}: not a date: {value!r} (expected YYYY-MM-DD)") from None


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    file = Path(path)
    if not file.is_file():
        raise ClaimwatchError(f"no such file: {path}")
    try:
        return file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return file.read_text(encoding="latin-1")


def check(
    path: Annotated[str, typer.Argument(help="A text or HTML file, or - for stdin.")] = "-",
    published: Annotated[
        str | None,
        typer.Option("--published", help="Publication date YYYY-MM-DD (default: today)."),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Judge every claim as of this date YYYY-MM-DD."),
    ] = None,
    extractor: ExtractorOpt = "auto",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Extract and check the claims in one text (plain or HTML) without storing it."""

    published_date = _date(published, "--published") or date.today()
    as_of_date = _date(as_of, "--as-of")
    if extractor not in ("rules", "llm", "auto"):
        raise ClaimwatchError(f"--extractor: unknown extractor {extractor!r} (rules, llm or auto)")
    text = _read(path)
    engine = open_store()  # says "run `claimwatch init`" when the database is not ready
    judge = load_judge(engine)
    if not len(judge.data):
        raise ClaimwatchError("no leaderboard snapshots in the database: run `claimwatch init`")
    gaz = make_gazetteer(engine)
    # `check` stores nothing: no engine for the extractor, so no extraction cache rows.
    chosen = make_extractor(settings(), None, extractor, gazetteer=gaz)
    result = check_text(
        text,
        published=published_date,
        as_of=as_of_date,
        extractor=chosen,
        judge=judge,
        gate=Gate(gaz),
    )

    catalog = board_catalog(engine)
    warnings = stale_boards(result, catalog, judge.options.staleness_days)
    if as_json:
        print_json(result | ({"warnings": warnings} if warnings else {}))
        return
    print_result(result, warnings)


def stale_boards(result: dict[str, Any], catalog: Any, limit: int) -> list[str]:
    """One warning per board whose newest data is too old for the latest claim's date
    (a check of an old article on old data needs none)."""

    claims = result["claims"]
    boards = sorted({c["board"] for c in claims if c.get("board")}) or ["lmarena-text"]
    latest = max([date.fromisoformat(c["as_of"]) for c in claims], default=None)
    latest = latest or date.fromisoformat(result["published"])
    out = []
    for board in boards:
        last = newest(catalog, board)
        if last is not None and (latest - last).days > limit:
            out.append(staleness_warning(last, date.today(), limit, board) or "")
    return [w for w in out if w]


def print_result(result: dict[str, Any], warnings: list[str], width: int | None = None) -> None:
    """A summary table that fits 80 columns, then each claim's quote, explanation and
    evidence below it. Text from the article or the boards is never read as markup."""

    from rich.console import Console  # only the table pays for rich, not `--json`

    # rendered once at the terminal's width, then written as is (never re-wrapped)
    sys.stdout.write(render_result(result, warnings, width or Console().width))


def render_result(result: dict[str, Any], warnings: list[str], width: int = 80) -> str:
    """The terminal form of a `check` result as plain text (no markup, no colour)."""
    from rich.console import Console
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    buf = io.StringIO()
    console = Console(file=buf, width=width, highlight=False, color_system=None)
    claims = result["claims"]
    for w in warnings:
        console.print(Text(w), soft_wrap=True)
    if not claims:
        console.print(Text(f"No ranking claims found (published {result['published']})."))
        return buf.getvalue()
    table = Table("#", "verdict", "as of", "snapshot", "claim", box=None, padding=(0, 1))
    for i, claim in enumerate(claims, 1):
        verdict = claim["verdict"].replace("_", " ")
        if claim.get("reason"):
            verdict += f" ({claim['reason'].replace('_', ' ')})"
        table.add_row(
            str(i),
            Text(verdict),
            claim["as_of"],
            claim.get("snapshot") or "-",
            Text(claim["statement"]),
        )
    console.print(table)
    today = date.today()
    for i, claim in enumerate(claims, 1):
        console.print()
        console.print(Text(f"#{i} {claim['statement']}", style="bold"))
        console.print(Padding(Text(f"“{claim['quote']}”"), (0, 0, 0, 2), expand=False))
        if claim.get("mentions"):
            names = "names in the text: " + ", ".join(claim["mentions"])
            console.print(Padding(Text(names), (0, 0, 0, 2), expand=False))
        for part in _view_parts(claim.get("explanation") or ""):
            console.print(Padding(Text(part), (0, 0, 0, 2), expand=False))
        as_of = date.fromisoformat(claim["as_of"])
        for section in as_text(read_evidence(claim, claim, as_of=as_of, today=today)):
            console.print(Padding(Text(section.title), (0, 0, 0, 2), expand=False))
            for line in section.lines:
                console.print(Padding(Text(line), (0, 0, 0, 4), expand=False))
    console.print()
    console.print(Text(f"{len(claims)} claim(s); published {result['published']}."))
    return buf.getvalue()


def _view_parts(explanation: str) -> list[str]:
    """The explanation, each view's part ("[raw ratings] ...") on its own line."""

    parts = re.split(r" +(?=\[(?:raw ratings|style-controlled view)\])", explanation.strip())
    return [p for p in parts if p]
