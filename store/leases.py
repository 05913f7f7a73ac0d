"""Row leases: several instances share work on one database, none does a row twice.

Every kind of work is taken here, with one mechanism:

    sources        due to poll                  take_sources    (the poller)
    articles       not yet processed            take_articles   (extract + judge)
    claims         marked for re-checking       take_claims     (after new snapshots)
    alerts         pending or resumable         take_alerts     (the dispatcher)
    leaderboards   due to be refreshed          take_board      (the refresh)

An instance takes up to `limit` due rows by stamping `lease_owner`/`lease_until` on
them, in two statements: a SELECT of the candidates, then an UPDATE of those ids that
repeats the due-and-free condition and returns the ids it stamped. On Postgres the
SELECT locks the candidates with `FOR UPDATE SKIP LOCKED`, so instances racing for
work get disjoint rows without waiting for each other. SQLite has no row locks, but
its UPDATE re-checks the condition under its write lock, so a row another writer took
in between is simply not returned. A lease that runs out (its instance died) makes
the row takeable again.

The holder changes a leased row only through `update_leased` (nothing happens once
the lease was lost) and gives it back with `release` or `release_owned`.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Sequence
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from store.models import PENDING, SENDING, Alert, Article, Claim, Leaderboard, Source

SOURCE_LEASE = timedelta(minutes=10)
ARTICLE_LEASE = timedelta(minutes=10)
RECHECK_LEASE = timedelta(minutes=10)
# longer than a board fetch's overall deadline (bot/net.py LEADERBOARD_LIMITS) plus ingest
BOARD_LEASE = timedelta(minutes=10)
_IN_LIST = 1000  # names per statement: bounded IN lists


def _table(model: type[SQLModel]) -> sa.Table:
    return model.__table__  # type: ignore[attr-defined,no-any-return]


def free(model: type[SQLModel], now: datetime) -> sa.ColumnElement[bool]:
    """Rows nobody holds: never leased, given back, or their holder's lease ran out."""
    table = _table(model)
    return sa.or_(table.c.lease_until.is_(None), table.c.lease_until < now)


def take_rows(
    session: Session,
    model: type[SQLModel],
    due: sa.ColumnElement[bool],
    *,
    owner: str,
    ttl: timedelta,
    now: datetime,
    limit: int | None = None,
    order_by: Sequence[Any] = (),
    columns: Sequence[sa.ColumnElement[Any]] = (),
) -> list[tuple[Any, ...]]:
    """Lease up to `limit` rows of `model` matching `due`, in `order_by` (then id) order.

    Returns the rows taken, each with `id` and `columns` as the lease left them. The
    caller commits: the lease is only visible to others once committed.
    """
    table = _table(model)
    condition = sa.and_(due, free(model, now))
    pick = sa.select(table.c.id).where(condition).order_by(*order_by, table.c.id)
    if limit is not None:
        pick = pick.limit(limit)
    if session.get_bind().dialect.name == "postgresql":
        pick = pick.with_for_update(skip_locked=True)
    order = [row[0] for row in session.execute(pick)]
    if not order:
        return []
    stamped = session.execute(
        sa.update(table)
        .where(table.c.id.in_(order), condition)
        .values(lease_owner=owner, lease_until=now + ttl)
        .returning(table.c.id, *columns)
    ).all()
    by_id = {row[0]: tuple(row) for row in stamped}
    return [by_id[i] for i in order if i in by_id]


def take(
    session: Session,
    model: type[SQLModel],
    due: sa.ColumnElement[bool],
    *,
    owner: str,
    ttl: timedelta,
    limit: int | None,
    now: datetime,
    order_by: Sequence[Any] = (),
) -> list[int]:
    """`take_rows`, the ids only."""
    rows = take_rows(
        session, model, due, owner=owner, ttl=ttl, now=now, limit=limit, order_by=order_by
    )
    return [int(row[0]) for row in rows]


def release(engine: Engine, model: type[SQLModel], ids: Sequence[int], *, owner: str) -> None:
    """Give back leases this owner still holds (work abandoned cleanly)."""
    if not ids:
        return
    table = _table(model)
    with engine.begin() as conn:
        conn.execute(
            sa.update(table)
            .where(table.c.id.in_(list(ids)), table.c.lease_owner == owner)
            .values(lease_owner=None, lease_until=None)
        )


def release_owned(engine: Engine, model: type[SQLModel], owner: str) -> int:
    """Give back every lease `owner` holds on `model` rows; how many there were."""
    table = _table(model)
    with engine.begin() as conn:
        result = conn.execute(
            sa.update(table)
            .where(table.c.lease_owner == owner)
            .values(lease_owner=None, lease_until=None)
        )
    return int(getattr(result, "rowcount", 0) or 0)


def update_leased(
    engine: Engine, model: type[SQLModel], row_id: int, owner: str, **values: object
) -> bool:
    """Change a row only while `owner` still holds its lease (False if it was lost)."""
    statement = _leased_update(_table(model), tuple(values))
    with engine.begin() as conn:
        result = conn.execute(statement, {**values, "row_id": row_id, "owner": owner})
    return getattr(result, "rowcount", 0) == 1


