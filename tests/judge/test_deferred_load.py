"""The judge over snapshots loaded on first use gives the judgement the fully loaded
one gives, on SQLite and Postgres, and reads only the snapshots a claim needs."""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine

from store.claims import ClaimDraft, Group, GroupComparison, PairwiseComparison, RankPosition
from store.judge import BoardData
from store.judging import load_judge
from store.leaderboards.base import BoardEntry, BoardSnapshot, SnapshotHeader
from store.leaderboards.ingest import bundled_paths, ingest_paths

CLAIMS: list[ClaimDraft] = [
    GroupComparison(
        statement="China's best open models have overtaken US ones",
        quote="China's best open models have overtaken US ones",
        span=(0, 10),
        as_of=date(2025, 3, 1),
        group_a=Group(country="CN", open_weights=True),
        group_b=Group(country="US", open_weights=True),
        relation="overtook",
    ),
    PairwiseComparison(
        statement="DeepSeek-V3 beats Llama-3.1-405B on LMArena",
        quote="DeepSeek-V3 beats Llama-3.1-405B on LMArena",
        span=(0, 10),
        as_of=date(2025, 2, 3),
        board="lmarena-text",
        model_a="DeepSeek-V3",
        model_b="Llama-3.1-405B",
        relation="beats",
    ),
    RankPosition(
        statement="Gemini-2.0-Flash ranks in the top 5 on LMArena",
        quote="Gemini-2.0-Flash ranks in the top 5 on LMArena",
        span=(0, 10),
        as_of=date(2025, 2, 10),
        board="lmarena-text",
        model="Gemini-2.0-Flash",
        rank=5,
        op="top_k",
    ),
]


def test_deferred_judge_matches_the_eager_one(engine: Engine) -> None:
    paths = [
        p
        for p in bundled_paths()
        if p.name.startswith("lmarena-text-") and "2024-06-01" <= p.name[13:23] <= "2025-03-01"
    ]
    assert paths
    assert not ingest_paths(engine, paths).errors
    eager = load_judge(engine, eager=True)
    deferred = load_judge(engine)
    assert len(deferred.data) == len(eager.data) > 10
    assert deferred.stamp == eager.stamp

    pairwise = deferred(CLAIMS[1])
    views = deferred.data.views("lmarena-text", "full")
    series = [deferred.data.series("lmarena-text", "full", view) for view in views]
    assert None not in series
    loaded = [s for one in series if one is not None for s in one.snapshots if s.loaded]
    # the as-of snapshot and the newest, in each view: a handful, not the whole history
    assert 0 < len(loaded) <= 6 < len(deferred.data)
    assert pairwise.verdict == eager(CLAIMS[1]).verdict != "unverifiable"

    for claim in CLAIMS:
        assert deferred(claim).model_dump() == eager(claim).model_dump(), claim.statement


def _snap(day: date, entries: list[BoardEntry]) -> BoardSnapshot:
    return BoardSnapshot(board="b", date=day, entries=tuple(entries))


def test_deferred_keeps_the_preferred_of_two_snapshots_for_one_day() -> None:
    day = date(2025, 1, 1)
    bare = _snap(day, [BoardEntry("m1", 1, None), BoardEntry("m2", 2, None)])
    full = _snap(day, [BoardEntry("m1", 1, 1300.0, organisation="Org")])
    later = _snap(date(2025, 2, 1), [BoardEntry("m1", 1, 1310.0)])
    stored = {1: bare, 2: full, 3: later}
    calls: list[int] = []

    def load(header: SnapshotHeader) -> BoardSnapshot:
        assert isinstance(header.key, int)  # the keys given below
        calls.append(header.key)
        return stored[header.key]

    headers = [SnapshotHeader(key=k, board="b", date=s.date) for k, s in stored.items()]
    data = BoardData.deferred(headers, load)
    assert sorted(calls) == [1, 2]  # the two rivals are compared now; the third waits
    assert data.on_or_before("b", "full", "raw", day) == full
    assert data.newest("b", "full", "raw") == later
    assert calls[-1] == 3
    assert data.on_or_before("b", "full", "raw", date(2024, 12, 31)) is None
