"""Articles and re-checks: the extract-and-judge stage of a pass (bot/pipeline.py).

    take_articles -> load the batch -> each article: extract, judge (an error fails that
    article only) -> write the batch in one transaction (claims, verdicts, alerts,
    processed_at), else each article in its own -> a failed article is retried later
    take_claims -> re-judge -> verdicts, alerts and cleared marks in one transaction

The database side is the store's (store/leases.py, store/articles.py,
store/rechecks.py); this module extracts, judges, writes the alerts into the store's
transactions through callbacks, logs and counts. A crash leaves articles pending,
never half done.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot import metrics, progress
from bot.alerts.outbox import AlertBatch, enqueue_alerts
from bot.extract import extract_article
from bot.extract.base import ArticleText, ExtractionResult, headline_and_body
from bot.extract.html import looks_like_html, main_text
from bot.logs import event
from bot.runtime import Runtime
from bot.sources import Destination
from store import articles, leases, rechecks
from store.articles import EXTRACTION_RETRY, CheckedArticle, LoadedArticle, repeated_claims
from store.errors import ClaimwatchError
from store.judging import Judge
from store.models import Article
from store.record import Known, VerdictChange

log = logging.getLogger(__name__)

# Articles leased, read and written together. A batch's lease, read and write cost much
# the same whatever its size: 100 rather than 50 took about a tenth off the checking's
# CPU in benchmarks/service.py. A batch is well under a second of work, so alert latency
# and the share between instances barely move.
BATCH = 100
RECHECK_BATCH = 200  # claims re-judged per transaction
# how often an empty queue is looked at again while a poll is still storing articles
WAIT_FOR_ARTICLES_S = 0.2
ShouldStop = Callable[[], bool]  # checked between units of work; True: leave the rest
MoreComing = Callable[[], bool]  # True: articles may still be stored (a poll in flight)


def _never() -> bool:
    return False


def article_text(article: LoadedArticle, source_name: str | None) -> ArticleText:
    """The text the extractors see: the title (headlines make claims) and the body."""
    body = article.content or article.summary or ""
    if looks_like_html(body):
        body = main_text(body)
    title = (article.title or "").strip()
    published = (article.published_at or article.fetched_at).date()
    return ArticleText(
        text=headline_and_body(title, body.strip()),
        published=published,
        title=title or None,
        source=source_name,
        url=article.url,
    )


def _enqueue_one(
    session: Session,
    change: VerdictChange,
    *,
    destinations: tuple[Destination, ...],
    now: datetime,
) -> None:
    """The outbox rows for a verdict new or changed, in the transaction that wrote it."""
    enqueue_alerts(session, change.claim, change.verdict, change.previous, destinations, now=now)


def _rechecked(
    session: Session,
    change: VerdictChange,
    *,
    destinations: tuple[Destination, ...],
    now: datetime,
) -> None:
    _enqueue_one(session, change, destinations=destinations, now=now)
    event(
        log,
        "claim.rechecked",
        claim=change.claim.id,
        verdict=change.verdict.label,
        previous=change.previous.label if change.previous else None,
    )


@dataclass
class _Checked:
    """One article extracted and judged: what is written, and what is logged about it."""

    work: CheckedArticle
    source: str | None
    result: ExtractionResult


@dataclass
class BatchOutcome:
    done: list[_Checked] = field(default_factory=list)  # written (claims recorded)
    failed: dict[int, Exception] = field(default_factory=dict)  # article id -> cause
    stopped_at: int | None = None  # index into the batch's ids: the rest not touched
    changes: int = 0


def _check(text: ArticleText, article_id: int, rt: Runtime, judge: Judge) -> _Checked:
    result = extract_article(text, rt.extractor).result
    drafts = list(result.drafts)
    work = CheckedArticle(
        article_id,
        drafts,
        [judge(d) for d in drafts],
        prompt_tokens=result.prompt_tokens,
        completion_tokens=result.completion_tokens,
        fallback=bool(result.fallback_from),
    )
    return _Checked(work, text.source, result)


def _on_recorded(
    session: Session,
    alerts: AlertBatch,
    item: CheckedArticle,
    changes: list[VerdictChange],
    baseline: bool,
    known: Known,
    source: str | None,
) -> None:
    """An article's claims are recorded: its alerts, planned now (who hears about what
    as of this article) and written with the batch's (`AlertBatch.write`)."""
    for change in changes:
        event(
            log,
            "claim.verdict",
            claim=change.claim.id,
            article=item.article_id,
            source=source,
            verdict=change.verdict.label,
            previous=change.previous.label if change.previous else None,
        )
    for change in changes:
        assert change.claim.id is not None
        alerts.add(
            change.claim,
            change.verdict,
            change.previous,
            baseline=known.only_baseline(change.claim.id),
        )
    if not baseline:
        # A claim first seen in baseline articles (no alert then) that fresh news
        # repeats deserves its alert now; the idempotency key keeps it to one.
        for claim, verdict in repeated_claims(session, item.drafts, changes, known):
            alerts.add(claim, verdict, None, baseline=False)


