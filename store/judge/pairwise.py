"""pairwise_comparison: "DeepSeek-V3 beats Llama-3.1-405B", "X ties Y", "X trails Y"."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from store import claimwire
from store.claimbase import ClaimBase, VerdictLabel
from store.claimwire import WIRE_CONFIG
from store.judge.common import (
    OP_WORDS,
    Ctx,
    Outcome,
    compare,
    describe,
    evidence,
    ordered_verdict,
    resolve_model,
    stated_gap,
    unverifiable,
)
from store.judge.kinds import ClaimKind, register


class PairwiseComparison(ClaimBase):
    type: Literal["pairwise_comparison"] = "pairwise_comparison"
    model_a: str
    model_b: str
    relation: Literal["beats", "ties", "trails"] = "beats"
    # "about 140 points ahead of Y": the gap the text gives, in the board's own score
    margin: float | None = None
    margin_op: Literal["approx", "gt", "lt"] = "approx"


def judge_pairwise(claim: PairwiseComparison, ctx: Ctx) -> Outcome:
    a, failed, note_a = resolve_model(ctx, claim.model_a)
    if failed:
        return failed
    b, failed, note_b = resolve_model(ctx, claim.model_b)
    if failed:
        return failed
    assert a is not None and b is not None
    if a.model == b.model:
        # "beats Gemini" said of the family's own best member: the names do not tell
        # two models apart here, and a model compared with itself says nothing
        return unverifiable(
            "ambiguous_model",
            f"“{claim.model_a}” and “{claim.model_b}” both stand for {a.model} on {ctx.where()}.",
        )
    order = compare(a, b)
    verdict: VerdictLabel
    if claim.relation == "ties":
        verdict = "supported" if order.uncertain else "contradicted"
    else:
        verdict = ordered_verdict(order, 1 if claim.relation == "beats" else -1)
    gap_note = ""
    if claim.margin is not None and claim.relation != "ties":
        want = 1 if claim.relation == "beats" else -1
        failed, holds, gap_note = stated_gap(ctx, a, b, want, claim.margin, claim.margin_op)
        if failed:
            return failed
        if not holds:
            verdict = "contradicted"
    label = ctx.metric_label
    rel = "is level with" if order.sign == 0 else "is above" if order.sign > 0 else "is below"
    tie = ""
    if order.uncertain and order.sign != 0:
        tie = " Their 95% intervals overlap, so the order is a statistical tie."
    elif not order.uncertain:
        tie = " Their 95% intervals do not overlap." if a.ci and b.ci else ""
    how = "by published rank" if a.value is None or b.value is None else f"by {label}"
    text = f"On {ctx.where()}, {describe(a, label)} {rel} {describe(b, label)} {how}.{tie}"
    notes = " ".join(n for n in (note_a, note_b) if n)
    return Outcome(
        verdict,
        f"{notes} {text}{gap_note}".strip(),
        [evidence(ctx, a, "model_a"), evidence(ctx, b, "model_b")],
        resolution={claim.model_a: [a.model], claim.model_b: [b.model]},
    )


# --- statement and wire ------------------------------------------------------------------

_RELATION_WORDS = {"beats": "ranks above", "trails": "ranks below", "ties": "ties with"}
_DENIED_WORDS = {
    "beats": "does not rank above",
    "trails": "does not rank below",
    "ties": "does not tie with",
}


def statement(claim: PairwiseComparison, where: str) -> str:
    rel = (_DENIED_WORDS if claim.negated else _RELATION_WORDS)[claim.relation]
    if claim.margin is not None and claim.relation != "ties" and not claim.negated:
        gap = f"{OP_WORDS[claim.margin_op]}{claim.margin:g} points "
        rel = f"ranks {gap}{'above' if claim.relation == 'beats' else 'below'}"
    return f"{claim.model_a} {rel} {claim.model_b}{where}"


class PairwiseWire(BaseModel):
    model_config = WIRE_CONFIG

    model_a: str | None
    model_b: str | None
    relation: Literal["beats", "ties", "trails"] | None


def from_wire(w: PairwiseWire) -> dict[str, Any]:
    a, b = claimwire.name(w.model_a, "model_a"), claimwire.name(w.model_b, "model_b")
    if a.casefold() == b.casefold():
        raise ValueError("model_a and model_b are the same model")
    return {"model_a": a, "model_b": b, "relation": w.relation or "beats"}


KIND = register(
    ClaimKind(
        name="pairwise_comparison",
        model=PairwiseComparison,
        evaluate=judge_pairwise,
        statement=statement,
        wire=PairwiseWire,
        from_wire=from_wire,
        prompt='one model against another ("DeepSeek-V3 beats Llama-3.1-405B"). '
        "relation: beats, ties or trails, from model_a's side.",
        key_fields=("model_a", "model_b", "relation"),
        models=lambda c: [c.model_a, c.model_b],
    )
)
