"""judge(): one typed claim + the snapshots + the registry -> a Judgement.

    claim -> board, category, metric (defaults; lmarena-history only for trends)
          -> for each view (the claim's, else every view the board has):
               as-of snapshot = latest on or before as_of, unless older than the
               staleness limit -> evaluate the claim type on it
          -> combine the views (they disagree -> partially_supported)
          -> the same on each view's newest snapshot -> `latest`
          -> negation, then "outdated" when true then and false now

Pure: no I/O, no clock. It never reads a snapshot dated after the claim's as_of for
the as-of verdict (only `latest` looks at newer data).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, cast

from store.claimbase import (
    ClaimBase,
    Evidence,
    Group,
    Judgement,
    LatestJudgement,
    VerdictLabel,
)
from store.judge.common import Ctx, JudgeOptions, Mode, Outcome, unverifiable
from store.judge.index import BoardData, Resolver, Series, SnapshotIndex
from store.judge.kinds import kind_of
from store.resolve import resolve

if TYPE_CHECKING:  # the registry package loads its data files on import
    from store.registry.base import RegistryLike

TREND_ONLY_BOARDS = {"lmarena-history"}  # off-scale early rows: never for rank or score
_VIEW_WORDS = {"raw": "raw ratings", "style_control": "style-controlled view"}
DEFAULT_OPTIONS = JudgeOptions()


def default_resolver() -> Resolver:
    return cast(Resolver, resolve)


def judge(
    claim: ClaimBase,
    data: BoardData,
    registry: RegistryLike,
    *,
    resolver: Resolver | None = None,
    options: JudgeOptions = DEFAULT_OPTIONS,
) -> Judgement:
    """Judge one claim as of its `as_of` date, and again on the newest data."""
    resolve = resolver or default_resolver()
    board, note = _board_for(claim, data, options)
    if claim.forecast:
        return Judgement(
            verdict="not_checkable",
            reason="forecast",
            explanation="This is a prediction; leaderboard data can only check what has "
            "already happened.",
            board=board,
            groups=_groups(claim),
        )
    category, metric = _category_and_metric(claim, data, board)
    views = [claim.view] if claim.view else data.views(board, category)
    series = [(v, s) for v in views if (s := data.series(board, category, v)) is not None]
    if not series:
        # A board or benchmark claimwatch holds no data for (MMLU, SWE-bench, an Arena
        # sub-board not bundled) is a metric it cannot check; with no boards loaded at
        # all the data is simply missing.
        reason = "unsupported_metric" if data.boards() else "no_data_for_date"
        what = f"the {category} category of {board}" if board in data.boards() else board
        return Judgement(
            verdict="unverifiable",
            reason=reason,
            explanation=f"{note}There is no data for {what}.",
            board=board,
            groups=_groups(claim),
        )
    as_of = [
        (v, _evaluate(claim, s, board, category, v, metric, "as_of", registry, resolve, options))
        for v, s in series
    ]
    latest = [
        (v, _evaluate(claim, s, board, category, v, metric, "latest", registry, resolve, options))
        for v, s in series
    ]
    if claim.negated:
        for _, out in as_of + latest:
            out.verdict = _flip(out.verdict)
    verdict, reason, text, primary = _combine(as_of)
    l_verdict, l_reason, _, l_primary = _combine(latest)
    time_sensitive = all(o.time_sensitive for _, o in as_of)
    l_snap = l_primary.snapshot
    explanation = note + text
    if verdict == "supported" and l_verdict == "contradicted" and time_sensitive:
        verdict = "outdated"
        explanation += f" It no longer holds on the newest snapshot ({l_snap}): " + _text(latest)
    elif verdict == "contradicted" and l_verdict == "supported" and time_sensitive:
        explanation += f" It has since come true on the newest snapshot ({l_snap})."
    if claim.hedged and verdict not in ("unverifiable",):
        explanation += " (The claim was hedged; it is judged as stated.)"
    evidence = [e for _, o in as_of for e in o.evidence]
    snap = primary.snapshot
    resolution: dict[str, list[str]] = {}
    for _, o in as_of:
        for k, v in o.resolution.items():
            resolution.setdefault(k, v)
    return Judgement(
        verdict=verdict,
        reason=reason,
        explanation=explanation.strip(),
        board=board,
        snapshot=snap,
        snapshot_age_days=(claim.as_of - snap).days if snap else None,
        models=_unique(e.model for e in evidence),
        groups=_groups(claim),
        evidence=evidence,
        latest=LatestJudgement(
            snapshot=l_snap,
            verdict=l_verdict,
            reason=l_reason,
            evidence=[e for _, o in latest for e in o.evidence],
        ),
        resolution=resolution,
    )


def _evaluate(
    claim: ClaimBase,
    series: Series,
    board: str,
    category: str,
    view: str,
    metric: str | None,
    mode: Mode,
    registry: RegistryLike,
    resolver: Resolver,
    options: JudgeOptions,
) -> Outcome:
    if mode == "as_of":
        snap = series.on_or_before(claim.as_of)
        if snap is None:
            first = series.snapshots[0].date.isoformat()
            return unverifiable(
                "no_data_for_date",
                f"{board} has no snapshot on or before {claim.as_of.isoformat()} "
                f"(its first is {first}).",
            )
        age = (claim.as_of - snap.date).days
        if age > options.staleness_days:
            return unverifiable(
                "no_data_for_date",
                f"The latest {board} snapshot on or before {claim.as_of.isoformat()} is from "
                f"{snap.date.isoformat()}, {age} days earlier: older than the "
                f"{options.staleness_days}-day limit.",
            )
    else:
        snap = series.newest()
    key = snap.metric_key(metric)
    if key is None:
        return unverifiable("unsupported_metric", f"{board} has no metric “{metric}”.")
    label = key or snap.snapshot.metric.replace("_", " ")

    def on(day: SnapshotIndex) -> Outcome:
        ctx = Ctx(
            claim, board, category, view, key, label, series, day, registry, resolver, options, mode
        )
        out = kind_of(claim).evaluate(claim, ctx)
        out.snapshot = day.date
        return out

    start = claim.as_of_start
    if mode == "latest" or start is None or kind_of(claim).reads_history:
        return on(snap)
    return _during(claim, series, snap, start, options, on)


# the outcome a span's snapshot gives, best first: one snapshot on which the claim holds
# is enough ("ranked first in March" is true if it led for part of March)
_SPAN_PREFERENCE: tuple[VerdictLabel, ...] = (
    "supported",
    "partially_supported",
    "within_uncertainty",
)


def _during(
    claim: ClaimBase,
    series: Series,
    last: SnapshotIndex,
    start: date,
    options: JudgeOptions,
    on: Callable[[SnapshotIndex], Outcome],
) -> Outcome:
    """A claim about a span ("in March"): judged on each snapshot the span saw, from
    the one in force on its first day to the one of its last. It holds if it held on
    one of them; a negated claim (flipped by the caller) then holds only if it held on
    none, as "did not lead in March" says."""
    days = series.between(start + timedelta(days=1), last.date)
    opening = series.on_or_before(start)
    if opening is not None and (start - opening.date).days <= options.staleness_days:
        days.insert(0, opening)
    if len(days) < 2:
        return on(last)
    outcomes = [on(day) for day in days]
    for label in _SPAN_PREFERENCE:
        hit = next((o for o in outcomes if o.verdict == label), None)
        if hit is not None:
            break
    else:
        out = outcomes[-1]
        # (a negated claim is judged here as what it denies, then flipped)
        said = "what the claim denies" if claim.negated else "the claim"
        out.text = (
            f"The text speaks of {start.isoformat()} to {claim.as_of.isoformat()}; {said} "
            f"holds on none of the {len(days)} snapshots of that span. On the last: {out.text}"
        )
        return out
    if hit is not outcomes[-1]:
        hit.text = (
            f"The text speaks of {start.isoformat()} to {claim.as_of.isoformat()}; on the "
            f"{hit.snapshot} snapshot of that span: {hit.text}"
        )
    return hit


def _combine(
    per_view: list[tuple[str, Outcome]],
) -> tuple[VerdictLabel, Any, str, Outcome]:
    """Merge the views: agreement stands; supported vs contradicted is partial."""
    usable = [(v, o) for v, o in per_view if o.verdict != "unverifiable"]
    if not usable:
        first = per_view[0][1]
        return "unverifiable", first.reason, _text(per_view), first
    labels = {o.verdict for _, o in usable}
    text = _text(usable)
    skipped = [v for v, o in per_view if o.verdict == "unverifiable"]
    if skipped and len(per_view) > 1:
        reasons = "; ".join(o.text for v, o in per_view if v in skipped)
        unused = ", ".join(_VIEW_WORDS.get(v, v) for v in skipped)
        text += f" (The {unused} could not be used: {reasons})"
    primary = usable[0][1]
    if len(labels) == 1:
        return primary.verdict, None, text, primary
    if {"supported", "contradicted"} <= labels or "partially_supported" in labels:
        holds = [_VIEW_WORDS.get(v, v) for v, o in usable if o.verdict == "supported"]
        fails = [_VIEW_WORDS.get(v, v) for v, o in usable if o.verdict != "supported"]
        text += f" The views disagree: it holds on the {', '.join(holds) or 'neither view'}"
        text += f" but not on the {', '.join(fails)}."
        return "partially_supported", None, text, primary
    return "within_uncertainty", None, text + " One view is a statistical tie.", primary


def _text(per_view: list[tuple[str, Outcome]]) -> str:
    if len(per_view) == 1:
        return per_view[0][1].text
    return " ".join(f"[{_VIEW_WORDS.get(v, v)}] {o.text}" for v, o in per_view)


def _board_for(claim: ClaimBase, data: BoardData, options: JudgeOptions) -> tuple[str, str]:
    board = claim.board or options.default_board
    if board in TREND_ONLY_BOARDS and not kind_of(claim).reads_history:
        # Its early scale is off and it publishes no ranks or intervals.
        return options.default_board, (
            f"{board} is for trends only; judged on {options.default_board} instead. "
        )
    return board, ""


def _category_and_metric(claim: ClaimBase, data: BoardData, board: str) -> tuple[str, str | None]:
    category = claim.category or "full"
    metric = claim.metric
    # "beats o1 on math" often arrives as metric="math"; on LMArena that is a category.
    if metric and claim.category is None and metric.lower() in data.categories(board):
        return metric.lower(), None
    return category, metric


def _flip(v: VerdictLabel) -> VerdictLabel:
    swap: dict[VerdictLabel, VerdictLabel] = {
        "supported": "contradicted",
        "contradicted": "supported",
    }
    return swap.get(v, v)


def _groups(claim: ClaimBase) -> list[Group]:
    return kind_of(claim).groups(claim)


def _unique(items: Any) -> list[str]:
    return list(dict.fromkeys(items))


__all__ = ["DEFAULT_OPTIONS", "Evidence", "judge"]
