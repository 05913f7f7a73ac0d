"""Registry facts and name resolution throughput on the bundled LMArena boards.

    .venv/bin/python benchmarks/registry_resolve.py

Figures: facts() per second (cold registry, then memoised), and resolve() per second
for a mix of exact / alias / family / fuzzy / ambiguous / unknown names, first on
fresh boards (index build + first resolution of each name) and then warm (the judge's
steady state: the same boards and names again).
"""

from __future__ import annotations

import csv
import gzip
import io
import random
import time
from pathlib import Path

from store.leaderboards.base import BoardEntry
from store.registry import registry as registry_module
from store.resolve import _indexes, board_index, resolve

DATA = Path(__file__).resolve().parent.parent / "store" / "data" / "leaderboards"
QUERIES = [
    "DeepSeek V3", "deepseek-r1", "R1", "GPT-4o", "o1", "Claude 3.5 Sonnet", "Llama 3.1 405B",
    "Qwen2.5", "Gemini 1.5 Pro", "Claude", "Mistral Large", "Deepsek V3", "Claud 3.7 Sonet",
    "Gemini Pro 1.5", "Qwen 72B", "Llama 70B", "GPT-5", "Kimi K2", "GLM-4.5", "Gemma 3",
    "Yi-Lightning", "Athene 70B", "Nemotron", "Qwen Max", "Grok 3",
]  # fmt: skip


def boards() -> list[list[BoardEntry]]:
    out = []
    for path in sorted(DATA.glob("lmarena-text-*.csv.gz")):
        rows = csv.DictReader(io.StringIO(gzip.decompress(path.read_bytes()).decode()))
        out.append(
            [
                BoardEntry(
                    r["model"],
                    int(r["rank"]),
                    float(r.get("arena_score") or r["arena_elo"]),
                    organisation=r["organization"],
                    licence=r["license"],
                )
                for r in rows
            ]
        )
    return out


def main() -> None:
    all_boards = boards()
    entries = [e for b in all_boards for e in b]
    print(f"{len(all_boards)} LMArena boards, {len(entries)} entries")

    t0 = time.perf_counter()
    registry = registry_module.load()
    print(f"registry load: {(time.perf_counter() - t0) * 1000:.1f} ms")

    t0 = time.perf_counter()
    for e in entries:
        registry.facts(e.model, e.organisation, e.licence)
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(5):
        for e in entries:
            registry.facts(e.model, e.organisation, e.licence)
    warm = (time.perf_counter() - t0) / 5
    print(
        f"facts(): {len(entries) / cold:,.0f}/s first pass, {len(entries) / warm:,.0f}/s memoised"
    )

    rng = random.Random(7)
    frozen = [tuple(b) for b in all_boards]  # as a snapshot holds them
    jobs = [(rng.choice(frozen), rng.choice(QUERIES)) for _ in range(10_000)]
    _indexes.clear()
    t0 = time.perf_counter()
    for board, query in jobs:
        resolve(query, board, registry)
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    for board, query in jobs:
        resolve(query, board, registry)
    again = time.perf_counter() - t0
    print(
        f"resolve(): 10,000 names over {len(all_boards)} boards: "
        f"{len(jobs) / first:,.0f}/s cold (index builds + first resolutions), "
        f"{len(jobs) / again:,.0f}/s warm"
    )

    # the uncached cost of one resolution: fresh memo each time, index already built
    last = all_boards[-1]
    resolve("warm-up", last, registry)
    index = board_index(last)
    t0 = time.perf_counter()
    n = 0
    for _ in range(20):
        for query in QUERIES:
            index.memo.clear()
            resolve(query, last, registry)
            n += 1
    rate = n / (time.perf_counter() - t0)
    print(f"resolve() without memo on a {len(last)}-model last: {rate:,.0f}/s")


if __name__ == "__main__":
    main()
