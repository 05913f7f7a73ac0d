"""Articles through extraction and judging: the store's side of the pipeline.

    take_articles (store/leases.py) -> load_batch -> [extract + judge: bot] ->
    write_checked (claims, verdicts, alerts, processed_at: one transaction) |
    retry_later (a failed article) | leases.release (a batch cut short)

A checked article is written only while it is still unprocessed (its rows are locked
and read again first): one whose lease ran out and that another instance finished
meanwhile is left alone. Alerts are the caller's (`on_recorded`), written in the same
transaction as the verdicts they announce.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from store.claims import ClaimDraft, Judgement, claim_dedupe_key
from store.models import Article, Claim, Source, Verdict
from store.record import (
    Known,
    VerdictChange,
    create_claims,
    current_verdict,
    prefetch,
    read_fresh,
    record_article_claims,
    write_deferred,
)

# An article the rules read while the LLM endpoint was down is read again by the LLM
# this long after, for as long as it is younger than FALLBACK_WINDOW.
FALLBACK_RETRY = timedelta(minutes=30)
FALLBACK_WINDOW = timedelta(days=2)
EXTRACTION_RETRY = timedelta(minutes=15)  # a failed extraction (LLM down) is retried then
_ARTICLES = Article.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class CheckedArticle:
    """One article extracted and judged, waiting to be written with its batch."""

    article_id: int
    drafts: Sequence[ClaimDraft]
    judgements: Sequence[Judgement]
    prompt_tokens: int = 0
    completion_tokens: int = 0
    fallback: bool = False  # read by the offline rules while the LLM was unavailable


@dataclass
class Written:
    articles: list[int] = field(default_factory=list)  # recorded (claims written)
    changes: int = 0  # verdicts new or changed
    again: list[int] = field(default_factory=list)  # recorded, but the LLM reads them later


# (session, article, its verdicts new or changed, baseline article?, the batch's rows)
OnRecorded = Callable[[Session, CheckedArticle, list[VerdictChange], bool, Known], None]
# (session): the batch's claims, verdicts and appearances are written (ids assigned)
OnWritten = Callable[[Session], None]


class LoadedArticle(Protocol):
    """What checking an article reads of its row."""

    @property
    def id(self) -> int | None: ...
    @property
    def title(self) -> str | None: ...
    @property
    def summary(self) -> str | None: ...
    @property
    def content(self) -> str | None: ...
    @property
    def url(self) -> str | None: ...
    @property
    def published_at(self) -> datetime | None: ...
    @property
    def fetched_at(self) -> datetime: ...
    @property
    def processed_at(self) -> datetime | None: ...
    @property
    def lease_owner(self) -> str | None: ...


_SOURCES = Source.__table__  # type: ignore[attr-defined]
_LOAD = (
    sa.select(
        _ARTICLES.c.id,
        _ARTICLES.c.title,
        _ARTICLES.c.summary,
        _ARTICLES.c.content,
        _ARTICLES.c.url,
        _ARTICLES.c.published_at,
        _ARTICLES.c.fetched_at,
        _ARTICLES.c.processed_at,
        _ARTICLES.c.lease_owner,
        _SOURCES.c.name.label("source_name"),
    )
    .select_from(_ARTICLES.outerjoin(_SOURCES, _SOURCES.c.id == _ARTICLES.c.source_id))
    .where(_ARTICLES.c.id.in_(sa.bindparam("ids", expanding=True)))
)


def load_batch(engine: Engine, ids: Sequence[int]) -> dict[int, tuple[LoadedArticle, str | None]]:
    """The articles `ids` (the columns checking reads) with their source's name, in one
    query: rows, not ORM objects, which cost more to build than the query took."""
    with engine.connect() as conn:
        rows = conn.execute(_LOAD, {"ids": list(ids)}).all()
    return {row.id: (row, row.source_name) for row in rows if row.id is not None}


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


def write_checked(
    engine: Engine,
    items: Sequence[CheckedArticle],
    *,
    now: datetime,
    on_recorded: OnRecorded,
    on_written: OnWritten | None = None,
) -> Written:
    """Write `items` in one transaction: each article's claims and verdicts, whatever
    `on_recorded` adds (the alerts), and one executemany marking them done.

    `on_recorded` is called article by article as each is recorded, before the rows are
    flushed (new verdicts have no id yet; `Known.only_baseline` says whether a claim
    alerts); `on_written` once the batch's rows are written, in the same transaction.

    The article rows are locked and read again first (only the columns needed); one
    processed meanwhile is skipped. An article read by the rules in place of the LLM
    keeps its claims (they alert now) but stays pending, leased again after
    FALLBACK_RETRY for the LLM, while it is younger than FALLBACK_WINDOW; the claims it
    repeats then are the same claims, so nothing alerts twice."""
    out = Written()
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
        todo = [
            (item, row)
            for item in items
            if (row := locked.get(item.article_id)) is not None and row.processed_at is None
        ]
        # the batch's claims, verdicts and appearances in a few queries, not per claim;
        # its new claims, verdicts and appearances in one statement each
        drafts = [d for item, _ in todo for d in item.drafts]
        known = prefetch(session, drafts, articles=[item.article_id for item, _ in todo])
        known.deferred = True
        create_claims(session, drafts, known, now=now)
        read_fresh(session, known)  # after create_claims: a racer's claim may have some
        done: list[CheckedArticle] = []
        for item, row in todo:
            changes: list[VerdictChange] = []
            if item.drafts:
                changes = record_article_claims(
                    session,
                    item.article_id,
                    list(item.drafts),
                    list(item.judgements),
                    now=now,
                    known=known,
                    baseline=row.baseline,
                )
            on_recorded(session, item, changes, row.baseline, known)
            out.articles.append(item.article_id)
            out.changes += len(changes)
            if item.fallback and _age(row.fetched_at, now) < FALLBACK_WINDOW:
                out.again.append(item.article_id)
            else:
                done.append(item)
        write_deferred(session, known)
        if on_written is not None:
            on_written(session)
        if done:
            session.execute(
                _MARK_DONE,
                [
                    {
                        "article_id": i.article_id,
                        "now": now,
                        "prompt": i.prompt_tokens,
                        "completion": i.completion_tokens,
                    }
                    for i in done
                ],
            )
        if out.again:
            session.execute(
                sa.update(_ARTICLES)
                .where(_ARTICLES.c.id.in_(out.again))
                .values(lease_owner=None, lease_until=now + FALLBACK_RETRY)
            )
    return out


def _age(fetched_at: datetime, now: datetime) -> timedelta:
    if fetched_at.tzinfo is None:
        fetched_at = fetched_at.replace(tzinfo=now.tzinfo)
    return now - fetched_at


def retry_later(engine: Engine, article_id: int, owner: str, at: datetime) -> None:
    """Keep a failed article leased until `at`, when it is taken again (ours only)."""
    with engine.begin() as conn:
        conn.execute(
            sa.update(_ARTICLES)
            .where(_ARTICLES.c.id == article_id, _ARTICLES.c.lease_owner == owner)
            .values(lease_until=at)
        )


def repeated_claims(
    session: Session,
    drafts: Sequence[ClaimDraft],
    changes: Sequence[VerdictChange],
    known: Known | None = None,
) -> list[tuple[Claim, Verdict]]:
    """The claims `drafts` make that already stood (no new verdict), with their current
    verdicts: a claim first seen in baseline articles, repeated by fresh news, alerts
    now (the idempotency key keeps it to one alert)."""
    changed = {c.claim.id for c in changes}
    key = known.key if known is not None else claim_dedupe_key
    keys = sorted({key(d) for d in drafts})
    if not keys:
        return []
    if known is not None and all(k in known.claims for k in keys):
        claims: list[Claim] = [known.claims[k] for k in keys]
    else:
        claims = list(session.exec(select(Claim).where(col(Claim.dedupe_key).in_(keys))))
    out: list[tuple[Claim, Verdict]] = []
    for claim in claims:
        if claim.id in changed or claim.id is None:
            continue
        verdict = current_verdict(session, claim.id, known)
        if verdict is not None:
            out.append((claim, verdict))
    return out
