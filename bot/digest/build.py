"""Collect one ISO week for the digest: the store's rows, then pure decisions over them.

    store rows (store/digest_queries) -> rank sources, pick moves, chart series -> DigestData

This module decides what is worth a line (which moves, which sources); it neither
renders nor sends. The registry's facts (country, open weights) are injected, so
tests and the chart never depend on the registry's data files.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.engine import Engine

from bot.digest import chart
from bot.digest.schedule import week_bounds, week_days
from store import digest_queries as q
from store.claims import VERDICTS
from store.registry import load_registry
from store.registry.base import ModelFacts
from store.trouble import Troubles, troubles

FactsFn = Callable[[str, str | None, str | None], ModelFacts]

CHART_BOARD = "lmarena-text"
CHART_HISTORY = timedelta(days=365)
MOVES_LIMIT = 8  # per board
MOVES_WITHIN = 50  # a move counts when the model is in a board's top 50 before or after
NEW_ENTRIES_LIMIT = 5
SOURCES_LIMIT = 3


@dataclass(frozen=True, slots=True)
class SourceScore:
    source: str
    held: int
    contradicted: int

    @property
    def checked(self) -> int:
        return self.held + self.contradicted

    @property
    def share(self) -> float:
        return self.held / self.checked if self.checked else 0.0


@dataclass(frozen=True, slots=True)
class Move:
    model: str
    rank_before: int | None
    rank_after: int | None
    score_before: float | None
    score_after: float | None

    @property
    def rank_delta(self) -> int | None:
        """Places gained (positive: up the board)."""
        if self.rank_before is None or self.rank_after is None:
            return None
        return self.rank_before - self.rank_after

    @property
    def score_delta(self) -> float | None:
        if self.score_before is None or self.score_after is None:
            return None
        return self.score_after - self.score_before


@dataclass(frozen=True, slots=True)
class BoardMoves:
    board: str
    name: str
    snapshot_before: date | None
    snapshot_after: date | None
    moves: tuple[Move, ...]
    new_entries: tuple[Move, ...]


COLLAPSED = ("unverifiable", "not_checkable")  # one counted line per reason, not a list


@dataclass(frozen=True, slots=True)
class ReasonCount:
    reason: str
    claim_ids: tuple[int, ...]

    @property
    def words(self) -> str:
        return self.reason.replace("_", " ")


@dataclass(frozen=True, slots=True)
class VerdictGroup:
    verdict: str
    claims: tuple[q.ClaimRow, ...]

    @property
    def collapsed(self) -> bool:
        return self.verdict in COLLAPSED

    @property
    def by_reason(self) -> tuple[ReasonCount, ...]:
        """Claims that could not be judged, counted per reason (largest first): a week of
        "older than the 45-day limit" is one line, not eighteen near-identical items."""
        ids: dict[str, list[int]] = {}
        for c in self.claims:
            ids.setdefault(c.reason or "no reason given", []).append(c.id)
        ordered = sorted(ids.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        return tuple(ReasonCount(reason, tuple(found)) for reason, found in ordered)


@dataclass(frozen=True)
class DigestData:
    period: str
    start: datetime
    end: datetime
    first_day: date
    last_day: date
    new_by_verdict: tuple[VerdictGroup, ...]
    changes: tuple[q.VerdictChangeRow, ...]
    most_reliable: tuple[SourceScore, ...]
    least_reliable: tuple[SourceScore, ...]
    boards: tuple[BoardMoves, ...]
    troubles: Troubles
    chart: chart.ChartData | None = None
    chart_note: str | None = None  # why there is no chart
    generated_at: datetime | None = None

    @property
    def new_count(self) -> int:
        return sum(len(g.claims) for g in self.new_by_verdict)

    @property
    def has_moves(self) -> bool:
        return any(b.moves or b.new_entries for b in self.boards)

    @property
    def is_empty(self) -> bool:
        """Nothing new this week (troubles alone do not make a week eventful)."""
        return not self.new_count and not self.changes and not self.has_moves


# --- pure decisions ------------------------------------------------------------


def group_by_verdict(claims: Sequence[q.ClaimRow]) -> tuple[VerdictGroup, ...]:
    """Claims grouped in VERDICTS order; claims not yet judged come last as "pending"."""
    order = [*VERDICTS, "pending"]
    groups: dict[str, list[q.ClaimRow]] = {}
    for c in claims:
        groups.setdefault(c.verdict or "pending", []).append(c)
    known = [v for v in order if v in groups]
    others = sorted(set(groups) - set(order))  # a label newer than this code
    return tuple(VerdictGroup(v, tuple(groups[v])) for v in [*known, *others])


def rank_sources(
    tallies: Sequence[q.SourceTally], limit: int = SOURCES_LIMIT
) -> tuple[tuple[SourceScore, ...], tuple[SourceScore, ...]]:
    """(most reliable, least reliable): the better half on one side, the rest on the other.

    A source is never on both lists, so with one source there is no "least". Ties in
    share go to the source with more checked claims (more evidence either way).
    """
    scores = [
        SourceScore(t.source, t.held, t.contradicted) for t in tallies if t.held + t.contradicted
    ]
    best_first = sorted(scores, key=lambda s: (-s.share, -s.checked, s.source))
    n_most = min(limit, math.ceil(len(best_first) / 2))
    most = best_first[:n_most]
    rest = best_first[n_most:]
    worst_first = sorted(rest, key=lambda s: (s.share, -s.checked, s.source))
    return tuple(most), tuple(worst_first[:limit])


def pick_moves(
    week: q.BoardWeek,
    *,
    limit: int = MOVES_LIMIT,
    within: int = MOVES_WITHIN,
    new_limit: int = NEW_ENTRIES_LIMIT,
) -> BoardMoves:
    """The biggest rank changes near the top of a board, and the best new entries.

    Rank gained or lost counts first, then the score change; with no snapshot before
    the week every model would be "new", which says nothing, so nothing is picked.
    """
    moves: list[Move] = []
    new: list[Move] = []
    if week.snapshot_before is not None:
        for p in week.pairs:
            m = Move(p.model, p.rank_before, p.rank_after, p.score_before, p.score_after)
            if p.rank_before is None and p.rank_after is not None:
                if p.rank_after <= within:
                    new.append(m)
                continue
            if m.rank_delta is None:
                continue  # left the board: usually deprecation, not news
            near_top = min(p.rank_before or within + 1, p.rank_after or within + 1) <= within
            score_moved = m.score_delta is not None and abs(m.score_delta) >= 0.5
            if near_top and (m.rank_delta != 0 or score_moved):
                moves.append(m)
    moves.sort(
        key=lambda m: (-abs(m.rank_delta or 0), -abs(m.score_delta or 0.0), m.rank_after or 0)
    )
    new.sort(key=lambda m: (m.rank_after or 0, m.model))
    return BoardMoves(
        board=week.board,
        name=week.name,
        snapshot_before=week.snapshot_before,
        snapshot_after=week.snapshot_after,
        moves=tuple(moves[:limit]),
        new_entries=tuple(new[:new_limit]),
    )


# --- the one entry point ---------------------------------------------------------


def default_facts() -> FactsFn:
    """The registry's facts."""
    registry = load_registry()
    facts: FactsFn = registry.facts
    return facts


