"""rank_position: "Qwen2.5-Max ranks #7", "X is in the top 10", "the leading open model".

Board-wide, a rank is judged by the rank the board publishes and its tie group
(LMArena gives models whose intervals overlap the same rank). Within a group the
judge computes the same thing from the members' intervals.
"""

from __future__ import annotations

from store.claims import RankPosition, VerdictLabel
from store.crosscheck.common import Ctx, Outcome, describe, evidence, resolve_model
from store.crosscheck.index import Standing, group_matches


def judge_rank(claim: RankPosition, ctx: Ctx) -> Outcome:
    s, failed, note = resolve_model(ctx, claim.model)
    if failed:
        return failed
    assert s is not None
    resolution = {claim.model: [s.model]}
    out = _within_group(claim, ctx, s) if claim.within else _board_wide(claim, ctx, s)
    out.resolution = resolution
    out.evidence.insert(0, evidence(ctx, s, "model"))
    if note:
        out.text = f"{note} {out.text}"
    return out


def _board_wide(claim: RankPosition, ctx: Ctx, s: Standing) -> Outcome:
    k = claim.rank
    tie = ctx.table.tie_groups.get(s.rank, [s])
    others = [t.model for t in tie if t.model != s.model]
    shared = f", shared with {_names(others)}" if others else ""
    base = f"On {ctx.where()}, {describe(s, ctx.metric_label)} has rank {s.rank}{shared}."
    verdict: VerdictLabel
    if claim.op == "top_k":
        verdict = "supported" if s.rank <= k else "contradicted"
        return Outcome(verdict, f"{base} The claim puts it in the top {k}.")
    if claim.op == "not_top_k":
        verdict = "supported" if s.rank > k else "contradicted"
        return Outcome(verdict, f"{base} The claim puts it outside the top {k}.")
    span_end = s.rank + len(tie) - 1  # the places the tie group occupies
    if k == s.rank and (k != 1 or not others):
        return Outcome("supported", base)
    if s.rank <= k <= span_end:
        why = (
            "it shares first place, so it is #1 only within the confidence intervals"
            if k == 1
            else f"the tied models occupy places {s.rank}-{span_end}"
        )
        return Outcome("within_uncertainty", f"{base} The claim says #{k}; {why}.")
    return Outcome("contradicted", f"{base} The claim says #{k}.")


def _within_group(claim: RankPosition, ctx: Ctx, s: Standing) -> Outcome:
    assert claim.within is not None
    group = claim.within
    label = group.describe()
    facts = ctx.snap.facts(ctx.registry)[s.model]
    inside = group_matches(facts, group)
    if inside is not True:
        why = "cannot be placed in" if inside is None else "is not one of the"
        verdict: VerdictLabel = "supported" if claim.op == "not_top_k" else "contradicted"
        if inside is None:
            return Outcome(
                "unverifiable",
                f"{s.model} {why} {label} (the registry lacks its facts).",
                reason="model_not_found",
            )
        detail = _facts_words(facts.country, facts.licence_class)
        return Outcome(verdict, f"{s.model} {why} {label} ({detail}).")
    members = ctx.group(group).members
    # lo: 1 + members clearly above; hi: 1 + members not clearly below; pos: by value.
    lo = hi = pos = 1
    for m in members:
        if m.model == s.model:
            continue
        if _clearly_above(m, s):
            lo += 1
            hi += 1
            pos += 1
        elif not _clearly_above(s, m):
            hi += 1
            pos += 1 if _point_above(m, s) else 0
    k = claim.rank
    leader = members[0]
    text = (
        f"Among {label} on {ctx.where()}, {describe(s, ctx.metric_label)} is #{pos}"
        + (f" (places {lo}-{hi} within the 95% intervals)" if hi > lo else "")
        + (f"; the leader is {describe(leader, ctx.metric_label)}" if leader is not s else "")
        + "."
    )
    out_ev = [evidence(ctx, leader, f"leader of {label}")] if leader is not s else []
    if claim.op == "eq":
        if k == pos and lo == hi:
            verdict = "supported"
        elif lo <= k <= hi:
            verdict = "within_uncertainty"
        else:
            verdict = "contradicted"
    else:
        inside_k: VerdictLabel = (
            "supported" if hi <= k else ("contradicted" if lo > k else "within_uncertainty")
        )
        flip: dict[VerdictLabel, VerdictLabel] = {
            "supported": "contradicted",
            "contradicted": "supported",
        }
        verdict = inside_k if claim.op == "top_k" else flip.get(inside_k, inside_k)
    return Outcome(verdict, text, out_ev)


def _clearly_above(a: Standing, b: Standing) -> bool:
    if a.value is not None and b.value is not None:
        if a.ci is not None and b.ci is not None:
            return a.ci[0] > b.ci[1]
        return a.value > b.value
    return a.rank < b.rank


def _point_above(a: Standing, b: Standing) -> bool:
    if a.value is not None and b.value is not None:
        return a.value > b.value
    return a.rank < b.rank


def _facts_words(country: str | None, licence_class: str | None) -> str:
    parts = []
    if country:
        parts.append(f"country {country}")
    if licence_class:
        parts.append(f"licence {licence_class}")
    return ", ".join(parts) or "facts unknown"


def _names(names: list[str], limit: int = 4) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")
