"""Alert destinations' and mail routes' health, as /status, the CLI and the dispatcher
read it: one row per name, `ok` or `broken` with why.

Written by whoever finds out (the dispatcher on a 404 webhook, the digest on a refused
login, an operator's reset, a start-up that finds a configuration changed), possibly
by two instances at once: the first write of a name is an `INSERT ... ON CONFLICT DO
NOTHING`, so neither fails.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from store.db import insert_or_ignore
from store.errors import ClaimwatchError
from store.models import DestinationState
from store.outbox import make_due_now

OK, BROKEN = "ok", "broken"


def set_destination_state(
    engine: Engine, name: str, kind: str, *, broken_reason: str | None, now: datetime
) -> None:
    """Mark a destination broken (with why) or, with `broken_reason` None, ok again."""
    status = BROKEN if broken_reason else OK
    with Session(engine) as session, session.begin():
        row = DestinationState(
            name=name, kind=kind, status=status, broken_reason=broken_reason, updated_at=now
        )
        if insert_or_ignore(session, row, ["name"]):
            return
        session.execute(
            sa.update(DestinationState)
            .where(col(DestinationState.name) == name)
            .values(kind=kind, status=status, broken_reason=broken_reason, updated_at=now)
        )


def broken_destinations(engine: Engine) -> dict[str, str]:
    """The destinations marked broken, with why."""
    with Session(engine) as session:
        rows = session.exec(
            select(DestinationState).where(col(DestinationState.status) == BROKEN)
        ).all()
        return {r.name: r.broken_reason or "" for r in rows}


def record_configurations(
    engine: Engine, configured: Sequence[tuple[str, str, str]], *, now: datetime
) -> list[str]:
    """Store each destination's (name, kind, configuration hash); a broken one whose
    hash changed is marked ok again and its waiting alerts made due. Returns those
    names. A broken mark recorded before hashes were kept (no hash) stays."""
    reset: list[str] = []
    with Session(engine) as session, session.begin():
        for name, kind, fingerprint in configured:
            fresh = DestinationState(name=name, kind=kind, updated_at=now, config_hash=fingerprint)
            if insert_or_ignore(session, fresh, ["name"]):
                continue
            row = session.exec(
                select(DestinationState).where(col(DestinationState.name) == name)
            ).one()
            if row.config_hash == fingerprint:
                continue
            if row.status != OK and row.config_hash is not None:
                row.status, row.broken_reason, row.updated_at = OK, None, now
                reset.append(name)
            row.kind = kind
            row.config_hash = fingerprint
            session.add(row)
    for name in reset:
        make_due_now(engine, name)
    return reset


def reset_destination(engine: Engine, name: str, *, now: datetime) -> int:
    """Mark `name` usable again and make its waiting alerts due; returns how many wait."""
    with Session(engine) as session, session.begin():
        row = session.exec(select(DestinationState).where(DestinationState.name == name)).first()
        if row is None:
            raise ClaimwatchError(f"no destination named {name!r} has any recorded state")
        row.status, row.broken_reason, row.updated_at = OK, None, now
        session.add(row)
    return make_due_now(engine, name)
