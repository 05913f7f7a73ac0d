"""The LLM extractor's failure handling against a real local OpenAI-compatible server:
refusals, rate limits, server errors, timeouts, truncated and invalid output, and
servers without json_schema support."""

from __future__ import annotations

import json
import logging
import socket
from datetime import date

import pytest
from pydantic import SecretStr

from bot.config import Settings
from bot.extract.base import ArticleText
from bot.extract.llm import ExtractionError, LLMExtractor, RetryPolicy
from store.claims import PairwiseComparison, ScoreValue
from tests.llm.llm_support import (
    FakeOpenAI,
    Received,
    Reply,
    SleepRecorder,
    chat,
    claims,
    error,
    item,
)

TEXT = "Open models are closing in.\n\nSeparately, GLM-4.5 scores 1434 on LMArena."
ARTICLE = ArticleText(text=TEXT, published=date(2025, 2, 3), source="Example News")


def test_refusal_gives_no_claims_and_is_logged(
    server: FakeOpenAI, extractor: LLMExtractor, caplog: pytest.LogCaptureFixture
) -> None:
    server.reply(
        chat(None, refusal="I can't help with that.", prompt_tokens=50, completion_tokens=5)
    )
    with caplog.at_level(logging.WARNING, logger="bot.extract.llm"):
        result = extractor.extract(ARTICLE)
    assert result.drafts == [] and result.dropped == 0
    assert (result.prompt_tokens, result.completion_tokens) == (50, 5)
    assert any("extract.llm.refused" in r.getMessage() for r in caplog.records)


def test_429_honours_retry_after_with_a_cap(
    server: FakeOpenAI, extractor: LLMExtractor, sleeps: SleepRecorder
) -> None:
    ok = claims(item("score_value", "GLM-4.5 scores 1434 on LMArena", model="GLM-4.5", value=1434))
    server.reply(
        error(429, "slow down", {"retry-after": "7"}),
        error(429, "slow down", {"retry-after": "3600"}),  # capped at 60
        error(429, "slow down", {"retry-after-ms": "1500"}),
        ok,
    )
    result = extractor.extract(ARTICLE)
    assert len(result.drafts) == 1
    assert sleeps.waits == [7.0, 60.0, 1.5]
    assert len(server.received) == 4


def test_500s_are_retried_with_exponential_backoff(
    server: FakeOpenAI, extractor: LLMExtractor, sleeps: SleepRecorder
) -> None:
    server.reply(
        error(500, "boom"),
        error(503, "overloaded"),
        claims(item("score_value", "GLM-4.5 scores 1434 on LMArena", model="GLM-4.5", value=1434)),
    )
    result = extractor.extract(ARTICLE)
    assert len(result.drafts) == 1
    assert sleeps.waits == [1.0, 2.0]


def test_persistent_500_raises_extraction_error_after_bounded_attempts(
    server: FakeOpenAI, extractor: LLMExtractor, sleeps: SleepRecorder
) -> None:
    server.default = error(502, "bad gateway")
    with pytest.raises(ExtractionError, match="HTTP 502 after retries") as info:
        extractor.extract(ARTICLE)
    assert info.value.retryable is True
    assert len(server.received) == RetryPolicy().attempts == 5
    assert sleeps.waits == [1.0, 2.0, 4.0, 8.0]


def test_auth_error_is_not_retried(server: FakeOpenAI, extractor: LLMExtractor) -> None:
    server.reply(error(401, "bad key"))
    with pytest.raises(ExtractionError, match="HTTP 401") as info:
        extractor.extract(ARTICLE)
    assert info.value.retryable is False
    assert len(server.received) == 1


def test_timeouts_are_retried(
    server: FakeOpenAI, settings: Settings, sleeps: SleepRecorder
) -> None:
    extractor = LLMExtractor(settings, sleep=sleeps, timeout=0.2)
    server.reply(
        Reply(status=200, body={}, delay=0.6),  # answers after the client gave up
        claims(item("score_value", "GLM-4.5 scores 1434 on LMArena", model="GLM-4.5", value=1434)),
    )
    assert len(extractor.extract(ARTICLE).drafts) == 1
    assert sleeps.waits == [1.0]


def test_unreachable_server_raises_after_attempts(sleeps: SleepRecorder) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = Settings(
        openai_base_url=f"http://127.0.0.1:{port}/v1",
        openai_api_key=SecretStr("k"),
        llm_model="m",
    )
    extractor = LLMExtractor(settings, sleep=sleeps, retry=RetryPolicy(attempts=3), timeout=2)
    with pytest.raises(ExtractionError, match="could not be reached after 3 attempts") as info:
        extractor.extract(ARTICLE)
    assert sleeps.waits == [1.0, 2.0]
    assert info.value.cause == "connection" and info.value.unavailable


def test_invalid_json_is_retried_once(server: FakeOpenAI, extractor: LLMExtractor) -> None:
    server.reply(
        chat('{"claims": [ {"type": "score_val', prompt_tokens=10, completion_tokens=3),
        claims(
            item("score_value", "GLM-4.5 scores 1434 on LMArena", model="GLM-4.5", value=1434),
            prompt_tokens=10,
            completion_tokens=7,
        ),
    )
    result = extractor.extract(ARTICLE)
    assert len(result.drafts) == 1
    assert (result.prompt_tokens, result.completion_tokens) == (20, 10)  # both calls count


