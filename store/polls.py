"""A feed poll's writes: the sources to poll, their leases, new articles, source state.

bot/feeds decides (what is new, what changed, the next poll, backoff and disable) and
hands the results here as plain values; this module writes them. A poll that stores
articles is one transaction (articles + the source's state + its lease given back,
`store_poll`); polls that only change a source's state (304, unchanged, failures) are
written many at a time by `store_states` (the poller batches them: group commit).
Feeds added and removed at run time are store/sources.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from store import leases
from store.models import Article, Source

_ARTICLES = Article.__table__  # type: ignore[attr-defined]
_SOURCES = Source.__table__  # type: ignore[attr-defined]


class FeedLocation(Protocol):
    """A feed's name and location (bot.sources.Feed is one)."""

    @property
    def name(self) -> str: ...

    @property
    def url(self) -> str | None: ...

    @property
    def path(self) -> Path | None: ...


@dataclass(frozen=True, slots=True)
class PollState:
    """The stored state a source's next poll is decided from."""

    consecutive_failures: int
    disabled_reason: str | None
    disabled_at: datetime | None
    etag: str | None
    last_modified: str | None
    last_success_at: datetime | None
    baseline_done: bool


@dataclass(frozen=True, slots=True)
class DueRow:
    id: int
    name: str
    state: PollState


@dataclass(frozen=True, slots=True)
class StoredArticle:
    id: int
    content_hash: str


@dataclass(frozen=True, slots=True)
class PolledSource:
    """A source's state after one poll; written with the source's lease given back."""

    source_id: int
    polled_at: datetime
    consecutive_failures: int
    disabled_reason: str | None
    disabled_at: datetime | None
    etag: str | None
    last_modified: str | None
    last_success_at: datetime | None
    last_status: str
    last_error: str | None
    next_poll_at: datetime
    baseline_done: bool | None = None  # None keeps the stored flag


@dataclass(frozen=True, slots=True)
class NewArticleRow:
    dedupe_key: str
    guid: str | None
    url: str | None
    canonical_url: str | None
    title: str | None
    summary: str | None
    content: str | None
    content_hash: str
    published_at: datetime | None
    baseline: bool


@dataclass(frozen=True, slots=True)
class ChangedArticleRow:
    """A stored article whose content changed; `published_at` None keeps the stored one."""

    id: int
    url: str | None
    canonical_url: str | None
    title: str | None
    summary: str | None
    content: str | None
    content_hash: str
    published_at: datetime | None


@dataclass(frozen=True, slots=True)
class StoredPoll:
    new_ids: list[int]
    updated_ids: list[int]


def sync_sources(engine: Engine, feeds: Sequence[FeedLocation]) -> dict[str, int]:
    """Upsert one Source row per feed; returns name -> id.

    Rows of feeds no longer in the file are kept (their articles stay) but are no
    longer polled. A source's state belongs to its name and location: a feed whose
    location changed starts as a new source (no validators, counters or schedule, its
    first poll a baseline again), so another feed's history never carries over.
    Core statements, not ORM objects: this runs before every poll, warm ones included.
    """
    table = _SOURCES
    with engine.begin() as conn:
        rows = conn.execute(sa.select(table.c.id, table.c.name, table.c.url, table.c.path))
        stored = {name: (sid, url, path) for sid, name, url, path in rows}
        added: list[dict[str, object]] = []
        moved: list[dict[str, object]] = []
        for feed in feeds:
            url = feed.url
            path = str(feed.path) if feed.path is not None else None
            row = stored.get(feed.name)
            if row is None:
                added.append(Source(name=feed.name, url=url, path=path).model_dump(exclude={"id"}))
            elif (row[1], row[2]) != (url, path):
                moved.append({"b_id": row[0], "b_url": url, "b_path": path})
        if moved:
            conn.execute(
                sa.update(table)
                .where(table.c.id == sa.bindparam("b_id"))
                .values(
                    url=sa.bindparam("b_url"),
                    path=sa.bindparam("b_path"),
                    etag=None,
                    last_modified=None,
                    last_polled_at=None,
                    last_success_at=None,
                    next_poll_at=None,
                    last_status=None,
                    consecutive_failures=0,
                    last_error=None,
                    disabled_reason=None,
                    disabled_at=None,
                    baseline_done=False,
                    entries_stored=0,
                ),
                moved,
            )
        if added:
            # instances starting together add the same new feeds: the first insert wins
            insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
            conn.execute(insert(table).on_conflict_do_nothing(index_elements=["name"]), added)
            rows = conn.execute(sa.select(table.c.id, table.c.name, table.c.url, table.c.path))
            stored = {name: (sid, url, path) for sid, name, url, path in rows}
    return {name: row[0] for name, row in stored.items()}


