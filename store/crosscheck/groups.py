"""group_comparison: "China's best open models overtook US ones", "more US models in the top 10".

Membership comes from the registry (country, organisation, open weights), never from
the strings a board prints. best_of compares each group's best model like a pairwise
claim (95% intervals decide ties); count_in_top_k counts members at a published rank
of k or better. "overtook" also needs the other order at an earlier snapshot within
the window (default the 12 months before).
"""

from __future__ import annotations

from datetime import timedelta

from store.claims import Evidence, GroupComparison, VerdictLabel
from store.crosscheck.common import (
    Ctx,
    Order,
    Outcome,
    compare,
    describe,
    evidence,
    ordered_verdict,
)
from store.crosscheck.index import GroupStanding, SnapshotIndex, Standing
from store.crosscheck.tracks import track

_CLASS_WORDS = {
    "permissive": "permissive (e.g. Apache, MIT)",
    "restricted": "restricted (open weights with usage restrictions)",
    "proprietary": "proprietary",
}


def judge_group(claim: GroupComparison, ctx: Ctx) -> Outcome:
    ga, gb = ctx.group(claim.group_a), ctx.group(claim.group_b)
    la, lb = claim.group_a.describe(), claim.group_b.describe()
    for g, label in ((ga, la), (gb, lb)):
        if not g.members:
            unplaced = f" ({len(g.unplaced)} models could not be placed)" if g.unplaced else ""
            return Outcome(
                "unverifiable",
                f"No {label} on {ctx.where()}{unplaced}.",
                reason="model_not_found",
            )
    if claim.aggregate == "count_in_top_k":
        return _count(claim, ctx, ga, gb, la, lb)
    return _best_of(claim, ctx, ga, gb, la, lb)


def _best_of(
    claim: GroupComparison, ctx: Ctx, ga: GroupStanding, gb: GroupStanding, la: str, lb: str
) -> Outcome:
    a, b = ga.best, gb.best
    assert a is not None and b is not None
    order = compare(a, b)
    want = -1 if claim.relation == "trails" else 1
    verdict = ordered_verdict(order, want)
    label = ctx.metric_label
    lead = f"The best of the {la}" if order.sign >= 0 else f"The best of the {lb}"
    top, other = (a, b) if order.sign >= 0 else (b, a)
    text = f"On {ctx.where()}: {lead}, {describe(top, label)}, is above {describe(other, label)}"
    if order.sign == 0:
        text = f"On {ctx.where()}: {describe(a, label)} and {describe(b, label)} are level"
    text += "; their 95% intervals overlap, so it is a statistical tie." if order.uncertain else "."
    ev = [evidence(ctx, a, f"best of {la}"), evidence(ctx, b, f"best of {lb}")]
    if claim.relation == "overtook" and verdict == "supported":
        verdict, more, ev_more = _earlier_reversal(claim, ctx, la, lb, "best")
        text += " " + more
        ev += ev_more
    text += _finetune_notes(ctx, [(a, la), (b, lb)])
    text += _licence_note(claim, ctx, [a, b])
    return Outcome(verdict, text, ev, resolution={})


def _count(
    claim: GroupComparison, ctx: Ctx, ga: GroupStanding, gb: GroupStanding, la: str, lb: str
) -> Outcome:
    k = claim.k or ctx.options.default_top_k
    in_a = [s for s in ga.members if s.rank <= k]
    in_b = [s for s in gb.members if s.rank <= k]
    order = Order((len(in_a) > len(in_b)) - (len(in_a) < len(in_b)), len(in_a) == len(in_b))
    verdict = ordered_verdict(order, -1 if claim.relation == "trails" else 1)
    text = (
        f"On {ctx.where()}, the top {k} (by published rank) holds {len(in_a)} {la} "
        f"and {len(in_b)} {lb}."
    )
    if order.uncertain:
        text += " They are level."
    ev = [evidence(ctx, s, f"{la} in top {k}") for s in in_a]
    ev += [evidence(ctx, s, f"{lb} in top {k}") for s in in_b]
    if claim.relation == "overtook" and verdict == "supported":
        verdict, more, ev_more = _earlier_reversal(claim, ctx, la, lb, "count")
        text += " " + more
        ev += ev_more
    text += _licence_note(claim, ctx, in_a + in_b)
    return Outcome(verdict, text, ev)


def _earlier_reversal(
    claim: GroupComparison, ctx: Ctx, la: str, lb: str, how: str
) -> tuple[VerdictLabel, str, list[Evidence]]:
    """Find the latest earlier snapshot in the window where group b was ahead."""
    start = ctx.snap.date - timedelta(days=ctx.options.overtook_window_days)
    if how == "best":
        tr = track(ctx.series, ctx.registry, ctx.key, claim.group_a, claim.group_b)
        j = tr.b_ahead_before(ctx.series.index_of(ctx.snap), start)
        if j is not None:
            snap, a, b = ctx.series.snapshots[j], tr.best_a[j], tr.best_b[j]
            assert a is not None and b is not None
            text = (
                f"Earlier, on {snap.date.isoformat()}, the order was the other way: "
                f"{describe(b, ctx.metric_label)} led {describe(a, ctx.metric_label)}."
            )
            return "supported", text, _ev(ctx, snap, [(a, la), (b, lb)])
    for snap in ctx.series.before(ctx.snap, start) if how == "count" else []:
        pa, pb = ctx.group(claim.group_a, snap), ctx.group(claim.group_b, snap)
        k = claim.k or ctx.options.default_top_k
        na = sum(1 for s in pa.members if s.rank <= k)
        nb = sum(1 for s in pb.members if s.rank <= k)
        if nb > na:
            text = (
                f"Earlier, on {snap.date.isoformat()}, the {lb} had more in the top {k} "
                f"({nb} against {na})."
            )
            return "supported", text, []
    text = (
        f"But the {la} were not behind at any earlier snapshot since {start.isoformat()}, "
        "so nothing was overtaken in that window."
    )
    return "partially_supported", text, []


def _ev(ctx: Ctx, snap: SnapshotIndex, pairs: list[tuple[Standing, str]]) -> list[Evidence]:
    return [
        evidence(ctx, s, f"best of {label} on {snap.date.isoformat()}", snap=snap)
        for s, label in pairs
    ]


def _finetune_notes(ctx: Ctx, pairs: list[tuple[Standing, str]]) -> str:
    """ "The best US open model is a fine-tune of a Chinese one" (DESIGN.md, Claims)."""
    notes = []
    facts = ctx.snap.facts(ctx.registry)
    for s, label in pairs:
        f = facts.get(s.model)
        if f and f.base_model and f.base_country and f.base_country != f.country:
            notes.append(
                f" The best of the {label}, {s.model}, is a fine-tune of {f.base_model}, "
                f"a {f.base_country} model."
            )
    return "".join(notes)


def _licence_note(claim: GroupComparison, ctx: Ctx, models: list[Standing]) -> str:
    if claim.group_a.open_weights is not True and claim.group_b.open_weights is not True:
        return ""
    facts = ctx.snap.facts(ctx.registry)
    parts = []
    for s in models[:6]:
        cls = facts[s.model].licence_class
        parts.append(f"{s.model}: {_CLASS_WORDS.get(cls or '', 'licence unknown')}")
    return " Licences: " + "; ".join(parts) + "."
