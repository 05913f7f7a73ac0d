"""The `claimwatch` Typer app. Each command is a thin adapter over bot/ and store/."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from bot import __version__
from bot.cli.check import check as check_command
from bot.cli.claims import claim as claim_command
from bot.cli.claims import claims as claims_command
from bot.cli.claims import why as why_command
from bot.cli.common import (
    FriendlyGroup,
    JsonOpt,
    SourcesOpt,
    open_store,
    print_json,
    settings,
    sources_file,
)
from bot.cli.demo import demo as demo_command
from bot.cli.destinations import destinations_list, destinations_reset, sources_reset
from bot.cli.digest import digest as digest_command
from bot.cli.leaderboard import leaderboard_app
from bot.cli.sources import poll_command, sources_check

# The command modules import only typer at load time; SQLAlchemy, pydantic-settings and
# the rest load inside the commands that use them, so `--help` and `--version` stay
# fast (tests/foundation/test_cli_imports.py, benchmarks/cli_startup.py).

app = typer.Typer(
    cls=FriendlyGroup,
    help="Watch AI news for claims about model rankings and check them against leaderboards.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
sources_app = typer.Typer(cls=FriendlyGroup, help="sources.yaml and each source's state.")
app.add_typer(sources_app, name="sources")
app.add_typer(leaderboard_app, name="leaderboard")
app.command("poll")(poll_command)
app.command("digest")(digest_command)
app.command("check")(check_command)
app.command("claims")(claims_command)
app.command("claim")(claim_command)
app.command("why")(why_command)
app.command("demo")(demo_command)
sources_app.command("check")(sources_check)
sources_app.command("reset")(sources_reset)
destinations_app = typer.Typer(cls=FriendlyGroup, help="Alert destinations: state and repair.")
app.add_typer(destinations_app, name="destinations")
destinations_app.command("list")(destinations_list)
destinations_app.command("reset")(destinations_reset)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimwatch {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    pass


@app.command()
def init() -> None:
    """Create or upgrade the database and load the bundled leaderboard snapshots."""
    from store import db

    engine = open_store(create=True)
    db.upgrade(engine)
    typer.echo(f"database ready at {db.masked(str(engine.url))} (revision {db.head_revision()})")
    from bot.cli.leaderboard import summary_line
    from bot.progress import progress_bar
    from store.leaderboards.ingest import ingest_bundled

    with progress_bar("loading leaderboards") as update:  # drawn only on a terminal
        report = ingest_bundled(engine, update)
    typer.echo(summary_line(report))


@app.command()
def run(
    once: Annotated[
        bool, typer.Option("--once", help="Do one pass of everything and exit.")
    ] = False,
    sources: SourcesOpt = None,
) -> None:
    """The service: poll, extract, check, alert, refresh leaderboards, send digests."""
    from bot import pipeline

    config = sources_file(sources)
    engine = open_store()
    if once:
        from bot.boards import stale_note
        from store.models import utcnow

        report = pipeline.run_once(engine, config, settings())
        stale = stale_note(engine, utcnow().date(), config.settings.staleness_days)
        report.warnings.extend([stale] if stale else [])
        typer.echo(report.summary())
        # 0 all fine, 1 a source or a step failed (2, a usage or config error, is raised
        # before this point)
        raise typer.Exit(report.exit_code)
    else:
        pipeline.serve(engine, config, settings())


@sources_app.command("list")
def sources_list(sources: SourcesOpt = None, as_json: JsonOpt = False) -> None:
    """Each feed (sources.yaml and /sources add) and each alert destination, with its state."""
    from bot.active_feeds import with_active_feeds
    from store.queries import destination_states, source_states

    engine = open_store()
    config = with_active_feeds(engine, sources_file(sources))
    states = {r["name"]: r for r in source_states(engine, [f.name for f in config.feeds])}
    feeds: list[dict[str, Any]] = [
        {"name": feed.name, "location": feed.location, "enabled": feed.enabled}
        | {k: v for k, v in states.get(feed.name, {}).items() if k != "name"}
        for feed in config.feeds
    ]
    known = destination_states(engine)
    destinations = [
        {"name": d.name, "kind": d.kind}
        | known.get(d.name, {"status": "ok", "broken_reason": None})
        for d in config.destinations
    ]
    if as_json:
        print_json({"feeds": feeds, "destinations": destinations})
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # names, locations and errors come from files and servers: plain text, never markup
    table = Table("name", "location", "status", "failures", "last poll", "next poll", "entries")
    for row in feeds:
        status = row.get("disabled_reason") and f"disabled: {row['disabled_reason']}"
        table.add_row(
            Text(row["name"]),
            Text(row["location"]),
            Text(status or row.get("last_status") or "never polled"),
            str(row.get("consecutive_failures", 0)),
            str(row.get("last_polled_at") or "-"),
            str(row.get("next_poll_at") or "-"),
            str(row.get("entries_stored", 0)),
        )
    console = Console()
    console.print(table)
    dest_table = Table("destination", "kind", "status")
    for d in destinations:
        reason = f": {d['broken_reason']}" if d.get("broken_reason") else ""
        dest_table.add_row(Text(d["name"]), d["kind"], Text(f"{d['status']}{reason}"))
    console.print(dest_table)


def main() -> None:
    app()
