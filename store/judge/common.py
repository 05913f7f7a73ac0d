"""What every claim type shares: the per-view context, outcomes, evidence rows,
comparing two standings under uncertainty, and resolving a model name."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

from store.claimbase import ClaimBase, Evidence, Group, UnverifiableReason, VerdictLabel, View
from store.judge.index import (
    GroupStanding,
    MetricTable,
    Resolver,
    Series,
    SnapshotIndex,
    Standing,
)
from store.judge.tracks import Order as Order
from store.judge.tracks import compare as compare

if TYPE_CHECKING:  # the registry package loads its data files on import
    from store.registry.base import RegistryLike

Mode = Literal["as_of", "latest"]


@dataclass(frozen=True)
class JudgeOptions:
    """The judge's tunable limits."""

    staleness_days: int = 45  # an as-of snapshot older than this is no evidence
    default_board: str = "lmarena-text"  # what articles mean when they name no board
    overtook_window_days: int = 365  # "overtook": the other order within this window
    trend_period_days: int = 365  # a trend claim's default period
    trend_min_coverage: float = 0.5  # share of a trend's period the snapshots must span
    score_tolerance: float = 0.5  # "scores 1434": boards publish rounded scores
    approx_tolerance: float = 0.01  # "about 1430": 1% of the score, or the 95% interval
    default_top_k: int = 10  # count_in_top_k without a k


@dataclass
class Ctx:
    """One claim judged on one view at one reference date."""

    claim: ClaimBase
    board: str
    category: str
    view: str
    key: str  # metric key in the snapshot ("" = the board's own score)
    metric_label: str
    series: Series
    snap: SnapshotIndex
    registry: RegistryLike
    resolver: Resolver
    options: JudgeOptions
    mode: Mode

    @property
    def table(self) -> MetricTable:
        return self.snap.table(self.key)

    def where(self) -> str:
        view = " (style-controlled)" if self.view == "style_control" else ""
        cat = "" if self.category == "full" else f", {self.category} category"
        return f"{self.board}{view}{cat} on {self.snap.date.isoformat()}"

    def group(self, group: Group, snap: SnapshotIndex | None = None) -> GroupStanding:
        return (snap or self.snap).group(self.registry, group, self.key)


@dataclass
class Outcome:
    verdict: VerdictLabel
    text: str
    evidence: list[Evidence] = field(default_factory=list)
    reason: UnverifiableReason | None = None
    resolution: dict[str, list[str]] = field(default_factory=dict)
    # Whether a supported -> contradicted change by the newest snapshot makes the claim
    # "outdated": not for exact scores (they drift) or trends over a named period.
    time_sensitive: bool = True
    snapshot: date | None = None  # the snapshot judged on (set by the judge)


def unverifiable(reason: UnverifiableReason, text: str) -> Outcome:
    return Outcome("unverifiable", text, reason=reason)


def evidence(ctx: Ctx, s: Standing, role: str, snap: SnapshotIndex | None = None) -> Evidence:
    """The evidence row for one standing; built once per snapshot, role and view, then
    shared by every judgement that cites it (treat it as read-only)."""
    snap = snap or ctx.snap
    ck = (id(ctx.registry), ctx.board, ctx.view, ctx.category, ctx.key, s.model, role)
    row: Evidence | None = snap.evidence_rows.get(ck)
    if row is None:
        row = snap.evidence_rows[ck] = _evidence_row(ctx, s, role, snap)
    return row


def _evidence_row(ctx: Ctx, s: Standing, role: str, snap: SnapshotIndex) -> Evidence:
    facts = snap.facts(ctx.registry).get(s.model)
    view: View = "style_control" if ctx.view == "style_control" else "raw"
    # model_construct: every field is already the right type; validating again would
    # double the cost of a verdict (benchmarks/verdicts.py).
    return Evidence.model_construct(
        board=ctx.board,
        snapshot=snap.date,
        view=view,
        category=ctx.category,
        model=s.model,
        rank=s.rank,
        score=s.value,
        ci=s.ci,
        votes=s.entry.votes,
        organisation=(facts.organisation if facts else None) or s.entry.organisation,
        country=facts.country if facts else None,
        open_weights=facts.open_weights if facts else None,
        licence_class=facts.licence_class if facts else None,
        base_model=facts.base_model if facts else None,
        role=role,
    )