_STATE_COLUMNS = (
    _SOURCES.c.consecutive_failures,
    _SOURCES.c.disabled_reason,
    _SOURCES.c.disabled_at,
    _SOURCES.c.etag,
    _SOURCES.c.last_modified,
    _SOURCES.c.last_success_at,
    _SOURCES.c.baseline_done,
)


def lease_due(
    engine: Engine,
    names: Iterable[str],
    *,
    now: datetime,
    owner: str,
    force: bool = False,
    limit: int | None = None,
) -> list[DueRow]:
    """Lease the named sources that are due (all of them when `force`), at most `limit`,
    longest overdue first, with the state the poll decides from (store/leases.py:
    instances sharing a database never poll the same source at once)."""
    rows = leases.take_sources(
        engine,
        list(names),
        (_SOURCES.c.name, *_STATE_COLUMNS),
        now=now,
        owner=owner,
        force=force,
        limit=limit,
    )
    return [DueRow(id=r[0], name=r[1], state=PollState(*r[2:])) for r in rows]


def known_articles(engine: Engine, source_id: int, keys: Sequence[str]) -> dict[str, StoredArticle]:
    """The stored articles of a source among `keys` (only those: feeds can be long)."""
    out: dict[str, StoredArticle] = {}
    with Session(engine) as session:
        for i in range(0, len(keys), 500):
            chunk = list(keys[i : i + 500])
            rows = session.exec(
                select(Article.dedupe_key, Article.id, Article.content_hash)
                .where(Article.source_id == source_id)
                .where(col(Article.dedupe_key).in_(chunk))
            ).all()
            for key, article_id, chash in rows:
                assert article_id is not None
                out[key] = StoredArticle(id=article_id, content_hash=chash)
    return out


