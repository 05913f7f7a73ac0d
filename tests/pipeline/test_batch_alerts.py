"""A batch's alerts, planned article by article and written in one statement once its
verdicts are flushed, are the rows `enqueue_alerts` writes one verdict at a time: a
claim only baseline articles make never alerts, fresh news repeating it does (once),
and a verdict changed within the batch alerts for each verdict it had."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from sqlmodel import Session, col, select

import bot.processing as processing
from bot.config import Settings
from bot.extract import GatedResult
from bot.extract.base import ArticleText, ExtractionResult
from bot.extract.gate import GateDecision
from bot.processing import process_pending
from bot.runtime import Runtime
from bot.sources import SourcesFile, destination
from store.db import session_scope
from store.models import Alert, Article, Claim, Source, Verdict
from store.record import record_article_claims
from tests.alerts.alerts_support import id_of
from tests.store.store_support import draft, judgement

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
OLD, NEW = date(2025, 3, 1), date(2025, 3, 2)  # two claims, told apart by their date
WEBHOOK = destination(name="team", kind="discord_webhook", webhook_env="HOOK")


class _NoExtractor:
    name, version = "none", "1"

    def extract(self, article: ArticleText) -> ExtractionResult:
        raise AssertionError("extract_article is replaced in this test")


def test_batch_alerts_follow_baseline_repeats_and_changes(
    engine: sa.Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # title -> (baseline?, the claim it makes, the judge's label for it)
    batch = {
        "baseline new": (True, NEW, "supported"),  # only baseline: no alert
        "fresh repeat": (False, OLD, "supported"),  # OLD stood, baseline only: alerts now
        "fresh change": (False, NEW, "contradicted"),  # NEW changes, now fresh: alerts
        "fresh change back": (False, NEW, "supported"),  # changes again: alerts again
        "baseline repeat": (True, OLD, "supported"),  # nothing new
    }
    with session_scope(engine) as s:
        src = Source(name="s", url="https://example.com/feed")
        s.add(src)
        s.flush()
        earlier = Article(source_id=id_of(src), dedupe_key="k", content_hash="h", baseline=True)
        s.add(earlier)
        s.flush()
        # OLD was first made by a baseline article, so it has a verdict and no alert
        record_article_claims(s, id_of(earlier), [draft(OLD)], [judgement()], now=NOW)
        s.execute(sa.update(Article).values(processed_at=NOW))
        for i, (title, (baseline, _, _)) in enumerate(batch.items()):
            s.add(
                Article(
                    source_id=id_of(src),
                    dedupe_key=f"k{i}",
                    title=title,
                    content_hash=f"h{i}",
                    baseline=baseline,
                )
            )

    def fake_extract(text: ArticleText, extractor: object) -> GatedResult:
        assert text.title is not None
        result = ExtractionResult(extractor="rules", version="1")
        result.drafts = [draft(batch[text.title][1], start=len(text.title))]
        return GatedResult(GateDecision(passed=True, reasons=("test",)), result)

    labels = iter(lab for _, _, lab in batch.values())  # the judge, draft by draft
    monkeypatch.setattr(processing, "extract_article", fake_extract)
    rt = Runtime(
        config=SourcesFile(destinations=[WEBHOOK]),
        settings=Settings(),
        extractor=_NoExtractor(),
        senders={},
        owner="test-owner",
        clock=lambda: NOW,
    )
    monkeypatch.setattr(rt, "current_judge", lambda engine: lambda _: judgement(next(labels)))
    assert process_pending(engine, rt)[0] == len(batch)

    with Session(engine) as s:
        claim_day = {id_of(c): c.as_of for c in s.exec(select(Claim))}
        verdicts = {id_of(v): v for v in s.exec(select(Verdict))}
        alerts = s.exec(select(Alert).order_by(col(Alert.id))).all()
    got = [(claim_day[a.claim_id or 0], verdicts[a.verdict_id or 0].label, a.kind) for a in alerts]
    assert got == [
        (OLD, "supported", "new"),  # the baseline-only claim, repeated by fresh news
        (NEW, "contradicted", "change"),
        (NEW, "supported", "change"),
    ]
    assert len({a.idempotency_key for a in alerts}) == len(alerts)
