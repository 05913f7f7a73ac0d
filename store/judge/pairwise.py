"""pairwise_comparison: "DeepSeek-V3 beats Llama-3.1-405B", "X ties Y", "X trails Y"."""

from __future__ import annotations

from store.claims import PairwiseComparison, VerdictLabel
from store.judge.common import (
    Ctx,
    Outcome,
    compare,
    describe,
    evidence,
    ordered_verdict,
    resolve_model,
)


def judge_pairwise(claim: PairwiseComparison, ctx: Ctx) -> Outcome:
    a, failed, note_a = resolve_model(ctx, claim.model_a)
    if failed:
        return failed
    b, failed, note_b = resolve_model(ctx, claim.model_b)
    if failed:
        return failed
    assert a is not None and b is not None
    order = compare(a, b)
    verdict: VerdictLabel
    if claim.relation == "ties":
        verdict = "supported" if order.uncertain else "contradicted"
    else:
        verdict = ordered_verdict(order, 1 if claim.relation == "beats" else -1)
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
        f"{notes} {text}".strip(),
        [evidence(ctx, a, "model_a"), evidence(ctx, b, "model_b")],
        resolution={claim.model_a: [a.model], claim.model_b: [b.model]},
    )