def store_poll(
    engine: Engine,
    source: PolledSource,
    new: Sequence[NewArticleRow] = (),
    changed: Sequence[ChangedArticleRow] = (),
) -> StoredPoll:
    """Store a poll's articles and the source's new state in one transaction.

    New articles wait for extraction (`processed_at` NULL); a changed one is extracted
    again (its claims may have changed). Returns the ids inserted and updated.
    """
    new_ids: list[int] = []
    updated_ids: list[int] = []
    with Session(engine) as session:
        if new:
            # Plain dicts into one multi-row INSERT ... RETURNING: building an Article
            # model per entry and dumping it again was most of the poll's CPU here
            # (1.7 s for 11k articles against 0.24 s of raw inserts).
            rows = [
                {
                    "source_id": source.source_id,
                    "dedupe_key": n.dedupe_key,
                    "guid": _cap(n.guid, 2000),
                    "url": _cap(n.url, 2000),
                    "canonical_url": _cap(n.canonical_url, 2000),
                    "title": n.title,
                    "summary": n.summary,
                    "content": n.content,
                    "content_hash": n.content_hash,
                    "published_at": n.published_at,
                    "fetched_at": source.polled_at,
                    "updated_at": None,
                    "baseline": n.baseline,
                    "processed_at": None,
                    "llm_prompt_tokens": 0,
                    "llm_completion_tokens": 0,
                    "lease_owner": None,
                    "lease_until": None,
                }
                for n in new
            ]
            stmt = _ARTICLES.insert().returning(_ARTICLES.c.id, sort_by_parameter_order=True)
            new_ids = [int(i) for i in session.execute(stmt, rows).scalars()]
        for c in changed:
            row = session.get(Article, c.id)
            if row is None:
                continue
            row.title, row.summary = c.title, c.summary
            row.content = c.content
            row.url = _cap(c.url, 2000)
            row.canonical_url = _cap(c.canonical_url, 2000)
            row.content_hash = c.content_hash
            row.published_at = c.published_at or row.published_at
            row.updated_at = source.polled_at
            row.processed_at = None  # re-extract: the claims may have changed
            session.add(row)
            updated_ids.append(c.id)
        stored = session.get(Source, source.source_id)
        assert stored is not None
        stored.consecutive_failures = source.consecutive_failures
        stored.disabled_reason = source.disabled_reason
        stored.disabled_at = source.disabled_at
        stored.etag = _cap(source.etag, 1000)
        stored.last_modified = _cap(source.last_modified, 200)
        stored.last_success_at = source.last_success_at
        stored.last_polled_at = source.polled_at
        stored.last_status = source.last_status[:100]
        stored.last_error = source.last_error
        stored.next_poll_at = source.next_poll_at
        stored.entries_stored += len(new)
        if source.baseline_done is not None:
            stored.baseline_done = source.baseline_done
        stored.lease_owner = stored.lease_until = None
        session.add(stored)
        session.commit()
    return StoredPoll(new_ids=new_ids, updated_ids=updated_ids)


def _state_values(s: PolledSource) -> dict[str, object]:
    return {
        "b_id": s.source_id,
        "b_failures": s.consecutive_failures,
        "b_disabled_reason": s.disabled_reason,
        "b_disabled_at": s.disabled_at,
        "b_etag": _cap(s.etag, 1000),
        "b_last_modified": _cap(s.last_modified, 200),
        "b_last_success_at": s.last_success_at,
        "b_polled_at": s.polled_at,
        "b_status": s.last_status[:100],
        "b_error": s.last_error,
        "b_next_poll_at": s.next_poll_at,
        "b_baseline_done": s.baseline_done,
    }


_p = sa.bindparam  # untyped binds in values() take the column's type (UTCDateTime included)
_STATE_UPDATE = (
    sa.update(Source)
    .where(col(Source.id) == _p("b_id"))
    .values(
        consecutive_failures=_p("b_failures"),
        disabled_reason=_p("b_disabled_reason"),
        disabled_at=_p("b_disabled_at"),
        etag=_p("b_etag"),
        last_modified=_p("b_last_modified"),
        last_success_at=_p("b_last_success_at"),
        last_polled_at=_p("b_polled_at"),
        last_status=_p("b_status"),
        last_error=_p("b_error"),
        next_poll_at=_p("b_next_poll_at"),
        # None keeps the stored flag (executemany needs the same columns in every row)
        baseline_done=sa.func.coalesce(
            _p("b_baseline_done", type_=sa.Boolean), col(Source.baseline_done)
        ),
        lease_owner=None,
        lease_until=None,
    )
)


def store_states(engine: Engine, sources: Sequence[PolledSource]) -> None:
    """Store many sources' new states in one transaction (one executemany UPDATE).

    The warm path: a poll where every source answers 304 writes a handful of these
    instead of one transaction per source. Same columns as `store_poll`, and the
    lease is given back the same way.
    """
    if not sources:
        return
    with engine.begin() as conn:
        conn.execute(_STATE_UPDATE, [_state_values(s) for s in sources])


def _cap(value: str | None, limit: int) -> str | None:
    if value is None or len(value) <= limit:
        return value
    return None  # a 2,000-character URL is not worth keeping truncated (it would not resolve)