def fmt_num(x: float) -> str:
    return f"{x:.0f}" if abs(x - round(x)) < 0.05 or abs(x) >= 100 else f"{x:.2f}"


def describe(s: Standing, label: str = "score") -> str:
    """ "DeepSeek-R1 (rank 5, score 1363, 95% CI 1356-1369)"."""
    parts = [f"rank {s.rank}"]
    if s.value is not None:
        parts.append(f"{label} {fmt_num(s.value)}")
    if s.ci is not None:
        parts.append(f"95% CI {fmt_num(s.ci[0])}-{fmt_num(s.ci[1])}")
    return f"{s.model} ({', '.join(parts)})"


def ordered_verdict(order: Order, want: int) -> VerdictLabel:
    """`want` +1: the claim says a is above b; -1: below."""
    if order.uncertain:
        return "within_uncertainty"
    return "supported" if order.sign == want else "contradicted"


OP_WORDS = {"approx": "about ", "gt": "more than ", "lt": "less than "}


def gap_holds(gap: float, margin: float, op: str) -> bool:
    """A stated gap holds within a quarter of itself (five points at least): writers
    round, boards move between snapshots."""
    slack = max(0.25 * margin, 5.0)
    if op == "gt":
        return gap >= margin - slack
    if op == "lt":
        return gap <= margin + slack
    return abs(gap - margin) <= slack


def stated_gap(
    ctx: Ctx, a: Standing, b: Standing, want: int, margin: float, op: str
) -> tuple[Outcome | None, bool, str]:
    """Whether the gap a text states between a and b holds here, and a note on it.

    `want` is the order the text says (1: a above b). The first item is set when
    the board has no scores to measure the gap by.
    """
    if a.value is None or b.value is None:
        return (
            unverifiable(
                "unsupported_metric",
                f"{ctx.where()} publishes no {ctx.metric_label} to measure a "
                f"{margin:g}-point gap by.",
            ),
            False,
            "",
        )
    gap = (a.value - b.value) * want
    note = ""
    if gap > 0:
        note = f" The gap is {gap:.0f} points; the text says {OP_WORDS[op]}{margin:g}."
    return None, gap_holds(gap, margin, op), note


def resolve_model(ctx: Ctx, name: str) -> tuple[Standing | None, Outcome | None, str]:
    """The standing a name refers to here; a family is judged by its best member.

    Returns (standing, failure, note) where note explains a family or fuzzy match."""
    res = ctx.snap.resolve(name, ctx.registry, ctx.resolver)
    where = ctx.where()
    if res.status == "ambiguous":
        cands = ", ".join(list(res.candidates)[:5])
        return (
            None,
            unverifiable(
                "ambiguous_model", f"“{name}” is ambiguous on {where}: it could be {cands}."
            ),
            "",
        )
    table = ctx.table
    found = [table.by_name[m] for m in res.models if m in table.by_name]
    if res.status == "not_found" or not found:
        missing = "has no value for this metric" if res.models else "matches no model"
        return None, unverifiable("model_not_found", f"“{name}” {missing} on {where}."), ""
    best = min(found, key=lambda s: s.position)
    note = ""
    if len(found) > 1:
        note = f"“{name}” names {len(found)} models here; the best, {best.model}, stands for them."
    elif res.status == "fuzzy":
        note = f"“{name}” was matched to {best.model}."
    return best, None, note


def name_list(names: list[str], limit: int = 5) -> str:
    """ "a, b, c and 2 more": the first `limit` names."""
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def cannot_place(ctx: Ctx, models: list[str], where: str) -> Outcome:
    """Unverifiable: models the registry cannot place (unknown country or licence) would
    change the verdict counted in `where`; names them, so the fix is a registry entry."""
    return Outcome(
        "unverifiable",
        f"On {ctx.where()}, the registry cannot place {name_list(models)} (unknown country "
        f"or licence); counted in {where} it would change the verdict.",
        [evidence(ctx, ctx.table.by_name[m], "unplaced") for m in models[:5]],
        reason="model_not_found",
    )
