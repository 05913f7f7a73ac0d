"""Helpers: read the bundled leaderboard copies (store/data/leaderboards) for registry tests.

Deliberately independent of store/leaderboards' readers: these tests check the
registry against the raw published strings, whatever the readers make of them.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

from store.leaderboards.base import BoardEntry

BUNDLED = Path(__file__).resolve().parents[2] / "store" / "data" / "leaderboards"


def _open_text(path: Path) -> str:
    raw = path.read_bytes()
    return (gzip.decompress(raw) if path.suffix == ".gz" else raw).decode("utf-8")


def lmarena_csvs() -> list[Path]:
    files = sorted(BUNDLED.glob("lmarena-text-*.csv*"))
    assert files, f"no bundled LMArena CSVs under {BUNDLED}"
    return files


def catalog_files() -> list[Path]:
    files = sorted(BUNDLED.glob("leaderboard-text-*.json*"))
    assert files, f"no bundled arena-catalog files under {BUNDLED}"
    return files


def scatterplot_rows() -> list[dict[str, str]]:
    files = sorted(BUNDLED.glob("scatterplot-data.json*"))
    assert files, f"no bundled scatterplot-data.json under {BUNDLED}"
    rows: list[dict[str, str]] = json.loads(_open_text(files[0]))
    return rows


def csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_open_text(path))))


def catalog_models(path: Path) -> set[str]:
    data = json.loads(_open_text(path))
    return {m for category in data.values() for m in category}


def lmarena_entries(date: str) -> list[BoardEntry]:
    """The board of one bundled LMArena CSV as entries (score from either header)."""
    [path] = [p for p in lmarena_csvs() if p.name.startswith(f"lmarena-text-{date}.")]
    entries = []
    for row in csv_rows(path):
        score = row.get("arena_score") or row["arena_elo"]
        entries.append(
            BoardEntry(
                model=row["model"],
                rank=int(row["rank"]),
                score=float(score),
                organisation=row["organization"],
                licence=row["license"],
            )
        )
    return entries
