"""Poll due feeds and store each new article exactly once.

    sync_sources         the feeds to poll (bot/active_feeds.py) -> Source rows
    lease_due            due (or forced) sources, leased (store/leases.py): never polled
                         twice; says which have articles stored already
    per source, concurrently (overall cap; one request at a time per host):
      fetch or read file -> parse -> key + decide (stored keys looked up, if any)
      -> full text -> schedule.transition decides next poll, backoff, disable or recovery
      -> store: articles + state, grouped with the other polls that finish before the
         next write (at most one every 0.1 s: group commit, bot/feeds/batch.py)

This module only wires the stages of bot/feeds together and owns the shared
httpx client when the caller gives none. `poll_due` is a coroutine, safe to call
from the service's event loop: parsing and database work run in threads.
New articles have `processed_at IS NULL`; those with `baseline=False` may alert.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import logging
import os
import random
import socket
from collections.abc import Callable, Collection, Coroutine, Iterator
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import httpx
from sqlalchemy.engine import Engine
from tenacity.wait import wait_base

from bot import net
from bot.config import Settings
from bot.feeds import persist
from bot.feeds.batch import PollWriter
from bot.feeds.decide import EntryPlan, Known, key_entries, plan_keyed
from bot.feeds.fetch import (
    Fetcher,
    FetchLimits,
    FetchResult,
    HttpFetcher,
    Resolver,
    system_resolver,
)
from bot.feeds.fulltext import fetch_full_text
from bot.feeds.parse import FeedError, ParsedFeed, parse_feed, parse_worker
from bot.feeds.schedule import Outcome, OutcomeKind, SourceState, transition
from bot.logs import event
from bot.net import user_agent
from bot.sources import Feed, SourcesFile
from bot.sources import Settings as FeedSettings
from store import polls
from store.errors import ClaimwatchError
from store.models import utcnow

log = logging.getLogger(__name__)
T = TypeVar("T")

FULL_TEXT_PER_POLL = 20  # article pages fetched per source per poll, at most
LEASE_CHUNK_PER_SLOT = 4  # sources leased at a time, per concurrent request allowed


@dataclass(frozen=True)
class SourceReport:
    name: str
    kind: OutcomeKind
    status: str
    error: str | None = None
    warning: str | None = None
    entries: int = 0
    new: int = 0
    updated: int = 0
    next_poll_at: datetime | None = None
    events: tuple[str, ...] = ()
    new_ids: tuple[int, ...] = ()
    updated_ids: tuple[int, ...] = ()

    def line(self) -> str:
        when = self.next_poll_at.strftime("%Y-%m-%d %H:%M") if self.next_poll_at else "-"
        text = f"{self.name:<28} {self.status:<18} new={self.new:<4} updated={self.updated:<4}"
        text += f" next={when}"
        if self.error:
            text += f"  {self.error}"
        for e in self.events:
            text += f"  [{e}]"
        return text


@dataclass
class PollReport:
    sources: list[SourceReport] = field(default_factory=list)

    @property
    def new_article_ids(self) -> list[int]:
        return [i for s in self.sources for i in s.new_ids]

    @property
    def updated_article_ids(self) -> list[int]:
        return [i for s in self.sources for i in s.updated_ids]

    @property
    def failed(self) -> list[SourceReport]:
        return [s for s in self.sources if s.kind == "failed"]

    def summary(self) -> str:
        count = {k: sum(1 for s in self.sources if s.kind == k) for k in ("ok", "failed")}
        same = len(self.sources) - count["ok"] - count["failed"]
        return (
            f"polled {len(self.sources)} sources: {count['ok']} fetched, {same} unchanged, "
            f"{count['failed']} failed; {len(self.new_article_ids)} new articles, "
            f"{len(self.updated_article_ids)} updated"
        )


def fetch_limits(feed_settings: FeedSettings) -> FetchLimits:
    return FetchLimits(allow_private_networks=feed_settings.allow_private_networks)


def make_client(
    feed_settings: FeedSettings, settings: Settings, *, resolver: Resolver = system_resolver
) -> httpx.AsyncClient:
    """The one client all polls share: keep-alive per host, connections pinned to the
    addresses `resolver` gave and the private-address check passed (bot/net.py)."""
    return net.guarded_client(
        user_agent=user_agent(feed_settings, settings),
        limits=fetch_limits(feed_settings),
        resolver=resolver,
        max_connections=feed_settings.max_concurrency * 2,  # full-text pages ride along
    )


def sync_sources(engine: Engine, config: SourcesFile) -> dict[str, int]:
    """Upsert Source rows from sources.yaml; returns name -> source id."""
    return polls.sync_sources(engine, config.feeds)


@dataclass
class _Run:
    """Everything one poll_due call shares between its sources."""

    engine: Engine
    fetcher: Fetcher
    feed_settings: FeedSettings
    clock: Callable[[], datetime]
    rng: random.Random
    db_pool: ThreadPoolExecutor
    parse_pool: Executor
    base_dir: Path | None
    writes: PollWriter = field(init=False)
    running: int = 0  # sources whose poll has started and not ended (stored or failed)

    def __post_init__(self) -> None:
        self.writes = PollWriter(
            lambda batch: self.db(persist.apply_polls, self.engine, batch),
            running=lambda: self.running,
        )

    async def db(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.db_pool, lambda: fn(*args, **kwargs))

    @contextlib.contextmanager
    def under_way(self) -> Iterator[None]:
        """Count a source's poll while it runs: when every poll under way waits for the
        writer, no other can join its next batch, which then need not wait."""
        self.running += 1
        try:
            yield
        finally:
            self.running -= 1
            self.writes.poke()


def _resolve_path(path: Path, base_dir: Path | None) -> Path:
    if path.is_absolute() or path.exists() or base_dir is None:
        return path
    return base_dir / path


def read_local(path: Path, state: SourceState, limit: int) -> tuple[Outcome, bytes | None]:
    """A `path:` source: mtime first, then a content hash, so an unchanged file is not parsed."""
    try:
        stat = path.stat()
        mtime = str(stat.st_mtime_ns)
        if state.etag and state.etag.startswith("sha256:") and state.last_modified == mtime:
            return Outcome("unchanged", "unchanged"), None
        if stat.st_size > limit:
            return Outcome(
                "failed", "too_large", f"too large: {stat.st_size} > {limit} bytes"
            ), None
        body = path.read_bytes()
    except OSError as exc:
        return Outcome("failed", "file_error", f"cannot read {path}: {exc.strerror or exc}"), None
    digest = "sha256:" + hashlib.sha256(body).hexdigest()
    if digest == state.etag:
        return Outcome("unchanged", "unchanged", etag=digest, last_modified=mtime), None
    return Outcome("ok", "ok", etag=digest, last_modified=mtime), body


def _outcome(result: FetchResult) -> Outcome:
    return Outcome(
        kind=result.kind,
        status=result.status,
        error=result.error,
        etag=result.etag,
        last_modified=result.last_modified,
        retry_after=result.retry_after,
        max_age=result.max_age,
    )


async def _fetch(run: _Run, feed: Feed, state: SourceState) -> tuple[Outcome, bytes | None]:
    if feed.path is not None:
        path = _resolve_path(feed.path, run.base_dir)
        return await asyncio.to_thread(
            read_local, path, state, fetch_limits(run.feed_settings).max_bytes
        )
    assert feed.url is not None
    result = await run.fetcher.fetch(feed.url, etag=state.etag, last_modified=state.last_modified)
    return _outcome(result), (result.body if result.kind == "ok" else None)


async def _full_texts(run: _Run, feed: Feed, plan: EntryPlan) -> dict[str, str]:
    """Article pages of the entries that may alert (baseline ones never do)."""
    wanted = [n.item for n in plan.new if not n.baseline] + [c.item for c in plan.changed]
    wanted = [i for i in wanted if i.entry.link][:FULL_TEXT_PER_POLL]
    texts = await asyncio.gather(
        *(fetch_full_text(run.fetcher, i.entry.link or "") for i in wanted)
    )
    return {i.key: t for i, t in zip(wanted, texts, strict=True) if t}


async def _poll(run: _Run, feed: Feed, due: persist.DueSource) -> SourceReport:
    state = due.state
    outcome, body = await _fetch(run, feed, state)
    parsed: ParsedFeed | None = None
    if body is not None:
        try:
            loop = asyncio.get_running_loop()
            # parse_feed itself, not a wrapper here: the parse child then imports only
            # bot.feeds.parse (feedparser), not this module's database and HTTP stack
            job = functools.partial(parse_feed, body, base_url=feed.url)
            parsed = await loop.run_in_executor(run.parse_pool, job)
        except FeedError as exc:
            outcome = Outcome("failed", exc.kind, str(exc))
    if parsed is not None and parsed.ttl_seconds:
        outcome = Outcome(**{**outcome.__dict__, "ttl": timedelta(seconds=parsed.ttl_seconds)})
    now = run.clock()
    trans = transition(
        state,
        outcome,
        now=now,
        interval=timedelta(seconds=feed.interval),
        max_failures=run.feed_settings.max_failures,
        u=run.rng.random(),
    )
    plan: EntryPlan | None = None
    texts: dict[str, str] = {}
    if parsed is not None:
        keyed, policy, repeated = key_entries(parsed.entries)
        known: dict[str, Known] = {}
        if due.has_articles:  # a first poll has nothing stored to compare with
            known = await run.db(persist.load_known, run.engine, due.id, [k.key for k in keyed])
        plan = plan_keyed(
            keyed,
            known,
            policy=policy,
            repeated=repeated,
            backlog_is_baseline=feed.baseline and not state.baseline_done,
            max_age_days=feed.max_age_days,
            now=now,
        )
        if policy.reason:
            event(log, "poll.shared_guid", logging.WARNING, source=feed.name, policy=policy.reason)
        if parsed.warning:
            event(log, "poll.bozo_feed", logging.WARNING, source=feed.name, warning=parsed.warning)
        if feed.full_text:
            texts = await _full_texts(run, feed, plan)
    baseline_done = True if parsed is not None else None
    state_only = plan is None or not (plan.new or plan.changed)
    applied = persist.Applied([], [])
    if not state_only:
        update = persist.PollUpdate(due.id, trans, now, baseline_done, plan, texts)
        applied = await run.writes.store(update)
    for name in trans.events:
        level = logging.WARNING if name == "disabled" else logging.INFO
        event(
            log,
            f"source.{name}",
            level,
            source=feed.name,
            reason=trans.state.disabled_reason or trans.last_error,
        )
    report = SourceReport(
        name=feed.name,
        kind=outcome.kind,
        status=trans.last_status,
        error=trans.last_error,
        warning=parsed.warning if parsed else None,
        entries=len(parsed.entries) if parsed else 0,
        new=len(applied.new_ids),
        updated=len(applied.updated_ids),
        next_poll_at=trans.next_poll_at,
        events=trans.events,
        new_ids=tuple(applied.new_ids),
        updated_ids=tuple(applied.updated_ids),
    )
    level = logging.WARNING if outcome.kind == "failed" else logging.DEBUG
    event(
        log,
        "poll.source",
        level,
        source=feed.name,
        status=report.status,
        new=report.new,
        updated=report.updated,
        error=report.error,
    )
    if state_only:  # last, so nothing after it can fail and store a second state
        run.writes.add(persist.PollUpdate(due.id, trans, now, baseline_done))
    return report


async def _poll_guarded(
    run: _Run, feed: Feed, due: persist.DueSource, sem: asyncio.Semaphore
) -> SourceReport:
    """One source, in one of the `sem` slots, counted in `run.running` until it ends."""
    with run.under_way():
        async with sem:
            return await _poll_or_fail(run, feed, due)


async def _poll_or_fail(run: _Run, feed: Feed, due: persist.DueSource) -> SourceReport:
    """One source; whatever goes wrong is stored as that source's state, never raised."""
    try:
        return await _poll(run, feed, due)
    except Exception as exc:
        log.exception("poll of %s failed unexpectedly", feed.name)
        outcome = Outcome(
            "failed", "internal_error", f"internal error: {type(exc).__name__}: {exc}"
        )
        trans = transition(
            due.state,
            outcome,
            now=run.clock(),
            interval=timedelta(seconds=feed.interval),
            max_failures=run.feed_settings.max_failures,
            u=run.rng.random(),
        )
        try:
            await run.db(persist.apply_poll, run.engine, due.id, trans, now=run.clock())
        except Exception:
            log.exception("could not store the state of %s", feed.name)
        return SourceReport(
            name=feed.name,
            kind="failed",
            status="internal_error",
            error=outcome.error,
            next_poll_at=trans.next_poll_at,
            events=trans.events,
        )


