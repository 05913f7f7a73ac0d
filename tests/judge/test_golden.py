"""Golden verdicts: claims judged on the real bundled data with the real readers,
registry and resolver; expected values worked out by hand (tests/data/verdicts/golden.yaml)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from store.claims import CLAIM_ADAPTER, ClaimDraft, Judgement
from store.judge import judge
from store.registry import load_registry
from tests.judge.judge_support import bundled_board_data

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "verdicts" / "golden.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load(GOLDEN.read_text())


def claim_of(raw: dict[str, Any]) -> ClaimDraft:
    fields = {"statement": raw.get("statement", "golden"), "quote": "q", "span": (0, 1), **raw}
    return CLAIM_ADAPTER.validate_python(fields)


def check(case: dict[str, Any], j: Judgement) -> None:
    want = case["expect"]
    why = f"{case['id']}: {j.explanation}"
    assert j.verdict == want["verdict"], why
    assert j.reason == want.get("reason"), why
    if "snapshot" in want:
        assert j.snapshot == want["snapshot"], why
    if "snapshot_age_days" in want:
        assert j.snapshot_age_days == want["snapshot_age_days"], why
    if "latest" in want:
        assert j.latest is not None and j.latest.verdict == want["latest"], why
    for row in want.get("evidence", []):
        rows = [e.model_dump() for e in j.evidence]
        hits = [r for r in rows if all(_same(r.get(k), v) for k, v in row.items())]
        assert hits, f"{case['id']}: no evidence row like {row} in {rows}"
    for model in want.get("absent", []):
        assert model not in {e.model for e in j.evidence}, why
    for text in want.get("explanation_contains", []):
        assert text in j.explanation, why
    for name, models in want.get("resolution", {}).items():
        assert j.resolution.get(name) == models, why
    # the as-of verdict never uses a snapshot after as_of
    as_of = case["claim"]["as_of"]
    assert all(e.snapshot <= as_of for e in j.evidence), why


def _same(got: Any, want: Any) -> bool:
    if isinstance(want, list):
        return (
            got is not None
            and len(got) == len(want)
            and all(_same(g, w) for g, w in zip(got, want, strict=True))
        )
    if (
        isinstance(want, float | int)
        and not isinstance(want, bool)
        and isinstance(got, float | int)
    ):
        return bool(abs(got - want) < 1e-6)
    if isinstance(want, dt.date):
        return bool(got == want)
    return bool(got == want)


def test_there_are_enough_cases_of_every_type() -> None:
    types = [c["claim"]["type"] for c in CASES]
    assert len(CASES) >= 30
    for t in (
        "rank_position",
        "pairwise_comparison",
        "group_comparison",
        "score_value",
        "trend_gap",
    ):
        assert types.count(t) >= 3, t
    assert len({c["id"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_golden_verdict(case: dict[str, Any]) -> None:
    j = judge(claim_of(case["claim"]), bundled_board_data(), load_registry())
    check(case, j)
