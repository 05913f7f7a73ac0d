"""Invariants of the judge over random boards and claims (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.claims import (
    ClaimDraft,
    Group,
    GroupComparison,
    Judgement,
    PairwiseComparison,
    RankPosition,
    ScoreValue,
    TrendGap,
)
from store.judge import BoardData, judge
from store.leaderboards.base import BoardEntry, BoardSnapshot
from tests.judge.judge_support import FACTS, FakeRegistry, fake_resolve

MODELS = sorted(FACTS)
GROUPS = [
    Group(country="CN", open_weights=True),
    Group(country="US", open_weights=True),
    Group(country="US"),
    Group(open_weights=False),
    Group(organisation="Alibaba"),
]
START = date(2024, 1, 1)
COMMON: dict[str, Any] = {"statement": "s", "quote": "q", "span": (0, 1)}
REG = FakeRegistry()


@st.composite
def boards(draw: st.DrawFn) -> BoardData:
    snaps: list[BoardSnapshot] = []
    days = draw(st.lists(st.integers(0, 400), min_size=1, max_size=12, unique=True))
    for day in days:
        for view in draw(st.sampled_from([["raw"], ["raw", "style_control"], ["style_control"]])):
            present = draw(st.lists(st.sampled_from(MODELS), min_size=1, unique=True))
            entries = []
            for model in present:
                score = draw(st.integers(1000, 1400))
                half = draw(st.integers(0, 20))
                ranks_only = view == "style_control" and draw(st.booleans())
                entries.append(
                    BoardEntry(model, draw(st.integers(1, 10)), None)
                    if ranks_only
                    else BoardEntry(model, None, score, score - half, score + half)
                )
            snaps.append(
                BoardSnapshot(
                    "lmarena-text", START + timedelta(days=day), tuple(entries), view=view
                )
            )
    return BoardData(snaps)


as_of_days = st.integers(-20, 460).map(lambda d: START + timedelta(days=d))
views = st.sampled_from([None, "raw", "style_control"])


@st.composite
def claims(draw: st.DrawFn) -> ClaimDraft:
    kind = draw(st.sampled_from(["rank", "pair", "group", "score", "trend"]))
    base = {
        **COMMON,
        "as_of": draw(as_of_days),
        "view": draw(views),
        "negated": draw(st.booleans()),
    }
    if kind == "rank":
        within = draw(st.none() | st.sampled_from(GROUPS))
        op = draw(st.sampled_from(["eq", "top_k", "not_top_k"]))
        return RankPosition(
            model=draw(st.sampled_from(MODELS)),
            rank=draw(st.integers(1, 6)),
            op=op,
            within=within,
            **base,
        )
    if kind == "pair":
        a, b = draw(st.lists(st.sampled_from(MODELS), min_size=2, max_size=2, unique=True))
        return PairwiseComparison(
            model_a=a,
            model_b=b,
            relation=draw(st.sampled_from(["beats", "ties", "trails"])),
            **base,
        )
    if kind == "group":
        ga, gb = draw(st.lists(st.sampled_from(GROUPS), min_size=2, max_size=2, unique=True))
        agg = draw(st.sampled_from(["best_of", "count_in_top_k"]))
        rel = draw(st.sampled_from(["leads", "overtook", "trails"]))
        return GroupComparison(group_a=ga, group_b=gb, aggregate=agg, k=3, relation=rel, **base)
    if kind == "score":
        cmp = draw(st.sampled_from(["eq", "approx", "gt", "lt"]))
        return ScoreValue(
            model=draw(st.sampled_from(MODELS)),
            value=draw(st.integers(1000, 1400)),
            comparator=cmp,
            **base,
        )
    g0, g1 = draw(st.lists(st.sampled_from(GROUPS), min_size=2, max_size=2, unique=True))
    direction = draw(st.sampled_from(["narrowing", "widening", "overtook", "new_high"]))
    return TrendGap(subjects=(g0, g1), direction=direction, **base)


def run(claim: ClaimDraft, data: BoardData) -> Judgement:
    return judge(claim, data, REG, resolver=fake_resolve)


QUICK = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@QUICK
@given(boards(), claims())
def test_no_snapshot_after_as_of_is_used(data: BoardData, claim: ClaimDraft) -> None:
    j = run(claim, data)
    assert j.snapshot is None or j.snapshot <= claim.as_of
    assert all(e.snapshot <= claim.as_of for e in j.evidence)
    if j.snapshot is not None:
        assert j.snapshot_age_days == (claim.as_of - j.snapshot).days
    if j.verdict != "unverifiable":
        assert j.reason is None


def as_of_verdict(j: Judgement) -> str:
    # "outdated" means: supported on its date, contradicted on the newest snapshot
    return "supported" if j.verdict == "outdated" else j.verdict


FLIP = {"supported": "contradicted", "contradicted": "supported"}


@QUICK
@given(
    boards(),
    st.sampled_from(MODELS),
    st.sampled_from(MODELS),
    as_of_days,
    views,
    st.sampled_from(["beats", "trails", "ties"]),
)
def test_swapping_a_pair_flips_the_verdict(
    data: BoardData, a: str, b: str, day: date, view: Any, relation: str
) -> None:
    one = run(
        PairwiseComparison(model_a=a, model_b=b, relation=relation, as_of=day, view=view, **COMMON),
        data,
    )
    two = run(
        PairwiseComparison(model_a=b, model_b=a, relation=relation, as_of=day, view=view, **COMMON),
        data,
    )
    v1, v2 = as_of_verdict(one), as_of_verdict(two)
    if relation == "ties" or a == b:
        assert v1 == v2  # a tie is symmetric
    else:
        assert v2 == FLIP.get(v1, v1), (one.explanation, two.explanation)


@QUICK
@given(
    boards(),
    st.sampled_from(GROUPS),
    st.sampled_from(GROUPS),
    as_of_days,
    views,
    st.sampled_from(["best_of", "count_in_top_k"]),
    st.sampled_from(["leads", "trails"]),
)
def test_swapping_groups_flips_the_verdict(
    data: BoardData, ga: Group, gb: Group, day: date, view: Any, agg: str, relation: str
) -> None:
    kw: dict[str, Any] = {
        "aggregate": agg,
        "k": 3,
        "relation": relation,
        "as_of": day,
        "view": view,
        **COMMON,
    }
    one = run(GroupComparison(group_a=ga, group_b=gb, **kw), data)
    two = run(GroupComparison(group_a=gb, group_b=ga, **kw), data)
    v1, v2 = as_of_verdict(one), as_of_verdict(two)
    if ga == gb:
        assert v1 == v2
    else:
        assert v2 == FLIP.get(v1, v1), (one.explanation, two.explanation)
        assert (v1 == "within_uncertainty") == (v2 == "within_uncertainty")
