"""Two groups followed along a whole series, computed once and then read in O(log n).

"overtook" asks: at which earlier snapshot was the other group ahead? A trend asks: the
gap between the groups' best models at every snapshot of a period, its least-squares
slope and its endpoints. Scanning the snapshots for every claim would make a claim's
cost grow with the board's history; a `PairTrack` holds, per snapshot, both groups'
best models, the gap, the latest snapshot so far where the second group led, and
prefix sums of the gap, so each claim bisects to its dates and does O(1) arithmetic.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from store.claimbase import Group
from store.judge.index import Series, Standing

if TYPE_CHECKING:  # the registry package loads its data files on import
    from store.registry.base import RegistryLike

DAYS_PER_MONTH = 30.4375


@dataclass(frozen=True, slots=True)
class Order:
    sign: int  # +1: a above b, -1: below, 0: level
    uncertain: bool  # the 95% intervals overlap (or the ranks are shared)


def compare(a: Standing, b: Standing) -> Order:
    if a.value is not None and b.value is not None:
        sign = (a.value > b.value) - (a.value < b.value)
        if a.ci is not None and b.ci is not None:
            overlap = a.ci[0] <= b.ci[1] and b.ci[0] <= a.ci[1]
            return Order(sign, overlap or sign == 0)
        return Order(sign, sign == 0)
    # Ranks only: a smaller published rank is above; a shared rank is a tie.
    sign = (a.rank < b.rank) - (a.rank > b.rank)
    return Order(sign, sign == 0)


@dataclass(frozen=True, slots=True)
class GapFit:
    first: int  # snapshot index of the first point with a gap
    last: int
    count: int
    slope: float  # points per month, least squares


class PairTrack:
    def __init__(self, series: Series, registry: RegistryLike, key: str, a: Group, b: Group):
        self.dates = series.dates
        n = len(series.snapshots)
        self.best_a: list[Standing | None] = []
        self.best_b: list[Standing | None] = []
        self.gap: list[float | None] = []
        self.last_b_ahead: list[int] = []  # latest index <= i where b's best was above a's
        self._prev_gap: list[int] = []  # latest index <= i with a gap (-1: none)
        self._next_gap: list[int] = [n] * (n + 1)  # first index >= i with a gap (n: none)
        # prefix sums over the points with a gap: count, t, g, t*t, t*g (t in months)
        self._sums: list[tuple[int, float, float, float, float]] = [(0, 0.0, 0.0, 0.0, 0.0)]
        origin = self.dates[0] if self.dates else date.min
        last_b, prev = -1, -1
        for i, snap in enumerate(series.snapshots):
            ba = snap.group(registry, a, key).best
            bb = snap.group(registry, b, key).best
            self.best_a.append(ba)
            self.best_b.append(bb)
            gap = None
            if ba is not None and bb is not None:
                if compare(ba, bb).sign < 0:
                    last_b = i
                if ba.value is not None and bb.value is not None:
                    gap = ba.value - bb.value
            self.gap.append(gap)
            self.last_b_ahead.append(last_b)
            c, st, sg, stt, stg = self._sums[-1]
            if gap is not None:
                prev = i
                t = (snap.date - origin).days / DAYS_PER_MONTH
                c, st, sg, stt, stg = c + 1, st + t, sg + gap, stt + t * t, stg + t * gap
            self._prev_gap.append(prev)
            self._sums.append((c, st, sg, stt, stg))
        for i in range(n - 1, -1, -1):
            self._next_gap[i] = i if self.gap[i] is not None else self._next_gap[i + 1]

    def b_ahead_before(self, index: int, start: date) -> int | None:
        """The latest snapshot before `index`, dated `start` or later, where b led."""
        if index == 0:
            return None
        j = self.last_b_ahead[index - 1]
        return j if j >= 0 and self.dates[j] >= start else None

    def fit(self, start: date, end: date) -> GapFit | None:
        """The gap's points dated start..end: endpoints and least-squares slope."""
        lo, hi = bisect_left(self.dates, start), bisect_right(self.dates, end)
        if lo >= hi:
            return None
        first, last = self._next_gap[lo], self._prev_gap[hi - 1]
        c0, t0, g0, tt0, tg0 = self._sums[lo]
        c1, t1, g1, tt1, tg1 = self._sums[hi]
        n, st, sg, stt, stg = c1 - c0, t1 - t0, g1 - g0, tt1 - tt0, tg1 - tg0
        if n < 2 or first > last:
            return None
        denom = n * stt - st * st
        slope = (n * stg - st * sg) / denom if denom > 1e-9 else 0.0
        return GapFit(first, last, n, slope)

    def gaps(self, first: int, last: int) -> list[float]:
        return [g for g in self.gap[first : last + 1] if g is not None]


def track(series: Series, registry: RegistryLike, key: str, a: Group, b: Group) -> PairTrack:
    """The cached track of (a, b) along `series`."""
    ck = (id(registry), key, _group_key(a), _group_key(b))
    found = series.tracks.get(ck)
    if found is None or found[0] is not registry:
        found = series.tracks[ck] = (registry, PairTrack(series, registry, key, a, b))
    return found[1]


def _group_key(g: Group) -> tuple[str | None, str | None, bool | None, bool]:
    return (g.country, g.organisation, g.open_weights, g.others)
