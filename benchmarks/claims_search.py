"""/claims search over 300,000 stored claims: median and p95 latency, SQLite and Postgres.

    .venv/bin/python benchmarks/claims_search.py [--claims 300000] [--queries 330]

SQLite runs on a temporary file; Postgres on a temporary database created next to
$CLAIMWATCH_TEST_POSTGRES_URL (skipped when unset). Both are migrated with the real
migrations (so FTS5 / the GIN index are the ones production uses) and queried through
store.claims_queries.search_claims, one page of 10, as /claims does. Target: p95 at
most 10 ms on both, every kind of query included (a word that matches nothing must not
scan). The floor beside it: the newest page read with one plain indexed SELECT.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session

from store import db
from store.claims_queries import search_claims

MODELS = [
    "GPT-4o",
    "GPT-4.1",
    "o1",
    "o3-mini",
    "Claude 3.5 Sonnet",
    "Claude Opus 4",
    "Gemini 2.5 Pro",
    "Gemini 2.0 Flash",
    "Llama-3.1-405B",
    "Llama 4 Maverick",
    "DeepSeek-V3",
    "DeepSeek-R1",
    "Qwen2.5-Max",
    "Qwen3-235B",
    "Kimi K2",
    "GLM-4.5",
    "Mistral Large 2",
    "Grok 3",
    "Yi-Lightning",
    "MiniMax-M1",
    "Command R+",
    "Gemma 3 27B",
    "Phi-4",
    "Nemotron 70B",
]
TEMPLATES = [
    "{a} ranks #{n} on LMArena text",
    "{a} beats {b} on LMArena",
    "{a} trails {b} on the Open LLM Leaderboard",
    "{a} scores {s} on LMArena",
    "{a} is the leading open-weights model",
    "China's best open models have overtaken {b}",
    "The gap between {a} and {b} is narrowing",
    "{a} is in the top {n} for coding",
]
VERDICTS = ["supported", "contradicted", "within_uncertainty", "outdated", "unverifiable"]
QUERIES: list[tuple[str, dict[str, Any]]] = [
    ("common word", {"query": "lmarena"}),
    ("model name", {"query": "deepseek-r1"}),
    ("two words", {"query": "kimi open"}),
    ("prefix", {"query": "gem"}),
    ("no match", {"query": "nonexistentmodel"}),
    ("word + verdict", {"query": "qwen2.5-max", "verdict": "contradicted"}),
    ("verdict only", {"verdict": "within_uncertainty"}),
    ("since", {"since": "recent"}),
    ("word + since", {"query": "claude", "since": "recent"}),
    ("latest page", {}),
    ("page 5", {"page": 5}),
]
T0 = datetime(2024, 1, 1, tzinfo=UTC)
TARGET_P95_MS = 10.0


def seed(engine: Engine, n: int, rng: random.Random) -> None:
    rows = []
    for i in range(n):
        a, b = rng.sample(MODELS, 2)
        statement = rng.choice(TEMPLATES).format(
            a=a, b=b, n=rng.randint(1, 30), s=rng.randint(1100, 1500)
        )
        rows.append(
            {
                "dedupe_key": f"{i:032x}",
                "type": "pairwise_comparison",
                "statement": statement,
                "board": "lmarena-text",
                "as_of": date(2024, 1, 1) + timedelta(days=i % 600),
                "data": {},
                "first_seen_at": T0 + timedelta(minutes=7 * i),
                "current_verdict": rng.choice(VERDICTS),
            }
        )
    from store.models import Claim

    with engine.begin() as conn:
        for start in range(0, n, 5000):
            conn.execute(sa.insert(Claim), rows[start : start + 5000])
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("VACUUM ANALYZE claims"))
    else:
        with engine.begin() as conn:
            conn.execute(sa.text("ANALYZE"))


def measure(engine: Engine, n_claims: int, queries: int, rng: random.Random) -> None:
    newest = T0 + timedelta(minutes=7 * n_claims)
    times: dict[str, list[float]] = {name: [] for name, _ in QUERIES}
    with Session(engine) as session:
        for i in range(queries + len(QUERIES)):  # first round warms caches, not counted
            name, kw = QUERIES[i % len(QUERIES)]
            args = dict(kw)
            if args.get("since") == "recent":
                args["since"] = newest - timedelta(days=rng.randint(1, 60))
            start = time.perf_counter()
            search_claims(session, args.pop("query", None), page_size=10, **args)
            if i >= len(QUERIES):
                times[name].append((time.perf_counter() - start) * 1000)
        floor = []
        newest_page = sa.text("SELECT * FROM claims ORDER BY first_seen_at DESC, id DESC LIMIT 11")
        for _ in range(queries // len(QUERIES) + 1):
            start = time.perf_counter()
            session.execute(newest_page).all()
            floor.append((time.perf_counter() - start) * 1000)
    every = [t for ts in times.values() for t in ts]
    p95 = statistics.quantiles(every, n=20)[18]
    one, five, _ = os.getloadavg()
    print(
        f"  all queries: median {statistics.median(every):6.2f} ms   p95 {p95:6.2f} ms"
        f"   target p95 <= {TARGET_P95_MS:.0f} ms: {'met' if p95 <= TARGET_P95_MS else 'NOT met'}"
        f"   ({len(every)} queries; load {one:.2f} {five:.2f})"
    )
    print(f"  floor (newest page, one plain SELECT): median {statistics.median(floor):6.2f} ms")
    for name, ts in times.items():
        q95 = statistics.quantiles(ts, n=20)[18] if len(ts) > 1 else ts[0]
        print(f"    {name:<15} median {statistics.median(ts):6.2f} ms   p95 {q95:6.2f} ms")


def run(label: str, url: str, n: int, queries: int) -> None:
    engine = db.make_engine(url)
    db.upgrade(engine)
    rng = random.Random(6)
    start = time.perf_counter()
    seed(engine, n, rng)
    print(f"{label}: {n:,} claims seeded in {time.perf_counter() - start:.1f}s")
    measure(engine, n, queries, rng)
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=300_000)
    parser.add_argument("--queries", type=int, default=330)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        run("SQLite", f"sqlite:///{Path(tmp) / 'bench.db'}", args.claims, args.queries)
    base = os.environ.get("CLAIMWATCH_TEST_POSTGRES_URL")
    if not base:
        print("Postgres: skipped (set CLAIMWATCH_TEST_POSTGRES_URL)")
        return
    with db.temporary_database(base, "claimwatch_bench") as url:
        run("Postgres", url, args.claims, args.queries)


if __name__ == "__main__":
    main()
