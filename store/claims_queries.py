"""What the bot and the CLI ask about claims: search, one claim in full, trouble spots.

Plain frozen dataclasses come back (no ORM objects escape a session), so the
embeds, the slash commands and the CLI render them without touching the database.
Search uses each database's own full-text engine (revision 0002): FTS5 on SQLite,
a GIN-indexed tsvector on Postgres. A query means the same on both: punctuation
splits words ("Qwen2.5-Max" -> qwen2 5 max) and every word is prefix-matched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from store.models import (
    Alert,
    Appearance,
    Article,
    Claim,
    DestinationState,
    Digest,
    Source,
    Verdict,
)

# Must equal the expression indexed by migration 0002, or Postgres ignores the index.
PG_TSVECTOR = "to_tsvector('simple', regexp_replace(statement, '[^[:alnum:]]+', ' ', 'g'))"
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
MAX_QUERY_WORDS = 12


@dataclass(frozen=True, slots=True)
class ClaimSummary:
    id: int
    statement: str
    type: str
    board: str | None
    as_of: date
    first_seen_at: datetime
    current_verdict: str | None


@dataclass(frozen=True, slots=True)
class ClaimPage:
    items: tuple[ClaimSummary, ...]
    page: int
    page_size: int
    has_more: bool


@dataclass(frozen=True, slots=True)
class AppearanceView:
    article_id: int
    title: str | None
    url: str | None
    outlet: str  # the source's name
    published_at: datetime | None
    baseline: bool
    quote: str
    span: tuple[int, int]
    hedged: bool
    claimant: str | None
    extractor: str
    extractor_version: str
    seen_at: datetime


@dataclass(frozen=True, slots=True)
class VerdictView:
    id: int
    label: str
    reason: str | None
    explanation: str
    board: str | None
    snapshot_date: date | None
    judgement: dict[str, Any]  # a store.claims.Judgement dump
    created_at: datetime
    superseded_at: datetime | None


@dataclass(frozen=True, slots=True)
class ClaimView(ClaimSummary):
    """One claim in full: every appearance (oldest first) and every verdict it has had."""

    data: dict[str, Any]
    appearances: tuple[AppearanceView, ...]
    verdicts: tuple[VerdictView, ...]  # oldest first

    def verdict(self, verdict_id: int) -> VerdictView | None:
        return next((v for v in self.verdicts if v.id == verdict_id), None)

    def verdict_before(self, verdict_id: int) -> VerdictView | None:
        """The verdict this one replaced, if any."""
        earlier = [v for v in self.verdicts if v.id < verdict_id]
        return earlier[-1] if earlier else None

    @property
    def latest_verdict(self) -> VerdictView | None:
        current = [v for v in self.verdicts if v.superseded_at is None] or list(self.verdicts)
        return current[-1] if current else None


@dataclass(frozen=True, slots=True)
class Trouble:
    kind: str  # "source", "destination", "alerts", "digest"
    name: str
    problem: str


def query_words(text: str) -> list[str]:
    """The words a search matches on, lowercased; punctuation and FTS syntax dropped."""
    return [w.lower() for w in _WORD.findall(text)][:MAX_QUERY_WORDS]


def fts5_match(words: Sequence[str]) -> str:
    """An FTS5 MATCH expression: every word, as a quoted prefix (no operator injection)."""
    return " AND ".join(f'"{w}"*' for w in words)


def pg_tsquery(words: Sequence[str]) -> str:
    """A to_tsquery('simple', ...) text: every word as a prefix, all required."""
    return " & ".join(f"{w}:*" for w in words)


def _summary_fields(claim: Claim) -> dict[str, Any]:
    assert claim.id is not None
    return {
        "id": claim.id,
        "statement": claim.statement,
        "type": claim.type,
        "board": claim.board,
        "as_of": claim.as_of,
        "first_seen_at": claim.first_seen_at,
        "current_verdict": claim.current_verdict,
    }


def _summary(claim: Claim) -> ClaimSummary:
    return ClaimSummary(**_summary_fields(claim))


def search_claims(
    session: Session,
    query: str | None = None,
    *,
    verdict: str | None = None,
    since: datetime | None = None,
    page: int = 1,
    page_size: int = 10,
) -> ClaimPage:
    """Claims matching every word of `query` (all claims when empty), newest first.

    `since` keeps claims first seen at or after it. Pages count from 1; `has_more`
    comes from fetching one row extra, so no full count runs on a common word.
    """
    page = max(page, 1)
    stmt = select(Claim)
    words = query_words(query or "")
    if words:
        if session.get_bind().dialect.name == "sqlite":
            matching: sa.Select[tuple[Any]] = (
                sa.select(sa.literal_column("rowid"))
                .select_from(sa.table("claims_fts"))
                .where(sa.text("claims_fts MATCH :match").bindparams(match=fts5_match(words)))
            )
            # `id + 0` keeps SQLite from driving the query by rowid lookups of every
            # match: it walks the claims newest first instead (first_seen_at index, or
            # the verdict one) probing the materialised match set, and stops at a page.
            # A common word matches a third of the table; fetching and sorting all of
            # those rows took 60-100 ms at 100k claims (benchmarks/claims_search.py).
            stmt = stmt.where((col(Claim.id) + 0).in_(matching))
        else:
            stmt = stmt.where(
                sa.text(f"{PG_TSVECTOR} @@ to_tsquery('simple', :tsq)").bindparams(
                    tsq=pg_tsquery(words)
                )
            )
    if verdict:
        stmt = stmt.where(col(Claim.current_verdict) == verdict)
    if since is not None:
        stmt = stmt.where(col(Claim.first_seen_at) >= since)
    stmt = (
        stmt.order_by(col(Claim.first_seen_at).desc(), col(Claim.id).desc())
        .offset((page - 1) * page_size)
        .limit(page_size + 1)
    )
    rows = session.exec(stmt).all()
    return ClaimPage(
        items=tuple(_summary(c) for c in rows[:page_size]),
        page=page,
        page_size=page_size,
        has_more=len(rows) > page_size,
    )


def claim_view(session: Session, claim_id: int) -> ClaimView | None:
    """One claim with its appearances (and their articles and outlets) and verdicts."""
    claim = session.get(Claim, claim_id)
    if claim is None or claim.id is None:
        return None
    rows = session.exec(
        select(Appearance, Article, Source)
        .join(Article, col(Article.id) == col(Appearance.article_id))
        .join(Source, col(Source.id) == col(Article.source_id))
        .where(col(Appearance.claim_id) == claim_id)
        .order_by(col(Appearance.created_at), col(Appearance.id))
    ).all()
    appearances = tuple(
        AppearanceView(
            article_id=article.id or 0,
            title=article.title,
            url=article.canonical_url or article.url,
            outlet=source.name,
            published_at=article.published_at,
            baseline=article.baseline,
            quote=app.quote,
            span=(app.span_start, app.span_end),
            hedged=app.hedged,
            claimant=app.claimant,
            extractor=app.extractor,
            extractor_version=app.extractor_version,
            seen_at=app.created_at,
        )
        for app, article, source in rows
    )
    verdicts = tuple(
        VerdictView(
            id=v.id or 0,
            label=v.label,
            reason=v.reason,
            explanation=v.explanation,
            board=v.board,
            snapshot_date=v.snapshot_date,
            judgement=dict(v.judgement),
            created_at=v.created_at,
            superseded_at=v.superseded_at,
        )
        for v in session.exec(
            select(Verdict).where(col(Verdict.claim_id) == claim_id).order_by(col(Verdict.id))
        ).all()
    )
    return ClaimView(
        **_summary_fields(claim),
        data=dict(claim.data),
        appearances=appearances,
        verdicts=verdicts,
    )


def only_baseline_appearances(session: Session, claim_id: int) -> bool:
    """True when every article making this claim is baseline (such claims never alert)."""
    fresh = session.exec(
        select(Appearance.id)
        .join(Article, col(Article.id) == col(Appearance.article_id))
        .where(col(Appearance.claim_id) == claim_id, col(Article.baseline).is_(False))
        .limit(1)
    ).first()
    return fresh is None


def trouble(session: Session) -> list[Trouble]:
    """Sources failing or disabled, destinations broken, alerts that gave up: for /status."""
    out: list[Trouble] = []
    sources = session.exec(
        select(Source)
        .where(
            sa.or_(col(Source.disabled_reason).is_not(None), col(Source.consecutive_failures) > 0)
        )
        .order_by(col(Source.name))
    ).all()
    for s in sources:
        if s.disabled_reason:
            problem = f"disabled: {s.disabled_reason}"
        else:
            problem = f"failed polls in a row: {s.consecutive_failures}"
            if s.last_error:
                problem += f"; last error: {s.last_error}"
        out.append(Trouble("source", s.name, problem))
    for d in session.exec(
        select(DestinationState)
        .where(col(DestinationState.status) != "ok")
        .order_by(col(DestinationState.name))
    ).all():
        out.append(Trouble("destination", d.name, f"{d.status}: {d.broken_reason or 'unknown'}"))
    stuck = session.exec(
        select(Alert.destination, Alert.status, sa.func.count())
        .where(col(Alert.status).in_(("failed", "unconfirmed")))
        .group_by(col(Alert.destination), col(Alert.status))
        .order_by(col(Alert.destination), col(Alert.status))
    ).all()
    for destination, status, count in stuck:
        out.append(Trouble("alerts", destination, f"alerts {status}: {count}"))
    for digest in session.exec(
        select(Digest)
        .where(col(Digest.status).in_(("failed", "unconfirmed")))
        .order_by(col(Digest.period).desc())
        .limit(5)
    ).all():
        why = f": {digest.last_error}" if digest.last_error else ""
        out.append(Trouble("digest", digest.period, f"digest {digest.status}{why}"))
    return out
