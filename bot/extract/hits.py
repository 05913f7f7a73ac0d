"""What a pattern finder reads in one sentence: one typed hit per claim.

A hit holds the claim's own fields, typed as the claim type's model has them
(store/judge/), plus where its cue sits in the sentence and what the sentence around
it says (negation, a category or metric, its own words when it is one item of a
list). `rules.py` adds the fields every claim shares (quote, dates, board, hedge,
claimant) and validates the whole into a `ClaimDraft`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar, Literal

from store.claims import ClaimType, Group

Relation = Literal["beats", "overtook", "trails", "ties"]
PairRelation = Literal["beats", "ties", "trails"]
RankOp = Literal["eq", "top_k", "not_top_k"]
Comparator = Literal["eq", "approx", "gt", "lt"]
GroupRelation = Literal["leads", "overtook", "trails"]
Aggregate = Literal["best_of", "count_in_top_k"]
Direction = Literal["narrowing", "widening", "overtook", "new_high"]


@dataclass(slots=True, kw_only=True)
class _Hit:
    type: ClassVar[ClaimType]
    start: int  # the cue's position in the sentence (orders hits, finds negation)
    negated: bool = False
    category: str | None = None
    metric: str | None = None
    # a superlative with no board named ("state-of-the-art", "our best model yet") is
    # marketing about unnamed tasks: never judged as a board's overall order
    needs_scope: bool = False
    # the claim's own words when they are less than the sentence (one item of a list)
    span: tuple[int, int] | None = None
    # names as written that no field holds: a side named by its maker alone ("Google
    # holds the top spot")
    said: tuple[str, ...] = ()
    # a comparison read from two numbers ("4.0 against 3.4 for Llama"): the first one,
    # whose measure is the comparison's too
    by_number: ScoreHit | None = None

    def claim_fields(self) -> dict[str, Any]:
        """The claim type's own fields, as its model (store/judge/) names them."""
        shared = {f.name for f in dataclasses.fields(_Hit)}
        return {
            f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name not in shared
        }

    def names(self) -> list[str]:
        """The model names the claim is about, as the text wrote them."""
        return list(self.said)


@dataclass(slots=True, kw_only=True)
class RankHit(_Hit):
    type: ClassVar[ClaimType] = "rank_position"
    model: str
    rank: int
    op: RankOp = "eq"
    within: Group | None = None  # "the leading open model": counted within a group

    def names(self) -> list[str]:
        return [self.model]


@dataclass(slots=True, kw_only=True)
class PairHit(_Hit):
    type: ClassVar[ClaimType] = "pairwise_comparison"
    model_a: str
    model_b: str
    relation: PairRelation = "beats"
    margin: float | None = None  # "140 points ahead of": the gap the text gives
    margin_op: Literal["approx", "gt", "lt"] = "approx"

    def names(self) -> list[str]:
        return [self.model_a, self.model_b]


@dataclass(slots=True, kw_only=True)
class ScoreHit(_Hit):
    type: ClassVar[ClaimType] = "score_value"
    model: str
    value: float
    comparator: Comparator = "eq"

    def names(self) -> list[str]:
        return [self.model]


@dataclass(slots=True, kw_only=True)
class GroupHit(_Hit):
    type: ClassVar[ClaimType] = "group_comparison"
    group_a: Group
    group_b: Group
    aggregate: Aggregate = "best_of"
    k: int | None = None
    relation: GroupRelation = "leads"
    period_start: date | None = None  # "has overtaken ... since August"
    count: int | None = None  # "three open models in the top 10": group_a's places
    margin: float | None = None  # "lead US open models by 150 points"
    margin_op: Literal["approx", "gt", "lt"] = "approx"


@dataclass(slots=True, kw_only=True)
class TrendHit(_Hit):
    type: ClassVar[ClaimType] = "trend_gap"
    subjects: tuple[Group, Group]
    direction: Direction
    period_start: date | None = None
    period_end: date | None = None
    gap: float | None = None  # "narrowed to just 10 points": where the gap ends


Hit = RankHit | PairHit | ScoreHit | GroupHit | TrendHit
