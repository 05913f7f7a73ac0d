"""The typed claim and verdict contract shared by extraction, the judge and the outputs.

Extractors (offline rules or an LLM) produce `ClaimDraft`s; only code decides a
`Judgement`. Both are plain pydantic models so they cross every boundary as data:
the LLM's structured output, the database's JSON columns, `check --json`.
See DESIGN.md, "Claims".
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

ClaimType = Literal[
    "rank_position", "pairwise_comparison", "group_comparison", "score_value", "trend_gap"
]
VerdictLabel = Literal[
    "supported",
    "contradicted",
    "within_uncertainty",
    "partially_supported",
    "outdated",
    "unverifiable",
    "not_checkable",
]
UnverifiableReason = Literal[
    "model_not_found", "ambiguous_model", "no_data_for_date", "unsupported_metric"
]
# Why a claim is not_checkable: a prediction speaks of data that does not exist yet.
NotCheckableReason = Literal["forecast"]
# The leaderboard view: LMArena publishes raw ratings and style-controlled ones.
# None in a claim means "the text does not say" (the judge then checks both).
View = Literal["raw", "style_control"]

VERDICTS: tuple[VerdictLabel, ...] = get_args(VerdictLabel)

# How a verdict reads to a person: the same words in Discord, e-mail and the CLI.
VERDICT_WORDS: dict[str, str] = {
    "supported": "Supported",
    "contradicted": "Contradicted",
    "within_uncertainty": "Within uncertainty (a statistical tie)",
    "partially_supported": "Partially supported",
    "outdated": "Outdated",
    "unverifiable": "Unverifiable",
    "not_checkable": "Not checkable",
}


class Group(BaseModel):
    """A set of models named by facts about them, e.g. {"country": "CN", "open_weights": true}.

    None means "any". `organisation` is the registry's canonical organisation name.
    """

    model_config = ConfigDict(frozen=True)

    country: str | None = None
    organisation: str | None = None
    open_weights: bool | None = None

    def describe(self) -> str:
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


class _ClaimBase(BaseModel):
    """Fields every claim carries (DESIGN.md, "Common fields")."""

    statement: str  # self-contained, normalised
    quote: str  # verbatim span of the article text
    span: tuple[int, int]  # character offsets of `quote` in the article text
    board: str | None = None  # e.g. "lmarena-text"; None when the text names none
    metric: str | None = None  # e.g. "arena_score", "average", "math_lvl5"
    category: str | None = None  # board category: "full", "coding", "math", ...
    view: View | None = None
    as_of: date
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


class RankPosition(_ClaimBase):
    type: Literal["rank_position"] = "rank_position"
    model: str
    rank: int
    op: Literal["eq", "top_k", "not_top_k"] = "eq"
    # "the leading open-weights model": the rank is counted within a group
    within: Group | None = None


class PairwiseComparison(_ClaimBase):
    type: Literal["pairwise_comparison"] = "pairwise_comparison"
    model_a: str
    model_b: str
    relation: Literal["beats", "ties", "trails"] = "beats"


class GroupComparison(_ClaimBase):
    type: Literal["group_comparison"] = "group_comparison"
    group_a: Group
    group_b: Group
    aggregate: Literal["best_of", "count_in_top_k"] = "best_of"
    k: int | None = None
    relation: Literal["leads", "overtook", "trails"] = "leads"
    # "has overtaken ... since August": where the search for the earlier lead starts
    period_start: date | None = None


class ScoreValue(_ClaimBase):
    type: Literal["score_value"] = "score_value"
    model: str
    value: float
    comparator: Literal["eq", "approx", "gt", "lt"] = "eq"


class TrendGap(_ClaimBase):
    type: Literal["trend_gap"] = "trend_gap"
    subjects: tuple[Group, Group]
    direction: Literal["narrowing", "widening", "overtook", "new_high"]
    period_start: date | None = None  # default: 12 months before as_of
    period_end: date | None = None  # default: as_of


ClaimDraft = Annotated[
    RankPosition | PairwiseComparison | GroupComparison | ScoreValue | TrendGap,
    Field(discriminator="type"),
]
CLAIM_ADAPTER: TypeAdapter[ClaimDraft] = TypeAdapter(ClaimDraft)

# Fields that identify *what* is claimed, as opposed to where it was read.
_PROVENANCE = {
    "statement",
    "quote",
    "span",
    "hedged",
    "claimant",
    "mentions",
    "extractor",
    "extractor_version",
}


_LATER_FIELDS: dict[str, object] = {"forecast": False, "period_start": None}


def claim_dedupe_key(claim: ClaimDraft) -> str:
    """One key per distinct claim across articles: same type, subjects, board and date."""
    fields = claim.model_dump(mode="json", exclude=_PROVENANCE)
    # Fields added later count only when set, so keys of stored claims stay the same.
    for name, unset in _LATER_FIELDS.items():
        if name in fields and fields[name] == unset:
            del fields[name]
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False).lower()
    return hashlib.sha256(text.encode()).hexdigest()[:32]


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
