"""Verdicts: 10,000 claims of mixed types against the full bundled history.

    .venv/bin/python benchmarks/verdicts.py [--claims 10000] [--no-sqlite]

Prints:
1. claims/second judging 10,000 mixed claims (all five types, text names that need
   resolving, every board) with the real registry and resolver, on snapshots loaded
   from SQLite (ingest -> load_all) and parsed directly; first pass (cold caches) and
   second pass (warm);
2. how the time per claim grows with the number of snapshots a board has (synthetic
   weekly boards of 10..5,000 snapshots): it should stay flat, since a claim bisects
   to its snapshot and the per-snapshot indexes are built once.
Target: >= 2,000 claims/s on one core.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from store import db
from store.claims import (
    ClaimDraft,
    Group,
    GroupComparison,
    PairwiseComparison,
    RankPosition,
    ScoreValue,
    TrendGap,
)
from store.judge import BoardData, judge
from store.leaderboards.base import BoardEntry, BoardSnapshot
from store.leaderboards.ingest import bundled_paths, ingest_paths
from store.leaderboards.load import load_all
from store.leaderboards.readers import parse_bytes
from store.registry import load_registry
from store.registry.base import LicenceClass, ModelFacts

COMMON: dict[str, Any] = {"statement": "s", "quote": "q", "span": (0, 1)}
GROUPS = [
    Group(country="CN", open_weights=True),
    Group(country="US", open_weights=True),
    Group(country="CN"),
    Group(country="US"),
    Group(open_weights=True),
    Group(open_weights=False),
    Group(country="FR"),
]
TEXT_NAMES = [
    "DeepSeek V3",
    "GPT-4o",
    "Claude 3 Opus",
    "Qwen2.5",
    "Llama 3.1 405B",
    "Gemini 1.5 Pro",
]


def mixed_claims(data: BoardData, n: int, rng: random.Random) -> list[ClaimDraft]:
    text = data.series("lmarena-text", "full", "raw")
    oll = data.series("open-llm-leaderboard-v2", "full", "raw")
    assert text is not None and oll is not None
    out: list[ClaimDraft] = []
    for i in range(n):
        use_oll = i % 10 == 9
        series = oll if use_oll else text
        snap = rng.choice(series.snapshots)
        as_of = snap.date + timedelta(days=rng.randint(0, 20))
        board = "open-llm-leaderboard-v2" if use_oll else None
        top = snap.names[:60]
        names = TEXT_NAMES if rng.random() < 0.2 and not use_oll else top

        def pick(names: Sequence[str] = names) -> str:
            return rng.choice(names)

        base = {**COMMON, "as_of": as_of, "board": board}
        kind = i % 5
        if kind == 0:
            out.append(
                RankPosition(
                    model=pick(), rank=rng.randint(1, 10), op=rng.choice(["eq", "top_k"]), **base
                )
            )
        elif kind == 1:
            out.append(PairwiseComparison(model_a=pick(), model_b=pick(), **base))
        elif kind == 2:
            ga, gb = rng.sample(GROUPS, 2)
            rel = rng.choice(["leads", "overtook", "trails"])
            agg = rng.choice(["best_of", "best_of", "count_in_top_k"])
            out.append(
                GroupComparison(group_a=ga, group_b=gb, relation=rel, aggregate=agg, k=10, **base)
            )
        elif kind == 3:
            out.append(
                ScoreValue(
                    model=pick(),
                    value=rng.randint(1100, 1450),
                    comparator=rng.choice(["eq", "approx", "gt"]),
                    **base,
                )
            )
        else:
            g0, g1 = rng.sample(GROUPS[:4], 2)
            out.append(
                TrendGap(
                    subjects=(g0, g1),
                    direction=rng.choice(["narrowing", "widening", "overtook"]),
                    **base,
                )
            )
    return out


def timed(
    claims: Sequence[ClaimDraft], data: BoardData, registry: Any, **kw: Any
) -> tuple[float, dict[str, int]]:
    verdicts: dict[str, int] = {}
    start = time.perf_counter()
    for c in claims:
        v = judge(c, data, registry, **kw).verdict
        verdicts[v] = verdicts.get(v, 0) + 1
    return time.perf_counter() - start, verdicts


def from_sqlite() -> tuple[list[BoardSnapshot], float]:
    with tempfile.TemporaryDirectory() as tmp:
        engine = db.make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        db.upgrade(engine)
        ingest_paths(engine, bundled_paths())
        start = time.perf_counter()
        snaps = load_all(engine)
        took = time.perf_counter() - start
        engine.dispose()
    return snaps, took


def real_history(n: int, use_sqlite: bool) -> None:
    registry = load_registry()
    if use_sqlite:
        snaps, load_s = from_sqlite()
        print(f"loaded {len(snaps)} snapshots from SQLite (load_all) in {load_s:.2f}s")
    else:
        snaps = [s for p in bundled_paths() for s in parse_bytes(p.read_bytes(), p.name).snapshots]
    start = time.perf_counter()
    data = BoardData(snaps)
    print(f"BoardData index over {len(data)} snapshots built in {time.perf_counter() - start:.3f}s")
    claims = mixed_claims(data, n, random.Random(7))
    for label in ("first pass (cold caches)", "second pass (warm caches)"):
        took, verdicts = timed(claims, data, registry)
        print(f"  {label}: {n} claims in {took:.2f}s = {n / took:,.0f} claims/s")
    print(f"  verdicts: {dict(sorted(verdicts.items()))}")


# --- scaling: synthetic weekly boards of growing length -------------------------------


@dataclass
class SynthRegistry:
    facts_by_model: dict[str, ModelFacts]

    def facts(
        self, model: str, organisation: str | None = None, licence: str | None = None
    ) -> ModelFacts:
        return self.facts_by_model[model]


@dataclass(frozen=True)
class Exact:
    status: str
    models: tuple[str, ...]
    candidates: tuple[str, ...] = ()


def exact_resolver(name: str, board_models: Sequence[str], registry: Any) -> Exact:
    return Exact("exact", (name,)) if name in board_models else Exact("not_found", ())


CLASSES: tuple[LicenceClass, ...] = ("permissive", "restricted", "proprietary")


def synthetic(n_snaps: int, rng: random.Random) -> tuple[BoardData, SynthRegistry, list[str]]:
    models = [f"model-{i}" for i in range(150)]
    facts = {
        m: ModelFacts(
            m,
            f"org{i % 9}",
            ("CN", "US", "FR")[i % 3],
            CLASSES[i % 3],
        )
        for i, m in enumerate(models)
    }
    base = {m: rng.uniform(1000, 1400) for m in models}
    snaps = []
    start = date(2000, 1, 1)
    for k in range(n_snaps):
        entries = []
        for m in models:
            s = base[m] + rng.uniform(-30, 30)
            entries.append(BoardEntry(m, None, s, s - 6, s + 6))
        entries.sort(key=lambda e: -(e.score or 0))
        ranked = tuple(
            BoardEntry(e.model, i + 1, e.score, e.ci_lower, e.ci_upper)
            for i, e in enumerate(entries)
        )
        snaps.append(BoardSnapshot("synth", start + timedelta(days=7 * k), ranked))
    return BoardData(snaps), SynthRegistry(facts), models


def scaling(per_size: int) -> None:
    print("time per claim vs snapshots on the board (synthetic, weekly, 150 models each; warm):")
    for n_snaps in (10, 100, 1000, 5000):
        rng = random.Random(n_snaps)
        data, registry, models = synthetic(n_snaps, rng)
        series = data.series("synth", "full", "raw")
        assert series is not None
        claims: list[ClaimDraft] = []
        for i in range(per_size):
            as_of = rng.choice(series.dates[-min(n_snaps, 20) :])  # the same recent span every time
            base = {**COMMON, "as_of": as_of, "board": "synth", "view": "raw"}
            a, b = rng.sample(models, 2)
            ga, gb = Group(country="CN", open_weights=True), Group(country="US", open_weights=True)
            options: list[ClaimDraft] = [
                PairwiseComparison(model_a=a, model_b=b, **base),
                RankPosition(model=a, rank=3, **base),
                GroupComparison(group_a=ga, group_b=gb, relation="overtook", **base),
                ScoreValue(model=a, value=1200, comparator="gt", **base),
                TrendGap(subjects=(ga, gb), direction="narrowing", **base),
            ]
            claims.append(options[i % 5])
        timed(claims, data, registry, resolver=exact_resolver)  # warm the caches
        took, _ = timed(claims, data, registry, resolver=exact_resolver)
        per_claim_us = 1e6 * took / per_size
        print(f"  {n_snaps:>5} snapshots: {per_claim_us:7.1f} us/claim ({per_size / took:,.0f}/s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument(
        "--no-sqlite", action="store_true", help="parse the files instead of SQLite"
    )
    args = parser.parse_args()
    real_history(args.claims, not args.no_sqlite)
    scaling(2000)


if __name__ == "__main__":
    main()
