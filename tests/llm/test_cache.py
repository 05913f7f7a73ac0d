"""The extraction cache and the daily token budget, on SQLite and Postgres."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.config import Settings
from bot.extract.base import ArticleText, ExtractionResult
from bot.extract.cache import BudgetExhausted, CachedExtractor, content_hash
from bot.extract.llm import ExtractionError, LLMExtractor
from store.claims import ScoreValue
from store.models import ExtractionRun
from tests.llm.llm_support import FakeOpenAI, Reply, claims, error, item

QUOTE = "GLM-4.5 scores 1434 on LMArena"
ARTICLE = ArticleText(text=f"Big news. {QUOTE}, the lab said.", published=date(2025, 6, 1))


def score_reply(prompt_tokens: int = 300, completion_tokens: int = 150) -> Reply:
    return claims(
        item("score_value", QUOTE, model="GLM-4.5", value=1434),
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
    )


class FakeRules:
    """Stands in for the offline extractor: counts calls, finds nothing."""

    name = "rules"
    version = "r-test"

    def __init__(self) -> None:
        self.calls = 0

    def extract(self, article: ArticleText) -> ExtractionResult:
        self.calls += 1
        return ExtractionResult(extractor=self.name, version=self.version)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def rows(engine: Engine) -> list[ExtractionRun]:
    with Session(engine) as session:
        return list(session.exec(select(ExtractionRun).order_by(col(ExtractionRun.id))))


def test_second_call_hits_the_cache(
    engine: Engine, server: FakeOpenAI, extractor: LLMExtractor
) -> None:
    cached = CachedExtractor(engine, extractor)
    assert (cached.name, cached.version) == ("llm", extractor.version)
    server.reply(score_reply(321, 45))
    first = cached.extract(ARTICLE)
    second = cached.extract(ARTICLE)

    assert len(server.received) == 1  # the second call never reached the server
    assert second.drafts == first.drafts and isinstance(second.drafts[0], ScoreValue)
    assert (first.prompt_tokens, first.completion_tokens) == (321, 45)
    assert (second.prompt_tokens, second.completion_tokens) == (0, 0)  # a hit costs nothing
    [row] = rows(engine)
    seen = f"2025-06-01\x00\x00\x00{ARTICLE.text}"  # date, source, title, text
    assert row.content_hash == hashlib.sha256(seen.encode()).hexdigest()
    assert (row.extractor, row.version) == ("llm", extractor.version)
    assert (row.prompt_tokens, row.completion_tokens) == (321, 45)
    assert row.claims[0]["quote"] == QUOTE and row.claims[0]["type"] == "score_value"


def test_other_content_or_version_is_extracted_again(
    engine: Engine, server: FakeOpenAI, extractor: LLMExtractor, settings: Settings
) -> None:
    server.default = score_reply()
    CachedExtractor(engine, extractor).extract(ARTICLE)
    changed = ArticleText(text=ARTICLE.text + " More.", published=ARTICLE.published)
    CachedExtractor(engine, extractor).extract(changed)
    other_model = LLMExtractor(settings.model_copy(update={"llm_model": "other-model"}))
    CachedExtractor(engine, other_model).extract(ARTICLE)
    assert len(server.received) == 3
    assert len(rows(engine)) == 3


def test_the_same_text_under_another_date_or_outlet_is_extracted_again(
    engine: Engine, server: FakeOpenAI, extractor: LLMExtractor
) -> None:
    """Dates ("in January") and the default claimant come from the article's metadata:
    a syndicated copy must not inherit the first copy's."""
    server.default = score_reply()
    cached = CachedExtractor(engine, extractor)
    cached.extract(ARTICLE)
    cached.extract(ArticleText(text=ARTICLE.text, published=date(2025, 7, 1)))
    cached.extract(ArticleText(text=ARTICLE.text, published=ARTICLE.published, source="Wire"))
    cached.extract(ArticleText(text=ARTICLE.text, published=ARTICLE.published, source="Wire"))
    assert len(server.received) == 3  # the last one is the third's input again: a hit
    assert len(rows(engine)) == 3


def test_failures_are_not_cached(
    engine: Engine, server: FakeOpenAI, extractor: LLMExtractor
) -> None:
    cached = CachedExtractor(engine, extractor)
    server.reply(error(401, "bad key"), score_reply())
    with pytest.raises(ExtractionError):
        cached.extract(ARTICLE)
    assert rows(engine) == []
    assert len(cached.extract(ARTICLE).drafts) == 1  # tried again, not served a failure
    assert len(server.received) == 2 and len(rows(engine)) == 1


def _seed(engine: Engine, extractor: str, created_at: datetime, tokens: int, tag: str) -> None:
    with Session(engine) as session:
        session.add(
            ExtractionRun(
                content_hash=content_hash(tag),
                extractor=extractor,
                version="old",
                prompt_tokens=tokens - tokens // 3,
                completion_tokens=tokens // 3,
                created_at=created_at,
            )
        )
        session.commit()


