"""Fixtures for the poller tests: a local feed server and the app settings."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.config import Settings
from tests.poller.poller_support import FeedServer


@pytest.fixture
def server() -> Iterator[FeedServer]:
    s = FeedServer()
    yield s
    s.close()


@pytest.fixture
def app_settings() -> Settings:
    return Settings(contact="mailto:ops@claimwatch.test")
