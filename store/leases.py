"""Row leases: several instances share work on one Postgres, none does a row twice.

An instance takes up to `limit` due rows by stamping `lease_owner`/`lease_until` on
them. On Postgres the candidate rows are locked with `FOR UPDATE SKIP LOCKED`, so two
instances racing for work get disjoint rows without waiting for each other; a lease
that runs out (its instance died) makes the row takeable again. On SQLite only one
instance runs (bot/pipeline.py refuses a second), so the same statement is enough.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, SQLModel

from store.models import utcnow


def take(
    session: Session,
    model: type[SQLModel],
    due: sa.ColumnElement[bool],
    *,
    owner: str,
    ttl: timedelta,
    limit: int,
    order_by: Any = None,
    now: datetime | None = None,
) -> list[int]:
    """Lease up to `limit` rows of `model` matching `due`; returns their ids.

    The caller commits (the lease is only visible to others once committed) and later
    calls `release` or overwrites the lease columns when the work is recorded.
    """
    now = now or utcnow()
    table = model.__table__  # type: ignore[attr-defined]
    free = sa.or_(table.c.lease_until.is_(None), table.c.lease_until < now)
    pick = sa.select(table.c.id).where(due, free).limit(limit)
    pick = pick.order_by(order_by if order_by is not None else table.c.id)
    if session.get_bind().dialect.name == "postgresql":
        pick = pick.with_for_update(skip_locked=True)
    ids = [row[0] for row in session.execute(pick)]
    if ids:
        session.execute(
            sa.update(table)
            .where(table.c.id.in_(ids))
            .values(lease_owner=owner, lease_until=now + ttl)
        )
    return ids


def release(session: Session, model: type[SQLModel], ids: list[int], *, owner: str) -> None:
    """Give back leases this owner still holds (work done or abandoned cleanly)."""
    if not ids:
        return
    table = model.__table__  # type: ignore[attr-defined]
    session.execute(
        sa.update(table)
        .where(table.c.id.in_(ids), table.c.lease_owner == owner)
        .values(lease_owner=None, lease_until=None)
    )
