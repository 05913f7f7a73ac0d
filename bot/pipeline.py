"""One pass of the claimwatch pipeline, and the long-running service.

    sources.yaml -> poll due sources -> new Article rows (deduped)
                 -> gate -> extract ClaimDrafts (quote found verbatim in the article)
                 -> resolve models/groups -> judge against snapshots as of the claim's date
                 -> Claim (deduped across articles) + Appearance + Verdict rows
                 -> Alert rows in an outbox -> Discord (bot channel or webhook), each exactly once
    leaderboard refresh -> new Snapshot -> re-check open claims -> changed verdicts -> alerts
    weekly -> Digest row for the ISO week -> email, once

Each stage is another module, and this one only sequences them: poll (bot/poller.py),
source notices (bot/alerts/notices.py), leaderboard refresh (bot/refresh.py), re-checks
and articles (bot/processing.py), alerts (bot/alerts/dispatcher.py), the digest
(bot/digest/deliver.py). The poll runs beside the refresh and the re-checks, then beside
the articles step, which checks articles as soon as their source is stored. It opens
no transaction: every lease and state write is the store's (store/leases.py,
store/articles.py, store/rechecks.py), so instances on one Postgres share the work.
Each step's failure is counted and the next step still runs.

Shutdown (SIGTERM/SIGINT) sets `stop`: a poll or leaderboard fetch in flight is
cancelled (sources already fetched are stored whole, one transaction each; the others'
leases are given back), the other steps stop between units of work (an article, a batch
of re-checks, an alert), and `bounded_pass` cancels whatever is still running after
SHUTDOWN_GRACE_S, so the process is gone within SHUTDOWN_BOUND_S whatever downstream
does (tests/faults/test_shutdown_bound.py). Whatever is not done stays pending.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import threading
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from sqlalchemy.engine import Engine

from bot import metrics, progress
from bot.active_feeds import with_active_feeds
from bot.alerts.dispatcher import dispatch_pending
from bot.alerts.notices import enqueue_source_notices
from bot.config import Settings
from bot.digest.deliver import send_due_digest
from bot.instance import exclusive_on_sqlite
from bot.logs import event
from bot.poller import PollReport, poll_due
from bot.processing import process_pending, recheck_claims
from bot.refresh import default_board_fetch, refresh_leaderboards
from bot.runtime import Runtime, make_runtime
from bot.sources import SourcesFile
from store import leases, rechecks
from store.models import Source, utcnow

__all__ = ["PassReport", "Runtime", "make_runtime", "run_once", "run_pass", "serve"]

log = logging.getLogger(__name__)
T = TypeVar("T")


class BotRunner(Protocol):
    """Runs the Discord bot until `stop` (bot/discord/service.py's `run_bot`)."""

    def __call__(
        self, engine: Engine, config: SourcesFile, settings: Settings, *, stop: asyncio.Event
    ) -> Coroutine[Any, Any, None]: ...


PASS_EVERY_S = 60.0
DISPATCH_WHILE_PROCESSING_S = 2.0
# After SIGTERM the step in flight gets SHUTDOWN_GRACE_S to wind down on its own, then
# it is cancelled; the process is gone within SHUTDOWN_BOUND_S whatever a feed, a
# webhook, the SMTP server, a leaderboard host or the LLM server does (README, Shutdown).
SHUTDOWN_BOUND_S = 10.0
SHUTDOWN_GRACE_S = 6.0


@dataclass
class PassReport:
    sources: int = 0
    articles: int = 0
    processed: int = 0
    claims: int = 0
    rechecked: int = 0
    changes: int = 0
    alerts: int = 0
    failures: list[str] = field(default_factory=list)
    failed_polls: list[str] = field(default_factory=list)  # "name (status)" per failed poll
    disabled: list[str] = field(default_factory=list)  # sources disabled by this pass
    warnings: list[str] = field(default_factory=list)  # e.g. stale leaderboard data
    interrupted: bool = False  # stopped by SIGTERM/SIGINT; the rest stays pending

    def summary(self) -> str:
        failed = f" ({len(self.failed_polls)} failed)" if self.failed_polls else ""
        text = (
            f"polled {self.sources} sources{failed}, {self.articles} new or updated articles, "
            f"{self.processed} articles checked: {self.claims} claims"
        )
        if self.rechecked:
            text += f", {self.rechecked} re-checked"
        text += f"; {self.changes} verdicts new or changed, {self.alerts} alerts sent"
        if self.failed_polls:
            text += "; failed polls: " + ", ".join(self.failed_polls[:5])
            if len(self.failed_polls) > 5:
                text += f" and {len(self.failed_polls) - 5} more"
        if self.disabled:
            text += f"; {len(self.disabled)} sources disabled: " + "; ".join(self.disabled[:5])
        if self.failures:
            text += f"; {len(self.failures)} failures: " + "; ".join(self.failures[:5])
        if self.interrupted:
            text += "; interrupted (the rest is left for the next run)"
        return "\n".join([text, *self.warnings])

    @property
    def exit_code(self) -> int:
        """0 all fine, 1 a source or a step failed (the README's documented codes)."""
        return 1 if self.failed_polls or self.failures else 0


# --- one pass, and the service ---------------------------------------------------------


async def run_pass(engine: Engine, rt: Runtime, *, stop: asyncio.Event | None = None) -> PassReport:
    """Poll, refresh leaderboards, re-check, process, dispatch alerts, send the digest.

    Each step's failure is logged and counted; the others still run. Once `stop` is
    set the pass winds down (see the module docstring) and reports `interrupted`.
    """
    stop = stop or asyncio.Event()
    report = PassReport()
    # The poll runs beside the leaderboard refresh and then beside article processing:
    # each source's articles are checked as soon as they are stored, not after the
    # last feed (alert latency), and the poll's waits are the checking's CPU time.
    polling = asyncio.create_task(_poll_and_notices(engine, rt, stop, report))
    landed = threading.Event()  # set once the poll has stored everything it will
    polling.add_done_callback(lambda _: landed.set())
    try:
        if not stop.is_set():
            try:
                fetch = rt.board_fetch or default_board_fetch(rt.config, rt.settings)
                now = rt.clock()
                if await refresh_leaderboards(
                    engine, rt.config, fetch, now=now, owner=rt.owner, stop=stop
                ):
                    await asyncio.to_thread(rechecks.mark_for_recheck, engine, now)
                report.rechecked, rechanged = await _recheck_step(engine, rt, stop)
                report.changes += rechanged
            except Exception as exc:
                _failed(report, "leaderboards", exc)
        if not stop.is_set():
            await _process_step(engine, rt, stop, report, more_coming=lambda: not landed.is_set())
        await polling
    finally:
        if not polling.done():  # the pass itself cancelled (bounded_pass)
            polling.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await polling
    if not stop.is_set():
        try:
            report.alerts += await dispatch_all(engine, rt, stop=stop)
        except Exception as exc:
            _failed(report, "alerts", exc)
    if not stop.is_set():
        try:
            outcome = await send_due_digest(engine, rt.config, rt.settings, now=rt.clock())
            if outcome is not None:
                event(log, "digest.outcome", outcome=repr(outcome))
        except Exception as exc:
            _failed(report, "digest", exc)
    report.interrupted = stop.is_set()
    try:
        await asyncio.to_thread(metrics.refresh_claim_gauge, engine)
    except Exception as exc:  # only a gauge; the database may be briefly unreachable
        event(log, "metrics.refresh_failed", logging.WARNING, error=repr(exc))
    metrics.PASSES.inc()
    metrics.LAST_PASS.set_to_current_time()
    return report


async def _poll_and_notices(
    engine: Engine, rt: Runtime, stop: asyncio.Event, report: PassReport
) -> None:
    """The poll, counted into `report`, then the source notices it may call for."""
    try:
        polled = await _poll_step(engine, rt, stop)
        if polled is not None:
            report.sources = len(polled.sources)
            report.articles = len(polled.new_article_ids) + len(polled.updated_article_ids)
            for s in polled.sources:
                metrics.POLLS.labels(s.kind).inc()
                if s.kind == "failed":
                    report.failed_polls.append(f"{s.name} ({s.status})")
                if "disabled" in s.events:
                    # /status and `sources list` show it from the Source row; the pass
                    # summary says it once, when it happens
                    report.disabled.append(f"{s.name} ({s.error or s.status})")
            metrics.ARTICLES.inc(report.articles)
    except Exception as exc:  # one step failing must not stop the rest of the pass
        _failed(report, "poll", exc)
    try:
        # from the sources table, not the poll report: also catches a disable stored
        # by `claimwatch poll` or by an instance that died before telling anyone
        await asyncio.to_thread(_source_notices, engine, rt)
    except Exception as exc:
        _failed(report, "source notices", exc)


async def _process_step(
    engine: Engine,
    rt: Runtime,
    stop: asyncio.Event,
    report: PassReport,
    *,
    more_coming: Callable[[], bool],
) -> None:
    """Check pending articles (those the poll is still storing too), sending alerts
    every DISPATCH_WHILE_PROCESSING_S meanwhile."""
    try:
        processing = in_daemon_thread(
            lambda: process_pending(engine, rt, should_stop=stop.is_set, more_coming=more_coming)
        )
        # Alerts go out while a long backlog is still being checked (a first run
        # of many sources), not only at its end: alert latency is the pass's length.
        while not processing.done():
            await asyncio.wait({processing}, timeout=DISPATCH_WHILE_PROCESSING_S)
            if not processing.done() and not stop.is_set():
                try:
                    report.alerts += await dispatch_all(engine, rt, stop=stop)
                except Exception as exc:  # checking goes on; the final dispatch retries
                    _failed(report, "alerts", exc)
        report.processed, report.claims, changed = processing.result()
        report.changes += changed
    except Exception as exc:
        _failed(report, "process", exc)


def in_daemon_thread(fn: Callable[[], T]) -> asyncio.Future[T]:
    """Run `fn` in a daemon thread. Article processing waits on the LLM inside a
    synchronous client that cannot be interrupted; a pool thread would hold the
    process at exit (asyncio.run joins its executor) for as long as the LLM server
    hangs. A daemon thread is left behind instead: the article it holds has written
    nothing (its transaction comes after the LLM answer) and its lease expires."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(value: T | None, error: BaseException | None) -> None:
        if future.done():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(value)  # type: ignore[arg-type]

    def target() -> None:
        try:
            value = fn()
        except BaseException as exc:  # handed to the awaiting task, not lost
            with contextlib.suppress(RuntimeError):  # the loop is already closed
                loop.call_soon_threadsafe(settle, None, exc)
            return
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(settle, value, None)

    threading.Thread(target=target, name="claimwatch-articles", daemon=True).start()
    return future


async def bounded_pass(
    engine: Engine, rt: Runtime, stop: asyncio.Event, *, grace_s: float = SHUTDOWN_GRACE_S
) -> PassReport:
    """`run_pass`, but once `stop` is set it gets `grace_s` to finish, then is cancelled
    (a send cut off keeps its outbox row for the next start; see dispatcher, deliver)."""
    task = asyncio.create_task(run_pass(engine, rt, stop=stop))
    stopped = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait({task, stopped}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopped.cancel()
    if not task.done():
        await asyncio.wait({task}, timeout=grace_s)
    if task.done():
        return task.result()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    event(log, "pass.cut_short", logging.WARNING, grace_s=grace_s)
    return PassReport(interrupted=True)


def _source_notices(engine: Engine, rt: Runtime) -> int:
    polled = {f.name for f in with_active_feeds(engine, rt.config).feeds if f.enabled}
    return enqueue_source_notices(engine, rt.config.destinations, polled=polled, now=rt.clock())


async def _poll_step(engine: Engine, rt: Runtime, stop: asyncio.Event) -> PollReport | None:
    """Poll due sources until done or `stop`; None when stopped (leases given back)."""
    # The real clock is passed as None so each source's articles are stamped when
    # stored, not when the whole poll began (alert latency is measured from there).
    now = None if rt.clock is utcnow else rt.clock()
    started = rt.clock()
    # sources.yaml plus the feeds added with /sources add (and not removed since)
    config = await asyncio.to_thread(with_active_feeds, engine, rt.config)
    poll = asyncio.create_task(poll_due(engine, config, rt.settings, now=now, owner=rt.owner))
    names = [f.name for f in config.feeds if f.enabled]
    bar = asyncio.create_task(progress.watch_poll(engine, names, started))
    stopped = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait({poll, stopped}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopped.cancel()
        bar.cancel()
    if poll.done():
        return poll.result()
    # Cancelling waits for the sources being written (each poll is stored in one
    # transaction in the poller's database thread); the rest were never touched.
    poll.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await poll
    # a finished source's lease was given back with its results; the rest are now
    released = await asyncio.to_thread(leases.release_owned, engine, Source, rt.owner)
    event(log, "poll.interrupted", logging.WARNING, instance=rt.owner, released=released)
    return None


async def _recheck_step(engine: Engine, rt: Runtime, stop: asyncio.Event) -> tuple[int, int]:
    marked = await asyncio.to_thread(rechecks.count_marked, engine, rt.clock())
    if not marked:
        return 0, 0
    enabled = progress.wanted() and marked >= progress.RECHECK_BAR_MIN
    with progress.progress_bar("re-checking", enabled=enabled) as update:
        return await asyncio.to_thread(
            recheck_claims, engine, rt, should_stop=stop.is_set, update=update
        )


async def dispatch_all(
    engine: Engine, rt: Runtime, *, max_batches: int = 100, stop: asyncio.Event | None = None
) -> int:
    """Dispatch due alerts batch by batch until a batch sends nothing; returns sent.

    Once `stop` is set no new send starts (sends in flight finish within their
    deadline); what is left stays pending for the next run.
    """
    sent = 0
    timed = {name: metrics.TimedSender(sender) for name, sender in rt.senders.items()}
    for _ in range(max_batches):
        if stop is not None and stop.is_set():
            break
        batch = await dispatch_pending(engine, timed, owner=rt.owner, now=rt.clock(), stop=stop)
        sent += batch.sent
        metrics.ALERTS.labels("sent").inc(batch.sent)
        metrics.ALERTS.labels("failed").inc(batch.failed)
        if batch.sent or batch.failed or batch.unconfirmed or batch.broken:
            event(log, "alerts.dispatched", summary=batch.summary())
        if batch.sent == 0:
            break
    delivered = {n: t for s in timed.values() for n, t in s.delivered.items()}
    await asyncio.to_thread(metrics.observe_alert_latency, engine, delivered)
    return sent


def _failed(report: PassReport, step: str, exc: BaseException) -> None:
    metrics.FAILURES.labels(step).inc()
    report.failures.append(f"{step}: {exc}")
    event(log, "pass.step_failed", logging.ERROR, step=step, error=repr(exc))


def run_once(engine: Engine, config: SourcesFile, settings: Settings) -> PassReport:
    """`claimwatch run --once`: one pass of everything, then exit (SIGTERM: wind down)."""
    with exclusive_on_sqlite(engine):
        rt = make_runtime(engine, config, settings)
        return _run_with_signals(lambda stop: bounded_pass(engine, rt, stop))


async def serve_async(
    engine: Engine,
    config: SourcesFile,
    settings: Settings,
    *,
    stop: asyncio.Event,
    rt: Runtime | None = None,
    every_s: float = PASS_EVERY_S,
    discord: BotRunner | None = None,
) -> None:
    """Passes every `every_s` seconds until `stop`; the Discord bot and metrics beside them.

    `rt` replaces the runtime built from the settings (tests inject clocks and senders).
    `discord` runs the Discord bot (bot/discord/service.py's `run_bot`) when a token is set.
    """
    server = await metrics.serve_metrics(settings.metrics_port) if settings.metrics_port else None
    rt = rt or make_runtime(engine, config, settings)
    bot_task = None
    if discord is not None and settings.discord_token is not None:
        # The bot dispatches to its channels with its own senders; the passes' senders
        # for them would only mark them broken ("the bot is not running here").
        bot_names = {d.name for d in config.destinations if d.kind == "discord_bot"}
        rt.senders = {n: s for n, s in rt.senders.items() if n not in bot_names}
        bot_task = asyncio.create_task(discord(engine, config, settings, stop=stop))
        bot_task.add_done_callback(_log_bot_exit)
    event(log, "service.started", instance=rt.owner, sources=len(config.feeds))
    try:
        while not stop.is_set():
            report = await bounded_pass(engine, rt, stop)
            event(log, "pass.done", summary=report.summary())
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=every_s)
    finally:
        if bot_task is not None:
            await asyncio.wait({bot_task}, timeout=SHUTDOWN_GRACE_S / 2)
            bot_task.cancel()
            await asyncio.gather(bot_task, return_exceptions=True)
        if server is not None:
            server.close()
            await server.wait_closed()
        event(log, "service.stopped", instance=rt.owner)


def _log_bot_exit(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        metrics.FAILURES.labels("discord_bot").inc()
        event(log, "discord_bot.stopped", logging.ERROR, error=repr(task.exception()))


def _run_with_signals(main: Callable[[asyncio.Event], Coroutine[Any, Any, T]]) -> T:
    """Run `main(stop)` in a new event loop; SIGTERM and SIGINT set `stop`."""

    async def wrapper() -> T:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, _stopping, stop, sig)
        try:
            return await main(stop)
        finally:
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.remove_signal_handler(sig)

    return asyncio.run(wrapper())


def _stopping(stop: asyncio.Event, sig: signal.Signals) -> None:
    event(log, "service.stopping", signal=sig.name)
    stop.set()


def serve(
    engine: Engine, config: SourcesFile, settings: Settings, *, discord: BotRunner | None = None
) -> None:
    """`claimwatch run`: until SIGTERM or SIGINT, which let the current step finish."""
    with exclusive_on_sqlite(engine):
        _run_with_signals(
            lambda stop: serve_async(engine, config, settings, stop=stop, discord=discord)
        )
