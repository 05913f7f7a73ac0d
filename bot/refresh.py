"""Leaderboard refresh for the service: due `leaderboards:` URLs -> guarded fetch -> ingest.

    due board (one instance takes it) -> bot/net.py fetch (address policy, redirects
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
from sqlmodel import Session, select

from bot import metrics, net
from bot.config import Settings
from bot.feeds.fetch import FetchResult
from bot.logs import event
from bot.sources import LeaderboardSource, SourcesFile
from store.leaderboards.ingest import IngestReport, ingest_paths
from store.models import Leaderboard

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


def take_refresh(engine: Engine, slug: str, interval: timedelta, now: datetime) -> bool:
    """Whether this instance fetches board `slug` now; stamps it so others skip it.

    On Postgres the board row is locked with SKIP LOCKED while the stamp is written, so
    of several instances exactly one fetches a due board. A board never ingested has
    no row yet: the first refresh may then be fetched twice, which ingest absorbs
    (same content hash: unchanged).
    """
    with Session(engine) as session, session.begin():
        exists = session.exec(select(Leaderboard.id).where(Leaderboard.slug == slug)).first()
        if exists is None:
            return True
        pick = select(Leaderboard).where(Leaderboard.slug == slug)
        if engine.dialect.name == "postgresql":
            pick = pick.with_for_update(skip_locked=True)
        board = session.exec(pick).first()
        if board is None:  # another instance is deciding about it right now
            return False
        if board.last_refreshed_at is not None and board.last_refreshed_at + interval > now:
            return False
        board.last_refreshed_at = now
        session.add(board)
    return True


def record_refresh(engine: Engine, slug: str, when: datetime | None, error: str | None) -> None:
    """Stamp a board with its last refresh and its error (None when it went well)."""
    with Session(engine) as session, session.begin():
        board = session.exec(select(Leaderboard).where(Leaderboard.slug == slug)).first()
        if board is not None:
            board.last_refreshed_at = when
            board.last_error = error
            session.add(board)


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
            record_refresh, engine, source.board, None, "interrupted by shutdown"
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
    stop: asyncio.Event | None = None,
) -> int:
    """Fetch the due leaderboard URLs; returns the number of new snapshots."""
    stop = stop or asyncio.Event()
    new = 0
    for source in config.leaderboards:
        if stop.is_set():
            break
        interval = timedelta(seconds=source.interval)
        if not await asyncio.to_thread(take_refresh, engine, source.board, interval, now):
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
        await asyncio.to_thread(record_refresh, engine, source.board, now, error)
    return new
