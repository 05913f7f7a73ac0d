"""What the bot and the CLI ask about claims: search, one claim in full.

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
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from store.models import (
    Appearance,
    Article,
    Claim,
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
    Newest first is (first_seen_at, id) descending, whichever way the page is found.
    """
    page = max(page, 1)
    filters: list[Any] = []
    if verdict:
        filters.append(col(Claim.current_verdict) == verdict)
    if since is not None:
        filters.append(col(Claim.first_seen_at) >= since)
    words = query_words(query or "")
    if not words:
        rows = _page(session, select(Claim).where(*filters), page, page_size)
    elif session.get_bind().dialect.name == "sqlite":
        rows = _sqlite_search(session, words, filters, page, page_size)
    else:
        rows = _postgres_search(session, words, filters, page, page_size)
    return ClaimPage(
        items=tuple(_summary(c) for c in rows[:page_size]),
        page=page,
        page_size=page_size,
        has_more=len(rows) > page_size,
    )


def _page(session: Session, stmt: Any, page: int, page_size: int) -> list[Claim]:
    """The page's rows, newest first, plus one more when there is one (for `has_more`)."""
    stmt = (
        stmt.order_by(col(Claim.first_seen_at).desc(), col(Claim.id).desc())
        .offset((page - 1) * page_size)
        .limit(page_size + 1)
    )
    return list(session.exec(stmt).all())


# How a text search finds its page without reading every match or every claim.
# SQLite (FTS5): one read of the newest FEW_MATCHES + 1 matches by id (FTS5 reads its
# rowids backwards; a prefix query costs 2-3 ms however far it reads, so one read, not
# two). All the matches: they are sorted. More: the newest NEWEST_MATCHES of them are
# the page whenever no older id was first seen later (true unless instances' clocks
# disagree); else the claims are walked newest first against the whole match set (the
# old way: 13 ms for a word in two claims of three at 300k, benchmarks/claims_search.py).
FEW_MATCHES = 1000
NEWEST_MATCHES = 300
NEWEST_PER_ROW = 20  # newest matches read per row wanted, for filters and deep pages
# Postgres: several words make its planner guess far too few matches and sort them
# all (20-30 ms for "qwen2.5-max" with a verdict at 300k). Walking the newest
# POSTGRES_WALK claims first, each word tested with ILIKE before the tsvector is built
# (about 1 us a row against 15 us), finds a common phrase's page in about a millisecond;
# the index answers when the walk falls short.
POSTGRES_WALK = 2000


_PLAIN_WORD = re.compile(r"[a-z0-9]+")
# A word prefix that covers more indexed terms than this stays a prefix query.
MAX_TERMS_PER_WORD = 16


def fts5_terms_match(session: Session, words: Sequence[str]) -> str | None:
    """The FTS5 MATCH for `words` with each word's prefix spelled out as the indexed
    terms it covers ("gem" -> ("gemini" OR "gemma")), read from the index's vocabulary
    (temp.claims_fts_vocab, store.db). FTS5 reads exact terms incrementally, newest
    first, and stops at the LIMIT; a prefix query reads every match first (6 ms against
    0.2 ms for a word in two claims of three at 300k). None: some word starts no term,
    so nothing matches. A word with accents, or with too many terms, stays a prefix."""
    parts = []
    for word in words:
        if not _PLAIN_WORD.fullmatch(word):  # the tokenizer folds accents; keep its way
            parts.append(fts5_match([word]))
            continue
        after = word[:-1] + chr(ord(word[-1]) + 1)
        terms = list(
            session.execute(
                sa.text(
                    "SELECT term FROM temp.claims_fts_vocab "
                    "WHERE term >= :word AND term < :after LIMIT :n"
                ),
                {"word": word, "after": after, "n": MAX_TERMS_PER_WORD + 1},
            ).scalars()
        )
        if not terms:
            return None
        if len(terms) > MAX_TERMS_PER_WORD:
            parts.append(fts5_match([word]))
        else:
            parts.append("(" + " OR ".join(f'"{t}"' for t in terms) + ")")
    return " AND ".join(parts)


def _sqlite_search(
    session: Session, words: list[str], filters: list[Any], page: int, page_size: int
) -> list[Claim]:
    match = fts5_terms_match(session, words)
    if match is None:
        return []
    wanted = page * page_size + 1
    newest = list(
        session.execute(
            sa.text(
                "SELECT rowid FROM claims_fts WHERE claims_fts MATCH :match "
                "ORDER BY rowid DESC LIMIT :n"
            ),
            {"match": match, "n": max(FEW_MATCHES, NEWEST_PER_ROW * wanted) + 1},
        ).scalars()
    )
    if not newest:
        return []
    if len(newest) <= max(FEW_MATCHES, NEWEST_PER_ROW * wanted):
        return _page(
            session, select(Claim).where(col(Claim.id).in_(newest), *filters), page, page_size
        )
    newest = newest[: max(NEWEST_MATCHES, NEWEST_PER_ROW * wanted)]
    rows = _page(session, select(Claim).where(col(Claim.id).in_(newest), *filters), page, page_size)
    if len(rows) == page_size + 1:
        # Any claim outside `newest` has a smaller id, so it sorts after the last row
        # unless it was first seen later than that row.
        later = session.execute(
            sa.select(col(Claim.id))
            .where(col(Claim.first_seen_at) > rows[-1].first_seen_at, col(Claim.id) < newest[-1])
            .limit(1)
        ).first()
        if later is None:
            return rows
    matching: sa.Select[tuple[Any]] = (
        sa.select(sa.literal_column("rowid"))
        .select_from(sa.table("claims_fts"))
        .where(sa.text("claims_fts MATCH :match").bindparams(match=match))
    )
    # `id + 0` keeps SQLite from driving the query by rowid lookups of every match: it
    # walks the claims newest first (first_seen_at index, or the verdict one) probing
    # the materialised match set, and stops at a page.
    walk = select(Claim).where((col(Claim.id) + 0).in_(matching), *filters)
    return _page(session, walk, page, page_size)


