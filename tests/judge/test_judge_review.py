"""Review cases (R2): no supported/contradicted where the data cannot decide it.

Hand-built boards; every expected verdict follows from the rows written beside it.
Published ranks follow LMArena's rule: 1 + the models whose interval lies wholly above.
"""

from __future__ import annotations

from datetime import date

from store.claims import ClaimBase, Group, GroupComparison, RankPosition
from store.judge import BoardData, judge
from tests.judge.judge_support import FakeRegistry, entry, fake_resolve, snap

D = date(2025, 1, 1)
COMMON = {"statement": "s", "quote": "q", "span": (0, 1), "as_of": D, "view": "raw"}
E = entry
REG = FakeRegistry()  # knows no "Mystery-X": its country and licence are unknown

# Alpha-1 1300 [1295,1305] r1 (US, closed); Delta-Closed 1260 [1255,1265] r2 (CN, closed);
# Mystery-X 1255 [1250,1260] r2; Beta-Open 1250 [1245,1255] r2 (US, open);
# Gamma-Open 1240 [1235,1245] r4 (Alpha, Delta and Mystery lie wholly above it).
BOARD = BoardData(
    [snap(D, [E("Alpha-1", 1, 1300), E("Delta-Closed", 2, 1260), E("Mystery-X", 2, 1255),
              E("Beta-Open", 2, 1250), E("Gamma-Open", 4, 1240)])]
)  # fmt: skip
# Alpha-1 1300 [1295,1305] r1; Mystery-X 1290 [1285,1295] r1 (touches Alpha);
# Beta-Open 1250 [1245,1255] r3; Gamma-Open 1200 [1195,1205] r4.
NEAR_TOP = BoardData(
    [snap(D, [E("Alpha-1", 1, 1300), E("Mystery-X", 1, 1290), E("Beta-Open", 3, 1250),
              E("Gamma-Open", 4, 1200)])]
)  # fmt: skip


def verdict(claim: ClaimBase, board: BoardData = BOARD) -> tuple[str, str | None]:
    j = judge(claim, board, REG, resolver=fake_resolve)
    return j.verdict, j.reason


def rank(model: str, k: int, op: str = "eq", **kw: object) -> str:
    claim = RankPosition(model=model, rank=k, op=op, **COMMON, **kw)
    return verdict(claim)[0]


def test_top_k_needs_the_published_rank_and_the_scores_to_agree() -> None:
    # Beta-Open: published rank 2, but Alpha, Delta and Mystery score higher (4th).
    assert rank("Beta-Open", 2, "top_k") == "within_uncertainty"  # was: supported
    assert rank("Beta-Open", 2, "not_top_k") == "within_uncertainty"  # was: contradicted
    assert rank("Beta-Open", 4, "top_k") == "supported"  # rank 2 and 4th: both <= 4
    assert rank("Beta-Open", 4, "not_top_k") == "contradicted"
    assert rank("Beta-Open", 1, "top_k") == "contradicted"  # Alpha lies wholly above
    assert rank("Beta-Open", 1, "not_top_k") == "supported"
    assert rank("Delta-Closed", 2, "top_k") == "supported"  # rank 2 and 2nd by score


def test_eq_rank_uses_the_published_rank_and_its_tie_group() -> None:
    # Beta-Open shares rank 2 with Delta and Mystery: places 2-4.
    assert rank("Beta-Open", 2) == "supported"  # the board prints 2
    assert rank("Beta-Open", 4) == "within_uncertainty"
    assert rank("Beta-Open", 5) == "contradicted"
    assert rank("Gamma-Open", 5) == "within_uncertainty"  # rank 4, 5th by score
    assert rank("Gamma-Open", 3) == "contradicted"  # three models lie wholly above


def test_an_unplaced_model_that_cannot_change_the_verdict_is_ignored() -> None:
    # Closed (Alpha [1295,1305]) vs open (Beta [1250,1255]): clear. Were Mystery-X
    # open, [1250,1260] is still clear of Alpha -> supported either way.
    claim = GroupComparison(
        group_a=Group(open_weights=False), group_b=Group(open_weights=True), **COMMON
    )
    assert verdict(claim) == ("supported", None)


