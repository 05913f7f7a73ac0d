"""Typed hits: each finder returns hits whose fields are its claim type's own, so a
hit that names a field the claim model lacks, or misses one it requires, fails here
rather than as a validation error on some article."""

from __future__ import annotations

import dataclasses

import pytest

from bot.extract import make_gazetteer
from bot.extract.cues import FINDERS, find_all
from bot.extract.groups import find_groups
from bot.extract.hits import GroupHit, Hit, PairHit, RankHit, ScoreHit, TrendHit
from bot.extract.patterns import Sentence
from store.claims import CLAIM_ADAPTER, ClaimType
from store.judge.kinds import KINDS

GAZ = make_gazetteer(board_models=[])
HIT_TYPES: list[type[Hit]] = [RankHit, PairHit, ScoreHit, GroupHit, TrendHit]


def sentence(text: str) -> Sentence:
    return Sentence(text, GAZ.models(text), find_groups(text, GAZ), GAZ)


@pytest.mark.parametrize("hit_type", HIT_TYPES, ids=lambda t: t.type)
def test_a_hit_carries_only_fields_of_its_claim_type(hit_type: type[Hit]) -> None:
    model = KINDS[hit_type.type].model
    own = {f.name for f in dataclasses.fields(hit_type)} - {
        "start",
        "negated",
        "category",
        "metric",
        "needs_scope",
        "span",
        "said",
        "by_number",
    }
    assert own <= set(model.model_fields)
    required = {name for name, f in model.model_fields.items() if f.is_required()}
    # the fields every claim shares (quote, as_of, ...) come from rules.py
    shared = {"quote", "as_of", "span", "statement"}
    assert required - shared <= own


def test_every_claim_type_has_a_hit() -> None:
    assert {t.type for t in HIT_TYPES} == set(ClaimType.__args__)  # type: ignore[attr-defined]


def test_finders_return_typed_hits_in_cue_order() -> None:
    s = sentence("Gemini 2.5 Pro ranks #1 on LMArena with 1460 points and beats Grok 4.")
    hits = find_all(s)
    assert [type(h) for h in hits] == [RankHit, ScoreHit, PairHit]
    rank, score, pair = hits
    assert isinstance(rank, RankHit) and (rank.model, rank.rank, rank.op) == (
        "Gemini 2.5 Pro",
        1,
        "eq",
    )
    assert isinstance(pair, PairHit)
    assert (pair.model_a, pair.model_b, pair.relation) == ("Gemini 2.5 Pro", "Grok 4", "beats")
    assert isinstance(score, ScoreHit) and (score.model, score.value) == ("Gemini 2.5 Pro", 1460)


def test_a_later_finder_sees_what_earlier_ones_found() -> None:
    # the two scores (score slots) are compared by a later finder (score comparisons)
    s = sentence("Claude Opus 4 scores 72.5% on SWE-bench, compared with 54.6% for GPT-4.1.")
    hits = find_all(s)
    pairs = [h for h in hits if isinstance(h, PairHit)]
    assert [(p.model_a, p.model_b, p.relation) for p in pairs] == [
        ("Claude Opus 4", "GPT-4.1", "beats")
    ]
    assert len(FINDERS) == len(set(FINDERS))


def test_a_hit_becomes_a_valid_claim() -> None:
    s = sentence("China's best open model has overtaken the best US open model.")
    (hit,) = find_all(s)
    assert isinstance(hit, GroupHit)
    data = {"type": hit.type, **hit.claim_fields(), "quote": s.text, "as_of": "2025-03-01"}
    data["span"] = (0, len(s.text))
    claim = CLAIM_ADAPTER.validate_python({**data, "statement": ""})
    assert claim.type == "group_comparison"
