"""Claims, judgements and articles for the recording tests (tests/store and beyond)."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from store.claims import Group, GroupComparison, Judgement
from store.db import session_scope
from store.models import Article, Source
from tests.alerts.alerts_support import id_of

TEXT = "China's best open-source models have overtaken those from the United States."


def draft(as_of: date = date(2025, 3, 1), start: int = 0) -> GroupComparison:
    return GroupComparison(
        statement="China's best open-weights models rank above the US's best open-weights models",
        quote=TEXT,
        span=(start, start + len(TEXT)),
        as_of=as_of,
        group_a=Group(country="CN", open_weights=True),
        group_b=Group(country="US", open_weights=True),
        relation="overtook",
        extractor="rules",
        extractor_version="1",
    )


def judgement(label: str = "supported") -> Judgement:
    return Judgement(verdict=label, explanation="x", board="lmarena-text")


def articles(engine: sa.Engine, n: int) -> list[int]:
    """`n` articles of one new source; -> their ids."""
    with session_scope(engine) as s:
        src = Source(name="s", url="https://example.com/feed")
        s.add(src)
        s.flush()
        rows = [
            Article(source_id=id_of(src), dedupe_key=f"k{i}", content_hash="h") for i in range(n)
        ]
        s.add_all(rows)
        s.flush()
        return [id_of(r) for r in rows]
