"""`claimwatch init` and `claimwatch run`: the database brought up to date, and the service."""

from __future__ import annotations

import gc
from typing import Annotated

import typer

from bot import pipeline
from bot.boards import stale_note
from bot.cli.common import SourcesOpt, open_store, settings
from bot.cli.leaderboard import summary_line
from bot.cli.sources_yaml import sources_file
from bot.progress import progress_bar
from store import db
from store.leaderboards.ingest import ingest_bundled
from store.models import utcnow

GC_THRESHOLD = 10_000  # allocations between young-generation collections in `run`


def init() -> None:
    """Create or upgrade the database and load the bundled leaderboard snapshots."""
    engine = open_store(create=True)
    db.upgrade(engine)
    typer.echo(f"database ready at {db.masked(str(engine.url))} (revision {db.head_revision()})")
    with progress_bar("loading leaderboards") as update:  # drawn only on a terminal
        report = ingest_bundled(engine, update)
    typer.echo(summary_line(report))


def run(
    once: Annotated[
        bool, typer.Option("--once", help="Do one pass of everything and exit.")
    ] = False,
    sources: SourcesOpt = None,
) -> None:
    """The service: poll, extract, check, alert, refresh leaderboards, send digests."""
    # A pass makes objects in bursts that die young (a feed's entries, a batch's rows):
    # at the default threshold (700) the collector ran some 2,000 times in a benchmark
    # pass, walking the judge's and the gazetteer's long-lived objects in its full
    # collections, for 3% of the pass's CPU; at 10,000 it runs a few dozen times.
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    config = sources_file(sources)
    engine = open_store()
    if once:
        report = pipeline.run_once(engine, config, settings())
        stale = stale_note(engine, utcnow().date(), config.settings.staleness_days)
        report.warnings.extend([stale] if stale else [])
        typer.echo(report.summary())
        # 0 all fine, 1 a source or a step failed (2, a usage or config error, is raised
        # before this point)
        raise typer.Exit(report.exit_code)
    else:
        # discord.py (and aiohttp with it) only for the long-running service, whose bot
        # it runs: `run --once` never starts it, and two instances each paid 0.15 s
        from bot.discord.service import run_bot

        pipeline.serve(engine, config, settings(), discord=run_bot)
