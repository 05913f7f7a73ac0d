"""The gate in front of every extractor, and `make_extractor`'s choice of extractor."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.engine import Engine

from bot.config import Settings
from bot.extract import Gate, extract_article, llm_configured, make_extractor
from bot.extract.base import ArticleText, ExtractionResult
from bot.extract.rules import RulesExtractor
from store.errors import ClaimwatchError


class CountingExtractor:
    name = "counting"
    version = "1"

    def __init__(self) -> None:
        self.calls = 0

    def extract(self, article: ArticleText) -> ExtractionResult:
        self.calls += 1
        return ExtractionResult(extractor=self.name, version=self.version)


def test_rejected_article_costs_no_extractor_call() -> None:
    inner = CountingExtractor()
    gate = Gate()
    out = extract_article(ArticleText("Kobo can run apps now.", date(2026, 1, 1)), inner, gate)
    assert not out.decision.passed and inner.calls == 0
    out = extract_article(
        ArticleText("Kimi K2.6 tops LMArena's leaderboard.", date(2026, 1, 1)), inner, gate
    )
    assert out.decision.passed and inner.calls == 1
    assert any(r.startswith("ranking:") for r in out.decision.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "The gap between closed and open models is widening.",
        "US open models have not overtaken Chinese ones.",
        "DeepSeek-R1 scored 1360 Elo.",
        "Gemini Seizes the Lead",
        # comparatives the offline extractor reads without any other ranking word
        "Claude 3.5 Sonnet was the clear winner over GPT-4o on coding.",
        "Llama 2 70B proved inferior to GPT-4 on coding.",
        "Llama 3.1 70B is statistically indistinguishable from GPT-4o.",
        "Gemini 2.5 Flash keeps pace with o4-mini on math.",
    ],
)
def test_gate_passes_ranking_talk(text: str) -> None:
    assert Gate().check_text(text).passed


@pytest.mark.parametrize(
    "text",
    [
        "Canada suspends trade negotiations with USA.",
        "Anthropic released Claude Sonnet 4.6 with lower prices.",
        "The best way to bake bread is slowly.",
    ],
)
def test_gate_rejects_the_rest(text: str) -> None:
    decision = Gate().check_text(text)
    assert not decision.passed and decision.reasons


def _settings(**env: str | None) -> Settings:
    return Settings.model_validate({k: v for k, v in env.items() if v is not None})


def test_auto_picks_rules_without_llm_configuration() -> None:
    s = _settings()
    assert not llm_configured(s)
    assert isinstance(make_extractor(s, None, "auto"), RulesExtractor)
    assert isinstance(make_extractor(s, None, "rules"), RulesExtractor)


def test_auto_picks_llm_when_configured() -> None:
    s = _settings(OPENAI_BASE_URL="http://127.0.0.1:9/v1", CLAIMWATCH_LLM_MODEL="m")
    assert llm_configured(s)
    assert make_extractor(s, None, "auto").name == "llm"
    assert not llm_configured(_settings(OPENAI_BASE_URL="http://127.0.0.1:9/v1"))


def test_llm_without_model_and_unknown_kind_are_clear_errors() -> None:
    with pytest.raises(ClaimwatchError, match="CLAIMWATCH_LLM_MODEL"):
        make_extractor(_settings(), None, "llm")
    with pytest.raises(ClaimwatchError, match="unknown extractor"):
        make_extractor(_settings(), None, "gpt")


def test_llm_is_cached_with_rules_fallback_when_given_an_engine(engine: Engine) -> None:
    from bot.extract.cache import CachedExtractor

    s = _settings(OPENAI_API_KEY="sk-test", CLAIMWATCH_LLM_MODEL="m")
    chosen = make_extractor(s, engine, "llm")
    assert isinstance(chosen, CachedExtractor)
    assert isinstance(chosen.fallback, RulesExtractor)


@pytest.mark.parametrize(
    "text",
    [
        "Closed models have pulled away from open ones since March.",
        "Chinese models have narrowed the gap with US ones.",
        "The open-closed gap has shrunk this year.",
        "The US lead over Chinese models is shrinking.",
    ],
)
def test_the_gate_passes_a_gap_that_moved(text: str) -> None:
    assert Gate().check(ArticleText(text=text, published=date(2025, 8, 20)))
