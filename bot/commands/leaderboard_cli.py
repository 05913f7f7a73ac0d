"""`claimwatch leaderboard ...`: load snapshots and look at a board as of a date.

Thin adapters over store.leaderboards (ingest, load, filters); registered in
bot/cli.py as the `leaderboard` sub-command group.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer

from store.errors import ClaimwatchError

if TYPE_CHECKING:  # imported where used, so `claimwatch --help` stays fast
    from store.leaderboards.base import BoardSnapshot
    from store.leaderboards.filters import Listed
    from store.leaderboards.ingest import IngestReport, Progress
    from store.registry.base import RegistryLike

leaderboard_app = typer.Typer(
    help="Leaderboard snapshots: load them and show a board as of a date.",
    no_args_is_help=True,
)

_FormatOpt = Annotated[
    str | None,
    typer.Option("--format", help="Skip detection: lmarena-csv, arena-catalog-json, ..."),
]


def _parse_date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ClaimwatchError(f"{option}: not a date (YYYY-MM-DD): {value!r}") from None


@contextmanager
def _progress_bar(enabled: bool) -> Iterator[Progress | None]:
    """A rich progress bar fed by ingest_paths' (done, total, item) callback."""
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as RichProgress

    with RichProgress(
        TextColumn("[bold]loading"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        transient=True,
    ) as bar:
        task = bar.add_task("", total=None)

        def update(done: int, total: int, item: str) -> None:
            bar.update(task, completed=done, total=total, description=item.rsplit("/", 1)[-1])

        yield update


@leaderboard_app.command("ingest")
def ingest_cmd(
    items: Annotated[list[str], typer.Argument(help="Files, directories or http(s) URLs.")],
    fmt: _FormatOpt = None,
    date: Annotated[
        str | None,
        typer.Option(help="Snapshot date when the file name carries none (YYYY-MM-DD)."),
    ] = None,
    view: Annotated[
        str | None, typer.Option(help="raw or style_control (default: from the file name).")
    ] = None,
) -> None:
    """Load leaderboard snapshots; the format is detected from each file's content."""
    from bot.cli import open_store
    from store.leaderboards.ingest import expand, ingest_paths

    engine = open_store()
    hint = _parse_date(date, "--date")
    paths = expand(items)
    with _progress_bar(len(paths) > 3) as progress:
        report = ingest_paths(engine, paths, progress, format=fmt, date_hint=hint, view=view)
    typer.echo(report.summary())
    for error in report.errors:
        typer.echo(f"claimwatch: error: {error}", err=True)
    if report.errors:
        raise typer.Exit(2)


def load_registry() -> RegistryLike:
    """Engineer B's curated registry; a seam the tests replace."""
    from store.registry import load_registry as load

    return load()


def _row(item: Listed) -> dict[str, Any]:
    e, facts = item.entry, item.facts
    row: dict[str, Any] = {
        "rank": e.rank,
        "model": e.model,
        "score": e.score,
        "ci": [e.ci_lower, e.ci_upper] if e.ci_lower is not None else None,
        "votes": e.votes,
        "organisation": e.organisation,
        "licence": e.licence,
    }
    if facts is not None:
        row["canonical_organisation"] = facts.organisation
        row["country"] = facts.country
        row["open_weights"] = facts.open_weights
        row["licence_class"] = facts.licence_class
    return row


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}" if value >= 100 else f"{value:.2f}"


def _print_table(snap: BoardSnapshot, rows: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    title = f"{snap.board} {snap.date} (category {snap.category}, view {snap.view})"
    with_facts = any("country" in r for r in rows)
    columns = ["rank", "model", snap.metric, "95% CI", "votes", "organisation", "licence"]
    table = Table(*columns, *(["country", "open"] if with_facts else []), title=title)
    for r in rows:
        ci = r["ci"]
        cells = [
            str(r["rank"] if r["rank"] is not None else "-"),
            r["model"],
            _fmt(r["score"]),
            f"{_fmt(ci[0])}-{_fmt(ci[1])}" if ci else "-",
            str(r["votes"] if r["votes"] is not None else "-"),
            r["organisation"] or "-",
            r["licence"] or "-",
        ]
        if with_facts:
            open_ = r.get("open_weights")
            cells += [r.get("country") or "?", "?" if open_ is None else "yes" if open_ else "no"]
        table.add_row(*cells)
    Console(width=160).print(table)


@leaderboard_app.command("top")
def top_cmd(
    board: Annotated[str, typer.Option(help="Board slug.")] = "lmarena-text",
    date: Annotated[
        str | None, typer.Option(help="Use the newest snapshot on or before this date.")
    ] = None,
    category: Annotated[str, typer.Option(help="Category (arena-catalog data).")] = "full",
    view: Annotated[str, typer.Option(help="raw or style_control.")] = "raw",
    open_weights: Annotated[
        bool, typer.Option("--open-weights", help="Only models with released weights.")
    ] = False,
    country: Annotated[
        str | None, typer.Option(help="Only models from this country (ISO code, e.g. CN).")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="How many rows.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """The top of a board as of a date (the nearest snapshot on or before it)."""
    from bot.cli import open_store, print_json
    from store.leaderboards.load import latest_on_or_before

    day = _parse_date(date, "--date") or dt.date.today()
    engine = open_store()
    snap = latest_on_or_before(engine, board, day, category=category, view=view)
    if snap is None:
        raise ClaimwatchError(
            f"no {board} snapshot (category {category}, view {view}) on or before {day} "
            "(run `claimwatch init` or `claimwatch leaderboard ingest`)"
        )
    registry = load_registry() if open_weights or country else None
    from store.leaderboards.filters import select_entries

    listed = select_entries(
        snap.entries, registry, open_weights=open_weights, country=country, limit=limit
    )
    rows = [_row(item) for item in listed]
    if as_json:
        print_json(
            {
                "board": snap.board,
                "snapshot": snap.date.isoformat(),
                "requested": day.isoformat(),
                "category": snap.category,
                "view": snap.view,
                "metric": snap.metric,
                "entries": rows,
            }
        )
        return
    _print_table(snap, rows)


def summary_line(report: IngestReport) -> str:
    return f"leaderboards: {report.snapshots} snapshot(s) and {report.entries} entries loaded"
