"""group_comparison: "China's best open models overtook US ones", "more US models in the top 10",
"three of the top ten are Chinese".

Membership comes from the registry (country, organisation, open weights), never from
the strings a board prints. best_of compares each group's best model like a pairwise
claim (95% intervals decide ties); count_in_top_k counts members at a published rank
of k or better, and decides only if the count holds when the members whose scores place
them below k are left out; with a `count` ("three of the top ten are open models") it is
group_a's own count that is checked, supported only if every way of counting agrees.
"overtook" also needs the other order at an earlier snapshot within the window (default
the 12 months before). Models the registry cannot place are
tried in each group, now and at that earlier snapshot: if they could change the
verdict, it is unverifiable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from store import claimwire
from store.claimbase import ClaimBase, Evidence, Group, UnverifiableReason, VerdictLabel
from store.claimwire import WireGroup, WirePeriod
from store.judge.common import (
    Ctx,
    Order,
    Outcome,
    cannot_place,
    compare,
    describe,
    evidence,
    name_list,
    ordered_verdict,
    stated_gap,
)
from store.judge.index import GroupStanding, SnapshotIndex, Standing
from store.judge.kinds import ClaimKind, register
from store.judge.tracks import track


class GroupComparison(ClaimBase):
    type: Literal["group_comparison"] = "group_comparison"
    group_a: Group
    group_b: Group
    aggregate: Literal["best_of", "count_in_top_k"] = "best_of"
    k: int | None = None
    relation: Literal["leads", "overtook", "trails"] = "leads"
    # "has overtaken ... since August": where the search for the earlier lead starts
    period_start: date | None = None
    # count_in_top_k said as a number of places: "three open models in the top 10"
    count: int | None = None
    comparator: Literal["eq", "approx", "gt", "lt"] | None = None  # None with a count: eq
    # "lead US open models by 150 points": the gap between the bests the text gives
    margin: float | None = None
    margin_op: Literal["approx", "gt", "lt"] = "approx"


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
    if claim.aggregate == "count_in_top_k" and claim.count is not None:
        return _places(claim, ctx, ga, la)
    if claim.aggregate == "count_in_top_k":
        return _count(claim, ctx, ga, gb, la, lb)
    return _best_of(claim, ctx, ga, gb, la, lb)


def _best_of(
    claim: GroupComparison, ctx: Ctx, ga: GroupStanding, gb: GroupStanding, la: str, lb: str
) -> Outcome:
    a, b = ga.best, gb.best
    assert a is not None and b is not None
    if a.model == b.model:
        # "Chinese open models lead the open-weights rankings": one group inside the
        # other, the same model best of both; a model compared with itself says nothing
        return Outcome(
            "unverifiable",
            f"On {ctx.where()}, {a.model} is the best of both the {la} and the {lb}.",
            reason="ambiguous_model",
        )
    order = compare(a, b)
    want = -1 if claim.relation == "trails" else 1
    verdict = ordered_verdict(order, want)
    doubt = _unplaced_doubt(ctx, ga, gb, la, lb, verdict, want)
    if doubt is not None:
        return doubt
    # the gap is checked once the order stands
    gap_note = ""
    if claim.margin is not None:
        failed, holds, gap_note = stated_gap(ctx, a, b, want, claim.margin, claim.margin_op)
        if failed:
            return failed
        if not holds:
            verdict = "contradicted"
    label = ctx.metric_label
    lead = f"The best of the {la}" if order.sign >= 0 else f"The best of the {lb}"
    top, other = (a, b) if order.sign >= 0 else (b, a)
    text = f"On {ctx.where()}: {lead}, {describe(top, label)}, is above {describe(other, label)}"
    if order.sign == 0:
        text = f"On {ctx.where()}: {describe(a, label)} and {describe(b, label)} are level"
    text += "; their 95% intervals overlap, so it is a statistical tie." if order.uncertain else "."
    ev = [evidence(ctx, a, f"best of {la}"), evidence(ctx, b, f"best of {lb}")]
    if claim.relation == "overtook" and verdict == "supported":
        verdict, more, ev_more, reason = _earlier_reversal(claim, ctx, la, lb, "best")
        text += " " + more
        ev += ev_more
        if reason is not None:
            return Outcome(verdict, text, ev, reason=reason)
    text += gap_note + _finetune_notes(ctx, [(a, la), (b, lb)])
    text += _licence_note(claim, ctx, [a, b])
    return Outcome(verdict, text, ev, resolution={})


def _count(
    claim: GroupComparison, ctx: Ctx, ga: GroupStanding, gb: GroupStanding, la: str, lb: str
) -> Outcome:
    k = claim.k or ctx.options.default_top_k
    a, b = _in_top(ctx, ctx.snap, ga, k), _in_top(ctx, ctx.snap, gb, k)
    want = -1 if claim.relation == "trails" else 1
    verdict = _count_verdict(len(a.sure), len(b.sure) + len(b.maybe), want)
    best = _count_verdict(len(a.sure) + len(a.maybe), len(b.sure), want)
    # A model the registry cannot place may belong to either group: the verdict stands
    # only if it is the same however those models fall.
    extremes = {
        _count_verdict(len(a.sure) + len(a.maybe) + len(a.unplaced), len(b.sure), want),
        _count_verdict(len(a.sure), len(b.sure) + len(b.maybe) + len(b.unplaced), want),
    }
    if verdict == best and extremes != {verdict}:
        return cannot_place(ctx, sorted(set(a.unplaced + b.unplaced)), f"the top {k}")
    in_a, in_b = a.sure + a.maybe, b.sure + b.maybe
    text = (
        f"On {ctx.where()}, the top {k} (by published rank) holds {len(in_a)} {la} "
        f"and {len(in_b)} {lb}."
    )
    if len(in_a) == len(in_b):
        text += " They are level."
    if verdict != best:
        # the published rank (1 + the models clearly above) and the scores disagree on
        # who is in the top k: the counts are only as sure as the intervals
        maybes = [s.model for s in a.maybe + b.maybe]
        text += (
            f" {name_list(maybes)} rank within the top {k} only within the confidence "
            f"intervals (their scores place them lower), so the count is uncertain."
        )
        verdict = "within_uncertainty"
    ev = [evidence(ctx, s, f"{la} in top {k}") for s in in_a]
    ev += [evidence(ctx, s, f"{lb} in top {k}") for s in in_b]
    if claim.relation == "overtook" and verdict == "supported":
        verdict, more, ev_more, reason = _earlier_reversal(claim, ctx, la, lb, "count")
        text += " " + more
        ev += ev_more
        if reason is not None:
            return Outcome(verdict, text, ev, reason=reason)
    text += _licence_note(claim, ctx, in_a + in_b)
    return Outcome(verdict, text, ev)


def _places(claim: GroupComparison, ctx: Ctx, ga: GroupStanding, la: str) -> Outcome:
    """group_a's own count in the top k against the number the claim gives."""
    assert claim.count is not None
    k = claim.k or ctx.options.default_top_k
    a = _in_top(ctx, ctx.snap, ga, k)
    sure, ranked = len(a.sure), len(a.sure) + len(a.maybe)
    comparator = claim.comparator or "eq"
    # the counts the data allows: by score, by published rank, with every model the
    # registry cannot place counted in
    by_score, by_rank, with_unplaced = (
        _count_holds(n, claim.count, comparator, k)
        for n in (sure, ranked, ranked + len(a.unplaced))
    )
    said = _SAID[comparator]
    text = (
        f"On {ctx.where()}, the top {k} (by published rank) holds {ranked} {la}; "
        f"the claim says {said}{claim.count}."
    )
    ev = [evidence(ctx, s, f"{la} in top {k}") for s in a.sure + a.maybe]
    if by_score != by_rank:
        maybes = [s.model for s in a.maybe]
        text += (
            f" {name_list(maybes)} rank within the top {k} only within the confidence "
            f"intervals (their scores place them lower), so the count is uncertain."
        )
        return Outcome("within_uncertainty", text, ev)
    if by_rank != with_unplaced:
        return cannot_place(ctx, sorted(a.unplaced), f"the top {k}")
    verdict: VerdictLabel = "supported" if by_rank else "contradicted"
    text += _licence_note(claim, ctx, a.sure + a.maybe)
    return Outcome(verdict, text, ev)


