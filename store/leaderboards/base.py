"""Plain data for leaderboards: what a reader produces and what the judge consumes.

Readers turn bytes into `BoardSnapshot`s; the store persists them; the judge reads
them back as the same dataclasses. Nothing here touches a database or the network.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class BoardEntry:
    model: str  # the name as the board spells it
    rank: int | None
    score: float | None
    ci_lower: float | None = None
    ci_upper: float | None = None
    votes: int | None = None
    organisation: str | None = None  # as published (may be wrong or missing)
    licence: str | None = None  # as published
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SnapshotHeader:
    """A stored snapshot without its entries: enough to place it in its series."""

    key: object  # what the loader needs to fetch the entries (a row id)
    board: str
    date: date
    category: str = "full"
    view: str = "raw"
    metric: str = "arena_score"


@dataclass(frozen=True, slots=True)
class BoardSnapshot:
    board: str  # e.g. "lmarena-text"
    date: date
    entries: tuple[BoardEntry, ...]
    category: str = "full"
    view: str = "raw"  # "raw" or "style_control"
    metric: str = "arena_score"
