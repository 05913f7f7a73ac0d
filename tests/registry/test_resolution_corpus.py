"""Resolution on real mentions: the labelled corpus's model names, checked against the
bundled lmarena-text snapshot on or before each claim's date (the one the judge uses).

tests/data/resolution/mentions.yaml is reviewed by hand from the board data; see its
header. Precision first: no name resolves to another model, and a name the board does
not list at that date resolves to nothing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from store.judge import BoardData
from store.leaderboards.base import BoardSnapshot
from store.leaderboards.ingest import bundled_paths
from store.leaderboards.readers import parse_bytes
from store.resolve import resolve

CASES: dict[str, list[dict[str, Any]]] = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "data" / "resolution" / "mentions.yaml").read_text(
        encoding="utf-8"
    )
)


@pytest.fixture(scope="module")
def boards() -> BoardData:
    snapshots: list[BoardSnapshot] = []
    for path in bundled_paths():
        if path.name.startswith(("lmarena-text-", "leaderboard-text-")):
            snapshots += parse_bytes(path.read_bytes(), path.name).snapshots
    return BoardData(snapshots)


def _snapshot(boards: BoardData, day: date | str) -> BoardSnapshot:
    when = day if isinstance(day, date) else date.fromisoformat(day)
    snap = boards.on_or_before("lmarena-text", "full", "raw", when)
    assert snap is not None, f"no bundled snapshot on or before {when}"
    return snap


def _label(case: dict[str, Any]) -> str:
    return f"{case.get('id', 'issue')}:{case['name']}@{case['date']}"


@pytest.mark.parametrize("case", CASES["resolvable"] + CASES["issue_cases"], ids=_label)
def test_mention_resolves_to_the_board_name(boards: BoardData, case: dict[str, Any]) -> None:
    result = resolve(case["name"], _snapshot(boards, case["date"]))
    if case.get("allowed_miss") and not result.found:
        return  # documented in the data file: a miss, never a wrong model
    assert result.model == case["expect"], result.how


@pytest.mark.parametrize("case", CASES["not_on_board"], ids=_label)
def test_mention_of_a_model_the_board_lacks_resolves_to_nothing(
    boards: BoardData, case: dict[str, Any]
) -> None:
    result = resolve(case["name"], _snapshot(boards, case["date"]))
    assert not result.found, result.how


def test_resolvable_share_meets_the_target(boards: BoardData) -> None:
    cases = CASES["resolvable"]
    hits = sum(resolve(c["name"], _snapshot(boards, c["date"])).model == c["expect"] for c in cases)
    assert hits / len(cases) >= 0.95


def test_qwen_2_5_max_is_never_another_qwen_on_any_bundled_snapshot(boards: BoardData) -> None:
    """ "Qwen 2.5-Max" once resolved to Qwen2.5-plus-1127: on every lmarena-text board,
    category and view it is Qwen2.5-Max or nothing."""
    seen = 0
    for board in ("lmarena-text",):
        for category in boards.categories(board):
            for view in boards.views(board, category):
                series = boards.series(board, category, view)
                assert series is not None
                for snap in series.snapshots:
                    result = resolve("Qwen 2.5-Max", snap.snapshot)
                    assert result.models in ((),) or all(
                        m.lower() == "qwen2.5-max" for m in result.models
                    ), (snap.date, result.how)
                    seen += bool(result.models)
    assert seen > 0


def test_a_possessive_owner_is_not_the_family(boards: BoardData) -> None:
    snap = _snapshot(boards, "2025-02-18")
    assert resolve("DeepSeek's R1", snap).models == ("DeepSeek-R1",)
    assert resolve("China's DeepSeek-V3", snap).models == ("DeepSeek-V3",)


# A model first listed on the next bundled snapshot, resolved on the one before: a new
# dated release or a build is never its predecessor (each row: the earlier snapshot's
# date; the name is absent from that board, present on the next one).
NEW_RELEASES = [
    ("2025-03-28", "DeepSeek-V3-0324"),  # the board has DeepSeek-V3 (December)
    ("2025-06-12", "DeepSeek-R1-0528"),  # the board has DeepSeek-R1
    ("2025-05-23", "mistral-medium-2505"),  # the board has the 2023 Mistral Medium
    ("2025-07-18", "Qwen3-235B-A22B-Instruct-2507"),  # the board has Qwen3-235B-A22B
    ("2025-03-18", "Claude 3.7 Sonnet (thinking-32k)"),  # the board has Claude 3.7 Sonnet
    ("2025-07-07", "Claude Opus 4 (thinking-16k)"),  # the board has Claude Opus 4 (20250514)
    # "no thinking" with no thinking build beside it: the listed entry may be the hybrid
    ("2025-06-12", "Qwen3-235B-A22B-no-thinking"),
]


@pytest.mark.parametrize(("day", "name"), NEW_RELEASES)
def test_a_new_release_is_not_its_predecessor(boards: BoardData, day: str, name: str) -> None:
    snap = _snapshot(boards, day)
    assert snap.date.isoformat() == day
    assert name not in {e.model for e in snap.entries}
    result = resolve(name, snap)
    assert not result.found, result.how
