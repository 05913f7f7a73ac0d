"""One pass of the claimwatch pipeline, and the long-running service.

    sources.yaml -> poll due sources -> new Article rows (deduped)
                 -> gate -> extract ClaimDrafts (quote found verbatim in the article)
                 -> resolve models/groups -> judge against snapshots as of the claim's date
                 -> Claim (deduped across articles) + Appearance + Verdict rows
                 -> Alert rows in an outbox -> Discord (bot channel or webhook), each exactly once
    leaderboard refresh -> new Snapshot -> re-check open claims -> changed verdicts -> alerts
    weekly -> Digest row for the ISO week -> email, once

Each stage is somebody else's module; this one only sequences them and owns the
transaction boundaries. Articles are leased BATCH at a time: the batch is read in one
query, each article extracted and judged on its own (an error fails that article
only), and the batch's claims, verdicts, alerts and `processed_at` marks written in
one transaction; if that fails, each article is written in its own, so one article
that cannot be written fails alone. A crash leaves articles pending, never half done.
Work is taken with row leases (store/leases.py), so instances on one Postgres share it.

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
from datetime import datetime, timedelta
from typing import Any, Protocol, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot import metrics, progress
from bot.added_feeds import with_added_feeds
from bot.alerts.dispatcher import dispatch_pending
from bot.alerts.notices import enqueue_source_notices
from bot.alerts.outbox import enqueue_alerts
from bot.alerts.senders import Sender
from bot.alerts.service import build_senders
from bot.config import Settings
from bot.digest.deliver import send_due_digest
from bot.extract import extract_article, make_extractor
from bot.extract.base import ArticleText, ExtractionResult, Extractor
from bot.extract.html import looks_like_html, main_text
from bot.instance import exclusive_on_sqlite, instance_name
from bot.logs import event
from bot.poller import PollReport, poll_due
from bot.refresh import BoardFetch, default_board_fetch, refresh_leaderboards
from bot.repair import reconcile_destinations
from bot.sources import Destination, SourcesFile
from store import leases
from store.claims import CLAIM_ADAPTER, ClaimDraft, Judgement, claim_dedupe_key
from store.errors import ClaimwatchError
from store.judging import Judge, load_judge, snapshot_stamp
from store.models import Article, Claim, Source, utcnow
from store.record import (
    Known,
    VerdictChange,
    apply_judgement,
    current_verdict,
    prefetch,
    record_article_claims,
)

log = logging.getLogger(__name__)
T = TypeVar("T")


class BotRunner(Protocol):
    """Runs the Discord bot until `stop` (bot/discord/service.py's `run_bot`)."""

    def __call__(
        self, engine: Engine, config: SourcesFile, settings: Settings, *, stop: asyncio.Event
    ) -> Coroutine[Any, Any, None]: ...


ARTICLE_LEASE = timedelta(minutes=10)
RECHECK_LEASE = timedelta(minutes=10)
EXTRACTION_RETRY = timedelta(minutes=15)  # a failed extraction (LLM down) is retried then
BATCH = 50
PASS_EVERY_S = 60.0
DISPATCH_WHILE_PROCESSING_S = 2.0
# After SIGTERM the step in flight gets SHUTDOWN_GRACE_S to wind down on its own, then
# it is cancelled; the process is gone within SHUTDOWN_BOUND_S whatever a feed, a
# webhook, the SMTP server, a leaderboard host or the LLM server does (README, Shutdown).
SHUTDOWN_BOUND_S = 10.0
SHUTDOWN_GRACE_S = 6.0

ShouldStop = Callable[[], bool]  # checked between units of work; True: leave the rest


def _never() -> bool:
    return False


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


@dataclass
class Runtime:
    """What a pass needs besides the database: I/O injected, state kept between passes."""

    config: SourcesFile
    settings: Settings
    extractor: Extractor
    senders: dict[str, Sender]
    owner: str
    clock: Callable[[], datetime] = utcnow
    judge: Judge | None = None
    board_fetch: BoardFetch | None = None  # leaderboard URLs; None: bot/net.py's guarded fetch

    def current_judge(self, engine: Engine) -> Judge:
        """The judge, rebuilt only when the stored snapshots changed."""
        if self.judge is None or self.judge.stamp != snapshot_stamp(engine):
            # Every snapshot at once: a pass judges many claims, and trend claims read a
            # series' whole history, which one query per snapshot made slower.
            self.judge = load_judge(
                engine, staleness_days=self.config.settings.staleness_days, eager=True
            )
        return self.judge


def make_runtime(engine: Engine, config: SourcesFile, settings: Settings) -> Runtime:
    # a destination whose configuration changed since it was marked broken is retried
    reconcile_destinations(engine, config, settings)
    return Runtime(
        config=config,
        settings=settings,
        extractor=make_extractor(settings, engine, "auto"),
        senders=build_senders(config, settings),
        owner=instance_name(settings.instance_id),
    )


# --- articles -> claims -> verdicts -> outbox -----------------------------------------


def article_text(article: Article, source_name: str | None) -> ArticleText:
    """The text the extractors see: the title (headlines make claims) and the body."""
    body = article.content or article.summary or ""
    if looks_like_html(body):
        body = main_text(body)
    title = (article.title or "").strip()
    text = f"{title}\n\n{body.strip()}" if title else body.strip()
    published = (article.published_at or article.fetched_at).date()
    return ArticleText(
        text=text, published=published, title=title or None, source=source_name, url=article.url
    )


def _enqueue(
    session: Session,
    changes: list[VerdictChange],
    destinations: tuple[Destination, ...],
    *,
    baseline: bool | None,
    now: datetime,
) -> int:
    created = 0
    for change in changes:
        created += len(
            enqueue_alerts(
                session,
                change.claim,
                change.verdict,
                change.previous,
                destinations,
                baseline=baseline,
                now=now,
            )
        )
    return created


@dataclass
class _Checked:
    """One article extracted and judged, waiting to be written with its batch."""

    article_id: int
    source: str | None
    result: ExtractionResult
    drafts: list[ClaimDraft]
    judgements: list[Judgement]


@dataclass
class BatchOutcome:
    done: list[_Checked] = field(default_factory=list)  # written (processed_at set)
    failed: dict[int, Exception] = field(default_factory=dict)  # article id -> cause
    stopped_at: int | None = None  # index into the batch's ids: the rest not touched
    changes: int = 0


def _check(text: ArticleText, article_id: int, rt: Runtime, judge: Judge) -> _Checked:
    result = extract_article(text, rt.extractor).result
    drafts = list(result.drafts)
    return _Checked(article_id, text.source, result, drafts, [judge(d) for d in drafts])


def _record(
    session: Session,
    rt: Runtime,
    baseline: bool,
    item: _Checked,
    now: datetime,
    known: Known | None = None,
) -> int:
    """Write one checked article's claims in the caller's transaction; verdicts new or
    changed. The article row itself is marked done with its batch (`_write`)."""
    if not item.drafts:
        return 0
    changes = record_article_claims(
        session, item.article_id, item.drafts, item.judgements, now=now, known=known
    )
    for change in changes:
        event(
            log,
            "claim.verdict",
            claim=change.claim.id,
            article=item.article_id,
            source=item.source,
            verdict=change.verdict.label,
            previous=change.previous.label if change.previous else None,
        )
    _enqueue(session, changes, rt.config.destinations, baseline=None, now=now)
    if not baseline:
        # A claim first seen in baseline articles (no alert then) that fresh news
        # repeats deserves its alert now; the idempotency key keeps it to one.
        _alert_fresh_repeats(session, rt, item.drafts, changes, now, known)
    return len(changes)


# An article the rules read while the LLM endpoint was down is read again by the LLM
# this long after, for as long as it is younger than FALLBACK_WINDOW.
FALLBACK_RETRY = timedelta(minutes=30)
FALLBACK_WINDOW = timedelta(days=2)
_ARTICLES = Article.__table__  # type: ignore[attr-defined]
_MARK_DONE = (
    sa.update(_ARTICLES)
    .where(_ARTICLES.c.id == sa.bindparam("article_id"))
    .values(
        processed_at=sa.bindparam("now"),
        lease_owner=None,
        lease_until=None,
        llm_prompt_tokens=_ARTICLES.c.llm_prompt_tokens + sa.bindparam("prompt"),
        llm_completion_tokens=_ARTICLES.c.llm_completion_tokens + sa.bindparam("completion"),
    )
)


def _write(
    engine: Engine, rt: Runtime, items: list[_Checked], now: datetime
) -> tuple[list[_Checked], int]:
    """Write `items` in one transaction; (those written, verdicts new or changed).

    The article rows are locked and read again first (only the columns needed): one
    processed meanwhile (its lease ran out and another instance did it) is left alone.
    Then each article's claims, and one executemany marks every article done."""
    written: list[_Checked] = []
    again: list[int] = []  # read by the rules while the LLM was down: the LLM reads it later
    changes = 0
    with Session(engine) as session, session.begin():
        locked = {
            row.id: row
            for row in session.execute(
                sa.select(
                    _ARTICLES.c.id,
                    _ARTICLES.c.processed_at,
                    _ARTICLES.c.baseline,
                    _ARTICLES.c.fetched_at,
                )
                .where(_ARTICLES.c.id.in_([i.article_id for i in items]))
                .order_by(_ARTICLES.c.id)
                .with_for_update()
            )
        }
        # the batch's claims, verdicts and appearances in three queries, not per claim
        known = prefetch(session, (d for i in items for d in i.drafts))
        for item in items:
            row = locked.get(item.article_id)
            if row is None or row.processed_at is not None:
                continue
            changes += _record(session, rt, row.baseline, item, now, known)
            written.append(item)
            if item.result.fallback_from and _fetched_since(row.fetched_at, now) < FALLBACK_WINDOW:
                again.append(item.article_id)
        done = [i for i in written if i.article_id not in again]
        if done:
            session.execute(
                _MARK_DONE,
                [
                    {
                        "article_id": i.article_id,
                        "now": now,
                        "prompt": i.result.prompt_tokens,
                        "completion": i.result.completion_tokens,
                    }
                    for i in done
                ],
            )
        if again:
            # the rules' claims stand (and alert) now; the article stays pending and is
            # leased again after FALLBACK_RETRY, when the LLM extracts it (a new cache
            # entry: the cache never keeps a fallback result). Claims it repeats are the
            # same claims; nothing alerts twice.
            session.execute(
                sa.update(_ARTICLES)
                .where(_ARTICLES.c.id.in_(again))
                .values(lease_owner=None, lease_until=now + FALLBACK_RETRY)
            )
            event(log, "article.llm_retry_later", articles=len(again), after=str(FALLBACK_RETRY))
    return written, changes


def _fetched_since(fetched_at: datetime, now: datetime) -> timedelta:
    if fetched_at.tzinfo is None:
        fetched_at = fetched_at.replace(tzinfo=now.tzinfo)
    return now - fetched_at


def process_batch(
    engine: Engine, rt: Runtime, ids: list[int], judge: Judge, should_stop: ShouldStop = _never
) -> BatchOutcome:
    """Extract, judge and record a batch of leased articles.

    One read for the batch's articles, then each is extracted and judged on its own
    (an error fails that article only), then all are written in one transaction. When
    that transaction fails, each article is written in its own, so one article whose
    rows cannot be written fails alone and the rest of the batch is kept.
    """
    now = rt.clock()
    out = BatchOutcome()
    with Session(engine) as session:
        rows = session.exec(
            select(Article, Source.name)
            .join(Source, col(Source.id) == col(Article.source_id), isouter=True)
            .where(col(Article.id).in_(ids))
        ).all()
    found = {a.id: (a, name) for a, name in rows}
    checked: list[_Checked] = []
    for n, article_id in enumerate(ids):
        if should_stop():
            out.stopped_at = n
            break
        article, source_name = found.get(article_id, (None, None))
        if article is None or article.processed_at is not None or article.lease_owner != rt.owner:
            continue  # done meanwhile, or our lease ran out and another instance has it
        try:
            checked.append(_check(article_text(article, source_name), article_id, rt, judge))
        except Exception as exc:
            out.failed[article_id] = exc
    if not checked:
        return out
    try:
        out.done, out.changes = _write(engine, rt, checked, now)
    except Exception as batch_exc:
        event(
            log,
            "batch.write_failed",
            logging.WARNING,
            articles=len(checked),
            error=(str(batch_exc).splitlines() or [""])[0] or type(batch_exc).__name__,
        )
        for item in checked:
            try:
                done, changes = _write(engine, rt, [item], now)
            except Exception as exc:
                out.failed[item.article_id] = exc
                continue
            out.done += done
            out.changes += changes
    for item in out.done:
        metrics.LLM_TOKENS.labels("prompt").inc(item.result.prompt_tokens)
        metrics.LLM_TOKENS.labels("completion").inc(item.result.completion_tokens)
        for j in item.judgements:
            metrics.CLAIMS.labels(j.verdict).inc()
        event(
            log,
            "article.checked",
            logging.DEBUG,
            article=item.article_id,
            source=item.source,
            claims=len(item.drafts),
        )
    return out


def process_article(engine: Engine, rt: Runtime, article_id: int, judge: Judge) -> tuple[int, int]:
    """Extract, judge and record one leased article; (claims, verdicts new or changed)."""
    out = process_batch(engine, rt, [article_id], judge)
    if article_id in out.failed:
        raise out.failed[article_id]
    return sum(len(i.drafts) for i in out.done), out.changes


def _alert_fresh_repeats(
    session: Session,
    rt: Runtime,
    drafts: list[ClaimDraft],
    changes: list[VerdictChange],
    now: datetime,
    known: Known | None = None,
) -> None:
    changed = {c.claim.id for c in changes}
    keys = sorted({claim_dedupe_key(d) for d in drafts})
    if not keys:
        return
    if known is not None and all(k in known.claims for k in keys):
        claims: list[Claim] = [known.claims[k] for k in keys]
    else:
        claims = list(session.exec(select(Claim).where(col(Claim.dedupe_key).in_(keys))))
    for claim in claims:
        if claim.id in changed or claim.id is None:
            continue
        verdict = current_verdict(session, claim.id, known)
        if verdict is not None:
            enqueue_alerts(
                session, claim, verdict, None, rt.config.destinations, baseline=False, now=now
            )


def process_pending(
    engine: Engine, rt: Runtime, *, limit: int | None = None, should_stop: ShouldStop = _never
) -> tuple[int, int, int]:
    """Process unprocessed articles until none are due; (articles, claims, changes).

    Articles are leased, extracted, judged and written BATCH at a time, one write
    transaction per batch (process_batch). `should_stop` is asked before each article;
    the rest of a leased batch is given back, so a shutdown leaves those articles to
    the next run (or another instance).
    """
    judge = rt.current_judge(engine)
    articles = claims = changes = 0
    retried: set[int] = set()
    while (limit is None or articles < limit) and not should_stop():
        now = rt.clock()
        with Session(engine) as session, session.begin():
            ids = leases.take(
                session,
                Article,
                col(Article.processed_at).is_(None),
                owner=rt.owner,
                ttl=ARTICLE_LEASE,
                limit=BATCH if limit is None else min(BATCH, limit - articles),
                now=now,
            )
        if not ids:
            break
        out = process_batch(engine, rt, ids, judge, should_stop)
        articles += len(out.done)
        claims += sum(len(i.drafts) for i in out.done)
        changes += out.changes
        for article_id, exc in out.failed.items():
            _failed_article(engine, rt, article_id, exc, retried, now)
        if out.stopped_at is not None:
            with Session(engine) as session, session.begin():
                leases.release(session, Article, ids[out.stopped_at :], owner=rt.owner)
            break
    return articles, claims, changes


def _failed_article(
    engine: Engine, rt: Runtime, article_id: int, exc: Exception, retried: set[int], now: datetime
) -> None:
    """Log an article's failure and set when it is retried; the rest of its batch goes on.

    ClaimwatchError: e.g. the LLM is down. IntegrityError: another instance wrote the
    same claim's verdict or alert at the same moment (the unique keys caught it); the
    article's transaction was rolled back whole, and a retry sees the other instance's
    rows: retried once at once, then later. Anything else is a bug this article's text
    runs into: logged with its traceback and retried later like an LLM outage.
    """
    raced = isinstance(exc, sa.exc.IntegrityError) and article_id not in retried
    expected = isinstance(exc, ClaimwatchError | sa.exc.IntegrityError)
    retried.add(article_id)
    metrics.FAILURES.labels("record" if raced else "extract").inc()
    event(
        log,
        "article.retry" if raced else "article.failed",
        logging.WARNING if expected else logging.ERROR,
        article=article_id,
        error=(str(exc).splitlines() or [""])[0] or type(exc).__name__,
    )
    if not expected:
        log.error("article %s: unexpected error", article_id, exc_info=exc)
    with Session(engine) as session, session.begin():
        session.execute(
            sa.update(Article)
            .where(col(Article.id) == article_id, col(Article.lease_owner) == rt.owner)
            .values(lease_until=now if raced else now + EXTRACTION_RETRY)
        )


# --- leaderboards -> re-checks ---------------------------------------------------------


def mark_for_recheck(engine: Engine, now: datetime) -> None:
    """New snapshots can change any verdict (a backfilled date, a newer `latest`)."""
    with engine.begin() as conn:
        conn.execute(sa.update(Claim).values(recheck_after=now))


def _marked(engine: Engine, now: datetime) -> int:
    with Session(engine) as session:
        count = session.exec(
            select(sa.func.count())
            .select_from(Claim)
            .where(col(Claim.recheck_after).is_not(None), col(Claim.recheck_after) <= now)
        ).one()
    return int(count)


def recheck_claims(
    engine: Engine,
    rt: Runtime,
    *,
    should_stop: ShouldStop = _never,
    update: progress.Update | None = None,
) -> tuple[int, int]:
    """Re-judge claims marked for re-checking; (claims re-checked, verdicts changed).

    Each batch is one transaction (verdicts, alerts and the cleared marks together);
    `should_stop` is asked between batches. `update` draws a progress bar.
    """
    judge = rt.current_judge(engine)
    checked = changed = 0
    total = _marked(engine, rt.clock()) if update is not None else 0
    while not should_stop():
        now = rt.clock()
        with Session(engine) as session, session.begin():
            ids = leases.take(
                session,
                Claim,
                col(Claim.recheck_after).is_not(None) & (col(Claim.recheck_after) <= now),
                owner=rt.owner,
                ttl=RECHECK_LEASE,
                limit=BATCH * 4,
                now=now,
            )
        if not ids:
            break
        with Session(engine) as session, session.begin():
            for claim in session.exec(select(Claim).where(col(Claim.id).in_(ids))):
                if claim.lease_owner != rt.owner:
                    continue
                try:
                    judgement = judge(CLAIM_ADAPTER.validate_python(claim.data))
                except Exception as exc:
                    # a claim the judge cannot handle (a bug, data from an older version)
                    # stays marked and leased, so it is retried after RECHECK_LEASE; raised,
                    # it rolled back its whole batch, and every retry failed the same way
                    event(
                        log,
                        "claim.recheck_failed",
                        logging.ERROR,
                        claim=claim.id,
                        error=f"{type(exc).__name__}: {exc}",
                    )
                    continue
                change = apply_judgement(session, claim, judgement, now=now)
                if change is not None:
                    changed += 1
                    _enqueue(session, [change], rt.config.destinations, baseline=None, now=now)
                    event(
                        log,
                        "claim.rechecked",
                        claim=claim.id,
                        verdict=change.verdict.label,
                        previous=change.previous.label if change.previous else None,
                    )
                claim.recheck_after = None
                claim.lease_owner = claim.lease_until = None
                session.add(claim)
                checked += 1
        if update is not None:
            update(checked, max(total, checked), "claims")
    return checked, changed


# --- one pass, and the service ---------------------------------------------------------


async def run_pass(engine: Engine, rt: Runtime, *, stop: asyncio.Event | None = None) -> PassReport:
    """Poll, refresh leaderboards, re-check, process, dispatch alerts, send the digest.

    Each step's failure is logged and counted; the others still run. Once `stop` is
    set the pass winds down (see the module docstring) and reports `interrupted`.
    """
    stop = stop or asyncio.Event()
    report = PassReport()
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
    if not stop.is_set():
        try:
            fetch = rt.board_fetch or default_board_fetch(rt.config, rt.settings)
            if await refresh_leaderboards(engine, rt.config, fetch, now=rt.clock(), stop=stop):
                mark_for_recheck(engine, rt.clock())
            report.rechecked, rechanged = await _recheck_step(engine, rt, stop)
            report.changes += rechanged
        except Exception as exc:
            _failed(report, "leaderboards", exc)
    if not stop.is_set():
        try:
            processing = in_daemon_thread(
                lambda: process_pending(engine, rt, should_stop=stop.is_set)
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
    polled = {f.name for f in with_added_feeds(engine, rt.config).feeds if f.enabled}
    return enqueue_source_notices(engine, rt.config.destinations, polled=polled, now=rt.clock())


async def _poll_step(engine: Engine, rt: Runtime, stop: asyncio.Event) -> PollReport | None:
    """Poll due sources until done or `stop`; None when stopped (leases given back)."""
    # The real clock is passed as None so each source's articles are stamped when
    # stored, not when the whole poll began (alert latency is measured from there).
    now = None if rt.clock is utcnow else rt.clock()
    started = rt.clock()
    # sources.yaml plus the feeds added with /sources add (and not removed since)
    config = await asyncio.to_thread(with_added_feeds, engine, rt.config)
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
    released = await asyncio.to_thread(_release_sources, engine, rt.owner)
    event(log, "poll.interrupted", logging.WARNING, instance=rt.owner, released=released)
    return None


def _release_sources(engine: Engine, owner: str) -> int:
    """Give back the source leases an interrupted poll still holds (a finished source's
    lease is cleared by the poller with its results), so a restart polls them at once."""
    with engine.begin() as conn:
        result = conn.execute(
            sa.update(Source)
            .where(col(Source.lease_owner) == owner)
            .values(lease_owner=None, lease_until=None)
        )
    return int(getattr(result, "rowcount", 0) or 0)


async def _recheck_step(engine: Engine, rt: Runtime, stop: asyncio.Event) -> tuple[int, int]:
    marked = await asyncio.to_thread(_marked, engine, rt.clock())
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
