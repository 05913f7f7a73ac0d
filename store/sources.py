"""Feeds added and removed at run time (`/sources add`, `/sources remove`), and an
operator's reset of a failing one (`claimwatch sources reset`).

sources.yaml is the file a person edits and is never written; a feed added from
Discord lives only as a `sources` row with `added_by` set, and removing it stamps
`removed_at`/`removed_by` (the row stays: its articles point at it). Which feeds are
polled is decided in one place, bot/active_feeds.py, from `added_feeds` here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from store.errors import ClaimwatchError
from store.models import Source


@dataclass(frozen=True, slots=True)
class AddedFeed:
    name: str
    url: str
    added_by: str


def added_feeds(engine: Engine) -> list[AddedFeed]:
    """Feeds added at run time and not removed since, by name."""
    with Session(engine) as session:
        rows = session.exec(
            select(Source.name, Source.url, Source.added_by)
            .where(
                col(Source.added_by).is_not(None),
                col(Source.url).is_not(None),
                col(Source.removed_at).is_(None),
            )
            .order_by(col(Source.name))
        ).all()
    return [AddedFeed(name, url, by) for name, url, by in rows if url and by]


def add_feed(engine: Engine, name: str, url: str, *, added_by: str) -> bool:
    """Add (or bring back a removed) feed; False when a source of that name is in use.

    A feed brought back starts afresh: no failures, no disable; its articles stay."""
    with Session(engine) as session, session.begin():
        row = session.exec(select(Source).where(col(Source.name) == name)).first()
        if row is not None and row.removed_at is None:
            return False
        row = row or Source(name=name, url=url)
        row.url, row.path = url, None
        row.added_by = added_by
        row.removed_at = row.removed_by = None
        row.disabled_reason, row.disabled_at = None, None
        row.consecutive_failures = 0
        session.add(row)
    return True


def remove_feed(engine: Engine, name: str, *, removed_by: str, now: datetime) -> bool:
    """Stop polling a source for good; False when there is none of that name in use."""
    with engine.begin() as conn:
        result = conn.execute(
            sa.update(Source)
            .where(col(Source.name) == name, col(Source.removed_at).is_(None))
            .values(removed_at=now, removed_by=removed_by)
        )
    return getattr(result, "rowcount", 0) == 1


def reset_source(engine: Engine, name: str) -> None:
    """Clear a source's failures, backoff and disabled state: due at the next pass."""
    with Session(engine) as session, session.begin():
        row = session.exec(select(Source).where(col(Source.name) == name)).first()
        if row is None:
            raise ClaimwatchError(f"no source named {name!r} has been polled yet")
        row.consecutive_failures = 0
        row.disabled_reason = None
        row.disabled_at = None
        row.last_error = None
        row.next_poll_at = None  # due at once, like a source never polled
        row.lease_owner = row.lease_until = None
        session.add(row)
