"""Recording claims and verdicts: dedupe across articles, history, changes, leases."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import Session, col, select

from store import leases
from store.claims import ClaimDraft, Judgement, claim_dedupe_key
from store.db import session_scope
from store.models import Appearance, Article, Claim, Source, Verdict, utcnow
from store.record import apply_judgement, create_claims, prefetch, record_article_claims
from tests.alerts.alerts_support import id_of
from tests.store.store_support import articles, draft, judgement


def test_one_claim_many_articles_is_one_claim_one_verdict(engine: sa.Engine) -> None:
    ids = articles(engine, 3)
    all_changes = []
    for i, article_id in enumerate(ids):
        with session_scope(engine) as s:
            all_changes += record_article_claims(s, article_id, [draft(start=i)], [judgement()])
    with Session(engine) as s:
        assert len(s.exec(select(Claim)).all()) == 1
        assert len(s.exec(select(Appearance)).all()) == 3
        assert len(s.exec(select(Verdict)).all()) == 1
    assert len(all_changes) == 1 and all_changes[0].previous is None


def test_a_different_date_is_a_different_claim(engine: sa.Engine) -> None:
    (article_id,) = articles(engine, 1)
    with session_scope(engine) as s:
        changes = record_article_claims(
            s,
            article_id,
            [draft(date(2024, 8, 2)), draft(date(2025, 3, 1))],
            [judgement("contradicted"), judgement("supported")],
        )
    assert [c.verdict.label for c in changes] == ["contradicted", "supported"]


def test_changed_verdict_supersedes_and_keeps_history(engine: sa.Engine) -> None:
    (article_id,) = articles(engine, 1)
    with session_scope(engine) as s:
        record_article_claims(s, article_id, [draft()], [judgement("supported")])
    with session_scope(engine) as s:
        claim = s.exec(select(Claim)).one()
        assert apply_judgement(s, claim, judgement("supported")) is None
        change = apply_judgement(s, claim, judgement("outdated"))
        assert change is not None and change.previous is not None
        assert change.previous.label == "supported"
    with Session(engine) as s:
        history = s.exec(select(Verdict).order_by(col(Verdict.id))).all()
        assert [v.label for v in history] == ["supported", "outdated"]
        assert history[0].superseded_at is not None and history[1].superseded_at is None
        assert s.exec(select(Claim)).one().current_verdict == "outdated"


def test_leases_are_disjoint_and_expire(engine: sa.Engine) -> None:
    articles(engine, 5)
    due = col(Article.processed_at).is_(None)
    now = utcnow()
    with session_scope(engine) as s:
        first = leases.take(s, Article, due, owner="a", ttl=timedelta(minutes=5), limit=3, now=now)
    with session_scope(engine) as s:
        second = leases.take(s, Article, due, owner="b", ttl=timedelta(minutes=5), limit=3, now=now)
    assert len(first) == 3 and len(second) == 2 and not set(first) & set(second)
    later = now + timedelta(minutes=6)
    with session_scope(engine) as s:
        third = leases.take(
            s, Article, due, owner="c", ttl=timedelta(minutes=5), limit=9, now=later
        )
    assert sorted(third) == sorted(first + second)


def test_only_one_verdict_in_force_per_claim(engine: sa.Engine) -> None:
    (article_id,) = articles(engine, 1)
    with session_scope(engine) as s:
        record_article_claims(s, article_id, [draft()], [judgement("supported")])
    with Session(engine) as s:
        claim_id = id_of(s.exec(select(Claim)).one())
    with pytest.raises(sa.exc.IntegrityError), session_scope(engine) as s:
        s.add(Verdict(claim_id=claim_id, label="contradicted"))


def test_a_batch_with_prefetched_rows_records_what_claim_by_claim_does(engine: sa.Engine) -> None:
    """Prefetched rows (store.record.prefetch) stand in for the per-claim lookups and are
    kept current: a claim made twice in one batch is one claim, its verdict changes
    once, and an appearance already stored is not stored again."""
    ids = articles(engine, 3)
    with session_scope(engine) as s:  # stored before the batch: a claim with a verdict
        record_article_claims(s, ids[0], [draft()], [judgement("supported")])
    batch: list[tuple[int, list[ClaimDraft], list[Judgement]]] = [
        (ids[0], [draft()], [judgement("supported")]),  # the same appearance again
        (ids[1], [draft(), draft(date(2024, 8, 2))], [judgement("outdated")] * 2),
        (ids[2], [draft(date(2024, 8, 2), start=5)], [judgement("contradicted")]),
    ]
    with session_scope(engine) as s:
        known = prefetch(s, (d for _, drafts, _ in batch for d in drafts))
        assert len(known.claims) == 1  # the new date's claim does not exist yet
        changes = [
            c
            for article_id, drafts, judgements in batch
            for c in record_article_claims(s, article_id, drafts, judgements, known=known)
        ]
    assert [(c.verdict.label, c.previous.label if c.previous else None) for c in changes] == [
        ("outdated", "supported"),
        ("outdated", None),
        ("contradicted", "outdated"),
    ]
    with Session(engine) as s:
        claims = s.exec(select(Claim)).all()
        assert sorted(c.current_verdict or "" for c in claims) == ["contradicted", "outdated"]
        appearances = sorted((a.article_id, a.span_start) for a in s.exec(select(Appearance)))
        assert appearances == [(ids[0], 0), (ids[1], 0), (ids[1], 0), (ids[2], 5)]
        current = [v for v in s.exec(select(Verdict)) if v.superseded_at is None]
        assert len(current) == 2 and len(s.exec(select(Verdict)).all()) == 4


def test_a_batch_creates_its_new_claims_at_once_and_keeps_a_racers_row(
    engine: sa.Engine,
) -> None:
    """create_claims inserts what the batch's prefetch lacked; a claim another instance
    stored after that prefetch is read back, not duplicated, and its verdict is looked up."""
    early, late, racer = (draft(as_of=date(2025, 3, d)) for d in (1, 2, 3))
    with session_scope(engine) as s:
        record_article_claims(s, articles(engine, 1)[0], [early], [judgement()])
    with session_scope(engine) as s:
        known = prefetch(s, [early, late, racer])
        racer_id = _store_claim(engine, racer)  # another instance, after the prefetch
        create_claims(s, [early, late, late, racer], known, now=utcnow())
        assert {claim_dedupe_key(d) for d in (early, late, racer)} <= set(known.claims)
        assert known.claims[claim_dedupe_key(racer)].id == racer_id
        late_id = known.claims[claim_dedupe_key(late)].id
        assert late_id is not None
        assert known.verdicts[late_id] is None  # new: no verdict yet, nothing to query
        assert racer_id not in known.verdicts  # judged elsewhere: asked, not assumed
    with Session(engine) as s:
        assert len(s.exec(select(Claim)).all()) == 3


def _store_claim(engine: sa.Engine, claim: ClaimDraft) -> int:
    with session_scope(engine) as s:
        record_article_claims(s, _one_more_article(engine), [claim], [judgement()])
    with Session(engine) as s:
        row = s.exec(select(Claim).where(Claim.dedupe_key == claim_dedupe_key(claim))).one()
        assert row.id is not None
        return row.id


def _one_more_article(engine: sa.Engine) -> int:
    with session_scope(engine) as s:
        source = s.exec(select(Source)).first()
        assert source is not None and source.id is not None
        row = Article(source_id=source.id, dedupe_key=f"r{utcnow().timestamp()}", content_hash="h")
        s.add(row)
        s.flush()
        assert row.id is not None
        return row.id
