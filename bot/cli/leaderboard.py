"""`claimwatch leaderboard ...`: load snapshots and look at a board as of a date.

Thin adapters over store.leaderboards (ingest, load, filters); registered in
bot/cli.py as the `leaderboard` sub-command group.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
from rich.progress import Progress as RichProgress
from rich.table import Table
from rich.text import Text

from bot.boards import age_note, board_catalog, newest, require_slice, staleness_warning
from bot.cli.common import SourcesOpt, open_store, print_json, settings
from bot.cli.sources_yaml import sources_file
from bot.net import leaderboard_fetcher
from bot.refresh import default_board_fetch, refresh_one
from bot.sources import Settings as FeedSettings
from bot.sources import load_sources
from store.errors import ClaimwatchError
from store.leaderboards.base import BoardSnapshot
from store.leaderboards.filters import Listed, select_entries
from store.leaderboards.ingest import IngestReport, Progress, expand, ingest_paths
from store.leaderboards.load import latest_on_or_before
from store.leases import record_board_refresh
from store.models import utcnow
from store.rechecks import mark_for_recheck
from store.registry import load_registry as load
from store.registry.base import RegistryLike

leaderboard_app = typer.Typer(
    help="Leaderboard snapshots: load them and show a board as of a date.",
    no_args_is_help=True,
    add_completion=False,
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

    with RichProgress(
        TextColumn("[bold]loading"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}", markup=False),
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

    engine = open_store()
    fetch = leaderboard_fetcher(settings(), _feed_settings())
    hint = _parse_date(date, "--date")
    paths = expand(items)
    with _progress_bar(len(paths) > 3) as progress:
        report = ingest_paths(
            engine, paths, progress, fetch=fetch, format=fmt, date_hint=hint, view=view
        )
    typer.echo(report.summary())
    for error in report.errors:
        typer.echo(f"claimwatch: error: {error}", err=True)
    if report.errors:
        raise typer.Exit(2)


def load_registry() -> RegistryLike:
    """The curated registry; a seam the tests replace."""

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


def _print_table(
    snap: BoardSnapshot, rows: list[dict[str, Any]], today: dt.date, warning: str | None
) -> None:
    title = (
        f"{snap.board} · category {snap.category} · view {snap.view} · {age_note(snap.date, today)}"
    )
    with_facts = any(r.get("country") or r.get("open_weights") is not None for r in rows)
    columns = ["rank", "model", snap.metric, "95% CI", "votes", "organisation", "licence"]
    table = Table(*columns, *(["country", "open"] if with_facts else []), title=title)
    for r in rows:
        ci = r["ci"]
        cells: list[Any] = [
            str(r["rank"] if r["rank"] is not None else "-"),
            Text(r["model"]),  # a board's text is never read as markup
            _fmt(r["score"]),
            f"{_fmt(ci[0])}-{_fmt(ci[1])}" if ci else "-",
            str(r["votes"] if r["votes"] is not None else "-"),
            r["organisation"] or r.get("canonical_organisation") or "-",
            r["licence"] or (r.get("licence_class") or "-").replace("_", " "),
        ]
        if with_facts:
            open_ = r.get("open_weights")
            cells += [r.get("country") or "?", "?" if open_ is None else "yes" if open_ else "no"]
        table.add_row(*cells)
    console = Console(width=160)
    if warning:
        console.print(Text(warning), soft_wrap=True)
    console.print(table)


@leaderboard_app.command("top")
def top_cmd(
    board: Annotated[str, typer.Option(help="Board slug.")] = "lmarena-text",
    date: Annotated[
        str | None, typer.Option(help="Use the newest snapshot on or before this date.")
    ] = None,
    category: Annotated[
        str, typer.Option(help="Category (arena-catalog data; `leaderboard boards` lists them).")
    ] = "full",
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

    today = dt.date.today()
    day = _parse_date(date, "--date") or today
    registry = load_registry()
    code = _country(registry, country)
    engine = open_store()
    catalog = board_catalog(engine)
    require_slice(catalog, board, category, view)
    snap = latest_on_or_before(engine, board, day, category=category, view=view)
    if snap is None:
        first = min(
            s.first for s in catalog if (s.board, s.category, s.view) == (board, category, view)
        )
        raise ClaimwatchError(
            f"no {board} snapshot (category {category}, view {view}) on or before {day}: "
            f"its data starts {first}"
        )

    listed = select_entries(
        snap.entries, registry, open_weights=open_weights, country=code, limit=limit
    )
    rows = [_row(item) for item in listed]
    # the staleness limit of sources.yaml's settings when there is one, else the default
    warning = None
    if date is None:
        warning = staleness_warning(newest(catalog, board), today, _staleness_days(), board)
    if as_json:
        print_json(
            {
                "board": snap.board,
                "snapshot": snap.date.isoformat(),
                "requested": day.isoformat(),
                "category": snap.category,
                "view": snap.view,
                "metric": snap.metric,
                "snapshot_age_days": (today - snap.date).days,
                **({"warning": warning} if warning else {}),
                "entries": rows,
            }
        )
        return
    _print_table(snap, rows, today, warning)
    if not rows:
        typer.echo(
            f"no model on this snapshot matches (open weights: {open_weights}, country: {code})"
        )


def _country(registry: RegistryLike, value: str | None) -> str | None:
    """An ISO code or a country name the registry knows ("CN", "Chinese"), else an error."""
    if value is None or not value.strip():
        return None
    code = registry.country(value) if hasattr(registry, "country") else value.strip().upper()
    if code is None:
        known = sorted(set(getattr(registry, "country_names", {}).values()))
        raise ClaimwatchError(f"unknown country {value!r}: use one of {', '.join(known)}")
    return str(code)


def _staleness_days() -> int:
    try:
        return load_sources(settings().sources_file).settings.staleness_days
    except ClaimwatchError:
        return 45  # no sources.yaml here: the judge's default limit


@leaderboard_app.command("boards")
def boards_cmd(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Every board, category and view in the database, with its date range."""

    catalog = board_catalog(open_store())
    if not catalog:
        raise ClaimwatchError("no leaderboard snapshots in the database: run `claimwatch init`")
    if as_json:
        print_json(
            [
                {
                    "board": s.board,
                    "category": s.category,
                    "view": s.view,
                    "first": s.first.isoformat(),
                    "last": s.last.isoformat(),
                    "snapshots": s.snapshots,
                }
                for s in catalog
            ]
        )
        return

    today = dt.date.today()
    table = Table("board", "category", "view", "first", "last", "snapshots", "age")
    for s in catalog:
        table.add_row(
            Text(s.board),
            Text(s.category),
            Text(s.view),
            s.first.isoformat(),
            s.last.isoformat(),
            str(s.snapshots),
            f"{(today - s.last).days} days",
        )
    Console(width=120).print(table)


