"""The typed claim and verdict contract shared by extraction, the judge and the outputs.

Extractors (offline rules or an LLM) produce `ClaimDraft`s; only code decides a
`Judgement`. Both are plain pydantic models so they cross every boundary as data:
the LLM's structured output, the database's JSON columns, `check --json`.
See DESIGN.md, "Claims".

Each claim type is one module (store/judge/<type>.py: model, evaluator,
statement, wire fields) registered in `store.judge.kinds`; this module imports
them all and spells their union for the type checker. Adding a type means adding its
module and naming its model in `_MODELS` and its name in `ClaimType` below.
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any, Literal, get_args

from pydantic import Field, TypeAdapter

from store.claimbase import (
    VERDICT_WORDS,
    VERDICTS,
    ClaimBase,
    Evidence,
    Group,
    Judgement,
    LatestJudgement,
    NotCheckableReason,
    UnverifiableReason,
    VerdictLabel,
    View,
)
from store.judge.groups import GroupComparison
from store.judge.kinds import ClaimKind, kind_for, kind_of
from store.judge.pairwise import PairwiseComparison
from store.judge.rank import RankPosition
from store.judge.score import ScoreValue
from store.judge.trend import TrendGap

ClaimType = Literal[
    "rank_position", "pairwise_comparison", "group_comparison", "score_value", "trend_gap"
]
# In this order in the LLM's prompt and wire schema.
_MODELS = RankPosition | PairwiseComparison | GroupComparison | ScoreValue | TrendGap
ClaimDraft = Annotated[_MODELS, Field(discriminator="type")]
CLAIM_ADAPTER: TypeAdapter[ClaimDraft] = TypeAdapter(ClaimDraft)
CLAIM_KINDS: tuple[ClaimKind[Any, Any], ...] = tuple(kind_for(m) for m in get_args(_MODELS))
if get_args(ClaimType) != tuple(k.name for k in CLAIM_KINDS):
    raise TypeError("ClaimType must name the types of ClaimDraft, in the same order")

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


# (a group claim's "comparator" is None unless it gives a count; a score's never is)
_LATER_FIELDS: dict[str, object] = {
    "forecast": False,
    "as_of_start": None,
    "period_start": None,
    "count": None,
    "comparator": None,
    "margin": None,
    "margin_op": "approx",
    "gap": None,
}


def claim_dedupe_key(claim: ClaimDraft) -> str:
    """One key per distinct claim across articles: same type, subjects, board and date."""
    fields = claim.model_dump(mode="json", exclude=_PROVENANCE)
    # Fields added later count only when set, so keys of stored claims stay the same.
    for name, unset in _LATER_FIELDS.items():
        if name in fields and fields[name] == unset:
            del fields[name]
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False).lower()
    return hashlib.sha256(text.encode()).hexdigest()[:32]


__all__ = [
    "CLAIM_ADAPTER",
    "CLAIM_KINDS",
    "VERDICTS",
    "VERDICT_WORDS",
    "ClaimBase",
    "ClaimDraft",
    "ClaimKind",
    "ClaimType",
    "Evidence",
    "Group",
    "GroupComparison",
    "Judgement",
    "LatestJudgement",
    "NotCheckableReason",
    "PairwiseComparison",
    "RankPosition",
    "ScoreValue",
    "TrendGap",
    "UnverifiableReason",
    "VerdictLabel",
    "View",
    "claim_dedupe_key",
    "kind_of",
]
