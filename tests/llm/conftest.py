"""Fixtures for the LLM extractor tests: a fake OpenAI server and an extractor on it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pydantic import SecretStr

from bot.config import Settings
from bot.extract.llm import LLMExtractor
from tests.llm.llm_support import FakeOpenAI, SleepRecorder


@pytest.fixture
def server() -> Iterator[FakeOpenAI]:
    fake = FakeOpenAI().start()
    yield fake
    fake.stop()


@pytest.fixture
def settings(server: FakeOpenAI) -> Settings:
    return Settings(
        openai_api_key=SecretStr("sk-test-key"),
        openai_base_url=server.base_url,
        llm_model="test-model",
    )


@pytest.fixture
def sleeps() -> SleepRecorder:
    return SleepRecorder()


@pytest.fixture
def extractor(settings: Settings, sleeps: SleepRecorder) -> LLMExtractor:
    return LLMExtractor(settings, sleep=sleeps, timeout=5.0)
