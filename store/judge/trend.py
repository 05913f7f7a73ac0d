"""trend_gap: "the gap between China's best models and the US's best is shrinking".

The gap at a snapshot is the best score of subject 0 minus the best of subject 1.
Over the period (default the 12 months before as_of) the judge fits a least-squares
line to the gaps (points per month) and reads the two endpoints; the claim's
direction must agree with both to be supported, and disagrees with both to be
contradicted. Early lmarena-history rows are off-scale and skipped (leaderboards
README, "Known traps").
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Literal

from store import claimwire
from store.claimbase import ClaimBase, Group, VerdictLabel
from store.claimwire import WireGroup, WirePeriod
from store.judge.common import Ctx, Outcome, compare, evidence, fmt_num, gap_holds
from store.judge.kinds import ClaimKind, register
from store.judge.tracks import track

Direction = Literal["narrowing", "widening", "overtook", "new_high"]


class TrendGap(ClaimBase):
    type: Literal["trend_gap"] = "trend_gap"
    subjects: tuple[Group, Group]
    direction: Direction
    period_start: date | None = None  # default: 12 months before as_of
    period_end: date | None = None  # default: as_of
    # "has narrowed to just 10 points": the gap the period ends at, as the text gives it
    gap: float | None = None


HISTORY_RELIABLE_FROM = date(2024, 6, 29)


def judge_trend(claim: TrendGap, ctx: Ctx) -> Outcome:
    g0, g1 = claim.subjects
    l0, l1 = g0.describe(), g1.describe()
    end = ctx.snap.date
    if ctx.mode == "as_of" and claim.period_end is not None:
        end = min(claim.period_end, end)
    start = claim.period_start or end - timedelta(days=ctx.options.trend_period_days)
    if ctx.mode == "latest" and claim.period_start is None:
        start = end - timedelta(days=ctx.options.trend_period_days)
    skipped = ""
    if ctx.board == "lmarena-history" and start < HISTORY_RELIABLE_FROM:
        start = HISTORY_RELIABLE_FROM
        skipped = " (history rows before 2024-06-29 are off-scale and were skipped)"
    if not ctx.table.scored:
        return Outcome(
            "unverifiable",
            f"{ctx.where()} publishes ranks only; a gap needs scores.",
            reason="unsupported_metric",
        )
    tr = track(ctx.series, ctx.registry, ctx.key, g0, g1)
    fit = tr.fit(start, end)
    if fit is None:
        return Outcome(
            "unverifiable",
            f"Fewer than two snapshots of {ctx.board} between {start.isoformat()} and "
            f"{end.isoformat()} rank both {l0} and {l1}{skipped}.",
            reason="no_data_for_date",
        )
    # A year-long trend read off a month of data is no evidence either way.
    spanned = (tr.dates[fit.last] - tr.dates[fit.first]).days
    wanted = (end - start).days
    if spanned < ctx.options.trend_min_coverage * wanted:
        return Outcome(
            "unverifiable",
            f"The snapshots of {ctx.board} that rank both {l0} and {l1} between "
            f"{start.isoformat()} and {end.isoformat()} span only {spanned} of its "
            f"{wanted} days ({tr.dates[fit.first].isoformat()} to "
            f"{tr.dates[fit.last].isoformat()}){skipped}: too little to judge a trend.",
            reason="no_data_for_date",
        )
    gaps = tr.gaps(fit.first, fit.last)
    first, last = gaps[0], gaps[-1]
    ends = [(ctx.series.snapshots[i], tr.best_a[i], tr.best_b[i]) for i in (fit.first, fit.last)]
    (s0, a0, b0), (s1, a1, b1) = ends
    assert a0 is not None and b0 is not None and a1 is not None and b1 is not None
    verdict = _direction_verdict(claim.direction, gaps, fit.slope, compare(a1, b1).uncertain)
    text = (
        f"On {ctx.board}{' (style-controlled)' if ctx.view == 'style_control' else ''}, "
        f"the gap (best {l0} minus best {l1}) went from {_signed(first)} on "
        f"{s0.date.isoformat()} ({a0.model} vs {b0.model}) to {_signed(last)} on "
        f"{s1.date.isoformat()} ({a1.model} vs {b1.model}) over {fit.count} snapshots"
        f"{skipped}; its linear trend is {_signed(fit.slope, 1)} points per month."
    )
    text += f" The claim says the gap is {_DIRECTION_WORDS[claim.direction]}."
    if claim.gap is not None:
        if not gap_holds(abs(last), claim.gap, "approx"):
            verdict = "contradicted"
        text += f" It ends at {abs(last):.0f} points; the text says about {claim.gap:g}."
    ev = [
        evidence(ctx, a0, f"best of {l0} at start", snap=s0),
        evidence(ctx, b0, f"best of {l1} at start", snap=s0),
        evidence(ctx, a1, f"best of {l0} at end", snap=s1),
        evidence(ctx, b1, f"best of {l1} at end", snap=s1),
    ]
    return Outcome(
        verdict,
        text,
        ev,
        time_sensitive=claim.period_start is None and claim.period_end is None,
    )


_DIRECTION_WORDS = {
    "narrowing": "narrowing",
    "widening": "widening",
    "overtook": "reversed (the first subject overtook the second)",
    "new_high": "at a new high",
}


def _direction_verdict(
    direction: str, gaps: list[float], slope: float, tied_at_end: bool
) -> VerdictLabel:
    first, last = gaps[0], gaps[-1]
    if direction in ("narrowing", "widening"):
        # Narrowing: |gap| shrinks at the ends and the line moves towards zero.
        shrank = abs(last) < abs(first)
        grew = abs(last) > abs(first)
        toward_zero = slope * first < 0 if first != 0 else False
        away = slope * first > 0 if first != 0 else slope != 0
        yes, no = (shrank and toward_zero), (grew and away)
        if direction == "widening":
            yes, no = no, yes
        return "supported" if yes else "contradicted" if no else "partially_supported"
    if direction == "overtook":
        if last <= 0:
            return "contradicted"
        if tied_at_end:
            return "within_uncertainty"
        return "supported" if min(gaps[:-1]) < 0 else "partially_supported"
    # new_high: the gap ends at its highest in the period.
    return "supported" if last >= max(gaps) else "contradicted"


def _signed(x: float, digits: int = 0) -> str:
    text = f"{x:+.{digits}f}" if digits else f"{x:+.0f}"
    return text if abs(x) >= 1 or digits else f"{x:+.1f}" if x else fmt_num(0)


# --- statement and wire ------------------------------------------------------------------

_VERBS = {
    "narrowing": "is narrowing",
    "widening": "is widening",
    "overtook": "has closed: the first overtook the second",
}


def statement(claim: TrendGap, where: str) -> str:
    first, second = claim.subjects
    if claim.direction == "new_high":
        words = first.describe()
        return f"{words[:1].upper()}{words[1:]} reached a new high{where}"
    verb = _VERBS[claim.direction]
    if claim.negated:
        verb = verb.replace("is ", "is not ")
    return (
        f"The gap between the best {first.describe()} and the best {second.describe()} "
        f"{verb}{where}"
    )


class TrendWire(WirePeriod):
    group_a: WireGroup | None  # the two subjects, as group_comparison writes them
    group_b: WireGroup | None
    direction: Direction | None


def from_wire(w: TrendWire) -> dict[str, Any]:
    if w.direction is None:
        raise ValueError("direction is required")
    start = claimwire.day(w.period_start, "period_start")
    end = claimwire.day(w.period_end, "period_end")
    if start and end and start > end:
        raise ValueError("period_start is after period_end")
    return {
        "subjects": (claimwire.group(w.group_a, "group_a"), claimwire.group(w.group_b, "group_b")),
        "direction": w.direction,
        "period_start": start,
        "period_end": end,
    }


KIND = register(
    ClaimKind(
        name="trend_gap",
        model=TrendGap,
        evaluate=judge_trend,
        statement=statement,
        wire=TrendWire,
        from_wire=from_wire,
        prompt='the gap between two groups over time ("the gap between open and closed '
        'models is shrinking"); group_a and group_b are the two subjects. direction: narrowing, '
        "widening, overtook or new_high; period_start/period_end when the text gives them.",
        key_fields=("subjects", "direction"),
        groups=lambda c: list(c.subjects),
        reads_history=True,
    )
)
