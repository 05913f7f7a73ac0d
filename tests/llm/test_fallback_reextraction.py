"""An article the rules read while the LLM endpoint was down is read again by the LLM
once it answers: its rules claims stand (and alert) at once, the article stays pending,
and a later pass extracts it with the LLM; a claim both found is one claim, alerted once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, select

from bot.config import Settings
from bot.extract import make_extractor
from bot.processing import process_pending
from bot.runtime import Runtime
from bot.sources import SourcesFile
from store.articles import FALLBACK_RETRY, FALLBACK_WINDOW
from store.db import session_scope
from store.models import Appearance, Article, Claim, ExtractionRun, Source
from tests.alerts.alerts_support import id_of
from tests.llm.llm_support import FakeOpenAI, claims, closed_port, item, llm_settings

T0 = datetime(2025, 2, 3, 12, 0, tzinfo=UTC)
BODY = "DeepSeek-V3 beats Llama-3.1-405B on LMArena, according to the latest board."
REPLY = claims(
    item(
        "pairwise_comparison",
        "DeepSeek-V3 beats Llama-3.1-405B on LMArena",
        "s",
        model_a="DeepSeek-V3",
        model_b="Llama-3.1-405B",
        relation="beats",
        board="lmarena-text",
    )
)


def _runtime(engine: sa.Engine, settings: Settings, now: datetime) -> Runtime:
    return Runtime(
        config=SourcesFile(),
        settings=settings,
        extractor=make_extractor(settings, engine, "auto"),
        senders={},
        owner="only",
        clock=lambda: now,
    )


def _article(engine: sa.Engine, fetched: datetime) -> int:
    with session_scope(engine) as s:
        src = Source(name="news", url="https://example.org/feed")
        s.add(src)
        s.flush()
        row = Article(
            source_id=id_of(src),
            dedupe_key="k1",
            title="Open models",
            content=BODY,
            content_hash="h1",
            published_at=T0,
            fetched_at=fetched,
        )
        s.add(row)
        s.flush()
        assert row.id is not None
        return row.id


def test_the_llm_reads_again_what_the_rules_read_in_an_outage(
    engine: sa.Engine, server: FakeOpenAI
) -> None:
    article_id = _article(engine, T0)
    dead = llm_settings(f"http://127.0.0.1:{closed_port()}/v1")
    assert process_pending(engine, _runtime(engine, dead, T0))[1] == 1  # the rules' claim
    with Session(engine) as s:
        row = s.get(Article, article_id)
        assert row is not None and row.processed_at is None  # pending for the LLM
        assert row.lease_until is not None
        assert row.lease_until.replace(tzinfo=UTC) == T0 + FALLBACK_RETRY
        assert s.exec(select(ExtractionRun)).all() == []  # a fallback is never cached

    # before the retry is due nothing is taken again
    server.reply(REPLY)
    live = llm_settings(server.base_url)
    assert process_pending(engine, _runtime(engine, live, T0 + timedelta(minutes=5)))[0] == 0
    assert server.received == []

    later = T0 + FALLBACK_RETRY + timedelta(minutes=1)
    process_pending(engine, _runtime(engine, live, later))
    assert len(server.received) == 1
    with Session(engine) as s:
        row = s.get(Article, article_id)
        assert row is not None and row.processed_at is not None
        # the LLM's claim is the rules' claim: one claim, read twice
        found = s.exec(select(Claim)).all()
        assert len(found) == 1, [c.data for c in found]
        # at the same place in the same article: one appearance, kept from the first read
        assert len(s.exec(select(Appearance)).all()) == 1
        assert [r.extractor for r in s.exec(select(ExtractionRun)).all()] == ["llm"]


def test_an_old_article_is_not_kept_waiting_for_the_llm(engine: sa.Engine) -> None:
    article_id = _article(engine, T0 - FALLBACK_WINDOW - timedelta(hours=1))
    dead = llm_settings(f"http://127.0.0.1:{closed_port()}/v1")
    process_pending(engine, _runtime(engine, dead, T0))
    with Session(engine) as s:
        row = s.get(Article, article_id)
        assert row is not None and row.processed_at is not None
