"""Every way search_claims finds a page gives the page a plain reading of the data gives.

The thresholds that pick a way (few matches sorted, the newest matches by id, the walk
over all claims; on Postgres the walk of the newest claims, then the index) are made
small so a few hundred claims reach each of them, and some claims are first seen out
of id order, as claims written by instances with different clocks are.
"""

from __future__ import annotations

import random
import re
from datetime import UTC, date, datetime, timedelta
from typing import NotRequired, TypedDict

import pytest
import sqlalchemy as sa
from sqlmodel import Session

import store.claims_queries as cq
from store.models import Claim

T0 = datetime(2025, 1, 1, tzinfo=UTC)


class ClaimRow(TypedDict):
    """A claims row as inserted, and the id it was given."""

    dedupe_key: str
    type: str
    statement: str
    board: str | None
    as_of: date
    data: dict[str, object]
    first_seen_at: datetime
    current_verdict: str
    id: NotRequired[int]


WORDS = ["alpha", "beta", "gamma", "delta", "omega", "kimi", "qwen2.5-max", "rare"]


def _seed(engine: sa.Engine, n: int, *, shuffled: bool) -> list[ClaimRow]:
    rng = random.Random(15)
    rows: list[ClaimRow] = []
    for i in range(n):
        chosen = [w for w in WORDS[:-1] if rng.random() < 0.35]
        if i % 97 == 0:
            chosen.append("rare")
        minutes = i if not shuffled or i % 5 else i + rng.randint(-60, 60)
        rows.append(
            {
                "dedupe_key": f"k{i}",
                "type": "pairwise_comparison",
                "statement": " ".join(chosen) + f" claim {i}",
                "board": None,
                "as_of": date(2025, 1, 1),
                "data": {},
                "first_seen_at": T0 + timedelta(minutes=minutes),
                "current_verdict": "supported" if i % 3 else "contradicted",
            }
        )
    with engine.begin() as conn:
        conn.execute(sa.insert(Claim), rows)
    with engine.connect() as conn:
        ids = conn.execute(sa.text("SELECT id FROM claims ORDER BY id")).scalars().all()
    for row, claim_id in zip(rows, ids, strict=True):
        row["id"] = claim_id
    return rows


def _expected(
    rows: list[ClaimRow],
    query: str,
    verdict: str | None,
    since: datetime | None,
    page: int,
    size: int,
) -> tuple[list[int], bool]:
    words = cq.query_words(query)

    def hit(row: ClaimRow) -> bool:
        tokens = re.findall(r"[^\W_]+", str(row["statement"]).lower())
        return all(any(t.startswith(w) for t in tokens) for w in words)

    found = [
        r
        for r in rows
        if hit(r)
        and (verdict is None or r["current_verdict"] == verdict)
        and (since is None or r["first_seen_at"] >= since)
    ]
    found.sort(key=lambda r: (r["first_seen_at"], r["id"]), reverse=True)
    start = (page - 1) * size
    return [r["id"] for r in found[start : start + size]], len(found) > start + size


@pytest.mark.parametrize(("shuffled", "max_terms"), [(False, 16), (True, 16), (True, 1)])
def test_every_path_gives_the_plain_answer(
    engine: sa.Engine, monkeypatch: pytest.MonkeyPatch, shuffled: bool, max_terms: int
) -> None:
    monkeypatch.setattr(cq, "MAX_TERMS_PER_WORD", max_terms)  # 1: prefixes stay prefixes
    monkeypatch.setattr(cq, "FEW_MATCHES", 40)
    monkeypatch.setattr(cq, "NEWEST_MATCHES", 12)
    monkeypatch.setattr(cq, "NEWEST_PER_ROW", 2)
    monkeypatch.setattr(cq, "POSTGRES_WALK", 30)
    rows = _seed(engine, 400, shuffled=shuffled)
    queries = ["alpha", "alpha beta", "qwen2.5-max", "kimi omega gamma", "rare", "ra", "zzz", "a"]
    since = T0 + timedelta(minutes=200)
    with Session(engine) as session:
        for query in queries:
            for verdict in (None, "contradicted"):
                for when in (None, since):
                    for page in (1, 2, 4):
                        got = cq.search_claims(
                            session, query, verdict=verdict, since=when, page=page, page_size=5
                        )
                        want, more = _expected(rows, query, verdict, when, page, 5)
                        where = (query, verdict, when, page)
                        assert [c.id for c in got.items] == want, where
                        assert got.has_more == more, where


def test_prefixes_are_spelled_out_as_the_indexed_terms(engine: sa.Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("the FTS5 vocabulary is SQLite's")
    rows = ["Gemini 2.5 Pro beats Gemma 3", "Café-Model leads", "GPT-4o trails"]
    with engine.begin() as conn:
        conn.execute(
            sa.insert(Claim),
            [
                {
                    "dedupe_key": f"k{i}",
                    "type": "pairwise_comparison",
                    "statement": text,
                    "as_of": date(2025, 1, 1),
                    "data": {},
                    "first_seen_at": T0,
                }
                for i, text in enumerate(rows)
            ],
        )
    with Session(engine) as session:
        assert cq.fts5_terms_match(session, ["gem"]) == '("gemini" OR "gemma")'
        assert cq.fts5_terms_match(session, ["gpt", "4"]) == '("gpt") AND ("4o")'
        assert cq.fts5_terms_match(session, ["gem", "zzz"]) is None
        assert cq.fts5_terms_match(session, ["café"]) == '"café"*'  # accents: FTS5 folds them
        assert [c.statement for c in cq.search_claims(session, "café").items] == [rows[1]]
