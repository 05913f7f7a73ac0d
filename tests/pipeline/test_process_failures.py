"""One article whose processing fails unexpectedly neither stalls the batch nor is lost:
the others are checked, it stays pending and leased for a later retry, and the failure
is logged with its cause."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

import bot.processing as processing
from bot.alerts.outbox import AlertBatch
from bot.config import Settings
from bot.extract import GatedResult
from bot.extract.base import ArticleText, ExtractionResult
from bot.extract.gate import GateDecision
from bot.processing import process_pending, recheck_claims
from bot.runtime import Runtime
from bot.sources import SourcesFile
from store.articles import EXTRACTION_RETRY, CheckedArticle
from store.claims import ClaimDraft, Judgement
from store.db import session_scope
from store.models import Article, Claim, Source, Verdict
from store.record import record_article_claims
from tests.alerts.alerts_support import id_of
from tests.store.store_support import draft, judgement

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class _NoExtractor:
    name, version = "none", "1"

    def extract(self, article: ArticleText) -> ExtractionResult:
        raise AssertionError("extract_article is replaced in this test")


def _runtime() -> Runtime:
    """A runtime whose extractor is never called (extract_article is replaced)."""
    return Runtime(
        config=SourcesFile(),
        settings=Settings(),
        extractor=_NoExtractor(),
        senders={},
        owner="test-owner",
        clock=lambda: NOW,
    )


def test_an_unexpected_error_skips_one_article_not_the_batch(
    engine: sa.Engine, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    with session_scope(engine) as s:
        src = Source(name="s", url="https://example.com/feed")
        s.add(src)
        s.flush()
        for i, title in enumerate(["first", "poison", "third"]):
            s.add(
                Article(source_id=id_of(src), dedupe_key=f"k{i}", title=title, content_hash=f"h{i}")
            )

    def fake_extract(text: ArticleText, extractor: object) -> GatedResult:
        if text.title == "poison":
            raise KeyError("a bug this article's text runs into")
        return GatedResult(GateDecision(passed=False, reasons=("no ranking words",)))

    monkeypatch.setattr(processing, "extract_article", fake_extract)
    rt = _runtime()
    with caplog.at_level(logging.WARNING, logger="bot.processing"):
        articles, claims, _ = process_pending(engine, rt)

    assert (articles, claims) == (2, 0)  # "first" and "third"; "poison" failed
    with Session(engine) as s:
        rows = {a.title: a for a in s.exec(select(Article))}
    assert rows["first"].processed_at is not None
    assert rows["third"].processed_at is not None
    poison = rows["poison"]
    assert poison.processed_at is None  # not lost: still pending
    assert poison.lease_owner == "test-owner"
    assert poison.lease_until is not None
    assert poison.lease_until.replace(tzinfo=UTC) == NOW + EXTRACTION_RETRY  # retried later
    failed = [r for r in caplog.records if "article.failed" in r.getMessage()]
    assert len(failed) == 1
    assert f"article={poison.id}" in failed[0].getMessage()
    assert "a bug this article" in failed[0].getMessage()
    assert any(r.exc_info and r.exc_info[0] is KeyError for r in caplog.records)


def test_a_claim_the_judge_fails_on_does_not_block_its_batch(
    engine: sa.Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with session_scope(engine) as s:
        src = Source(name="s", url="https://example.com/feed")
        s.add(src)
        s.flush()
        art = Article(source_id=id_of(src), dedupe_key="k", content_hash="h")
        s.add(art)
        s.flush()
        drafts: list[ClaimDraft] = [draft(datetime(2025, 3, d).date(), start=0) for d in (1, 2, 3)]
        record_article_claims(s, id_of(art), drafts, [judgement("supported")] * 3, now=NOW)
        s.execute(sa.update(Claim).values(recheck_after=NOW))
    with Session(engine) as s:
        ids = sorted(id_of(c) for c in s.exec(select(Claim)))
    bad = ids[1]

    def judge(claim: ClaimDraft) -> Judgement:
        if claim.as_of.day == 2:
            raise ValueError("the judge trips on this claim")
        return judgement("contradicted")

    rt = _runtime()
    monkeypatch.setattr(rt, "current_judge", lambda engine: judge)
    checked, changed = recheck_claims(engine, rt)

    assert (checked, changed) == (2, 2)
    with Session(engine) as s:
        claims = {c.id: c for c in s.exec(select(Claim))}
        current = {v.claim_id: v.label for v in s.exec(select(Verdict)) if v.superseded_at is None}
    assert current == {ids[0]: "contradicted", bad: "supported", ids[2]: "contradicted"}
    assert claims[bad].recheck_after is not None  # still marked: retried after its lease
    assert claims[bad].lease_owner == "test-owner"
    assert claims[ids[0]].recheck_after is None and claims[ids[2]].recheck_after is None


def rows_ids(engine: sa.Engine) -> list[int]:
    with Session(engine) as s:
        return [i for i in s.exec(select(Article.id)) if i is not None]


def test_an_article_whose_rows_cannot_be_written_fails_alone(
    engine: sa.Engine, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The batch is written in one transaction; when that fails, each article is written
    in its own, so the others are kept and only the culprit waits for a retry."""
    with session_scope(engine) as s:
        src = Source(name="s", url="https://example.com/feed")
        s.add(src)
        s.flush()
        for i, title in enumerate(["first", "unwritable", "third", "fourth"]):
            s.add(
                Article(source_id=id_of(src), dedupe_key=f"k{i}", title=title, content_hash=f"h{i}")
            )
    with Session(engine) as s:
        bad_id = s.exec(select(Article.id).where(Article.title == "unwritable")).one()
    assert bad_id is not None

    def fake_extract(text: ArticleText, extractor: object) -> GatedResult:
        return GatedResult(GateDecision(passed=False, reasons=("no ranking words",)))

    real_on_recorded = processing._on_recorded
    calls: list[int] = []

    def on_recorded(session: Session, alerts: AlertBatch, item: CheckedArticle, *rest: Any) -> None:
        calls.append(item.article_id)
        if item.article_id == bad_id:
            raise RuntimeError("a row this article cannot write")
        real_on_recorded(session, alerts, item, *rest)

    monkeypatch.setattr(processing, "extract_article", fake_extract)
    monkeypatch.setattr(processing, "_on_recorded", on_recorded)
    rt = _runtime()
    with caplog.at_level(logging.WARNING, logger="bot.processing"):
        articles, claims, _ = process_pending(engine, rt)

    assert (articles, claims) == (3, 0)
    # the batch's transaction stopped at the culprit, then each article alone
    first_try = calls[: calls.index(bad_id) + 1]
    assert first_try == sorted(first_try)
    assert sorted(calls[len(first_try) :]) == sorted(rows_ids(engine))
    with Session(engine) as s:
        rows = {a.title: a for a in s.exec(select(Article))}
    assert all(rows[t].processed_at is not None for t in ("first", "third", "fourth"))
    bad = rows["unwritable"]
    assert bad.processed_at is None and bad.lease_owner == "test-owner"
    assert bad.lease_until is not None
    assert bad.lease_until.replace(tzinfo=UTC) == NOW + EXTRACTION_RETRY
    messages = [r.getMessage() for r in caplog.records]
    assert any("batch.write_failed" in m for m in messages)
    assert any("article.failed" in m and f"article={bad_id}" in m for m in messages)
