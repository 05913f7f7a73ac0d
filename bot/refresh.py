"""Leaderboard refresh for the service: due `leaderboards:` URLs -> guarded fetch -> ingest.

    due board (leased: one instance takes it) -> bot/net.py fetch (address policy, redirects
    checked, size caps, overall deadline) -> bytes -> store ingest (one transaction)

The fetch runs on the event loop and is cancelled the moment shutdown is asked for,
so a server dripping one byte a second cannot hold the service; a board interrupted
that way is due again at the next start. store/ only ever sees bytes.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from sqlalchemy.engine import Engine

from bot import metrics, net
from bot.config import Settings
from bot.feeds.fetch import FetchResult
from bot.logs import event
from bot.sources import LeaderboardSource, SourcesFile
from store import leases
from store.leaderboards.ingest import IngestReport, ingest_paths

log = logging.getLogger(__name__)

BoardFetch = Callable[[str], Awaitable[FetchResult]]


def default_board_fetch(config: SourcesFile, settings: Settings) -> BoardFetch:
    from dataclasses import replace

    limits = replace(
        net.LEADERBOARD_LIMITS, allow_private_networks=config.settings.allow_private_networks
    )
    agent = net.user_agent(config.settings, settings)

    async def fetch(url: str) -> FetchResult:
        return await net.fetch_url(url, user_agent=agent, limits=limits)

    return fetch


async def _unless_stopped(fetch: Awaitable[FetchResult], stop: asyncio.Event) -> FetchResult | None:
    task = asyncio.ensure_future(fetch)
    stopped = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait({task, stopped}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopped.cancel()
    if task.done():
        return task.result()
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    return None


async def refresh_one(
    engine: Engine,
    source: LeaderboardSource,
    fetch: BoardFetch,
    *,
    now: datetime,
    stop: asyncio.Event,
) -> IngestReport | None:
    """Fetch and ingest one due board; None when shutdown interrupted the fetch."""
    result = await _unless_stopped(fetch(source.url), stop)
    if result is None:
        # not fetched: due again at the next start rather than a whole interval later
        await asyncio.to_thread(
            leases.record_board_refresh, engine, source.board, None, "interrupted by shutdown"
        )
        return None
    if result.kind != "ok":
        return IngestReport(
            files=1, errors=[f"{source.url}: cannot fetch: {result.error or result.status}"]
        )
    body = result.body
    return await asyncio.to_thread(
        ingest_paths,
        engine,
        [source.url],
        fetch=lambda _url: body,
        format=source.format,
        today=now.date,
    )


async def refresh_leaderboards(
    engine: Engine,
    config: SourcesFile,
    fetch: BoardFetch,
    *,
    now: datetime,
    owner: str,
    stop: asyncio.Event | None = None,
) -> int:
    """Fetch the due leaderboard URLs; returns the number of new snapshots.

    Each due board is leased first (store/leases.py), so of several instances one
    fetches it."""
    stop = stop or asyncio.Event()
    new = 0
    for source in config.leaderboards:
        if stop.is_set():
            break
        interval = timedelta(seconds=source.interval)
        taken = await asyncio.to_thread(
            leases.take_board, engine, source.board, interval=interval, owner=owner, now=now
        )
        if not taken:
            continue
        report = await refresh_one(engine, source, fetch, now=now, stop=stop)
        if report is None:
            event(log, "leaderboard.refresh_interrupted", logging.WARNING, source=source.name)
            break
        error = "; ".join(report.errors) or None
        if error:
            metrics.FAILURES.labels("leaderboard").inc()
            event(
                log, "leaderboard.refresh_failed", logging.WARNING, source=source.name, error=error
            )
        new += report.snapshots
        event(log, "leaderboard.refreshed", source=source.name, snapshots=report.snapshots)
        await asyncio.to_thread(leases.record_board_refresh, engine, source.board, now, error)
    return new
