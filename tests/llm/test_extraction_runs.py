"""store/extraction_runs.py on its own: one row per key, the first writer wins."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from store import extraction_runs
from store.models import utcnow


def test_the_first_record_of_a_key_stands_and_tokens_are_summed_by_day(
    engine: sa.Engine,
) -> None:
    now = utcnow()
    yesterday = now - timedelta(days=1)

    def record(key: str, claims: list[Any], completion: int, at: datetime) -> bool:
        return extraction_runs.record(
            engine,
            content_hash=key,
            extractor="llm",
            version="v1",
            claims=claims,
            dropped=1,
            prompt_tokens=10,
            completion_tokens=completion,
            created_at=at,
        )

    assert record("k", [{"a": 1}], 5, now)
    assert not record("k", [], 7, now)  # a second worker with the same input
    assert record("old", [], 0, yesterday)
    found = extraction_runs.find(engine, "k", "llm", "v1")
    assert found is not None and (found.claims, found.dropped) == ([{"a": 1}], 1)
    assert extraction_runs.find(engine, "k", "llm", "v2") is None
    assert extraction_runs.tokens_since(engine, "llm", now - timedelta(seconds=1)) == 15
    assert extraction_runs.tokens_since(engine, "rules", yesterday) == 0