def _postgres_search(
    session: Session, words: list[str], filters: list[Any], page: int, page_size: int
) -> list[Claim]:
    matches = sa.text(f"{PG_TSVECTOR} @@ to_tsquery('simple', :tsq)").bindparams(
        tsq=pg_tsquery(words)
    )
    if len(words) == 1:
        # one word's frequency the planner knows: it walks an index or reads the GIN
        # one as the word's frequency says
        return _page(session, select(Claim).where(matches, *filters), page, page_size)
    # The subquery's LIMIT keeps the text test out of it: it runs on the walked rows only.
    recent = (
        select(Claim)
        .where(*filters)
        .order_by(col(Claim.first_seen_at).desc(), col(Claim.id).desc())
        .limit(POSTGRES_WALK)
        .subquery("recent")
    )
    walked = aliased(Claim, recent)
    # a word prefix of the statement is a substring of it: a cheap test that rules out
    # most rows before the exact one (Postgres runs the cheaper condition first)
    contains = [recent.c.statement.ilike(f"%{w}%") for w in words]
    stmt = (
        select(walked)
        .where(*contains, matches)
        .order_by(recent.c.first_seen_at.desc(), recent.c.id.desc())
        .offset((page - 1) * page_size)
        .limit(page_size + 1)
    )
    rows = list(session.exec(stmt).all())
    if len(rows) == page_size + 1:
        return rows
    return _page(session, select(Claim).where(matches, *filters), page, page_size)


def _table(model: Any) -> sa.Table:
    return model.__table__  # type: ignore[no-any-return]


_CLAIMS, _APPEARANCES, _ARTICLES = _table(Claim), _table(Appearance), _table(Article)
_SOURCES, _VERDICTS = _table(Source), _table(Verdict)
# Core statements built once: an alert's view is read for every send, and ORM loading
# plus building and keying three statements each time were most of that read's cost
_VIEW_CLAIM = sa.select(
    *(_CLAIMS.c[name] for name in (*ClaimSummary.__dataclass_fields__, "data"))
).where(_CLAIMS.c.id == sa.bindparam("claim_id"))
# the article's columns shown, not its row: a claim many outlets repeat would load
# every article's full text (each alert builds this view)
_VIEW_APPEARANCES = (
    sa.select(
        _APPEARANCES.c.article_id,
        _ARTICLES.c.title,
        _ARTICLES.c.canonical_url,
        _ARTICLES.c.url,
        _ARTICLES.c.published_at,
        _ARTICLES.c.baseline,
        _SOURCES.c.name,
        _APPEARANCES.c.quote,
        _APPEARANCES.c.span_start,
        _APPEARANCES.c.span_end,
        _APPEARANCES.c.hedged,
        _APPEARANCES.c.claimant,
        _APPEARANCES.c.extractor,
        _APPEARANCES.c.extractor_version,
        _APPEARANCES.c.created_at,
    )
    .join(_ARTICLES, _ARTICLES.c.id == _APPEARANCES.c.article_id)
    .join(_SOURCES, _SOURCES.c.id == _ARTICLES.c.source_id)
    .where(_APPEARANCES.c.claim_id == sa.bindparam("claim_id"))
    .order_by(_APPEARANCES.c.created_at, _APPEARANCES.c.id)
)
_VIEW_VERDICTS = (
    sa.select(
        *(_VERDICTS.c[name] for name in VerdictView.__dataclass_fields__ if name != "id"),
        _VERDICTS.c.id,
    )
    .where(_VERDICTS.c.claim_id == sa.bindparam("claim_id"))
    .order_by(_VERDICTS.c.id)
)


def claim_view(session: Session, claim_id: int) -> ClaimView | None:
    """One claim with its appearances (and their articles and outlets) and verdicts."""
    conn = session.connection()
    params = {"claim_id": claim_id}
    claim = conn.execute(_VIEW_CLAIM, params).mappings().first()
    if claim is None or claim["id"] is None:
        return None
    appearances = tuple(
        AppearanceView(
            article_id=article_id or 0,
            title=title,
            url=canonical_url or url,
            outlet=outlet,
            published_at=published_at,
            baseline=baseline,
            quote=quote,
            span=(span_start, span_end),
            hedged=hedged,
            claimant=claimant,
            extractor=extractor,
            extractor_version=extractor_version,
            seen_at=created_at,
        )
        for (
            article_id,
            title,
            canonical_url,
            url,
            published_at,
            baseline,
            outlet,
            quote,
            span_start,
            span_end,
            hedged,
            claimant,
            extractor,
            extractor_version,
            created_at,
        ) in conn.execute(_VIEW_APPEARANCES, params)
    )
    verdicts = tuple(
        VerdictView(
            id=v["id"] or 0,
            label=v["label"],
            reason=v["reason"],
            explanation=v["explanation"],
            board=v["board"],
            snapshot_date=v["snapshot_date"],
            judgement=dict(v["judgement"]),
            created_at=v["created_at"],
            superseded_at=v["superseded_at"],
        )
        for v in conn.execute(_VIEW_VERDICTS, params).mappings()
    )
    return ClaimView(
        **{name: claim[name] for name in ClaimSummary.__dataclass_fields__},
        data=dict(claim["data"]),
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
