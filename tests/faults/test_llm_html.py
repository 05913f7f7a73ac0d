"""An OpenAI-compatible URL that answers 200 with an HTML page (a proxy's sign-in or
error page) is an extraction error with its reason, retried later like an outage,
not an AttributeError out of the extractor."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from bot.config import Settings
from bot.extract.base import ArticleText
from bot.extract.llm import ExtractionError, LLMExtractor, RetryPolicy
from tests.faults.faults_support import HostileHTTP


@pytest.fixture
def hostile() -> Iterator[HostileHTTP]:
    server = HostileHTTP()
    yield server
    server.close()


def test_a_200_html_page_is_an_extraction_error(hostile: HostileHTTP) -> None:
    settings = Settings(openai_base_url=hostile.url("/html/v1"), llm_model="some-model")
    extractor = LLMExtractor(settings, sleep=lambda _s: None, retry=RetryPolicy(attempts=1))
    article = ArticleText(
        text="DeepSeek-V3 beats Llama-3.1-405B on LMArena.", published=date(2025, 2, 3)
    )
    with pytest.raises(ExtractionError) as err:
        extractor.extract(article)
    assert "not a chat completion" in str(err.value)
    assert any(h.startswith("/html/v1/chat/completions") for h in hostile.hits)
