"""score_value: "GLM-4.5 scores 1434 on LMArena", "above 1400", "about 1430"."""

from __future__ import annotations

from store.claims import ScoreValue, VerdictLabel
from store.judge.common import Ctx, Outcome, describe, evidence, fmt_num, resolve_model


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