def _selected(config: SourcesFile, only: str | Collection[str] | None) -> list[Feed]:
    if only is None:
        return [f for f in config.feeds if f.enabled]
    names = {only} if isinstance(only, str) else set(only)
    known = {f.name for f in config.feeds}
    missing = sorted(names - known)
    if missing:
        raise ClaimwatchError(f"no feed named {missing[0]!r} in sources.yaml")
    return [f for f in config.feeds if f.name in names]


async def poll_due(
    engine: Engine,
    config: SourcesFile,
    settings: Settings,
    *,
    client: httpx.AsyncClient | None = None,
    now: datetime | None = None,
    only: str | Collection[str] | None = None,
    force: bool = False,
    fetcher: Fetcher | None = None,
    resolver: Resolver = system_resolver,
    retry_wait: wait_base | None = None,
    rng: random.Random | None = None,
    base_dir: Path | None = None,
    owner: str | None = None,
    parse_processes: bool = False,
) -> PollReport:
    """Poll every enabled source that is due (or those named in `only`, due or not).

    `now` fixes the clock (tests); `client` is the shared httpx client (one is made
    and closed here when omitted); `fetcher`, `resolver` and `retry_wait` replace the
    network, DNS and tenacity's waits in tests. `parse_processes` parses in the
    process's long-lived parse child instead of a thread here. Returns one report per
    source polled.
    """
    clock: Callable[[], datetime] = (lambda: now) if now is not None else utcnow
    feeds = {f.name: f for f in _selected(config, only)}
    owner = owner or settings.instance_id or f"{socket.gethostname()}:{os.getpid()}"
    own_client = client is None and fetcher is None
    if fetcher is None:
        client = client or make_client(config.settings, settings, resolver=resolver)
        fetcher = HttpFetcher(
            client, fetch_limits(config.settings), resolver=resolver, wait=retry_wait, clock=clock
        )
    # One thread for the database (SQLite: one writer) and one for parsing: feedparser is
    # CPU-bound pure Python, so more parse threads only fight over the GIL and starve
    # the event loop and the database thread (measured: 3x slower with 20).
    db_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="poller-db")
    # Parsing stays in this process unless asked otherwise: on a busy machine the
    # process's parse child was slower, and it always costs 40 MB more (bot/feeds/parse.py).
    parse_pool: Executor
    if parse_processes:
        parse_pool = parse_worker()
    else:
        parse_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="poller-parse")
    run = _Run(
        engine,
        fetcher,
        config.settings,
        clock,
        rng or random.Random(),
        db_pool,
        parse_pool,
        base_dir,
    )
    try:
        await run.db(polls.sync_sources, engine, list(feeds.values()))
        forced = force or only is not None
        # Lease a chunk at a time, so instances sharing a database share a big poll
        # (one instance taking all 1,000 due sources left the other idle).
        chunk = None if forced else LEASE_CHUNK_PER_SLOT * config.settings.max_concurrency
        sem = asyncio.Semaphore(config.settings.max_concurrency)
        reports: list[SourceReport] = []
        waiting = list(feeds)
        while waiting:
            due = await run.db(
                persist.lease_due,
                engine,
                waiting,
                now=clock(),
                owner=owner,
                force=forced,
                limit=chunk,
            )
            if not due:
                break
            tasks: list[Coroutine[Any, Any, SourceReport]] = [
                _poll_guarded(run, feeds[d.name], d, sem) for d in due
            ]
            reports += await asyncio.gather(*tasks)
            taken = {d.name for d in due}
            waiting = [] if chunk is None else [n for n in waiting if n not in taken]
    finally:
        try:
            await run.writes.flush()
        finally:
            db_pool.shutdown(wait=True)
        if not parse_processes:  # the parse child outlives the poll
            parse_pool.shutdown(wait=True)
        if own_client and client is not None:
            await client.aclose()
    order = {name: i for i, name in enumerate(feeds)}
    return PollReport(sorted(reports, key=lambda r: order[r.name]))
