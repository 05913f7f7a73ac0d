"""The real bundled leaderboard data, parsed with the real readers (no database), and
the real registry: what the golden verdict tests judge against."""

from __future__ import annotations

from functools import cache

from store.judge import BoardData
from store.leaderboards.base import BoardSnapshot
from store.leaderboards.ingest import bundled_paths
from store.leaderboards.readers import parse_bytes


@cache
def bundled_snapshots() -> tuple[BoardSnapshot, ...]:
    out: list[BoardSnapshot] = []
    for path in bundled_paths():
        out.extend(parse_bytes(path.read_bytes(), path.name).snapshots)
    return tuple(out)


@cache
def bundled_board_data() -> BoardData:
    return BoardData(bundled_snapshots())
