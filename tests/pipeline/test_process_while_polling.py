"""Articles are checked while the poll is still storing them: an empty queue is waited
on while more may come, an article stored as the poll ends is still checked, and a
shutdown ends the wait."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

import bot.processing as processing
from bot.config import Settings
from bot.extract import GatedResult
from bot.extract.base import ArticleText
from bot.extract.gate import GateDecision
from bot.processing import process_pending
from bot.runtime import Runtime
from bot.sources import SourcesFile
from store.db import session_scope
from store.models import Article, Source

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class _NoExtractor:
    name, version = "none", "1"

    def extract(self, article: ArticleText) -> object:
        raise AssertionError("extract_article is replaced in this test")


def _runtime() -> Runtime:
    return Runtime(
        config=SourcesFile(),
        settings=Settings(),
        extractor=_NoExtractor(),  # type: ignore[arg-type]
        senders={},
        owner="test-owner",
        clock=lambda: NOW,
    )


def _rejecting(text: ArticleText, extractor: object) -> GatedResult:
    return GatedResult(GateDecision(passed=False, reasons=("no ranking words",)))


def _storer(engine: sa.Engine) -> Callable[[str], None]:
    """Stores an article the way a poll does (unprocessed, unleased)."""
    with session_scope(engine) as s:
        src = Source(name="s", url="https://example.com/feed")
        s.add(src)
        s.flush()
        assert src.id is not None
        source_id = src.id

    def store(title: str) -> None:
        with session_scope(engine) as s:
            s.add(Article(source_id=source_id, dedupe_key=title, title=title, content_hash=title))

    return store


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(processing, "extract_article", _rejecting)
    monkeypatch.setattr(processing, "WAIT_FOR_ARTICLES_S", 0.01)


def _processed(engine: sa.Engine) -> dict[str, bool]:
    with Session(engine) as s:
        return {a.title or "": a.processed_at is not None for a in s.exec(select(Article))}


def test_an_empty_queue_is_waited_on_while_the_poll_stores_more(engine: sa.Engine) -> None:
    store = _storer(engine)
    asked = 0

    def more_coming() -> bool:
        nonlocal asked
        asked += 1
        if asked == 3:  # the queue was empty twice; then the poll stores a source
            store("late")
        return asked < 5

    done, _, _ = process_pending(engine, _runtime(), more_coming=more_coming)

    assert done == 1
    assert _processed(engine) == {"late": True}
    assert asked == 5  # it stopped waiting once nothing more could come


def test_an_article_stored_as_the_poll_ends_is_still_checked(engine: sa.Engine) -> None:
    store = _storer(engine)

    def more_coming() -> bool:
        store("last")  # stored, then the poll is over: the take after this sees it
        return False

    done, _, _ = process_pending(engine, _runtime(), more_coming=more_coming, limit=1)

    assert done == 1
    assert _processed(engine) == {"last": True}


def test_a_shutdown_ends_the_wait(engine: sa.Engine) -> None:
    _storer(engine)
    asked = 0

    def should_stop() -> bool:
        return asked >= 3

    def more_coming() -> bool:
        nonlocal asked
        asked += 1
        return True  # a poll that never ends

    assert process_pending(
        engine, _runtime(), should_stop=should_stop, more_coming=more_coming
    ) == (0, 0, 0)
    assert asked == 3
