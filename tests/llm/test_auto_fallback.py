"""`--extractor auto` falls back to the offline rules when the LLM endpoint is
unavailable (a closed port, a server that never answers, a spent budget), logs the
outage once with its cause, and uses the LLM again once the endpoint answers."""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy.engine import Engine

from bot.extract import make_extractor
from bot.extract.base import ArticleText
from bot.extract.fallback import FallingBackExtractor
from bot.extract.llm import ExtractionError, LLMExtractor, RetryPolicy
from tests.llm.llm_support import FakeOpenAI, Reply, claims, closed_port, item, llm_settings

TEXT = "DeepSeek-V3 beats Llama-3.1-405B on LMArena, according to the latest board."
ARTICLE = ArticleText(text=TEXT, published=date(2025, 2, 3), title="Open models", source="X")
REPLY = claims(
    item(
        "pairwise_comparison",
        "DeepSeek-V3 beats Llama-3.1-405B on LMArena",
        "s",
        model_a="DeepSeek-V3",
        model_b="Llama-3.1-405B",
        relation="beats",
    )
)


@pytest.fixture
def hung_server() -> Iterator[str]:
    """Accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
                held.append(conn)
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/v1"
    stop.set()
    thread.join(timeout=2)
    for conn in held:
        conn.close()
    listener.close()


def _outage_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "extract.llm.unavailable" in r.getMessage()]


def test_a_refused_connection_falls_back_to_the_rules_and_is_logged_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    chosen = make_extractor(llm_settings(f"http://127.0.0.1:{closed_port()}/v1"), None, "auto")
    with caplog.at_level(logging.INFO):
        first = chosen.extract(ARTICLE)
        second = chosen.extract(ARTICLE)
    for result in (first, second):
        assert result.extractor == "rules" and result.fallback_from == "llm"
        assert result.drafts, "the rules still find the comparison"
    [line] = _outage_lines(caplog)
    assert "cause=connection" in line and "fallback=rules" in line


def test_a_server_that_never_answers_falls_back_at_the_deadline(
    hung_server: str, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.extract import RulesExtractor, make_gazetteer

    llm = LLMExtractor(
        llm_settings(hung_server), timeout=0.5, deadline=1.0, retry=RetryPolicy(attempts=2)
    )
    chosen = FallingBackExtractor(llm, RulesExtractor(make_gazetteer()))
    with caplog.at_level(logging.INFO):
        result = chosen.extract(ARTICLE)
    assert result.extractor == "rules" and result.fallback_from == "llm"
    [line] = _outage_lines(caplog)
    assert "cause=timeout" in line


def test_the_llm_is_used_again_once_the_endpoint_answers(
    server: FakeOpenAI, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.extract import RulesExtractor, make_gazetteer

    clock = [0.0]
    dead = LLMExtractor(
        llm_settings(f"http://127.0.0.1:{closed_port()}/v1"),
        retry=RetryPolicy(connection_attempts=1),
    )
    chosen = FallingBackExtractor(
        dead, RulesExtractor(make_gazetteer()), probe_after=60, monotonic=lambda: clock[0]
    )
    with caplog.at_level(logging.INFO):
        assert chosen.extract(ARTICLE).fallback_from == "llm"
        # the endpoint comes back (here: the client now points at a live server)
        chosen.primary = LLMExtractor(llm_settings(server.base_url))
        server.reply(REPLY)
        clock[0] = 30.0  # still inside the probe interval: the rules, no request
        assert chosen.extract(ARTICLE).fallback_from == "llm"
        assert server.received == []
        clock[0] = 61.0
        back = chosen.extract(ARTICLE)
    assert back.extractor == "llm" and back.fallback_from is None and len(back.drafts) == 1
    assert any("extract.llm.recovered" in r.getMessage() for r in caplog.records)


def test_a_spent_budget_falls_back_and_the_cache_keeps_no_rules_result(
    engine: Engine, server: FakeOpenAI, caplog: pytest.LogCaptureFixture
) -> None:
    from sqlmodel import Session, select

    from store.models import ExtractionRun

    settings = llm_settings(server.base_url)
    settings.llm_daily_token_budget = 0  # no LLM call today
    chosen = make_extractor(settings, engine, "auto")
    with caplog.at_level(logging.INFO):
        result = chosen.extract(ARTICLE)
    assert result.extractor == "rules" and result.fallback_from == "llm"
    assert "cause=budget" in _outage_lines(caplog)[0]
    assert server.received == []
    with Session(engine) as session:
        assert session.exec(select(ExtractionRun)).all() == []


def test_an_article_level_failure_is_raised_not_hidden(server: FakeOpenAI) -> None:
    """A reply the server rejects (HTTP 400) is about this article: no fallback."""
    server.reply(Reply(status=400, body={"error": {"message": "context length exceeded"}}))
    chosen = make_extractor(llm_settings(server.base_url), None, "auto")
    with pytest.raises(ExtractionError, match="rejected"):
        chosen.extract(ARTICLE)
