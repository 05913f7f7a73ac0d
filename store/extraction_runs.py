"""The extraction cache's table: look a result up, record one, sum today's tokens.

bot/extract/cache.py decides what is cached and when the budget is spent; this module
only reads and writes `extraction_runs` rows, in plain values (claims as JSON dicts).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from store.models import ExtractionRun


@dataclass(frozen=True, slots=True)
class CachedRun:
    id: int
    claims: list[Any]  # JSON dicts, as the extractor's drafts were dumped
    dropped: int


def find(engine: Engine, content_hash: str, extractor: str, version: str) -> CachedRun | None:
    """The stored result of this input for this extractor name and version, if any."""
    with Session(engine) as session:
        row = session.exec(
            select(ExtractionRun).where(
                ExtractionRun.content_hash == content_hash,
                ExtractionRun.extractor == extractor,
                ExtractionRun.version == version,
            )
        ).first()
    if row is None:
        return None
    assert row.id is not None
    return CachedRun(id=row.id, claims=list(row.claims), dropped=row.dropped)


def tokens_since(engine: Engine, extractor: str, since: datetime) -> int:
    """Prompt plus completion tokens recorded for `extractor` from `since` on."""
    query = sa.select(
        sa.func.coalesce(
            sa.func.sum(ExtractionRun.prompt_tokens + ExtractionRun.completion_tokens), 0
        )
    ).where(
        ExtractionRun.extractor == extractor,  # type: ignore[arg-type]
        ExtractionRun.created_at >= since,  # type: ignore[arg-type]
    )
    with Session(engine) as session:
        return int(session.execute(query).scalar_one())


def record(
    engine: Engine,
    *,
    content_hash: str,
    extractor: str,
    version: str,
    claims: list[Any],
    dropped: int,
    prompt_tokens: int,
    completion_tokens: int,
    created_at: datetime,
) -> bool:
    """Store one result; False when another worker stored the same key first.

    The table's unique constraint decides the race: the first row stands and this one
    is dropped (it was equally valid), so the caller counts its tokens itself.
    """
    row = ExtractionRun(
        content_hash=content_hash,
        extractor=extractor,
        version=version,
        claims=claims,
        dropped=dropped,
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
        created_at=created_at,
    )
    try:
        with Session(engine) as session:
            session.add(row)
            session.commit()
    except sa.exc.IntegrityError:
        return False
    return True
