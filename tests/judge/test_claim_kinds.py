"""The claim type registry: a new type is one module, and the judge, the statements and
the LLM's flat wire all pick it up from its registration.

`ModelListed` below is such a module in miniature ("X is on the board"): nothing else
in the code base names it.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

import pytest
from pydantic import BaseModel

from bot.extract.statements import statement
from store import claimwire
from store.claims import CLAIM_KINDS, ClaimBase
from store.claimwire import WIRE_CONFIG, WirePeriod, flat_wire_model
from store.judge import BoardData, judge
from store.judge.common import Ctx, Outcome, evidence, resolve_model
from store.judge.kinds import KINDS, ClaimKind, kind_of, register
from store.judge.rank import KIND as RANK
from tests.judge.judge_support import FakeRegistry, entry, fake_resolve, snap

D1, D2 = date(2025, 1, 1), date(2025, 2, 1)
BOARD = BoardData(
    [
        snap(D1, [entry("Alpha-1", 1, 1300), entry("Beta-Open", 2, 1250)]),
        snap(D2, [entry("Beta-Open", 1, 1260)]),
    ]
)


class ModelListed(ClaimBase):
    type: Literal["model_listed"] = "model_listed"
    model: str


def _judge_listed(claim: ModelListed, ctx: Ctx) -> Outcome:
    s, failed, _ = resolve_model(ctx, claim.model)
    if failed:
        return failed
    assert s is not None
    return Outcome("supported", f"{s.model} is on {ctx.where()}.", [evidence(ctx, s, "model")])


class ListedWire(BaseModel):
    model_config = WIRE_CONFIG

    model: str | None
    # shares "op" with rank_position: its choices join rank_position's on the wire
    op: Literal["eq", "listed"] | None
    source_url: str | None


LISTED = register(
    ClaimKind(
        name="model_listed",
        model=ModelListed,
        evaluate=_judge_listed,
        statement=lambda c, where: f"{c.model} is listed{where}",
        wire=ListedWire,
        from_wire=lambda w: {"model": claimwire.name(w.model, "model")},
        prompt="a model appears on a board.",
        key_fields=("model",),
        models=lambda c: [c.model],
    )
)


def _listed(model: str, day: date) -> ModelListed:
    return ModelListed(model=model, as_of=day, statement="s", quote="q", span=(0, 1))


def test_the_judge_dispatches_a_new_type_through_its_registration() -> None:
    j = judge(_listed("Alpha-1", D1), BOARD, FakeRegistry(), resolver=fake_resolve)
    assert (j.verdict, j.snapshot, j.models) == ("supported", D1, ["Alpha-1"])
    # the judge's own steps still apply: the newest snapshot, where Alpha-1 is gone
    assert j.latest is not None and j.latest.snapshot == D2
    assert (j.latest.verdict, j.latest.reason) == ("unverifiable", "model_not_found")
    # and the history-only board is refused for a type that reads a standing
    on_history = _listed("Alpha-1", D1).model_copy(update={"board": "lmarena-history"})
    assert judge(on_history, BOARD, FakeRegistry(), resolver=fake_resolve).board == "lmarena-text"


def test_the_statement_comes_from_the_type_and_the_place_from_the_caller() -> None:
    claim = _listed("Alpha-1", D1).model_copy(update={"board": "lmarena-text"})
    # ModelListed is registered at run time, so it is outside the static ClaimDraft union
    assert statement(claim) == "Alpha-1 is listed on LMArena text"  # type: ignore[arg-type]
    assert kind_of(claim) is LISTED


def test_a_new_type_adds_its_fields_to_the_flat_wire_before_the_period() -> None:
    wire = flat_wire_model([*CLAIM_KINDS, LISTED])
    fields = list(wire.model_fields)
    assert fields[-3:] == ["source_url", "period_start", "period_end"]
    schema = wire.model_json_schema()["properties"]
    assert schema["type"]["enum"][-1] == "model_listed"
    # a shared field is one field; its choices are both types' choices, in order
    op = next(a for a in schema["op"]["anyOf"] if "enum" in a)
    assert op["enum"] == ["eq", "top_k", "not_top_k", "listed"]
    # without the new type the wire is what it was
    assert "source_url" not in flat_wire_model(CLAIM_KINDS).model_fields


def test_a_wire_field_declared_two_ways_is_refused() -> None:
    class Clash(BaseModel):
        rank: str | None  # rank_position says int

    clash = ClaimKind(
        name="clash",
        model=ModelListed,
        evaluate=_judge_listed,
        statement=lambda c, where: "",
        wire=Clash,
        from_wire=lambda w: {},
        prompt="",
        key_fields=(),
    )
    with pytest.raises(TypeError, match="rank"):
        flat_wire_model([RANK, clash])

    class Common(WirePeriod):
        quote: str | None  # a common field

    with pytest.raises(TypeError, match="common field"):
        flat_wire_model([ClaimKind(**{**vars(clash), "wire": Common})])


def test_registration_refuses_a_second_kind_of_a_name_and_a_mismatched_model() -> None:
    with pytest.raises(ValueError, match="twice"):
        register(RANK)
    fields: dict[str, Any] = {**vars(LISTED), "name": "model_listed_again"}
    with pytest.raises(ValueError, match="registered as"):
        register(ClaimKind(**fields))
    assert "model_listed_again" not in KINDS