def test_invalid_json_twice_is_a_recorded_failure(
    server: FakeOpenAI, extractor: LLMExtractor
) -> None:
    server.reply(chat("not json", prompt_tokens=10, completion_tokens=2), chat('{"claim": []}'))
    with pytest.raises(ExtractionError, match="invalid JSON twice") as info:
        extractor.extract(ARTICLE)
    assert len(server.received) == 2
    assert info.value.prompt_tokens == 110  # the tokens spent are reported with the failure


def test_truncated_output_is_never_parsed_and_the_chunk_is_split(
    server: FakeOpenAI, settings: Settings, sleeps: SleepRecorder
) -> None:
    first = "DeepSeek-V3 beats Llama-3.1-405B on LMArena. " + "Filler sentence here. " * 20
    second = "GLM-4.5 scores 1434 on LMArena. " + "More filler text here. " * 20
    text = first.strip() + "\n\n" + second.strip()
    extractor = LLMExtractor(settings, sleep=sleeps, min_split_chars=100)
    # the cut-off reply holds a complete-looking item with an invented quote: parsing
    # the half JSON leniently would let it through
    half = json.dumps(
        {"claims": [item("rank_position", "Filler sentence here.", model="X", rank=1)]}
    )
    server.reply(chat(half[:-10], finish_reason="length"))

    def answer(req: Received) -> Reply:
        block = req.article_block
        if "DeepSeek-V3" in block:
            return claims(
                item(
                    "pairwise_comparison",
                    "DeepSeek-V3 beats Llama-3.1-405B on LMArena",
                    model_a="DeepSeek-V3",
                    model_b="Llama-3.1-405B",
                )
            )
        return claims(
            item("score_value", "GLM-4.5 scores 1434 on LMArena", model="GLM-4.5", value=1434)
        )

    server.reply(answer, answer)
    result = extractor.extract(ArticleText(text=text, published=date(2025, 8, 1)))
    assert len(server.received) == 3
    halves = [r.article_block for r in server.received[1:]]
    assert halves == [first.strip() + "\n\n", second.strip()]
    assert tuple(type(d) for d in result.drafts) == (PairwiseComparison, ScoreValue)
    for d in result.drafts:
        assert text[d.span[0] : d.span[1]] == d.quote
    assert result.drafts[1].span[0] == text.index("GLM-4.5")
    assert result.prompt_tokens == 300


def test_truncated_output_on_a_small_chunk_fails(
    server: FakeOpenAI, extractor: LLMExtractor
) -> None:
    server.reply(chat('{"claims": [', finish_reason="length"))
    with pytest.raises(ExtractionError, match="truncated"):
        extractor.extract(ARTICLE)


def test_json_schema_unsupported_falls_back_to_json_mode_and_remembers(
    server: FakeOpenAI, extractor: LLMExtractor
) -> None:
    # a JSON-mode reply from a local model: fenced, nullable fields omitted
    fenced = (
        "```json\n"
        + json.dumps(
            {
                "claims": [
                    {
                        "type": "score_value",
                        "statement": "s",
                        "quote": "GLM-4.5 scores 1434",
                        "model": "GLM-4.5",
                        "value": 1434,
                    }
                ]
            }
        )
        + "\n```"
    )
    server.reply(
        error(400, "response_format type 'json_schema' is not supported by this server"),
        chat(fenced),
        chat(fenced),
    )
    first = extractor.extract(ARTICLE)
    assert [type(d) for d in first.drafts] == [ScoreValue]
    assert extractor.json_mode is True
    second = extractor.extract(ARTICLE)
    assert len(second.drafts) == 1

    formats = [r.body["response_format"] for r in server.received]
    assert formats[0]["type"] == "json_schema"
    assert formats[1:] == [{"type": "json_object"}, {"type": "json_object"}]  # remembered
    # in JSON mode the schema travels in the system prompt, the article still as data
    assert '"additionalProperties": false' in server.received[1].message("system")
    assert server.received[1].article_block == TEXT


def test_other_400s_fail_without_fallback(server: FakeOpenAI, extractor: LLMExtractor) -> None:
    server.reply(error(400, "This model's maximum context length is 8192 tokens"))
    with pytest.raises(ExtractionError, match="rejected the request") as info:
        extractor.extract(ARTICLE)
    assert info.value.retryable is False
    assert extractor.json_mode is False and len(server.received) == 1


def test_unreadable_responses_are_extraction_errors(
    server: FakeOpenAI, extractor: LLMExtractor
) -> None:
    server.reply(Reply(raw="<html>502 from a proxy</html>"), Reply(body={}))
    with pytest.raises(ExtractionError, match="unreadable response"):
        extractor.extract(ARTICLE)
    with pytest.raises(ExtractionError, match="no choices"):
        extractor.extract(ARTICLE)


def test_a_400_in_json_mode_is_an_extraction_error(
    server: FakeOpenAI, extractor: LLMExtractor
) -> None:
    server.reply(
        error(400, "unknown parameter response_format.json_schema"),
        error(400, "response_format json_object needs the word JSON"),
    )
    with pytest.raises(ExtractionError, match="JSON mode") as info:
        extractor.extract(ARTICLE)
    assert info.value.retryable is False and len(server.received) == 2
