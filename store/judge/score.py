"""score_value: "GLM-4.5 scores 1434 on LMArena", "above 1400", "about 1430"."""

from __future__ import annotations

import math
from typing import Any, Literal

from pydantic import BaseModel

from store import claimwire
from store.claimbase import ClaimBase, VerdictLabel
from store.claimwire import WIRE_CONFIG
from store.judge.common import Ctx, Outcome, describe, evidence, fmt_num, resolve_model
from store.judge.kinds import ClaimKind, register


class ScoreValue(ClaimBase):
    type: Literal["score_value"] = "score_value"
    model: str
    value: float
    comparator: Literal["eq", "approx", "gt", "lt"] = "eq"


def judge_score(claim: ScoreValue, ctx: Ctx) -> Outcome:
    if not ctx.table.scored:
        return Outcome(
            "unverifiable",
            f"{ctx.where()} publishes ranks only, no {ctx.metric_label}.",
            reason="unsupported_metric",
        )
    s, failed, note = resolve_model(ctx, claim.model)
    if failed:
        return failed
    assert s is not None and s.value is not None
    value, x, opts = claim.value, s.value, ctx.options
    lo, hi = s.ci if s.ci is not None else (x, x)
    in_ci = lo <= value <= hi
    cmp = claim.comparator
    verdict: VerdictLabel
    if cmp == "eq":
        if abs(value - x) <= opts.score_tolerance:
            verdict = "supported"
        else:
            verdict = "within_uncertainty" if in_ci and s.ci else "contradicted"
    elif cmp == "approx":
        close = abs(value - x) <= opts.approx_tolerance * abs(x)
        verdict = "supported" if close or in_ci else "contradicted"
    else:
        above = cmp == "gt"
        clear = lo > value if above else hi < value
        point = x > value if above else x < value
        if clear:
            verdict = "supported"
        elif in_ci and s.ci is not None:
            verdict = "within_uncertainty"
        else:
            verdict = "supported" if point else "contradicted"
    words = {"eq": "", "approx": "about ", "gt": "above ", "lt": "below "}[cmp]
    text = (
        f"On {ctx.where()}, {describe(s, ctx.metric_label)}; "
        f"the claim says {words}{fmt_num(value)}."
    )
    if verdict == "within_uncertainty":
        text += " The claimed value lies inside the 95% interval but is not the published score."
        if cmp in ("gt", "lt"):
            text = text.replace("but is not the published score", "so the comparison is a tie")
    return Outcome(
        verdict,
        f"{note} {text}".strip(),
        [evidence(ctx, s, "model")],
        resolution={claim.model: [s.model]},
        time_sensitive=cmp in ("gt", "lt"),
    )


# --- statement and wire ------------------------------------------------------------------

_COMPARATOR_WORDS = {
    "eq": "scores",
    "approx": "scores about",
    "gt": "scores more than",
    "lt": "scores less than",
}


def statement(claim: ScoreValue, where: str) -> str:
    comp = _COMPARATOR_WORDS[claim.comparator]
    if claim.negated:
        comp = "does not score " + comp.removeprefix("scores").strip()
    # a benchmark score of at most 100 is a percentage; an arena score is points
    percent = claim.metric and claim.metric != "arena_score" and claim.value <= 100
    unit = "%" if percent else ""
    return f"{claim.model} {comp} {_number(claim.value)}{unit}{where}".replace("  ", " ")


def _number(v: float) -> str:
    return str(int(v)) if v == int(v) else f"{v:g}"


class ScoreWire(BaseModel):
    model_config = WIRE_CONFIG

    model: str | None
    value: float | None
    comparator: Literal["eq", "approx", "gt", "lt"] | None


def from_wire(w: ScoreWire) -> dict[str, Any]:
    if w.value is None or not math.isfinite(w.value):
        raise ValueError(f"value must be a finite number, got {w.value}")
    return {
        "model": claimwire.name(w.model, "model"),
        "value": w.value,
        "comparator": w.comparator or "eq",
    }


KIND = register(
    ClaimKind(
        name="score_value",
        model=ScoreValue,
        evaluate=judge_score,
        statement=statement,
        wire=ScoreWire,
        from_wire=from_wire,
        prompt='a model\'s score ("GLM-4.5 scores 1434 on LMArena"). comparator: eq, '
        'approx ("about", "roughly"), gt ("over", "more than"), lt.',
        key_fields=("model", "value"),
        models=lambda c: [c.model],
    )
)
