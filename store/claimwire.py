"""The flat wire form of a claim: what an LLM fills in, built from the claim types.

Strict structured outputs need one flat object with every field required (and a flat
object is the shape every server's grammar engine handles: OpenAI, vLLM, Ollama,
llama.cpp). So the wire item is the common head (`WireHead`), then every claim type's
own fields (each type's `wire` model, store/judge/<type>.py), then the period
(`WirePeriod`), all nullable. A field two types share is one field: the same
annotation, or for a choice the union of both choices ("relation": beats, ties,
trails from pairwise_comparison; leads, overtook from group_comparison).

Each type turns its own wire fields back into draft fields (`ClaimKind.from_wire`)
with the helpers below, raising ValueError for anything out of bounds: strict mode
rejects `minimum` and friends, so bounds are checked after parsing. No I/O.
"""

from __future__ import annotations

import types
from collections.abc import Iterable
from datetime import date
from typing import Any, Literal, Protocol, Union, cast, get_args, get_origin

from pydantic import BaseModel, ConfigDict, create_model

from store.claimbase import Group

# extras from a JSON-mode reply are harmless
WIRE_CONFIG = ConfigDict(extra="ignore")


class WireGroup(BaseModel):
    model_config = WIRE_CONFIG

    country: str | None  # ISO 3166 alpha-2, e.g. "CN", "US"
    organisation: str | None
    open_weights: bool | None


class WireHead(BaseModel):
    """The fields every claim type has on the wire, first in every item."""

    model_config = WIRE_CONFIG

    type: str  # the flat model narrows it to the registered type names
    statement: str
    quote: str
    board: str | None
    metric: str | None
    category: str | None
    view: Literal["raw", "style_control"] | None
    as_of: str | None  # YYYY-MM-DD; null: the publication date
    hedged: bool
    negated: bool
    # a prediction ("could soon overtake"): kept, judged not_checkable
    forecast: bool
    claimant: str | None


class WirePeriod(BaseModel):
    """When a claim speaks of a span of time, last in every item: trend_gap's period,
    group_comparison's "overtook since ..." (period_start). A type that reads them
    subclasses this for its wire model."""

    model_config = WIRE_CONFIG

    period_start: str | None
    period_end: str | None


class WireKind(Protocol):
    """What the flat model needs of a claim type (store.judge.kinds.ClaimKind)."""

    @property
    def name(self) -> str: ...

    @property
    def wire(self) -> type[BaseModel]: ...


def flat_wire_model(kinds: Iterable[WireKind], name: str = "WireClaim") -> type[WireHead]:
    """One flat model: the head, every type's own fields (first mention first), the period."""
    kinds = list(kinds)
    fields: dict[str, Any] = {}
    for kind in kinds:
        for field_name, info in kind.wire.model_fields.items():
            if field_name in WirePeriod.model_fields:
                continue
            if field_name in WireHead.model_fields:
                raise TypeError(f"{kind.name}: wire field {field_name!r} is a common field")
            known = fields.get(field_name)
            fields[field_name] = (
                info.annotation if known is None else _merge(field_name, known, info.annotation)
            )
    names = tuple(k.name for k in kinds)
    definitions: dict[str, Any] = {"type": (cast(Any, Literal)[names], ...)}
    definitions |= {n: (a, ...) for n, a in fields.items()}
    definitions |= {n: (f.annotation, ...) for n, f in WirePeriod.model_fields.items()}
    return create_model(name, __base__=WireHead, **definitions)


def _choices(annotation: Any) -> tuple[Any, ...] | None:
    """The values of `Literal[...] | None`, else None."""
    if get_origin(annotation) not in (Union, types.UnionType):
        return None
    args = get_args(annotation)
    literals = [a for a in args if get_origin(a) is Literal]
    if len(literals) != 1 or len(args) != 2 or type(None) not in args:
        return None
    return get_args(literals[0])


def _merge(field_name: str, known: Any, new: Any) -> Any:
    if known == new:
        return known
    old_values, new_values = _choices(known), _choices(new)
    if old_values is None or new_values is None:
        raise TypeError(f"wire field {field_name!r} is declared as {known} and as {new}")
    values = tuple(dict.fromkeys(old_values + new_values))
    return cast(Any, Literal)[values] | None


# --- back to draft fields --------------------------------------------------------------

_COUNTRIES = {
    "china": "CN",
    "chinese": "CN",
    "prc": "CN",
    "usa": "US",
    "united states": "US",
    "america": "US",
    "american": "US",
    "uk": "GB",
    "united kingdom": "GB",
    "britain": "GB",
    "france": "FR",
    "french": "FR",
    "germany": "DE",
    "canada": "CA",
    "israel": "IL",
    "japan": "JP",
    "korea": "KR",
    "south korea": "KR",
    "uae": "AE",
    "india": "IN",
}


def country(raw: str | None) -> str | None:
    """An ISO alpha-2 code, or None; ValueError when it is neither a code nor a known name."""
    if raw is None or not raw.strip():
        return None
    text = raw.strip()
    if len(text) == 2 and text.isalpha():
        return text.upper()
    code = _COUNTRIES.get(text.lower())
    if code is None:
        raise ValueError(f"unknown country {raw!r}")
    return code


def group(wire: WireGroup | None, field: str) -> Group:
    if wire is None:
        raise ValueError(f"{field} is required")
    org = wire.organisation.strip() if wire.organisation else None
    return Group(
        country=country(wire.country), organisation=org or None, open_weights=wire.open_weights
    )


def day(raw: str | None, field: str) -> date | None:
    if raw is None or not raw.strip():
        return None
    try:
        return date.fromisoformat(raw.strip()[:10])
    except ValueError:
        raise ValueError(f"{field} is not a YYYY-MM-DD date: {raw!r}") from None


def name(raw: str | None, field: str) -> str:
    if raw is None or not raw.strip():
        raise ValueError(f"{field} is required")
    return raw.strip()
