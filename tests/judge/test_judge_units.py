"""The judge's rules on small hand-built boards (expected verdicts follow from the rows)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from store.claims import (
    ClaimBase,
    Group,
    GroupComparison,
    Judgement,
    PairwiseComparison,
    RankPosition,
    ScoreValue,
    TrendGap,
    claim_dedupe_key,
)
from store.judge import DEFAULT_OPTIONS, BoardData, JudgeOptions, judge
from tests.judge.judge_support import FakeRegistry, entry, fake_resolve, snap

D1, D2, D3 = date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1)
CN_OPEN = Group(country="CN", open_weights=True)
US_OPEN = Group(country="US", open_weights=True)
COMMON = {"statement": "s", "quote": "q", "span": (0, 1)}

E = entry
BOARD = BoardData(
    [
        # D1: Alpha 1300 [1295,1305]; Beta-Open 1250; Gamma-Open 1240 (overlaps Beta)
        snap(D1, [E("Alpha-1", 1, 1300), E("Beta-Open", 2, 1250), E("Gamma-Open", 2, 1240),
                  E("Qwen2.5-7B", 4, 1200)]),
        # D1 style control (ranks only): Qwen2.5-7B jumps to rank 1
        snap(D1, [E("Alpha-1", 1, None), E("Qwen2.5-7B", 1, None), E("Gamma-Open", 3, None),
                  E("Beta-Open", 4, None)], view="style_control"),
        # D2: Gamma-Open 1280 [1275,1285] clearly above Beta-Open 1250
        snap(D2, [E("Alpha-1", 1, 1290), E("Gamma-Open", 1, 1280), E("Beta-Open", 3, 1250),
                  E("Tune-72B", 4, 1200)]),
        # D3: Alpha 1300, Delta-Closed 1299 (tie at the top), Beta-Open 1260, Gamma-Open 1200
        snap(D3, [E("Alpha-1", 1, 1300), E("Delta-Closed", 1, 1299), E("Beta-Open", 3, 1260),
                  E("Gamma-Open", 4, 1200), E("Qwen2.5-7B", 5, 1100), E("Qwen2.5-72B", 5, 1105)]),
    ]
)  # fmt: skip
REG = FakeRegistry()


def run(claim: ClaimBase, options: JudgeOptions = DEFAULT_OPTIONS) -> Judgement:
    return judge(claim, BOARD, REG, resolver=fake_resolve, options=options)


def pair(a: str, b: str, day: date, **kw: object) -> PairwiseComparison:
    return PairwiseComparison(model_a=a, model_b=b, as_of=day, **COMMON, **kw)


def test_as_of_uses_latest_snapshot_on_or_before_and_reports_age() -> None:
    j = run(pair("Alpha-1", "Beta-Open", date(2025, 1, 20), view="raw"))
    assert j.snapshot == D1 and j.snapshot_age_days == 19
    assert j.verdict == "supported"
    assert {e.model for e in j.evidence} == {"Alpha-1", "Beta-Open"}
    assert j.latest is not None and j.latest.snapshot == D3


def test_stale_and_too_early_are_no_data_for_date() -> None:
    j = run(pair("Alpha-1", "Beta-Open", date(2025, 6, 1), view="raw"))
    assert (j.verdict, j.reason) == ("unverifiable", "no_data_for_date")
    assert "92 days" in j.explanation
    early = run(pair("Alpha-1", "Beta-Open", date(2024, 12, 1)))
    assert (early.verdict, early.reason) == ("unverifiable", "no_data_for_date")
    # a looser limit makes the same claim checkable
    loose = run(
        pair("Alpha-1", "Beta-Open", date(2025, 6, 1), view="raw"),
        options=JudgeOptions(staleness_days=100),
    )
    assert loose.verdict == "supported"


def test_overlapping_intervals_are_within_uncertainty_both_ways() -> None:
    # D1 raw: Beta 1250 [1245,1255] vs Gamma 1240 [1235,1245]: intervals touch at 1245
    assert run(pair("Beta-Open", "Gamma-Open", D1, view="raw")).verdict == "within_uncertainty"
    assert run(pair("Gamma-Open", "Beta-Open", D1, view="raw")).verdict == "within_uncertainty"
    # "they are tied" held on D1; on D3 (newest) Beta 1260 is clear of Gamma 1200
    tied = run(pair("Beta-Open", "Gamma-Open", D1, view="raw", relation="ties"))
    assert tied.verdict == "outdated"


def test_views_disagree_is_partially_supported() -> None:
    # raw: a tie (within_uncertainty); style control: Gamma rank 2 above Beta rank 3
    j = run(pair("Gamma-Open", "Alpha-1", D1))
    assert j.verdict == "contradicted"  # both views agree Alpha is above
    j = run(pair("Alpha-1", "Beta-Open", D1))
    assert j.verdict == "supported"
    # raw: Qwen2.5-7B 1200 clearly below Beta 1250; style control: rank 1 above rank 4
    p = run(pair("Qwen2.5-7B", "Beta-Open", D1))
    assert p.verdict == "partially_supported"
    assert "holds on the style-controlled view but not on the raw ratings" in p.explanation
    g = run(GroupComparison(group_a=Group(country="CN"), group_b=US_OPEN, as_of=D1, **COMMON))
    # raw: Gamma (CN) 1240 vs Beta (US) 1250 overlap -> tie; SC: Qwen2.5-7B 1 above Beta 4
    assert g.verdict == "within_uncertainty"


def test_negated_flips() -> None:
    j = run(pair("Alpha-1", "Beta-Open", D2, negated=True))
    assert j.verdict == "contradicted"


def test_rank_claims_use_published_rank_and_tie_group() -> None:
    def rank(model: str, r: int, day: date, **kw: object) -> str:
        c = RankPosition(model=model, rank=r, as_of=day, view="raw", **COMMON, **kw)
        return run(c).verdict

    assert (
        rank("Alpha-1", 1, D1) == "supported"
    )  # alone at rank 1 (but outdated? no: D3 still rank 1)
    assert rank("Alpha-1", 1, D3) == "within_uncertainty"  # shares rank 1 with Delta-Closed
    assert rank("Delta-Closed", 2, D3) == "within_uncertainty"  # tie group spans places 1-2
    assert rank("Beta-Open", 2, D3) == "contradicted"
    assert rank("Beta-Open", 3, D3, op="top_k") == "supported"
    assert rank("Gamma-Open", 3, D3, op="not_top_k") == "supported"


def test_rank_within_group_and_outdated() -> None:
    lead = RankPosition(
        model="Gamma-Open", rank=1, within=Group(open_weights=True), as_of=D2, view="raw", **COMMON
    )
    j = run(lead)
    # D2: Gamma 1280 leads the open models clearly (Beta 1250); D3: Beta 1260 leads, Gamma 1200
    assert j.verdict == "outdated"
    assert j.latest is not None and j.latest.verdict == "contradicted"
    closed = RankPosition(
        model="Alpha-1", rank=1, within=Group(open_weights=True), as_of=D2, view="raw", **COMMON
    )
    assert run(closed).verdict == "contradicted"


def test_group_overtook_needs_earlier_reversal_and_names_finetunes() -> None:
    claim = GroupComparison(
        group_a=CN_OPEN, group_b=US_OPEN, relation="overtook", as_of=D2, view="raw", **COMMON
    )
    j = run(claim)
    # D2: Gamma 1280 vs Beta 1250 -> CN leads clearly; D1: Beta 1250 > Gamma 1240 -> reversal.
    # D3 (newest): Beta 1260 vs Gamma 1200 -> the US leads again: true then, false now.
    assert j.verdict == "outdated"
    roles = {e.role: e.model for e in j.evidence}
    assert roles["best of open-weights CN models"] == "Gamma-Open"
    assert roles["best of open-weights US models"] == "Beta-Open"
    assert any(e.snapshot == D1 for e in j.evidence)
    assert "permissive" in j.explanation and "restricted" in j.explanation
    assert j.latest is not None and j.latest.verdict == "contradicted"
    # Without D1 in the window the lead alone is only partial support
    short = run(claim, options=JudgeOptions(overtook_window_days=10))
    assert short.verdict == "partially_supported"


def test_finetune_note() -> None:
    claim = GroupComparison(
        group_a=Group(country="US", open_weights=True),
        group_b=Group(country="CN", organisation="Alibaba"),
        as_of=D2,
        view="raw",
        **COMMON,
    )
    j = run(claim)
    assert (j.verdict, j.reason) == ("unverifiable", "model_not_found")  # no Alibaba model on D2
    claim = GroupComparison(
        group_a=Group(organisation="NexusFlow"),
        group_b=Group(country="CN", open_weights=True),
        as_of=D2,
        view="raw",
        relation="trails",
        **COMMON,
    )
    j = run(claim)
    assert j.verdict == "supported"  # Tune-72B 1200 trails Gamma 1280
    assert "fine-tune of Qwen2.5-72B, a CN model" in j.explanation


def test_count_in_top_k() -> None:
    claim = GroupComparison(
        group_a=Group(country="US"),
        group_b=Group(country="CN"),
        aggregate="count_in_top_k",
        k=3,
        as_of=D3,
        view="raw",
        **COMMON,
    )
    # D3 ranks <= 3: Alpha (US), Delta (CN), Beta (US) -> 2 vs 1
    assert run(claim).verdict == "supported"


def test_score_claims() -> None:
    def score(value: float, cmp: str, day: date = D3) -> str:
        c = ScoreValue(
            model="Gamma-Open", value=value, comparator=cmp, as_of=day, view="raw", **COMMON
        )
        return run(c).verdict

    # D3 (also the newest): Gamma-Open 1200, 95% CI [1195, 1205]
    assert score(1200, "eq") == "supported"
    assert score(1203, "eq") == "within_uncertainty"  # inside the interval
    assert score(1220, "eq") == "contradicted"
    assert score(1210, "approx") == "supported"  # within 1% of 1200
    assert score(1190, "gt") == "supported"  # lower bound 1195 > 1190
    assert score(1198, "gt") == "within_uncertainty"
    assert score(1210, "gt") == "contradicted"
    assert score(1210, "lt") == "supported"
    # D2: 1280 [1275, 1285] is above 1270, no longer on D3; an exact score is not "outdated"
    assert score(1270, "gt", D2) == "outdated"
    assert score(1280, "eq", D2) == "supported"
    # style control publishes ranks only: a score claim there is unsupported
    sc = ScoreValue(model="Gamma-Open", value=1240, as_of=D1, view="style_control", **COMMON)
    assert (run(sc).verdict, run(sc).reason) == ("unverifiable", "unsupported_metric")


def test_unknown_ambiguous_family_and_metric() -> None:
    assert run(pair("Nope", "Alpha-1", D3)).reason == "model_not_found"
    assert run(pair("Qwen", "Alpha-1", D3)).reason == "ambiguous_model"
    j = run(pair("Qwen2.5", "Gamma-Open", D3, view="raw"))
    # family: the best member Qwen2.5-72B 1105 stands for it; below Gamma 1200
    assert j.verdict == "contradicted" and j.resolution["Qwen2.5"] == ["Qwen2.5-72B"]
    bad = run(pair("Alpha-1", "Beta-Open", D3, metric="gpqa"))
    assert (bad.verdict, bad.reason) == ("unverifiable", "unsupported_metric")


def test_a_model_against_its_own_family_is_no_comparison() -> None:
    # "Qwen2.5-72B beats Qwen2.5 models": the family's best member is Qwen2.5-72B itself
    j = run(pair("Qwen2.5-72B", "Qwen2.5", D3, view="raw"))
    assert (j.verdict, j.reason) == ("unverifiable", "ambiguous_model")
    assert "Qwen2.5-72B" in j.explanation
    # another member is a real comparison: 1100 against the best's 1105, whose
    # intervals (five points each way) overlap
    assert run(pair("Qwen2.5-7B", "Qwen2.5", D3, view="raw")).verdict == "within_uncertainty"


def test_history_board_falls_back_for_rank_claims() -> None:
    j = run(pair("Alpha-1", "Beta-Open", D2, board="lmarena-history", view="raw"))
    assert j.board == "lmarena-text" and j.verdict == "supported"
    assert "trends only" in j.explanation


@pytest.mark.parametrize(
    ("direction", "expected"),
    [
        ("narrowing", "contradicted"),
        ("widening", "supported"),
        ("new_high", "supported"),
        ("overtook", "supported"),
    ],
)
def test_trend(direction: str, expected: str) -> None:
    # gap = best US open - best CN open: D1 1250-1240 = +10, D2 1250-1280 = -30,
    # D3 1260-1200 = +60. |gap| grows 10 -> 60 and the fitted slope is positive (away
    # from zero): widening, not narrowing; +60 is the period's highest (new_high) and
    # follows a negative gap on D2 with clear intervals at the end (overtook).
    claim = TrendGap(
        subjects=(US_OPEN, CN_OPEN),
        direction=direction,
        as_of=D3,
        period_start=D1,
        view="raw",
        **COMMON,
    )
    j = run(claim)
    assert j.verdict == expected, j.explanation
    assert "+10" in j.explanation and "+60" in j.explanation and "per month" in j.explanation
    assert [e.snapshot for e in j.evidence] == [D1, D1, D3, D3]


def test_trend_over_a_period_the_snapshots_barely_cover_is_unverifiable() -> None:
    # No period given: the default is the 365 days before D3, and the board's three
    # snapshots span D1-D3, 59 days: less than half the period, so no trend is read.
    claim = TrendGap(
        subjects=(US_OPEN, CN_OPEN), direction="widening", as_of=D3, view="raw", **COMMON
    )
    j = run(claim)
    assert (j.verdict, j.reason) == ("unverifiable", "no_data_for_date"), j.explanation
    assert "59 of its 365 days" in j.explanation


def test_a_forecast_is_not_checkable_whatever_the_board_says() -> None:
    # Alpha-1 leads Beta-Open on every snapshot, so as a present fact this is supported;
    # "could soon overtake" predicts, and past data cannot check a prediction.
    claim = pair("Beta-Open", "Alpha-1", D3, view="raw", forecast=True)
    j = run(claim)
    assert (j.verdict, j.reason) == ("not_checkable", "forecast")
    assert j.evidence == []
    assert run(pair("Beta-Open", "Alpha-1", D3, view="raw")).verdict == "contradicted"


def test_a_benchmark_with_no_bundled_data_is_an_unsupported_metric() -> None:
    j = run(pair("Alpha-1", "Beta-Open", D3, board="swe-bench-verified"))
    assert (j.verdict, j.reason) == ("unverifiable", "unsupported_metric"), j.explanation
    assert "swe-bench-verified" in j.explanation
    empty = judge(pair("Alpha-1", "Beta-Open", D3), BoardData([]), REG, resolver=fake_resolve)
    assert (empty.verdict, empty.reason) == ("unverifiable", "no_data_for_date")


def test_forecast_and_mentions_leave_a_stored_claims_key_unchanged() -> None:
    from store.claims import claim_dedupe_key

    plain = pair("Alpha-1", "Beta-Open", D3)
    spelled = pair("Alpha-1", "Beta-Open", D3, mentions=["Alpha", "Beta"])
    assert claim_dedupe_key(plain) == claim_dedupe_key(spelled)
    forecast = pair("Alpha-1", "Beta-Open", D3, forecast=True)
    assert claim_dedupe_key(plain) != claim_dedupe_key(forecast)


def test_overtook_since_a_date_searches_the_earlier_lead_from_that_date() -> None:
    # With a 10-day window D1 (Beta ahead) is out of reach; "since" D1 brings it back,
    # and a "since" after D1 finds no earlier US lead.
    claim = GroupComparison(
        group_a=CN_OPEN, group_b=US_OPEN, relation="overtook", as_of=D2, view="raw", **COMMON
    )
    short = JudgeOptions(overtook_window_days=10)
    since_d1 = claim.model_copy(update={"period_start": D1})
    assert run(since_d1, options=short).verdict == "outdated"
    later = claim.model_copy(update={"period_start": date(2025, 1, 15)})
    assert run(later).verdict == "partially_supported"


def test_a_group_against_the_rest_of_the_field() -> None:
    """ "Open models lead" with no other side: the best open model against the best of
    every model outside the group (on D3 the closed Alpha-1 1300 is clear of Beta-Open 1260;
    OpenAI's Alpha-1 and Alibaba's Delta-Closed are level at the top)."""
    open_models = Group(open_weights=True)
    lead = GroupComparison(
        group_a=open_models, group_b=open_models.rest(), as_of=D3, view="raw", **COMMON
    )
    assert run(lead).verdict == "contradicted"
    assert run(lead.model_copy(update={"relation": "trails"})).verdict == "supported"
    openai = Group(organisation="OpenAI")
    tie = GroupComparison(group_a=openai, group_b=openai.rest(), as_of=D3, view="raw", **COMMON)
    assert run(tie).verdict == "within_uncertainty"
    assert "Delta-Closed" in run(tie).explanation


def test_the_rest_of_a_group_is_described_and_needs_a_fact() -> None:
    assert Group(open_weights=True).rest().describe() == "models other than open-weights models"
    assert Group(country="CN").rest().rest() == Group(country="CN")
    with pytest.raises(ValueError, match="needs a fact"):
        Group().rest()


def test_a_group_is_written_as_before_unless_it_is_the_rest() -> None:
    """Stored claims and their dedupe keys were written before `others` existed: a group
    that is not the rest of one is written with the same three facts as then, so a
    stored claim is still found as a duplicate after an upgrade."""
    from store.claims import claim_dedupe_key

    claim = GroupComparison(
        group_a=CN_OPEN, group_b=US_OPEN, relation="overtook", as_of=D2, **COMMON
    )
    written = claim.model_dump(mode="json")
    assert written["group_a"] == {"country": "CN", "organisation": None, "open_weights": True}
    assert written["group_b"] == {"country": "US", "organisation": None, "open_weights": True}
    rest = claim.model_copy(update={"group_b": CN_OPEN.rest()})
    assert rest.model_dump(mode="json")["group_b"]["others"] is True
    assert claim_dedupe_key(rest) != claim_dedupe_key(claim)


def test_a_region_is_its_countries() -> None:
    # "the best European model": Mistral's models are French, which Europe includes
    from store.judge.index import group_matches
    from store.registry.base import ModelFacts

    europe = Group(country="EU")
    assert group_matches(ModelFacts("mistral-medium-3", "Mistral AI", "FR", "proprietary"), europe)
    assert not group_matches(ModelFacts("gpt-4o", "OpenAI", "US", "proprietary"), europe)
    assert group_matches(ModelFacts("unknown", None, None, None), europe) is None
    assert not group_matches(
        ModelFacts("mistral-medium-3", "Mistral AI", "FR", "proprietary"), europe.rest()
    )


@pytest.mark.parametrize(
    ("margin", "op", "verdict"),
    [
        # D1 raw: Alpha-1 1300, Beta-Open 1250: a 50-point gap, intervals apart
        (50, "approx", "supported"),
        (45, "approx", "supported"),  # within a quarter of itself
        (140, "approx", "contradicted"),
        (20, "approx", "contradicted"),
        (30, "gt", "supported"),
        (100, "gt", "contradicted"),
        (60, "lt", "supported"),
    ],
)
def test_a_stated_gap_is_checked_against_the_scores(margin: float, op: str, verdict: str) -> None:
    claim = pair("Alpha-1", "Beta-Open", D1, view="raw", margin=margin, margin_op=op)
    j = run(claim)
    assert j.verdict == verdict, j.explanation
    assert "The gap is 50 points" in j.explanation
    # the same gap said from the other side
    back = pair(
        "Beta-Open", "Alpha-1", D1, view="raw", relation="trails", margin=margin, margin_op=op
    )
    assert run(back).verdict == verdict


def test_a_gap_on_a_view_without_scores_is_unverifiable() -> None:
    claim = pair("Alpha-1", "Gamma-Open", D1, view="style_control", margin=50)
    assert (run(claim).verdict, run(claim).reason) == ("unverifiable", "unsupported_metric")
    # a gap makes another claim than the order alone
    assert claim_dedupe_key(claim) != claim_dedupe_key(claim.model_copy(update={"margin": None}))


def test_a_groups_gap_and_a_trends_end_are_checked() -> None:
    # D3: best US open Beta-Open 1260, best CN open Gamma-Open 1200: a 60-point gap
    lead = GroupComparison(
        group_a=US_OPEN, group_b=CN_OPEN, as_of=D3, view="raw", margin=60, **COMMON
    )
    assert run(lead).verdict == "supported"
    wrong = lead.model_copy(update={"margin": 150.0})
    assert run(wrong).verdict == "contradicted"
    assert "The gap is 60 points" in run(wrong).explanation


def test_a_group_inside_the_other_is_no_comparison() -> None:
    # the best CN open model is the best open model: compared with itself
    inner = GroupComparison(
        group_a=CN_OPEN, group_b=Group(open_weights=True), as_of=D2, view="raw", **COMMON
    )
    assert (run(inner).verdict, run(inner).reason) == ("unverifiable", "ambiguous_model")


def test_a_mode_said_in_words_picks_the_build_without_thinking() -> None:
    from store.resolve import resolve

    board = ["Qwen3-235B-A22B", "Qwen3-235B-A22B-no-thinking"]
    for name in ("Qwen3-235B-A22B (in non-thinking mode)", "Qwen3-235B-A22B (no thinking)"):
        assert list(resolve(name, board).models) == ["Qwen3-235B-A22B-no-thinking"]


def test_an_experimental_build_is_never_the_released_one() -> None:
    from store.resolve import resolve

    board = ["llama-4-maverick-17b-128e-instruct", "gemini-1.5-pro-exp-0801", "gemini-1.5-pro-002"]
    assert resolve("Llama 4 Maverick (experimental)", board).status == "not_found"
    assert list(resolve("Gemini 1.5 Pro (experimental)", board).models) == [
        "gemini-1.5-pro-exp-0801"
    ]


# A month of snapshots whose leader changes mid-month: Beta-Open leads on the 3rd,
# Alpha-1 from the 20th; Alpha-1 led the month before; Gamma-Open is third throughout.
MARCH = BoardData(
    [
        snap(
            date(2025, 2, 25),
            [E("Alpha-1", 1, 1300), E("Beta-Open", 2, 1250), E("Gamma-Open", 3, 1200)],
        ),
        snap(
            date(2025, 3, 3),
            [E("Beta-Open", 1, 1320), E("Alpha-1", 2, 1290), E("Gamma-Open", 3, 1200)],
        ),
        snap(
            date(2025, 3, 20),
            [E("Alpha-1", 1, 1330), E("Beta-Open", 2, 1300), E("Gamma-Open", 3, 1200)],
        ),
    ]
)


def in_march(model: str, **kw: object) -> Judgement:
    claim = RankPosition(
        model=model,
        rank=1,
        as_of=date(2025, 3, 31),
        as_of_start=date(2025, 3, 1),
        view="raw",
        **COMMON,
        **kw,
    )
    return judge(claim, MARCH, REG, resolver=fake_resolve)


def test_a_place_in_a_named_month_holds_if_it_held_on_one_of_its_snapshots() -> None:
    # "Beta-Open ranked first in March": it led from the 3rd, not at the month's end
    # (and no longer leads on the newest snapshot: true then, so outdated, not false)
    led = in_march("Beta-Open")
    assert (led.verdict, led.snapshot) == ("outdated", date(2025, 3, 3))
    assert "2025-03-01 to 2025-03-31" in led.explanation
    # Alpha-1 led on the snapshot in force on March 1 and again from the 20th
    assert in_march("Alpha-1").verdict == "supported"
    # "did not rank first in March": false, it did for part of it
    assert in_march("Beta-Open", negated=True).verdict == "contradicted"
    # "Gamma-Open did not rank first in March": true, it held first on none of them
    denied = in_march("Gamma-Open", negated=True)
    assert denied.verdict == "supported"
    assert "what the claim denies holds on none of the 3 snapshots" in denied.explanation
    # the same place said of March 31 alone is Alpha-1's
    at_end = RankPosition(model="Beta-Open", rank=1, as_of=date(2025, 3, 31), view="raw", **COMMON)
    assert judge(at_end, MARCH, REG, resolver=fake_resolve).verdict == "contradicted"


def test_a_place_held_on_no_snapshot_of_the_month_is_contradicted_on_the_last() -> None:
    claim = RankPosition(
        model="Beta-Open",
        rank=1,
        as_of=date(2025, 2, 28),
        as_of_start=date(2025, 2, 1),
        view="raw",
        **COMMON,
    )
    j = judge(claim, MARCH, REG, resolver=fake_resolve)
    assert (j.verdict, j.snapshot) == ("contradicted", date(2025, 2, 25))
    # one snapshot of the span: judged on it as on any day
    assert "holds on none" not in j.explanation


def test_a_span_start_is_no_part_of_a_claims_key_until_set() -> None:
    plain = RankPosition(model="Alpha-1", rank=1, as_of=date(2025, 3, 31), **COMMON)
    spanned = plain.model_copy(update={"as_of_start": date(2025, 3, 1)})
    assert claim_dedupe_key(plain) != claim_dedupe_key(spanned)
    assert "as_of_start" not in json.dumps(plain.model_dump(mode="json", exclude_none=True))