def build_digest(
    engine: Engine,
    period: str,
    *,
    facts: FactsFn | None = None,
    now: datetime | None = None,
    with_chart: bool = True,
) -> DigestData:
    """Everything the digest of `period` says, read at once."""
    start, end = week_bounds(period)
    first_day, last_day = week_days(period)
    most, least = rank_sources(q.source_tallies(engine, start, end))
    boards = tuple(pick_moves(w) for w in q.board_weeks(engine, first_day, last_day))
    chart_data: chart.ChartData | None = None
    note: str | None = None
    if with_chart:
        if facts is None:
            note = "The chart needs the model registry, which is not installed."
        else:
            # a year of data up to the week, or up to the newest snapshot when it is older
            newest = q.latest_snapshot_date(engine, CHART_BOARD, last_day)
            points = (
                q.board_history(engine, CHART_BOARD, newest - CHART_HISTORY, last_day)
                if newest is not None
                else []
            )
            chart_data = chart.best_open_by_country(points, facts, first_day, last_day)
            if chart_data is None:
                note = "No open-weights models with a known country on LMArena text yet."
    return DigestData(
        period=period,
        start=start,
        end=end,
        first_day=first_day,
        last_day=last_day,
        new_by_verdict=group_by_verdict(q.new_claims(engine, start, end)),
        changes=tuple(q.verdict_changes(engine, start, end)),
        most_reliable=most,
        least_reliable=least,
        boards=boards,
        troubles=troubles(engine),
        chart=chart_data,
        chart_note=note,
        generated_at=now,
    )
