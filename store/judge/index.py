"""An in-memory index over leaderboard snapshots, built once and queried per claim.

`BoardData` groups snapshots into one `Series` per (board, category, view) sorted by
date, so "the latest snapshot on or before a day" is a bisect, never a scan. Each
`SnapshotIndex` computes what claims ask of it lazily and keeps it: the standings
per metric (with name lookup and tie groups), the registry facts of every entry,
the best model of a group and name resolutions. A claim therefore costs the same
whether the board has ten snapshots or ten thousand.

`BoardData.deferred` builds the same index from snapshot headers alone and fetches a
snapshot's entries the first time a claim reads it, through a loader the caller
passes in: a one-off `claimwatch check` reads a handful of the hundreds of stored
snapshots, and decoding all of them cost it 0.6 s (benchmarks/cli_startup.py).

Nothing here does I/O; the registry, the name resolver and the loader are passed in.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from store.claimbase import Group
from store.leaderboards.base import BoardEntry, BoardSnapshot, SnapshotHeader

if TYPE_CHECKING:  # the registry package loads its data files on import
    from store.registry.base import ModelFacts, RegistryLike

# Spellings of "the board's own score" (any board's default metric).
_DEFAULT_METRICS = {"", "arenascore", "arenaelo", "elo", "score", "rating", "average", "avg"}


class ResolutionLike(Protocol):
    """What the judge reads from `store.resolve.Resolution`."""

    @property
    def status(self) -> str: ...  # exact, alias, family, fuzzy, ambiguous, not_found

    @property
    def models(self) -> Sequence[str]: ...

    @property
    def candidates(self) -> Sequence[str]: ...


Resolver = Callable[[str, Sequence[str], "RegistryLike"], ResolutionLike]


def norm_metric(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]", "", (text or "").lower())


@dataclass(frozen=True, slots=True)
class Standing:
    """One model's place in one snapshot for one metric."""

    entry: BoardEntry
    value: float | None  # the metric's value; None when the view publishes ranks only
    rank: int  # the board's published rank, or 1 + models statistically above
    position: int  # 1-based place by value (by rank when there are no values)
    ci: tuple[float, float] | None

    @property
    def model(self) -> str:
        return self.entry.model


class MetricTable:
    """The standings of one snapshot under one metric, best first."""

    def __init__(self, entries: Sequence[BoardEntry], key: str) -> None:
        values = [_value(e, key) for e in entries]
        self.scored = any(v is not None for v in values)
        if self.scored:
            scored = [(e, v) for e, v in zip(entries, values, strict=True) if v is not None]
            scored.sort(key=lambda ev: -ev[1])
            rows: list[tuple[BoardEntry, float | None]] = list(scored)
        else:
            # A ranks-only view (LMArena's style-control column before 2025-07-18).
            rows = [(e, None) for e in entries if e.rank is not None]
            rows.sort(key=lambda ev: ev[0].rank or 0)
        # The published rank only means something for the board's own score.
        use_published = key == "" and all(e.rank is not None for e, _ in rows)
        uppers = sorted(-(e.ci_lower) for e, _ in rows if e.ci_lower is not None)
        standings: list[Standing] = []
        for pos, (e, v) in enumerate(rows, start=1):
            ci = _ci(e) if key == "" else None
            if use_published and e.rank is not None:
                rank = e.rank
            elif ci is not None and len(uppers) == len(rows):
                # LMArena's rule: 1 + the models whose interval lies wholly above.
                rank = 1 + bisect_left(uppers, -ci[1])
            elif v is not None:
                rank = 1 + sum(1 for _, w in rows if w is not None and w > v)
            else:
                rank = pos
            standings.append(Standing(e, v, rank, pos, ci))
        self.standings: tuple[Standing, ...] = tuple(standings)
        self.by_name = {s.model: s for s in standings}
        self.tie_groups: dict[int, list[Standing]] = {}
        for s in standings:
            self.tie_groups.setdefault(s.rank, []).append(s)
        # For `point_place`: negated values (or ranks), ascending.
        self._order_keys = sorted(_order_key(s) for s in standings)

    def point_place(self, s: Standing) -> int:
        """The worst place the point estimates give `s`: how many models score at least as
        high (ranks only: how many have its published rank or a better one). A published
        interval rank can be well above it (rank 10 for the 14th score)."""
        return bisect_right(self._order_keys, _order_key(s))