@functools.lru_cache(maxsize=64)
def _leased_update(table: sa.Table, columns: tuple[str, ...]) -> sa.Update:
    """`update_leased`'s statement for these columns, built once: the dispatcher makes
    two such updates per alert, and building and keying a new statement each time cost
    more than running it."""
    return (
        sa.update(table)
        .where(table.c.id == sa.bindparam("row_id"), table.c.lease_owner == sa.bindparam("owner"))
        .values({name: sa.bindparam(name) for name in columns})
    )


# --- the kinds of work -----------------------------------------------------------------


def take_sources(
    engine: Engine,
    names: Sequence[str],
    columns: Sequence[sa.ColumnElement[Any]],
    *,
    now: datetime,
    owner: str,
    force: bool = False,
    limit: int | None = None,
) -> list[tuple[Any, ...]]:
    """Lease the named sources that are due to poll (all of them when `force`), at most
    `limit`, longest overdue first; each row is (id, *columns)."""
    s = _table(Source)
    out: list[tuple[Any, ...]] = []
    with Session(engine) as session, session.begin():
        for i in range(0, len(names), _IN_LIST):
            if limit is not None and len(out) >= limit:
                break
            due: sa.ColumnElement[bool] = s.c.name.in_(list(names[i : i + _IN_LIST]))
            if not force:
                due = sa.and_(due, sa.or_(s.c.next_poll_at.is_(None), s.c.next_poll_at <= now))
            out += take_rows(
                session,
                Source,
                due,
                owner=owner,
                ttl=SOURCE_LEASE,
                now=now,
                limit=None if limit is None else limit - len(out),
                order_by=(s.c.next_poll_at.nulls_first(),),
                columns=columns,
            )
    return out


def take_articles(engine: Engine, *, owner: str, now: datetime, limit: int) -> list[int]:
    """Lease up to `limit` articles waiting to be extracted and judged."""
    a = _table(Article)
    with Session(engine) as session, session.begin():
        if session.get_bind().dialect.name == "postgresql":
            # The pending index, walked in id order, reads only the batch taken. Without
            # statistics (a new table, before autovacuum analyzes it) Postgres expects a
            # handful of pending rows and plans a bitmap scan of all of them and a sort,
            # which reads every pending article on each take.
            session.execute(sa.text("SET LOCAL enable_bitmapscan = off"))
        pending = a.c.processed_at.is_(None)
        return take(session, Article, pending, owner=owner, ttl=ARTICLE_LEASE, limit=limit, now=now)


def take_claims(engine: Engine, *, owner: str, now: datetime, limit: int) -> list[int]:
    """Lease up to `limit` claims marked for re-checking."""
    c = _table(Claim)
    marked = sa.and_(c.c.recheck_after.is_not(None), c.c.recheck_after <= now)
    with Session(engine) as session, session.begin():
        return take(session, Claim, marked, owner=owner, ttl=RECHECK_LEASE, limit=limit, now=now)


def take_alerts(
    engine: Engine,
    *,
    owner: str,
    now: datetime,
    limit: int,
    ttl: timedelta,
    destinations: Collection[str] | None = None,
) -> list[int]:
    """Lease up to `limit` alerts due to be sent (or resumed), oldest first.

    `destinations`: only alerts for these (None: any), so a dispatcher's batch is never
    filled with rows it could only skip (a destination removed, or broken).
    """
    a = _table(Alert)
    due = sa.and_(
        a.c.status.in_((PENDING, SENDING)),
        sa.or_(a.c.next_attempt_at.is_(None), a.c.next_attempt_at <= now),
    )
    if destinations is not None:
        due = sa.and_(due, a.c.destination.in_(list(destinations)))
    with Session(engine) as session, session.begin():
        return take(session, Alert, due, owner=owner, ttl=ttl, limit=limit, now=now)


def take_board(
    engine: Engine, slug: str, *, interval: timedelta, owner: str, now: datetime
) -> bool:
    """Whether this instance refreshes board `slug` now (it then holds its lease until
    `record_board_refresh`). A board never ingested has no row to lease: its first
    refresh may be fetched by two instances, which ingest absorbs (same content hash)."""
    b = _table(Leaderboard)
    with Session(engine) as session, session.begin():
        if session.execute(sa.select(b.c.id).where(b.c.slug == slug)).first() is None:
            return True
        due = sa.and_(
            b.c.slug == slug,
            sa.or_(b.c.last_refreshed_at.is_(None), b.c.last_refreshed_at <= now - interval),
        )
        return bool(take(session, Leaderboard, due, owner=owner, ttl=BOARD_LEASE, limit=1, now=now))


def record_board_refresh(
    engine: Engine, slug: str, when: datetime | None, error: str | None
) -> None:
    """Stamp a board with its last refresh and its error (None when it went well), and
    give back its lease. `when` None: not refreshed (interrupted), due again at once."""
    b = _table(Leaderboard)
    with engine.begin() as conn:
        conn.execute(
            sa.update(b)
            .where(b.c.slug == slug)
            .values(last_refreshed_at=when, last_error=error, lease_owner=None, lease_until=None)
        )
