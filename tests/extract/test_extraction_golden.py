"""Golden articles (tests/data/articles): expected claims written from reading each text."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.extract.gate import Gate
from bot.extract.goldens import (
    Golden,
    Score,
    best_match,
    field_mismatches,
    load_goldens,
    one_per_claim,
    score,
)
from bot.extract.rules import RulesExtractor

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"
GOLDENS = load_goldens(ARTICLES)
EXTRACTOR = RulesExtractor()
GATE = Gate(EXTRACTOR.gaz)


def test_enough_goldens_of_every_kind() -> None:
    assert len(GOLDENS) >= 25
    types = {c["type"] for g in GOLDENS for c in g.claims}
    assert types == {
        "rank_position",
        "pairwise_comparison",
        "group_comparison",
        "score_value",
        "trend_gap",
    }
    assert sum(1 for g in GOLDENS if not g.claims) >= 8  # articles with no ranking claim


@pytest.mark.parametrize("golden", GOLDENS, ids=[g.name for g in GOLDENS])
def test_every_expected_claim_is_found_with_its_fields(golden: Golden) -> None:
    found = [
        d.model_dump(mode="json") for d in one_per_claim(EXTRACTOR.extract(golden.article).drafts)
    ]
    used: set[int] = set()
    for expected in golden.claims:
        hit = best_match(expected, found, used)
        assert hit is not None, f"not found: {expected}\nfound: {[f['statement'] for f in found]}"
        used.add(hit)
        assert field_mismatches(expected, found[hit]) == [], found[hit]["statement"]


@pytest.mark.parametrize("golden", GOLDENS, ids=[g.name for g in GOLDENS])
def test_gate_decision(golden: Golden) -> None:
    decision = GATE.check(golden.article)
    if golden.gate == "either":
        return
    assert decision.passed == (golden.gate == "pass"), decision.reasons


@pytest.mark.parametrize("golden", GOLDENS, ids=[g.name for g in GOLDENS])
def test_quotes_are_exact_spans(golden: Golden) -> None:
    text = golden.article.text
    for draft in EXTRACTOR.extract(golden.article).drafts:
        start, end = draft.span
        assert text[start:end] == draft.quote
        assert draft.statement and draft.extractor == "rules"


def test_overall_precision_and_recall() -> None:
    by_type: dict[str, Score] = {}
    for golden in GOLDENS:
        score(golden.claims, EXTRACTOR.extract(golden.article).drafts, by_type)
    for kind, s in by_type.items():
        assert s.recall >= 0.9, (kind, s.misses)
        assert s.precision >= 0.85, (kind, s.misses)


def test_gate_passes_every_article_with_a_claim() -> None:
    with_claims = [g for g in GOLDENS if g.claims]
    assert all(GATE.check(g.article).passed for g in with_claims)
