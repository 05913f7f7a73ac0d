"""Name resolution on real mentions: the labelled corpus's model names against the
bundled boards at each claim's date.

    .venv/bin/python benchmarks/resolution.py [-v]

Reads tests/data/resolution/mentions.yaml (reviewed by hand: each mention with the
board name it must resolve to, plus names a board does not list at that date) and
resolves each against the bundled lmarena-text snapshot on or before its date, the
one the judge uses. Prints resolved / missed / wrong per section and the time per
name. Targets: 0 wrong (a name resolved to another model, or a model found for a name
the board does not list) and >= 95% of resolvable mentions resolved.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from store.judge import BoardData
from store.leaderboards.base import BoardSnapshot
from store.leaderboards.ingest import bundled_paths
from store.leaderboards.readers import parse_bytes
from store.registry import load_registry
from store.resolve import Resolution, resolve

CASES = Path(__file__).resolve().parent.parent / "tests" / "data" / "resolution" / "mentions.yaml"
TARGET_RESOLVED = 0.95


@dataclass(frozen=True)
class Outcome:
    section: str
    case: dict[str, Any]
    result: Resolution
    verdict: str  # "resolved", "missed", "wrong", "refused" (not_on_board, correctly)


def load_cases() -> dict[str, list[dict[str, Any]]]:
    data: dict[str, list[dict[str, Any]]] = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    return data


def bundled_board_data() -> BoardData:
    snapshots: list[BoardSnapshot] = []
    for path in bundled_paths():
        snapshots += parse_bytes(path.read_bytes(), path.name).snapshots
    return BoardData(snapshots)


def snapshot_for(data: BoardData, day: date) -> BoardSnapshot:
    snap = data.on_or_before("lmarena-text", "full", "raw", day)
    if snap is None:
        raise ValueError(f"no bundled lmarena-text snapshot on or before {day}")
    return snap


def judge_case(section: str, case: dict[str, Any], data: BoardData) -> Outcome:
    day = case["date"] if isinstance(case["date"], date) else date.fromisoformat(case["date"])
    result = resolve(case["name"], snapshot_for(data, day), load_registry())
    if section == "not_on_board":
        verdict = "wrong" if result.found else "refused"
    elif result.model == case["expect"]:
        verdict = "resolved"
    elif result.found:
        verdict = "wrong"
    else:
        verdict = "missed"
    return Outcome(section, case, result, verdict)


def run(data: BoardData) -> list[Outcome]:
    return [
        judge_case(section, case, data) for section, cases in load_cases().items() for case in cases
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="print every miss")
    args = parser.parse_args()
    data = bundled_board_data()
    t0 = time.perf_counter()
    outcomes = run(data)
    elapsed = time.perf_counter() - t0
    for section in ("resolvable", "issue_cases", "not_on_board"):
        rows = [o for o in outcomes if o.section == section]
        counts = {v: sum(o.verdict == v for o in rows) for v in ("resolved", "missed", "wrong")}
        if section == "not_on_board":
            refused = sum(o.verdict == "refused" for o in rows)
            print(
                f"{section:13} {len(rows):4} names: {refused} not resolved, "
                f"{counts['wrong']} wrongly resolved"
            )
        else:
            share = counts["resolved"] / len(rows) if rows else 1.0
            print(
                f"{section:13} {len(rows):4} mentions: {counts['resolved']} resolved "
                f"({share:.1%}), {counts['missed']} missed, {counts['wrong']} wrong"
            )
    wrong = [o for o in outcomes if o.verdict == "wrong"]
    missed = [o for o in outcomes if o.verdict == "missed"]
    for o in wrong + (missed if args.verbose else []):
        print(
            f"  {o.verdict}: {o.case['name']!r} on {o.case['date']} -> "
            f"{o.result.model or o.result.status} (expected {o.case.get('expect')}): {o.result.how}"
        )
    resolvable = [o for o in outcomes if o.section == "resolvable"]
    share = sum(o.verdict == "resolved" for o in resolvable) / len(resolvable)
    print(
        f"{len(outcomes)} names in {elapsed * 1000:.0f} ms "
        f"({elapsed / len(outcomes) * 1e6:.0f} us each, cold)"
    )
    ok = not wrong and share >= TARGET_RESOLVED
    print(f"targets (0 wrong, >= {TARGET_RESOLVED:.0%} resolved): {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
