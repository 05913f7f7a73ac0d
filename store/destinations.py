"""Alert destinations' and mail routes' health, as /status, the CLI and the dispatcher
read it: one row per name, `ok` or `broken` with why.

Written by whoever finds out (the dispatcher on a 404 webhook, the digest on a refused
login, an operator's reset), possibly by two instances at once: the first write of a
name is an `INSERT ... ON CONFLICT DO NOTHING`, so neither fails.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from store.db import insert_or_ignore
from store.models import DestinationState

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
