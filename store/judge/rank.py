"""rank_position: "Qwen2.5-Max ranks #7", "X is in the top 10", "the leading open model".

Board-wide, a rank is judged by the rank the board publishes and its tie group
(LMArena gives models whose intervals overlap the same rank). Within a group the
judge computes the same thing from the members' intervals.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from store import claimwire
from store.claimbase import ClaimBase, Group, VerdictLabel
from store.claimwire import WIRE_CONFIG, WireGroup
from store.judge.common import (
    Ctx,
    Outcome,
    cannot_place,
    describe,
    evidence,
    name_list,
    resolve_model,
)
from store.judge.index import Standing, group_matches
from store.judge.kinds import ClaimKind, register

# "among the leading models" gives no k: every extractor (the offline rules, the LLM's
# wire) reads it as the top 10, so the same sentence is one claim whoever reads it
AMONG_LEADING_K = 10


class RankPosition(ClaimBase):
    type: Literal["rank_position"] = "rank_position"
    model: str
    rank: int
    op: Literal["eq", "top_k", "not_top_k"] = "eq"
    # "the leading open-weights model": the rank is counted within a group
    within: Group | None = None


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
    shared = f", shared with {name_list(others, 4)}" if others else ""
    base = f"On {ctx.where()}, {describe(s, ctx.metric_label)} has rank {s.rank}{shared}."
    # The published rank is the optimistic place (1 + the models clearly above); the
    # point estimates can put the model lower (LMArena gives rank 10 to the 14th score).
    # Only when both agree is "top k" decided; between them it is a statistical tie.
    place = ctx.table.point_place(s)
    verdict: VerdictLabel
    if claim.op in ("top_k", "not_top_k"):
        inside: VerdictLabel | None = (
            "contradicted" if s.rank > k else "supported" if place <= k else None
        )
        where = "in" if claim.op == "top_k" else "outside"
        text = f"{base} The claim puts it {where} the top {k}."
        if inside is None:
            above = "score at least as high" if s.value is not None else "rank as high"
            text += (
                f" Its rank is within the top {k}, but {place - 1} other models {above},"
                f" so it is in the top {k} only within the confidence intervals."
            )
            return Outcome("within_uncertainty", text)
        verdict = inside if claim.op == "top_k" else _FLIP[inside]
        return Outcome(verdict, text)
    span_end = max(s.rank + len(tie) - 1, place)  # the places the model may hold
    if k == s.rank and (k != 1 or not others):
        return Outcome("supported", base)
    if s.rank <= k <= span_end:
        why = (
            "it shares first place, so it is #1 only within the confidence intervals"
            if k == 1
            else f"it may hold places {s.rank}-{span_end} within the confidence intervals"
        )
        return Outcome("within_uncertainty", f"{base} The claim says #{k}; {why}.")
    return Outcome("contradicted", f"{base} The claim says #{k}.")


_FLIP: dict[VerdictLabel, VerdictLabel] = {"supported": "contradicted", "contradicted": "supported"}


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
    standing = ctx.group(group)
    members = standing.members
    lo, hi, pos = _places(s, members)
    k = claim.rank
    verdict = _group_verdict(claim.op, k, lo, hi, pos)
    if standing.unplaced:
        # A model the registry cannot place might be a member: the verdict stands only
        # if it is the same with every such model counted in.
        unplaced = [ctx.table.by_name[m] for m in standing.unplaced]
        lo_all, hi_all, pos_all = _places(s, [*members, *unplaced])
        # Counting more of them only moves lo, hi and pos down (monotone), so for "top k"
        # the two extremes decide. "#k" can also change in between (none: #1, all: #3,
        # one: #2): it is certain only when k lies outside every place it could take.
        if claim.op == "eq":
            changed = (lo_all, hi_all, pos_all) != (lo, hi, pos)
            doubtful = changed and lo <= k <= hi_all
        else:
            doubtful = _group_verdict(claim.op, k, lo_all, hi_all, pos_all) != verdict
        if doubtful:
            above = [u.model for u in unplaced if not _clearly_above(s, u)]
            return cannot_place(ctx, above, f"the {label}")
    leader = members[0]
    text = (
        f"Among {label} on {ctx.where()}, {describe(s, ctx.metric_label)} is #{pos}"
        + (f" (places {lo}-{hi} within the 95% intervals)" if hi > lo else "")
        + (f"; the leader is {describe(leader, ctx.metric_label)}" if leader is not s else "")
        + "."
    )
    out_ev = [evidence(ctx, leader, f"leader of {label}")] if leader is not s else []
    return Outcome(verdict, text, out_ev)


def _places(s: Standing, members: list[Standing] | tuple[Standing, ...]) -> tuple[int, int, int]:
    """lo: 1 + members clearly above; hi: 1 + members not clearly below; pos: by value."""
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
    return lo, hi, pos


def _group_verdict(op: str, k: int, lo: int, hi: int, pos: int) -> VerdictLabel:
    if op == "eq":
        if k == pos and lo == hi:
            return "supported"
        return "within_uncertainty" if lo <= k <= hi else "contradicted"
    inside_k: VerdictLabel = (
        "supported" if hi <= k else ("contradicted" if lo > k else "within_uncertainty")
    )
    return inside_k if op == "top_k" else _FLIP.get(inside_k, inside_k)


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


# --- statement and wire ------------------------------------------------------------------


def statement(claim: RankPosition, where: str) -> str:
    within = f" among {claim.within.describe()}" if claim.within else ""
    if claim.op == "top_k":
        verb = "does not rank" if claim.negated else "ranks"
        return f"{claim.model} {verb} in the top {claim.rank}{within}{where}"
    if claim.op == "not_top_k":
        return f"{claim.model} does not rank in the top {claim.rank}{within}{where}"
    verb = "does not rank" if claim.negated else "ranks"
    return f"{claim.model} {verb} #{claim.rank}{within}{where}"


class RankWire(BaseModel):
    model_config = WIRE_CONFIG

    model: str | None
    rank: int | None
    op: Literal["eq", "top_k", "not_top_k"] | None
    within: WireGroup | None


def from_wire(w: RankWire) -> dict[str, Any]:
    rank = w.rank
    if rank is None and w.op == "top_k":
        rank = AMONG_LEADING_K
    if rank is None or rank < 1:
        raise ValueError(f"rank must be >= 1, got {w.rank}")
    return {
        "model": claimwire.name(w.model, "model"),
        "rank": rank,
        "op": w.op or "eq",
        "within": claimwire.group(w.within, "within") if w.within else None,
    }


KIND = register(
    ClaimKind(
        name="rank_position",
        model=RankPosition,
        evaluate=judge_rank,
        statement=statement,
        wire=RankWire,
        from_wire=from_wire,
        prompt='a model holds a rank ("Qwen2.5-Max ranks #7 on LMArena", "X is the '
        'leading open-weights model" = rank 1 within {"open_weights": true}). op: "eq" for an '
        'exact rank, "top_k" for "in the top 10", "not_top_k" for "outside the top 10"; '
        '"among the leading models" with no number is top_k with rank null.',
        key_fields=("model", "rank", "op"),
        models=lambda c: [c.model],
        groups=lambda c: [c.within] if c.within is not None else [],
    )
)