def test_budget_exhaustion_falls_back_and_logs_once_per_day(
    engine: Engine,
    server: FakeOpenAI,
    extractor: LLMExtractor,
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Clock(datetime(2025, 6, 2, 10, 0, tzinfo=UTC))
    # counted: today's llm runs (600). Not counted: yesterday's, and the rules extractor's.
    _seed(engine, "llm", datetime(2025, 6, 1, 23, 59, 59, tzinfo=UTC), 900, "yesterday")
    _seed(engine, "llm", datetime(2025, 6, 2, 0, 0, tzinfo=UTC), 600, "midnight")
    _seed(engine, "rules", datetime(2025, 6, 2, 9, 0, tzinfo=UTC), 10_000, "rules")
    rules = FakeRules()
    cached = CachedExtractor(engine, extractor, rules, budget=1000, clock=clock)
    assert cached.spent_today(clock.now) == 600

    server.reply(score_reply(300, 150))  # 600 + 450 = 1050: over the budget afterwards
    articles = [
        ArticleText(text=f"{QUOTE}. Story {i}.", published=date(2025, 6, 2)) for i in range(4)
    ]
    with caplog.at_level(logging.INFO, logger="bot.extract.cache"):
        assert cached.extract(articles[0]).extractor == "llm"
        assert cached.extract(articles[1]).extractor == "rules"
        assert cached.extract(articles[2]).extractor == "rules"
        # an article already extracted is still served from the cache: it costs nothing
        assert cached.extract(articles[0]).extractor == "llm"
    assert len(server.received) == 1 and rules.calls == 2
    exhausted = [r.getMessage() for r in caplog.records if "budget_exhausted" in r.getMessage()]
    assert len(exhausted) == 1
    assert "spent=1050" in exhausted[0] and "budget=1000" in exhausted[0]
    assert "day=2025-06-02" in exhausted[0] and "fallback=rules" in exhausted[0]

    clock.now += timedelta(days=1)  # 00:00 UTC resets the budget
    server.reply(score_reply())
    assert cached.extract(articles[3]).extractor == "llm"
    assert len(server.received) == 2


def test_budget_exhausted_without_fallback_raises(
    engine: Engine, server: FakeOpenAI, extractor: LLMExtractor
) -> None:
    cached = CachedExtractor(engine, extractor, budget=0)
    with pytest.raises(BudgetExhausted, match="budget is spent"):
        cached.extract(ARTICLE)
    assert server.received == []


class Failing:
    name = "llm"
    version = "v"

    def extract(self, article: ArticleText) -> ExtractionResult:
        raise ExtractionError("boom", prompt_tokens=800, completion_tokens=100)


def test_tokens_spent_on_failures_count_against_the_budget(engine: Engine) -> None:
    clock = Clock(datetime(2025, 6, 2, 10, 0, tzinfo=UTC))
    rules = FakeRules()
    cached = CachedExtractor(engine, Failing(), rules, budget=500, clock=clock)
    with pytest.raises(ExtractionError):
        cached.extract(ARTICLE)
    assert cached.spent_today(clock.now) == 900
    assert cached.extract(ARTICLE).extractor == "rules"


class Fixed:
    """An inner extractor with a fixed result; `before` runs first (to stage a race)."""

    name = "llm"
    version = "v"

    def __init__(self, before: Callable[[ArticleText], object] | None = None) -> None:
        self.before = before

    def extract(self, article: ArticleText) -> ExtractionResult:
        if self.before:
            self.before(article)
        return ExtractionResult(prompt_tokens=7, completion_tokens=3, extractor="llm", version="v")


def test_a_concurrent_writer_wins_the_race_without_an_error(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    other = CachedExtractor(engine, Fixed())
    # while this worker waits for its model, another worker stores the same content
    mine = CachedExtractor(engine, Fixed(before=other.extract))
    with caplog.at_level(logging.INFO, logger="bot.extract.cache"):
        result = mine.extract(ARTICLE)
    assert result.prompt_tokens == 7
    assert len(rows(engine)) == 1
    assert any("extract.cache.race" in r.getMessage() for r in caplog.records)
    # the lost race's tokens were spent all the same
    assert mine.spent_today(datetime.now(UTC)) == 20


def test_make_extractor_wires_the_cached_llm_with_the_rules_fallback(
    engine: Engine, server: FakeOpenAI, settings: Settings
) -> None:
    from bot.extract import make_extractor

    extractor = make_extractor(
        settings.model_copy(update={"llm_daily_token_budget": 10**6}), engine, "llm"
    )
    assert isinstance(extractor, CachedExtractor)
    assert isinstance(extractor.inner, LLMExtractor) and extractor.fallback is not None
    assert extractor.fallback.name == "rules"
    server.reply(score_reply())
    assert [type(d) for d in extractor.extract(ARTICLE).drafts] == [ScoreValue]
    assert [type(d) for d in extractor.extract(ARTICLE).drafts] == [ScoreValue]
    assert len(server.received) == 1
