"""What the CLI, the bot and the digest ask of the store."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from store.models import DestinationState, Source


def source_states(engine: Engine, names: list[str]) -> list[dict[str, Any]]:
    """The stored polling state of the named sources (those never polled are absent)."""
    with Session(engine) as session:
        rows = session.exec(select(Source).where(col(Source.name).in_(names))).all()
        return [
            row.model_dump(exclude={"id", "lease_owner", "lease_until", "created_at"})
            for row in rows
        ]


def destination_states(engine: Engine) -> dict[str, dict[str, Any]]:
    """Recorded health of alert destinations and mail routes, by name."""
    with Session(engine) as session:
        rows = session.exec(select(DestinationState)).all()
        return {
            row.name: {"status": row.status, "broken_reason": row.broken_reason} for row in rows
        }