_SAID = {"eq": "", "approx": "about ", "gt": "more than ", "lt": "fewer than "}


def _count_holds(n: int, said: int, comparator: str, k: int) -> bool:
    if comparator == "gt":
        return n > said
    if comparator == "lt":
        return n < said
    if comparator == "approx":
        return abs(n - said) <= max(1, k // 10)  # "about half of the top ten": 4 to 6
    return n == said


@dataclass(frozen=True)
class _TopK:
    """A group's members in a snapshot's top k: sure (published rank and score place both
    within k), maybe (published rank only), and the unplaced models with rank <= k."""

    sure: list[Standing]
    maybe: list[Standing]
    unplaced: list[str]


def _in_top(ctx: Ctx, snap: SnapshotIndex, g: GroupStanding, k: int) -> _TopK:
    table = snap.table(ctx.key)
    ranked = [s for s in g.members if s.rank <= k]
    return _TopK(
        sure=[s for s in ranked if table.point_place(s) <= k],
        maybe=[s for s in ranked if table.point_place(s) > k],
        unplaced=[m for m in g.unplaced if table.by_name[m].rank <= k],
    )


def _count_verdict(na: int, nb: int, want: int) -> VerdictLabel:
    return ordered_verdict(Order((na > nb) - (na < nb), na == nb), want)


def _unplaced_doubt(
    ctx: Ctx,
    ga: GroupStanding,
    gb: GroupStanding,
    la: str,
    lb: str,
    verdict: VerdictLabel,
    want: int,
) -> Outcome | None:
    """Unverifiable when a model the registry cannot place (unknown country or licence)
    would change the verdict were it a member of either group; None when it would not."""
    a, b = ga.best, gb.best
    assert a is not None and b is not None
    alt_a, alt_b = _best_with_unplaced(ctx, ga), _best_with_unplaced(ctx, gb)
    verdicts = {ordered_verdict(compare(x, y), want) for x in (a, alt_a) for y in (b, alt_b)}
    if verdicts == {verdict}:
        return None
    above = [
        m
        for m in (*ga.unplaced, *gb.unplaced)
        if ctx.table.by_name[m].position < max(a.position, b.position)
    ]
    return cannot_place(ctx, sorted(set(above)), f"the {la} or the {lb}")


def _best_with_unplaced(ctx: Ctx, g: GroupStanding) -> Standing:
    """The group's best if every model the registry cannot place belonged to it."""
    best = g.best
    assert best is not None
    for name in g.unplaced:
        s = ctx.table.by_name[name]
        if s.position < best.position:
            best = s
    return best


def _earlier_reversal(
    claim: GroupComparison, ctx: Ctx, la: str, lb: str, how: str
) -> tuple[VerdictLabel, str, list[Evidence], UnverifiableReason | None]:
    """Find the latest earlier snapshot in the window where group b was ahead, also
    with every model the registry cannot place counted in group a (else it may not
    have been behind at all). Returns verdict, text, evidence and a reason."""
    start = ctx.snap.date - timedelta(days=ctx.options.overtook_window_days)
    if claim.period_start is not None and claim.period_start < ctx.snap.date:
        # "has overtaken ... since August": the earlier lead is looked for from then on
        start = claim.period_start
    unplaced: set[str] = set()  # could put group a ahead, were they members
    interval: set[str] = set()  # in the top k by published rank only
    if how == "best":
        tr = track(ctx.series, ctx.registry, ctx.key, claim.group_a, claim.group_b)
        j = tr.b_ahead_before(ctx.series.index_of(ctx.snap), start)
        while j is not None:
            snap, a, b = ctx.series.snapshots[j], tr.best_a[j], tr.best_b[j]
            assert a is not None and b is not None
            table = snap.table(ctx.key)
            unsure = [
                m
                for m in ctx.group(claim.group_a, snap).unplaced
                if compare(table.by_name[m], b).sign >= 0
            ]
            if not unsure:
                text = (
                    f"Earlier, on {snap.date.isoformat()}, the order was the other way: "
                    f"{describe(b, ctx.metric_label)} led {describe(a, ctx.metric_label)}."
                )
                return "supported", text, _ev(ctx, snap, [(a, la), (b, lb)]), None
            unplaced.update(unsure)
            j = tr.b_ahead_before(j, start)
    k = claim.k or ctx.options.default_top_k
    for snap in ctx.series.before(ctx.snap, start) if how == "count" else []:
        pa = _in_top(ctx, snap, ctx.group(claim.group_a, snap), k)
        pb = _in_top(ctx, snap, ctx.group(claim.group_b, snap), k)
        most_a = len(pa.sure) + len(pa.maybe) + len(pa.unplaced)
        if len(pb.sure) > most_a:
            text = (
                f"Earlier, on {snap.date.isoformat()}, the {lb} had more in the top {k} "
                f"({len(pb.sure)} against {most_a} at most)."
            )
            return "supported", text, [], None
        if len(pb.sure) + len(pb.maybe) + len(pb.unplaced) > len(pa.sure):
            unplaced.update(pa.unplaced + pb.unplaced)
            interval.update(s.model for s in pa.maybe + pb.maybe)
    if unplaced:
        text = (
            f"Earlier snapshots since {start.isoformat()} may show the {lb} ahead, but "
            f"the registry cannot place {name_list(sorted(unplaced))} (unknown country or "
            "licence): whether anything was overtaken cannot be decided."
        )
        return "unverifiable", text, [], "model_not_found"
    if interval:
        text = (
            f"Earlier snapshots since {start.isoformat()} show the {lb} ahead only within "
            f"the confidence intervals ({name_list(sorted(interval))} rank within the top "
            "k by published rank only), so the overtaking is uncertain."
        )
        return "within_uncertainty", text, [], None
    text = (
        f"But the {la} were not behind at any earlier snapshot since {start.isoformat()}, "
        "so nothing was overtaken in that window."
    )
    return "partially_supported", text, [], None


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


# --- statement and wire ------------------------------------------------------------------

_RELATION_WORDS = {"overtook": "have overtaken", "leads": "rank above", "trails": "rank below"}
_DENIED_WORDS = {
    "overtook": "have not overtaken",
    "leads": "do not rank above",
    "trails": "do not rank below",
}


def statement(claim: GroupComparison, where: str) -> str:
    a, b = claim.group_a.describe(), claim.group_b.describe()
    if claim.aggregate == "count_in_top_k" and claim.count is not None:
        verb = "do not hold" if claim.negated else "hold"
        n = f"{_SAID[claim.comparator or 'eq']}{claim.count}"
        return f"{_upper_first(a)} {verb} {n} of the top {claim.k} places{where}"
    if claim.aggregate == "count_in_top_k":
        verb = "do not hold" if claim.negated else "hold"
        return f"{_upper_first(a)} {verb} more of the top {claim.k} places than {b}{where}"
    rel = (_DENIED_WORDS if claim.negated else _RELATION_WORDS)[claim.relation]
    return _upper_first(f"the best {a} {rel} the best {b}{where}")


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


class GroupWire(WirePeriod):
    # trend_gap shares group_a and group_b (its two subjects)
    group_a: WireGroup | None
    group_b: WireGroup | None
    relation: Literal["leads", "overtook", "trails"] | None
    aggregate: Literal["best_of", "count_in_top_k"] | None
    k: int | None
    # score_value's fields: a count of places is a number said with a comparator
    value: float | None
    comparator: Literal["eq", "approx", "gt", "lt"] | None


def from_wire(w: GroupWire) -> dict[str, Any]:
    aggregate = w.aggregate or "best_of"
    if aggregate == "count_in_top_k" and (w.k is None or w.k < 1):
        raise ValueError(f"count_in_top_k needs k >= 1, got {w.k}")
    count = None
    if aggregate == "count_in_top_k" and w.value is not None:
        if w.value != int(w.value) or not 0 <= w.value <= (w.k or 0):
            raise ValueError(f"a count of places is a whole number from 0 to k, got {w.value}")
        count = int(w.value)
    group_a = claimwire.group(w.group_a, "group_a")
    # no group_b: the rest of the field ("Google's models lead the arena")
    group_b = claimwire.group(w.group_b, "group_b") if w.group_b is not None else group_a.rest()
    return {
        "count": count,
        "comparator": (w.comparator or "eq") if count is not None else None,
        "group_a": group_a,
        "group_b": group_b,
        "aggregate": aggregate,
        "k": w.k if aggregate == "count_in_top_k" else None,
        "relation": w.relation or "leads",
        "period_start": claimwire.day(w.period_start, "period_start"),
    }


KIND = register(
    ClaimKind(
        name="group_comparison",
        model=GroupComparison,
        evaluate=judge_group,
        statement=statement,
        wire=GroupWire,
        from_wire=from_wire,
        prompt='groups of models ("China\'s best open models overtook US ones"). '
        "group_a/group_b are {country (ISO 3166 two-letter code), organisation, open_weights}, "
        "null meaning any; group_b null when the text sets group_a against all the rest "
        '("Google\'s models lead the arena"). aggregate: best_of (the best model of each '
        "group) or count_in_top_k (with k; value and comparator when the text gives "
        'group_a\'s number of places: "three of the top ten are Chinese" is k 10, value 3, '
        "group_b null). relation: leads, overtook or trails, from group_a's side; "
        'period_start is the date "overtook since ..." gives.',
        key_fields=("group_a", "group_b", "relation", "aggregate"),
        groups=lambda c: [c.group_a, c.group_b],
    )
)