def test_an_unplaced_model_that_could_change_the_verdict_makes_it_unverifiable() -> None:
    # NEAR_TOP. "Beta-Open is the leading open model": among the placed open models
    # Beta [1245,1255] is clear of Gamma [1195,1205] -> #1; but Mystery-X [1285,1295],
    # licence unknown, lies wholly above Beta: were it open, Beta would be #2.
    lead = RankPosition(model="Beta-Open", rank=1, within=Group(open_weights=True), **COMMON)
    assert verdict(lead, NEAR_TOP) == ("unverifiable", "model_not_found")
    # "US open models lead CN open ones": Beta clear of Gamma; Mystery-X as a CN open
    # model would lie clear above Beta -> unverifiable.
    us_cn = GroupComparison(
        group_a=Group(country="US", open_weights=True),
        group_b=Group(country="CN", open_weights=True),
        **COMMON,
    )
    j = judge(us_cn, NEAR_TOP, REG, resolver=fake_resolve)
    assert (j.verdict, j.reason) == ("unverifiable", "model_not_found")
    assert "Mystery-X" in j.explanation
    # "Open models lead closed ones": Beta is clearly below Alpha, but Mystery-X as an
    # open model [1285,1295] touches Alpha [1295,1305] -> a tie -> unverifiable.
    open_closed = GroupComparison(
        group_a=Group(open_weights=True), group_b=Group(open_weights=False), **COMMON
    )
    assert verdict(open_closed, NEAR_TOP) == ("unverifiable", "model_not_found")
    # count_in_top_k 2 (published ranks <= 2: Alpha (US), Mystery-X): US 1, CN 0 ->
    # supported with the placed models; Mystery-X counted as CN makes it 1-1.
    count = GroupComparison(
        group_a=Group(country="US"),
        group_b=Group(country="CN"),
        aggregate="count_in_top_k",
        k=2,
        **COMMON,
    )
    assert verdict(count, NEAR_TOP) == ("unverifiable", "model_not_found")


def test_rank_k_in_a_group_with_unplaced_models_in_between_is_unverifiable() -> None:
    # Mystery-X [1295,1305] and Mystery-Y [1275,1285] lie clearly above Beta-Open
    # [1245,1255], which is clearly above Gamma-Open [1195,1205]. Among the placed open
    # models Beta is #1; with both unknowns open it is #3, with one of them #2.
    board = BoardData(
        [snap(D, [E("Mystery-X", 1, 1300), E("Mystery-Y", 2, 1280), E("Beta-Open", 3, 1250),
                  E("Gamma-Open", 4, 1200)])]
    )  # fmt: skip

    def among_open(k: int) -> tuple[str, str | None]:
        claim = RankPosition(model="Beta-Open", rank=k, within=Group(open_weights=True), **COMMON)
        return verdict(claim, board)

    assert among_open(1) == ("unverifiable", "model_not_found")
    assert among_open(2) == ("unverifiable", "model_not_found")  # was: contradicted
    assert among_open(3) == ("unverifiable", "model_not_found")
    assert among_open(4) == ("contradicted", None)  # #1, #2 or #3: never #4


def test_count_in_top_k_needs_rank_and_scores_to_agree() -> None:
    # Delta-Closed (CN) [1265,1275], Qwen2.5-72B (CN) [1261,1271] and Beta-Open (US)
    # [1257,1267] overlap: all three are published rank 1. Gamma-Open (CN) [1195,1205]
    # lies below all three: rank 4. By score the top 1 is Delta alone.
    board = BoardData(
        [snap(D, [E("Delta-Closed", 1, 1270), E("Qwen2.5-72B", 1, 1266), E("Beta-Open", 1, 1262),
                  E("Gamma-Open", 4, 1200)])]
    )  # fmt: skip

    def cn_over_us(k: int) -> GroupComparison:
        return GroupComparison(
            group_a=Group(country="CN"),
            group_b=Group(country="US"),
            aggregate="count_in_top_k",
            k=k,
            **COMMON,
        )

    # top 1 by published rank: CN 2, US 1; by the scores' order: CN 1 (Delta), US 0;
    # counting Qwen out and Beta in: 1 against 1 -> not decided
    j = judge(cn_over_us(1), board, REG, resolver=fake_resolve)
    assert j.verdict == "within_uncertainty", j.explanation  # was: supported
    assert "Qwen2.5-72B" in j.explanation and "Beta-Open" in j.explanation
    # top 4: CN 3 (Delta, Qwen, Gamma), US 1, sure on both counts
    assert verdict(cn_over_us(4), board) == ("supported", None)


def test_overtook_needs_the_earlier_lead_to_hold_with_unplaced_models() -> None:
    # Now (D): Gamma-Open (CN open) 1300 clearly above Beta-Open (US open) 1250.
    # Earlier (D0): Beta 1260 led Gamma 1240, but Mystery-X 1270 (licence and country
    # unknown) was above Beta: as a CN open model, CN would have led already.
    d0 = date(2024, 10, 1)
    now = snap(D, [E("Gamma-Open", 1, 1300), E("Beta-Open", 2, 1250)])
    claim = GroupComparison(
        group_a=Group(country="CN", open_weights=True),
        group_b=Group(country="US", open_weights=True),
        relation="overtook",
        **COMMON,
    )
    doubtful = BoardData(
        [snap(d0, [E("Mystery-X", 1, 1270), E("Beta-Open", 1, 1260), E("Gamma-Open", 2, 1240)]),
         now]
    )  # fmt: skip
    j = judge(claim, doubtful, REG, resolver=fake_resolve)
    assert (j.verdict, j.reason) == ("unverifiable", "model_not_found"), (
        j.explanation
    )  # was: supported
    assert "Mystery-X" in j.explanation
    # the same with Mystery-X far below Beta: Beta's earlier lead holds however it falls
    clear = BoardData(
        [snap(d0, [E("Beta-Open", 1, 1260), E("Gamma-Open", 2, 1240), E("Mystery-X", 3, 1200)]),
         now]
    )  # fmt: skip
    assert verdict(claim, clear) == ("supported", None)
