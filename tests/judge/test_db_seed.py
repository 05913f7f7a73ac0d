"""The seed example end to end through a real database (SQLite and Postgres): ingest the
bundled LMArena files with the real ingest, load them back with load_all, judge."""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine

from store.claims import Group, GroupComparison
from store.judge import BoardData, judge
from store.leaderboards.ingest import bundled_paths, ingest_paths
from store.leaderboards.load import load_all
from store.leaderboards.readers import parse_bytes
from store.registry import load_registry

SEED = {
    "statement": "China's best open-source models have overtaken US ones",
    "quote": "China's best open-source models have already overtaken those from the United States",
    "span": (0, 10),
    "group_a": Group(country="CN", open_weights=True),
    "group_b": Group(country="US", open_weights=True),
    "relation": "overtook",
}


def test_seed_through_the_database(engine: Engine) -> None:
    # The LMArena CSVs up to the later seed date: all the seed claim needs (its 12-month
    # "overtook" window included); fewer files keep the test fast on Postgres.
    paths = [
        p
        for p in bundled_paths()
        if p.name.startswith("lmarena-text-") and p.name[13:23] <= "2025-03-01"
    ]
    assert len(paths) == 55
    report = ingest_paths(engine, paths)
    assert not report.errors
    data = BoardData(load_all(engine, boards=["lmarena-text"]))
    registry = load_registry()

    then = judge(GroupComparison(as_of=date(2024, 8, 2), **SEED), data, registry)
    assert then.verdict == "contradicted"
    best = {e.role: e for e in then.evidence}
    us = best["best of open-weights US models"]
    assert (us.model, us.rank, us.score, us.ci) == (
        "Meta-Llama-3.1-405b-Instruct",
        4,
        1262,
        (1255, 1268),
    )
    cn = best["best of open-weights CN models"]
    assert (cn.model, cn.rank, cn.score, cn.ci) == ("Deepseek-v2-API-0628", 16, 1221, (1215, 1227))

    now = judge(GroupComparison(as_of=date(2025, 3, 1), **SEED), data, registry)
    assert now.verdict == "supported"
    raw = [e for e in now.evidence if e.view == "raw" and e.snapshot == date(2025, 3, 1)]
    assert [(e.model, e.rank, e.score, e.ci) for e in raw] == [
        ("DeepSeek-R1", 5, 1363, (1356, 1369)),
        ("Athene-v2-Chat-72B", 24, 1275, (1271, 1278)),
    ]
    assert "fine-tune of Qwen2.5-72B" in now.explanation

    # The database path and the in-memory readers agree on the whole judgement.
    parsed = [s for p in paths for s in parse_bytes(p.read_bytes(), p.name).snapshots]
    direct = judge(GroupComparison(as_of=date(2025, 3, 1), **SEED), BoardData(parsed), registry)
    assert direct.model_dump() == now.model_dump()
