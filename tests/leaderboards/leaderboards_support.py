"""Shared helpers for the leaderboard tests: the bundled real files, parsed."""

from __future__ import annotations

from pathlib import Path

from store.leaderboards.base import BoardEntry, BoardSnapshot
from store.leaderboards.ingest import BUNDLED_DIR
from store.leaderboards.readers import ParsedFile, parse_bytes


def bundled(name: str) -> Path:
    path = BUNDLED_DIR / name
    assert path.is_file(), path
    return path


def parse(name: str) -> ParsedFile:
    path = bundled(name)
    return parse_bytes(path.read_bytes(), str(path))


def snap(parsed: ParsedFile, *, view: str = "raw", category: str = "full") -> BoardSnapshot:
    found = [s for s in parsed.snapshots if s.view == view and s.category == category]
    assert len(found) == 1, [(s.category, s.view) for s in parsed.snapshots]
    return found[0]


def entry(snapshot: BoardSnapshot, model: str) -> BoardEntry:
    found = [e for e in snapshot.entries if e.model == model]
    assert len(found) == 1, f"{model}: {len(found)} entries"
    return found[0]
