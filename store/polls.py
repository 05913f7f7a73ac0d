"""A feed poll's writes: the sources to poll, their leases, new articles, source state.

bot/feeds decides (what is new, what changed, the next poll, backoff and disable) and
hands the results here as plain values; this module writes them. `store_polls` writes
many sources' polls (articles + each source's state + its lease given back) in one
transaction with a few executemany statements; the poller groups the polls that
finish while a write runs into the next one (group commit).
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
from sqlmodel import col

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
    has_articles: bool = True  # False: nothing stored for it yet, no lookup needed


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
        new_row: dict[str, object] | None = None  # a new source's columns, made once
        for feed in feeds:
            url = feed.url
            path = str(feed.path) if feed.path is not None else None
            row = stored.get(feed.name)
            if row is None:
                if new_row is None:
                    new_row = Source(name="", url=None, path=None).model_dump(exclude={"id"})
                added.append({**new_row, "name": feed.name, "url": url, "path": path})
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
    instances sharing a database never poll the same source at once), and whether any
    article is stored for each: a source with none (every source of a first poll)
    needs no lookup of its entries' keys. Only the poll holding a source's lease
    stores articles for it, so that stays true until this poll writes."""
    rows = leases.take_sources(
        engine,
        list(names),
        (_SOURCES.c.name, *_STATE_COLUMNS),
        now=now,
        owner=owner,
        force=force,
        limit=limit,
    )
    ids = [r[0] for r in rows]
    stored: set[int] = set()
    with engine.connect() as conn:
        for i in range(0, len(ids), _IN_CHUNK):
            stored.update(conn.scalars(_WITH_ARTICLES, {"b_ids": ids[i : i + _IN_CHUNK]}))
    return [
        DueRow(id=r[0], name=r[1], state=PollState(*r[2:]), has_articles=r[0] in stored)
        for r in rows
    ]


def known_articles(engine: Engine, source_id: int, keys: Sequence[str]) -> dict[str, StoredArticle]:
    """The stored articles of a source among `keys` (only those: feeds can be long)."""
    out: dict[str, StoredArticle] = {}
    with engine.connect() as conn:
        for i in range(0, len(keys), _IN_CHUNK):
            chunk = list(keys[i : i + _IN_CHUNK])
            for key, article_id, chash in conn.execute(
                _KNOWN, {"b_source": source_id, "b_keys": chunk}
            ):
                out[key] = StoredArticle(id=article_id, content_hash=chash)
    return out


@dataclass(frozen=True, slots=True)
class PollWrite:
    """One source's poll as the store writes it: its new state, and the articles it
    found new or changed (none for a 304, an unchanged body or a failure)."""

    source: PolledSource
    new: Sequence[NewArticleRow] = ()
    changed: Sequence[ChangedArticleRow] = ()


def store_poll(
    engine: Engine,
    source: PolledSource,
    new: Sequence[NewArticleRow] = (),
    changed: Sequence[ChangedArticleRow] = (),
) -> StoredPoll:
    """Store one poll's articles and the source's new state in one transaction."""
    return store_polls(engine, [PollWrite(source, new, changed)])[0]


def store_states(engine: Engine, sources: Sequence[PolledSource]) -> None:
    """Store many sources' new states (polls that found no article) in one transaction."""
    store_polls(engine, [PollWrite(s) for s in sources])


def store_polls(engine: Engine, writes: Sequence[PollWrite]) -> list[StoredPoll]:
    """Store many sources' polls in one transaction: every new article in one
    executemany INSERT, changed ones in one executemany UPDATE, every source's state
    (its lease given back) in one more. Returns, per write, the ids inserted and updated.

    New articles wait for extraction (`processed_at` NULL); a changed one is extracted
    again (its claims may have changed). A source's `entries_stored` counts its new
    articles. The poller groups its polls into these (group commit): a transaction
    per source, and an ORM object per source, were most of a cold poll's database time.
    """
    if not writes:
        return []
    with engine.begin() as conn:
        # changed first: an id freed by a deleted article may be reused by an insert
        updated_ids = _update_changed(conn, writes)
        new_ids = _insert_new(conn, writes)
        conn.execute(_STATE_UPDATE, [_state_values(w.source, len(w.new)) for w in writes])
    return [StoredPoll(n, u) for n, u in zip(new_ids, updated_ids, strict=True)]