@leaderboard_app.command("refresh")
def refresh_cmd(
    sources: SourcesOpt = None,
) -> None:
    """Fetch every board under `leaderboards:` in sources.yaml now (whatever its interval)."""

    config = sources_file(sources)
    if not config.leaderboards:
        raise ClaimwatchError(
            "sources.yaml lists no leaderboards to refresh: add them under `leaderboards:`"
        )
    engine = open_store()
    now = utcnow()
    new = failed = 0
    # the same guarded fetch as the service: address policy, size caps, deadlines
    fetch = default_board_fetch(config, settings())
    for source in config.leaderboards:
        got = asyncio.run(refresh_one(engine, source, fetch, now=now, stop=asyncio.Event()))
        assert got is not None  # only a shutdown interrupts a fetch, and none is asked for
        report = got
        record_board_refresh(engine, source.board, now, "; ".join(report.errors) or None)
        new += report.snapshots
        if report.errors:
            failed += 1
            typer.echo(f"{source.name}: failed: {'; '.join(report.errors)}")
        else:
            typer.echo(
                f"{source.name}: {report.snapshots} new snapshot(s), {report.entries} entries"
            )
    if new:
        mark_for_recheck(engine, now)  # stored claims are re-checked by the next pass
    typer.echo(
        f"refreshed {len(config.leaderboards)} leaderboard(s): {new} new snapshot(s)"
        + (f", {failed} failed" if failed else "")
        + ("; stored claims will be re-checked by the next `claimwatch run`" if new else "")
    )
    if failed:
        raise typer.Exit(1)


def summary_line(report: IngestReport) -> str:
    return f"leaderboards: {report.snapshots} snapshot(s) and {report.entries} entries loaded"


def _feed_settings() -> FeedSettings:
    """sources.yaml's address policy when that file is readable, else the strict default."""
    try:
        return load_sources(settings().sources_file).settings
    except ClaimwatchError:
        return FeedSettings()
