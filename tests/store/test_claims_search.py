"""Claims search with each database's own full-text engine (revision 0002)."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session

from store.claims_queries import ClaimPage, fts5_match, pg_tsquery, query_words, search_claims
from store.models import Claim
from tests.alerts.alerts_support import T0, Seeder, fetch


def _search(
    engine: Engine,
    query: str | None = None,
    *,
    verdict: str | None = None,
    since: datetime | None = None,
    page: int = 1,
    page_size: int = 10,
) -> ClaimPage:
    with Session(engine) as s:
        return search_claims(s, query, verdict=verdict, since=since, page=page, page_size=page_size)


def _seed(seed: Seeder) -> dict[str, int]:
    rows = {
        "qwen": "Qwen2.5-Max ranks #7 on LMArena text",
        "deepseek": "DeepSeek-V3 beats Llama-3.1-405B-Instruct on LMArena",
        "kimi": "Kimi K2 is the leading open-weights model",
        "gap": "The gap between open and closed models is narrowing",
    }
    ids = {}
    for i, (key, statement) in enumerate(rows.items()):
        label = "contradicted" if key == "kimi" else "supported"
        ids[key], _ = seed.claim(statement, label=label, first_seen_at=T0 + timedelta(days=i))
    return ids


def test_words_are_split_like_the_index() -> None:
    assert query_words('Qwen2.5-Max "OR" * NEAR(') == ["qwen2", "5", "max", "or", "near"]
    assert fts5_match(["qwen2", "5"]) == '"qwen2"* AND "5"*'
    assert pg_tsquery(["qwen2", "5"]) == "qwen2:* & 5:*"


def test_search_matches_words_newest_first(engine: Engine, seed: Seeder) -> None:
    ids = _seed(seed)
    assert [c.id for c in _search(engine, "lmarena").items] == [ids["deepseek"], ids["qwen"]]
    assert [c.id for c in _search(engine, "Qwen2.5-Max").items] == [ids["qwen"]]
    assert [c.id for c in _search(engine, "llama 3.1 405b").items] == [ids["deepseek"]]
    assert [c.id for c in _search(engine, "deeps").items] == [ids["deepseek"]]  # prefix
    assert [c.id for c in _search(engine, "open models").items] == [ids["gap"]]
    assert _search(engine, "gemini").items == ()
    # FTS syntax in user input is just words, never an error
    assert _search(engine, '"unbalanced AND (OR *').items == ()
    # no words at all: every claim, newest first
    assert [c.id for c in _search(engine, " !! ").items] == list(reversed(ids.values()))


def test_filters_verdict_since_and_pages(engine: Engine, seed: Seeder) -> None:
    ids = _seed(seed)
    assert [c.id for c in _search(engine, verdict="contradicted").items] == [ids["kimi"]]
    since = T0 + timedelta(days=2)
    assert [c.id for c in _search(engine, since=since).items] == [ids["gap"], ids["kimi"]]
    first = _search(engine, page=1, page_size=3)
    second = _search(engine, page=2, page_size=3)
    assert len(first.items) == 3 and first.has_more
    assert [c.id for c in second.items] == [ids["qwen"]] and not second.has_more


def test_index_follows_updates_and_deletes(engine: Engine, seed: Seeder) -> None:
    ids = _seed(seed)
    with Session(engine) as s:
        claim = fetch(s, Claim, ids["kimi"])
        claim.statement = "Gemini 2.5 Pro tops WebDev Arena"
        s.add(claim)
        s.commit()
    assert _search(engine, "kimi").items == ()
    assert [c.id for c in _search(engine, "gemini").items] == [ids["kimi"]]
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM appearances WHERE claim_id = :i"), {"i": ids["kimi"]})
        conn.execute(sa.text("DELETE FROM verdicts WHERE claim_id = :i"), {"i": ids["kimi"]})
        conn.execute(sa.text("DELETE FROM claims WHERE id = :i"), {"i": ids["kimi"]})
    assert _search(engine, "gemini").items == ()