def _order_key(s: Standing) -> float:
    return -s.value if s.value is not None else float(s.rank)


def _value(entry: BoardEntry, key: str) -> float | None:
    if key == "":
        return entry.score
    raw = entry.extra.get(key)
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        return None
    return float(raw)


def _ci(entry: BoardEntry) -> tuple[float, float] | None:
    if entry.ci_lower is None or entry.ci_upper is None:
        return None
    return (entry.ci_lower, entry.ci_upper)


def group_matches(facts: ModelFacts, group: Group) -> bool | None:
    """True/False when the facts decide membership; None when a needed fact is unknown."""
    inside = _described(facts, group)
    return inside if inside is None or not group.others else not inside


# A region a text may name as one place ("the best European model"): its countries
REGIONS = {
    "EU": frozenset({
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
        "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    }),
}  # fmt: skip


def _described(facts: ModelFacts, group: Group) -> bool | None:
    if group.country is not None:
        if facts.country is None:
            return None
        wanted = REGIONS.get(group.country.upper(), frozenset({group.country.upper()}))
        if facts.country.upper() not in wanted:
            return False
    if group.organisation is not None:
        if facts.organisation is None:
            return None
        if facts.organisation.casefold() != group.organisation.casefold():
            return False
    if group.open_weights is not None:
        if facts.open_weights is None:
            return None
        if facts.open_weights != group.open_weights:
            return False
    return True


@dataclass(frozen=True, slots=True)
class GroupStanding:
    """The members of a group on one snapshot, best first, and how many could not be placed."""

    members: tuple[Standing, ...]
    unplaced: tuple[str, ...]

    @property
    def best(self) -> Standing | None:
        return self.members[0] if self.members else None


SnapshotLoader = Callable[[SnapshotHeader], BoardSnapshot]


class FactsByModel(Mapping[str, "ModelFacts"]):
    """The registry's facts for each model of a snapshot, each computed when first asked
    for: a verdict cites a few of a snapshot's hundreds of models (a group's standing
    asks for them all). A name listed twice has its last entry's facts."""

    def __init__(self, entries: Iterable[BoardEntry], registry: RegistryLike) -> None:
        self._entries = {e.model: e for e in entries}
        self._registry = registry
        self._facts: dict[str, ModelFacts] = {}

    def __getitem__(self, model: str) -> ModelFacts:
        found = self._facts.get(model)
        if found is None:
            e = self._entries[model]
            found = self._facts[model] = self._registry.facts(e.model, e.organisation, e.licence)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


class SnapshotIndex:
    """One snapshot plus everything claims compute from it, computed once.

    Built from a whole snapshot, or from a header and a loader (`deferred`) that runs
    the first time anything reads the entries."""

    def __init__(
        self,
        snapshot: BoardSnapshot | None = None,
        *,
        header: SnapshotHeader | None = None,
        load: SnapshotLoader | None = None,
    ) -> None:
        if snapshot is not None:
            self.date = snapshot.date
        elif header is not None and load is not None:
            self.date = header.date
        else:
            raise ValueError("a SnapshotIndex needs a snapshot, or a header and a loader")
        self._snapshot = snapshot
        self._header = header
        self._load = load
        self._names: tuple[str, ...] | None = None
        self._tables: dict[str, MetricTable] = {}
        self._extra_keys: dict[str, str] | None = None
        # Caches keyed by the registry object; the object is kept so its id stays unique.
        self._facts: dict[int, tuple[RegistryLike, FactsByModel]] = {}
        self._groups: dict[
            tuple[int, str, str | None, str | None, bool | None, bool], GroupStanding
        ] = {}
        self._resolved: dict[tuple[int, int, str], ResolutionLike] = {}
        # Evidence rows are the costliest part of a verdict to build; the same model in
        # the same role on the same snapshot is the same row (store.judge.common).
        self.evidence_rows: dict[tuple[object, ...], Any] = {}

    @classmethod
    def deferred(cls, header: SnapshotHeader, load: SnapshotLoader) -> SnapshotIndex:
        return cls(header=header, load=load)

    @property
    def snapshot(self) -> BoardSnapshot:
        if self._snapshot is None:
            assert self._header is not None and self._load is not None
            self._snapshot = self._load(self._header)
        return self._snapshot

    @property
    def loaded(self) -> bool:
        return self._snapshot is not None

    @property
    def names(self) -> tuple[str, ...]:
        if self._names is None:
            self._names = tuple(e.model for e in self.snapshot.entries)
        return self._names

    def metric_key(self, metric: str | None) -> str | None:
        """ "" for the board's own score, an `extra` key for another metric, None if absent."""
        wanted = norm_metric(metric)
        if wanted in _DEFAULT_METRICS or wanted == norm_metric(self.snapshot.metric):
            return ""
        if self._extra_keys is None:
            keys: dict[str, str] = {}
            for entry in self.snapshot.entries[:50]:
                for k in entry.extra:
                    keys.setdefault(norm_metric(k), k)
            self._extra_keys = keys
        if wanted in self._extra_keys:
            return self._extra_keys[wanted]
        # "math" for "math_lvl5", "mmlu" for "mmlu_pro": accept a unique prefix match.
        hits = [k for n, k in self._extra_keys.items() if n.startswith(wanted) and "raw" not in n]
        return hits[0] if len(hits) == 1 and wanted else None

    def table(self, key: str) -> MetricTable:
        table = self._tables.get(key)
        if table is None:
            table = self._tables[key] = MetricTable(self.snapshot.entries, key)
        return table

    def facts(self, registry: RegistryLike) -> Mapping[str, ModelFacts]:
        cached = self._facts.get(id(registry))
        if cached is None:
            cached = self._facts[id(registry)] = (
                registry,
                FactsByModel(self.snapshot.entries, registry),
            )
        return cached[1]

    def group(self, registry: RegistryLike, group: Group, key: str) -> GroupStanding:
        # A tuple key: hashing the pydantic Group itself is several times slower.
        ck = (
            id(registry),
            key,
            group.country,
            group.organisation,
            group.open_weights,
            group.others,
        )
        found = self._groups.get(ck)
        if found is None:
            facts = self.facts(registry)
            members: list[Standing] = []
            unplaced: list[str] = []
            for s in self.table(key).standings:
                inside = group_matches(facts[s.model], group)
                if inside:
                    members.append(s)
                elif inside is None:
                    unplaced.append(s.model)
            found = self._groups[ck] = GroupStanding(tuple(members), tuple(unplaced))
        return found

    def resolve(self, name: str, registry: RegistryLike, resolver: Resolver) -> ResolutionLike:
        ck = (id(registry), id(resolver), name)
        found = self._resolved.get(ck)
        if found is None:
            found = self._resolved[ck] = resolver(name, self.names, registry)
        return found


SeriesKey = tuple[str, str, str]  # (board, category, view)


class Series:
    """The snapshots of one (board, category, view), oldest first."""

    def __init__(self, key: SeriesKey, snapshots: Sequence[SnapshotIndex]) -> None:
        self.key = key
        self.snapshots = list(snapshots)
        self.dates = [s.date for s in self.snapshots]
        # store.judge.tracks caches its per-series PairTracks here
        self.tracks: dict[tuple[object, ...], tuple[object, Any]] = {}

    def index_of(self, snap: SnapshotIndex) -> int:
        return bisect_left(self.dates, snap.date)

    def on_or_before(self, day: date) -> SnapshotIndex | None:
        i = bisect_right(self.dates, day)
        return self.snapshots[i - 1] if i else None

    def newest(self) -> SnapshotIndex:
        return self.snapshots[-1]

    def between(self, start: date, end: date) -> list[SnapshotIndex]:
        """Snapshots dated start..end inclusive."""
        return self.snapshots[bisect_left(self.dates, start) : bisect_right(self.dates, end)]

    def before(self, snap: SnapshotIndex, start: date) -> list[SnapshotIndex]:
        """Snapshots dated from `start` up to, not including, `snap`; newest first."""
        lo = bisect_left(self.dates, start)
        hi = bisect_left(self.dates, snap.date)
        return self.snapshots[lo:hi][::-1]


def _preference(snapshot: BoardSnapshot) -> tuple[bool, bool, int]:
    """Which of two snapshots of the same series and date to keep. Like the ingest
    (store.leaderboards.ingest), the published CSV (it carries organisations and
    licences) beats arena-catalog JSON; then scores beat ranks only; then size."""
    entries = snapshot.entries
    return (
        any(e.organisation for e in entries),
        any(e.score is not None for e in entries),
        len(entries),
    )


class BoardData:
    """Every snapshot the judge may use, indexed by (board, category, view) and date."""

    def __init__(self, snapshots: Iterable[BoardSnapshot]) -> None:
        chosen: dict[tuple[SeriesKey, date], BoardSnapshot] = {}
        for snap in snapshots:
            k = ((snap.board, snap.category, snap.view), snap.date)
            old = chosen.get(k)
            if old is None or _preference(snap) > _preference(old):
                chosen[k] = snap
        grouped: dict[SeriesKey, list[SnapshotIndex]] = {}
        for (key, _), snap in sorted(chosen.items(), key=lambda kv: (kv[0][0], kv[0][1])):
            grouped.setdefault(key, []).append(SnapshotIndex(snap))
        self._series = {key: Series(key, snaps) for key, snaps in grouped.items()}

    @classmethod
    def deferred(cls, headers: Iterable[SnapshotHeader], load: SnapshotLoader) -> BoardData:
        """The index over `headers`, each snapshot's entries fetched by `load` on first use.

        Two snapshots of one series and date (the published CSV and the catalog JSON)
        are both loaded at once, to keep the one `_preference` picks."""
        by_key: dict[tuple[SeriesKey, date], list[SnapshotHeader]] = {}
        for h in headers:
            by_key.setdefault(((h.board, h.category, h.view), h.date), []).append(h)
        grouped: dict[SeriesKey, list[SnapshotIndex]] = {}
        for (key, _), same in sorted(by_key.items(), key=lambda kv: (kv[0][0], kv[0][1])):
            if len(same) == 1:
                index = SnapshotIndex.deferred(same[0], load)
            else:
                index = SnapshotIndex(max((load(h) for h in same), key=_preference))
            grouped.setdefault(key, []).append(index)
        data = cls(())
        data._series = {key: Series(key, snaps) for key, snaps in grouped.items()}
        return data

    def __len__(self) -> int:
        return sum(len(s.snapshots) for s in self._series.values())

    def boards(self) -> set[str]:
        return {k[0] for k in self._series}

    def categories(self, board: str) -> set[str]:
        return {k[1] for k in self._series if k[0] == board}

    def views(self, board: str, category: str) -> list[str]:
        """The views this board has for a category, raw first."""
        found = [k[2] for k in self._series if k[0] == board and k[1] == category]
        return sorted(found, key=lambda v: (v != "raw", v))

    def series(self, board: str, category: str, view: str) -> Series | None:
        return self._series.get((board, category, view))

    def on_or_before(self, board: str, category: str, view: str, day: date) -> BoardSnapshot | None:
        series = self.series(board, category, view)
        found = series.on_or_before(day) if series else None
        return found.snapshot if found else None

    def newest(self, board: str, category: str, view: str) -> BoardSnapshot | None:
        series = self.series(board, category, view)
        return series.newest().snapshot if series else None