def _insert_new(conn: sa.Connection, writes: Sequence[PollWrite]) -> list[list[int]]:
    rows = [
        {
            "source_id": w.source.source_id,
            "dedupe_key": n.dedupe_key,
            "guid": _cap(n.guid, 2000),
            "url": _cap(n.url, 2000),
            "canonical_url": _cap(n.canonical_url, 2000),
            "title": n.title,
            "summary": n.summary,
            "content": n.content,
            "content_hash": n.content_hash,
            "published_at": n.published_at,
            "fetched_at": w.source.polled_at,
            "baseline": n.baseline,
            "llm_prompt_tokens": 0,
            "llm_completion_tokens": 0,
            # updated_at, processed_at (waits for extraction) and the lease are left
            # out, so NULL: binding a None through each column's type was a tenth of
            # the insert's own time
        }
        for w in writes
        for n in w.new
    ]
    if not rows:
        return [[] for _ in writes]
    # A plain executemany, then the ids read back by key. INSERT ... RETURNING was
    # measured worse on both databases: in parameter order it runs one statement per
    # row on SQLite (no sentinel column there); unordered, SQLAlchemy renders multi-row
    # statements whose size varies with the batch, and Python's sqlite3 keeps up to 128
    # of them prepared with their bound values (copies of every article's text: 50 MB
    # more at 1,000 feeds), while on Postgres it took three times the CPU of psycopg's
    # pipelined executemany and the reads below.
    conn.execute(_ARTICLES.insert(), rows)
    # per source: both columns of the unique index fixed or listed, so each key is one
    # probe (a list of sources and a list of keys together probe every pair)
    ids: dict[tuple[int, str], int] = {}
    for w in writes:
        sid = w.source.source_id
        keys = [n.dedupe_key for n in w.new]
        for i in range(0, len(keys), _IN_CHUNK):
            found = conn.execute(_KNOWN, {"b_source": sid, "b_keys": keys[i : i + _IN_CHUNK]})
            ids.update(((sid, key), aid) for key, aid, _hash in found)
    return [[ids[(w.source.source_id, n.dedupe_key)] for n in w.new] for w in writes]


def _update_changed(conn: sa.Connection, writes: Sequence[PollWrite]) -> list[list[int]]:
    wanted = [c.id for w in writes for c in w.changed]
    if not wanted:
        return [[] for _ in writes]
    # still there, and still the source's own (ids come from a read before the poll)
    exists: set[tuple[int, int]] = set()
    for i in range(0, len(wanted), _IN_CHUNK):
        found = conn.execute(_EXISTING, {"b_ids": wanted[i : i + _IN_CHUNK]})
        exists.update((aid, sid) for aid, sid in found)
    rows = [
        {
            "b_id": c.id,
            "b_url": _cap(c.url, 2000),
            "b_canonical_url": _cap(c.canonical_url, 2000),
            "b_title": c.title,
            "b_summary": c.summary,
            "b_content": c.content,
            "b_content_hash": c.content_hash,
            "b_published_at": c.published_at,
            "b_updated_at": w.source.polled_at,
        }
        for w in writes
        for c in w.changed
        if (c.id, w.source.source_id) in exists
    ]
    if rows:
        conn.execute(_CHANGED_UPDATE, rows)
    return [[c.id for c in w.changed if (c.id, w.source.source_id) in exists] for w in writes]


def _state_values(s: PolledSource, added: int = 0) -> dict[str, object]:
    return {
        "b_id": s.source_id,
        "b_added": added,
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
        entries_stored=col(Source.entries_stored) + _p("b_added", type_=sa.Integer),
        lease_owner=None,
        lease_until=None,
    )
)
_IN_CHUNK = 500  # values per IN list
_EXISTING = sa.select(_ARTICLES.c.id, _ARTICLES.c.source_id).where(
    _ARTICLES.c.id.in_(_p("b_ids", expanding=True))
)
_CHANGED_UPDATE = (
    sa.update(Article)
    .where(col(Article.id) == _p("b_id"))
    .values(
        url=_p("b_url"),
        canonical_url=_p("b_canonical_url"),
        title=_p("b_title"),
        summary=_p("b_summary"),
        content=_p("b_content"),
        content_hash=_p("b_content_hash"),
        # None keeps the stored date
        published_at=sa.func.coalesce(
            _p("b_published_at", type_=_ARTICLES.c.published_at.type),
            col(Article.published_at),
        ),
        updated_at=_p("b_updated_at"),
        processed_at=None,  # re-extract: the claims may have changed
    )
)
# one probe of the (source_id, dedupe_key) index per source
_WITH_ARTICLES = sa.select(_SOURCES.c.id).where(
    _SOURCES.c.id.in_(_p("b_ids", expanding=True)),
    sa.exists().where(_ARTICLES.c.source_id == _SOURCES.c.id),
)
_KNOWN = sa.select(_ARTICLES.c.dedupe_key, _ARTICLES.c.id, _ARTICLES.c.content_hash).where(
    _ARTICLES.c.source_id == _p("b_source"),
    _ARTICLES.c.dedupe_key.in_(_p("b_keys", expanding=True)),
)


def _cap(value: str | None, limit: int) -> str | None:
    if value is None or len(value) <= limit:
        return value
    return None  # a 2,000-character URL is not worth keeping truncated (it would not resolve)
