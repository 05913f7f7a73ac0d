"""The claim type registry: one `ClaimKind` per type, registered by its own module.

A claim type is one module in this package (rank.py, pairwise.py, groups.py, score.py,
trend.py) holding its model, its evaluator, its one-line statement and its wire
fields, and ending in `register(ClaimKind(...))`. Everything that differs by type
reads it from here, never from an if/else chain over types: the judge's dispatch,
the groups a verdict names, the statements, the LLM's flat wire schema and prompt,
the golden files' key fields. store/claims.py imports every type module (so all are
registered) and spells the `ClaimDraft` union for the type checker.

The judge looks a claim's kind up by the claim's class, so it never imports a type
module itself: a claim object exists only once its module has been imported, and
with it registered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from store.claimbase import ClaimBase, Group
from store.judge.common import Ctx, Outcome

C = TypeVar("C", bound=ClaimBase)
W = TypeVar("W", bound=BaseModel)


def _nothing(claim: Any) -> list[Any]:
    return []


@dataclass(frozen=True)
class ClaimKind(Generic[C, W]):
    """Everything one claim type brings to extraction, judging and output."""

    name: str  # the `type` value, e.g. "rank_position"
    model: type[C]
    evaluate: Callable[[C, Ctx], Outcome]  # the verdict on one snapshot of one view
    # the self-contained statement; `where` is the board/category/metric words
    # (" on LMArena text", " in coding"), already formatted by the caller
    statement: Callable[[C, str], str]
    wire: type[W]  # this type's own fields on the flat wire, every one nullable
    from_wire: Callable[[W], dict[str, Any]]  # wire fields -> draft fields; ValueError if bad
    prompt: str  # the LLM prompt's line for this type (after "- name: ")
    key_fields: tuple[str, ...]  # what identifies a claim of this type in golden files
    models: Callable[[C], list[str]] = _nothing  # the model names it makes a claim about
    groups: Callable[[C], list[Group]] = _nothing  # the groups a verdict on it names
    # whether it may be judged on a trend-only board (lmarena-history: off-scale early
    # rows, no ranks or intervals), i.e. it reads a series' shape rather than a standing
    reads_history: bool = False


KINDS: dict[str, ClaimKind[Any, Any]] = {}
_BY_MODEL: dict[type, ClaimKind[Any, Any]] = {}


def register(kind: ClaimKind[C, W]) -> ClaimKind[C, W]:
    if kind.name in KINDS:
        raise ValueError(f"claim type {kind.name!r} is registered twice")
    declared = kind.model.model_fields["type"].default
    if declared != kind.name:
        raise ValueError(f"{kind.model.__name__}.type is {declared!r}, registered as {kind.name!r}")
    KINDS[kind.name] = kind
    _BY_MODEL[kind.model] = kind
    return kind


def kind_of(claim: ClaimBase) -> ClaimKind[Any, Any]:
    return _BY_MODEL[type(claim)]


def kind_for(model: type[ClaimBase]) -> ClaimKind[Any, Any]:
    return _BY_MODEL[model]