def _write(engine: Engine, rt: Runtime, items: list[_Checked], now: datetime) -> BatchOutcome:
    by_id = {i.work.article_id: i for i in items}
    alerts = AlertBatch(rt.config.destinations)
    written = articles.write_checked(
        engine,
        [i.work for i in items],
        now=now,
        on_recorded=lambda s, item, changes, baseline, known: _on_recorded(
            s, alerts, item, changes, baseline, known, by_id[item.article_id].source
        ),
        on_written=lambda s: alerts.write(s, now=now),
    )
    if written.again:
        after = str(articles.FALLBACK_RETRY)
        event(log, "article.llm_retry_later", articles=len(written.again), after=after)
    return BatchOutcome(done=[by_id[i] for i in written.articles], changes=written.changes)


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
    found = articles.load_batch(engine, ids)
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
        written = _write(engine, rt, checked, now)
        out.done, out.changes = written.done, written.changes
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
                alone = _write(engine, rt, [item], now)
            except Exception as exc:
                out.failed[item.work.article_id] = exc
                continue
            out.done += alone.done
            out.changes += alone.changes
    for item in out.done:
        metrics.LLM_TOKENS.labels("prompt").inc(item.result.prompt_tokens)
        metrics.LLM_TOKENS.labels("completion").inc(item.result.completion_tokens)
        for j in item.work.judgements:
            metrics.CLAIMS.labels(j.verdict).inc()
        event(
            log,
            "article.checked",
            logging.DEBUG,
            article=item.work.article_id,
            source=item.source,
            claims=len(item.work.drafts),
        )
    return out


def process_pending(
    engine: Engine,
    rt: Runtime,
    *,
    limit: int | None = None,
    should_stop: ShouldStop = _never,
    more_coming: MoreComing = _never,
) -> tuple[int, int, int]:
    """Process unprocessed articles until none are due; (articles, claims, changes).

    Articles are leased, extracted, judged and written BATCH at a time, one write
    transaction per batch (process_batch). `should_stop` is asked before each article;
    the rest of a leased batch is given back, so a shutdown leaves those articles to
    the next run (or another instance). While `more_coming()` (a poll still storing
    sources) an empty queue is waited on, every WAIT_FOR_ARTICLES_S, rather than ended.
    """
    judge = rt.current_judge(engine)
    done = claims = changes = 0
    retried: set[int] = set()
    while (limit is None or done < limit) and not should_stop():
        now = rt.clock()
        size = BATCH if limit is None else min(BATCH, limit - done)
        # asked before the take: once it says no, the take sees every stored article
        coming = more_coming()
        ids = leases.take_articles(engine, owner=rt.owner, now=now, limit=size)
        if not ids:
            if not coming:
                break
            time.sleep(WAIT_FOR_ARTICLES_S)
            continue
        out = process_batch(engine, rt, ids, judge, should_stop)
        done += len(out.done)
        claims += sum(len(i.work.drafts) for i in out.done)
        changes += out.changes
        for article_id, exc in out.failed.items():
            _failed_article(engine, rt, article_id, exc, retried, now)
        if out.stopped_at is not None:
            leases.release(engine, Article, ids[out.stopped_at :], owner=rt.owner)
            break
    return done, claims, changes


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
    articles.retry_later(engine, article_id, rt.owner, now if raced else now + EXTRACTION_RETRY)


# --- leaderboards -> re-checks ---------------------------------------------------------


def recheck_claims(
    engine: Engine,
    rt: Runtime,
    *,
    should_stop: ShouldStop = _never,
    update: progress.Update | None = None,
) -> tuple[int, int]:
    """Re-judge claims marked for re-checking; (claims re-checked, verdicts changed).

    Each batch is one transaction (store/rechecks.py); `should_stop` is asked between
    batches. `update` draws a progress bar.
    """
    judge = rt.current_judge(engine)
    checked = changed = 0
    total = rechecks.count_marked(engine, rt.clock()) if update is not None else 0
    while not should_stop():
        now = rt.clock()
        ids = leases.take_claims(engine, owner=rt.owner, now=now, limit=RECHECK_BATCH)
        if not ids:
            break
        batch = rechecks.recheck_batch(
            engine,
            ids,
            owner=rt.owner,
            judge=judge,
            now=now,
            on_change=functools.partial(_rechecked, destinations=rt.config.destinations, now=now),
        )
        for claim_id, exc in batch.failed:
            event(
                log,
                "claim.recheck_failed",
                logging.ERROR,
                claim=claim_id,
                error=f"{type(exc).__name__}: {exc}",
            )
        checked += batch.checked
        changed += batch.changed
        if update is not None:
            update(checked, max(total, checked), "claims")
    return checked, changed
