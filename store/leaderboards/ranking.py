"""Rank numbers the way boards publish them, computed where a file gives none."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence


def competition_ranks(scores: Sequence[float]) -> list[int]:
    """1 + the number of strictly higher scores ("1224" ranking: ties share a rank)."""
    ordered = sorted(scores)
    n = len(ordered)
    return [1 + n - bisect_right(ordered, s) for s in scores]


def interval_ranks(lowers: Sequence[float], uppers: Sequence[float]) -> list[int]:
    """LMArena's published rank: 1 + the number of models whose lower bound is above
    this model's upper bound (models it is statistically behind)."""
    ordered = sorted(lowers)
    n = len(ordered)
    return [1 + n - bisect_right(ordered, up) for up in uppers]
