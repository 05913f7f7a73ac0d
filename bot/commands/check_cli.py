"""`claimwatch check [FILE|-]`: extract and judge the claims in one text, store nothing."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from store.errors import ClaimwatchError

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
    from bot.checking import check_text
    from bot.cli import open_store, print_json, settings
    from bot.extract import Gate, make_extractor, make_gazetteer
    from store.judging import load_judge

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
    if as_json:
        print_json(result)
        return
    _table(result)


def _table(result: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    claims = result["claims"]
    if not claims:
        console.print(f"No ranking claims found (published {result['published']}).")
        return
    table = Table("#", "claim", "as of", "verdict", "evidence", "latest", show_lines=True)
    for i, claim in enumerate(claims, 1):
        evidence = "\n".join(
            f"{e['model']}: #{e['rank']} {e['score']}"
            + (f" ({e['snapshot']})" if e["snapshot"] else "")
            for e in claim["evidence"][:4]
        )
        verdict = claim["verdict"] + (f" ({claim['reason']})" if claim["reason"] else "")
        latest = claim["latest"]
        table.add_row(
            str(i),
            f"{claim['statement']}\n[dim]“{claim['quote'][:160]}”[/dim]\n{claim['explanation']}",
            claim["as_of"],
            verdict,
            evidence or "-",
            f"{latest['verdict']} ({latest['snapshot']})" if latest["verdict"] else "-",
        )
    console.print(table)
    console.print(f"{len(claims)} claim(s); published {result['published']}.")
