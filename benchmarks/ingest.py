"""Ingest every bundled leaderboard snapshot into SQLite and Postgres: entries/second.

    .venv/bin/python benchmarks/ingest.py [--pg postgresql+psycopg://postgres@127.0.0.1:5432/test]

Prints, for parsing alone and for each database, the time and entries per second,
and the database's share as a ratio to parsing (the target in benchmarks/README.md). Postgres
runs in a fresh temporary database that is created and dropped here; it is skipped
with a message when the server is unreachable.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from store import db
from store.leaderboards.ingest import bundled_paths, ingest
from store.leaderboards.readers import ParsedFile, parse_bytes

PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def parse_all(blobs: list[tuple[str, bytes]]) -> tuple[list[ParsedFile], float]:
    start = time.perf_counter()
    parsed = [parse_bytes(data, name) for name, data in blobs]
    return parsed, time.perf_counter() - start


def ingest_all(url: str, parsed: list[ParsedFile]) -> tuple[float, int]:
    engine = db.make_engine(url)
    db.upgrade(engine)
    start = time.perf_counter()
    written = 0
    for p in parsed:
        written += ingest(engine, p.snapshots, p.origin, format=p.format).entries
    elapsed = time.perf_counter() - start
    engine.dispose()
    return elapsed, written


def line(label: str, seconds: float, entries: int, parse_s: float | None = None) -> str:
    rate = entries / seconds if seconds else float("inf")
    text = f"{label:<28} {seconds:7.2f} s  {rate:>10,.0f} entries/s"
    if parse_s:
        share = 1 - parse_s / (parse_s + seconds)
        text += f"  ({seconds / parse_s:.1f}x parsing; database share {share:.0%})"
    return text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pg", default=PG_DEFAULT, help="Postgres server URL (any database)")
    args = ap.parse_args()

    blobs = [(str(p), p.read_bytes()) for p in bundled_paths()]
    parsed, parse_s = parse_all(blobs)
    entries = sum(p.entry_count for p in parsed)
    snaps = sum(len(p.snapshots) for p in parsed)
    print(f"{len(blobs)} bundled files, {snaps} snapshots, {entries:,} entries parsed")
    print(line("parse only", parse_s, entries))

    with tempfile.TemporaryDirectory() as tmp:
        sqlite_s, written = ingest_all(f"sqlite:///{Path(tmp) / 'bench.db'}", parsed)
        print(line(f"sqlite ({written:,} written)", sqlite_s, written, parse_s))

    try:
        with db.temporary_database(args.pg, "claimwatch_bench") as url:
            pg_s, written = ingest_all(url, parsed)
            print(line(f"postgres ({written:,} written)", pg_s, written, parse_s))
    except sa.exc.OperationalError as exc:
        print(f"postgres: skipped ({db.masked(args.pg)} unreachable: {exc.orig})")


if __name__ == "__main__":
    main()
