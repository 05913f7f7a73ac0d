"""The claim and verdict primitives every claim type builds on.

A claim type (store/judge/<type>.py) subclasses `ClaimBase`; the judge returns a
`Judgement` citing `Evidence`. The union of the types, `ClaimDraft`, is in
store/claims.py, which re-exports everything here: import from there.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
    model_validator,
)

from store.verdict_labels import VERDICT_WORDS as VERDICT_WORDS
from store.verdict_labels import VERDICTS as VERDICTS
from store.verdict_labels import VerdictLabel as VerdictLabel

UnverifiableReason = Literal[
    "model_not_found", "ambiguous_model", "no_data_for_date", "unsupported_metric"
]
# Why a claim is not_checkable: a prediction speaks of data that does not exist yet.
NotCheckableReason = Literal["forecast"]
# The leaderboard view: LMArena publishes raw ratings and style-controlled ones.
# None in a claim means "the text does not say" (the judge then checks both).
View = Literal["raw", "style_control"]


class Group(BaseModel):
    """A set of models named by facts about them, e.g. {"country": "CN", "open_weights": true}.

    None means "any". `organisation` is the registry's canonical organisation name.
    `others` turns the set around: every model the facts do not describe, the rest of
    the field a one-sided lead is over ("Google's models lead the arena": Google's best
    against the best of all but Google's).
    """

    model_config = ConfigDict(frozen=True)

    country: str | None = None
    organisation: str | None = None
    open_weights: bool | None = None
    others: bool = False

    @model_validator(mode="after")
    def _others_need_facts(self) -> Group:
        facts = (self.country, self.organisation, self.open_weights)
        if self.others and all(f is None for f in facts):
            raise ValueError("the rest of a group needs a fact to set it apart")
        return self

    @model_serializer(mode="wrap")
    def _others_when_set(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # written only when set: stored claims, their keys and `check --json` stay as
        # they were for every group that is not the rest of one
        data: dict[str, Any] = handler(self)
        if not self.others:
            data.pop("others", None)
        return data

    def rest(self) -> Group:
        """Every model outside this group."""
        return Group(
            country=self.country,
            organisation=self.organisation,
            open_weights=self.open_weights,
            others=not self.others,
        )

    def describe(self) -> str:
        if self.others:
            return "models other than " + self.rest().describe()
        parts = []
        if self.open_weights is True:
            parts.append("open-weights")
        elif self.open_weights is False:
            parts.append("closed")
        if self.country:
            parts.append(self.country)
        if self.organisation:
            parts.append(self.organisation)
        return " ".join(parts) + " models" if parts else "all models"


class ClaimBase(BaseModel):
    """Fields every claim carries (DESIGN.md, "Common fields"); each claim type
    (store/judge/<type>.py) adds its own and a `type` literal."""

    statement: str  # self-contained, normalised
    quote: str  # verbatim span of the article text
    span: tuple[int, int]  # character offsets of `quote` in the article text
    board: str | None = None  # e.g. "lmarena-text"; None when the text names none
    metric: str | None = None  # e.g. "arena_score", "average", "math_lvl5"
    category: str | None = None  # board category: "full", "coding", "math", ...
    view: View | None = None
    as_of: date
    # "Grok 3 ranked first in March" (or "last month", "in early 2025"): the text names
    # a span, not a day; as_of is its end and this its first day, and the claim holds if
    # it held on a snapshot of the span (the leader may change mid-month). None: the
    # claim speaks of as_of alone.
    as_of_start: date | None = None
    hedged: bool = False
    negated: bool = False  # "X does not beat Y": the judge flips supported/contradicted
    # "X could soon overtake Y": a prediction, judged not_checkable against past data
    forecast: bool = False
    claimant: str | None = None
    # The model and group names as the text wrote them ("R1", "Chinese open models"),
    # kept even when none resolves, so a reader sees what was claimed about whom.
    mentions: list[str] = Field(default_factory=list)
    extractor: str = "unknown"
    extractor_version: str = "0"


class Evidence(BaseModel):
    """One model's standing on one snapshot, as a verdict cites it."""

    board: str
    snapshot: date
    view: View | None = None
    category: str | None = None
    model: str  # the name as the board spells it
    rank: int | None = None
    score: float | None = None
    ci: tuple[float, float] | None = None
    votes: int | None = None
    organisation: str | None = None
    country: str | None = None
    open_weights: bool | None = None
    licence_class: str | None = None  # permissive, restricted, proprietary
    base_model: str | None = None  # for a fine-tune, the model it was tuned from
    role: str | None = None  # e.g. "model_a", "best of CN open-weights"


class LatestJudgement(BaseModel):
    snapshot: date | None
    verdict: VerdictLabel
    reason: UnverifiableReason | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class Judgement(BaseModel):
    """What the judge decided about one claim, with everything needed to show why."""

    verdict: VerdictLabel
    reason: UnverifiableReason | NotCheckableReason | None = None
    explanation: str
    board: str | None = None
    snapshot: date | None = None  # the as-of snapshot used; never after the claim's as_of
    snapshot_age_days: int | None = None
    models: list[str] = Field(default_factory=list)  # board spellings
    groups: list[Group] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    latest: LatestJudgement | None = None
    resolution: dict[str, list[str]] = Field(default_factory=dict)  # text name -> board names
