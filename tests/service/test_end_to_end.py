"""Issue 8, test 1: feeds -> articles -> claims -> verdicts -> exactly one alert per claim;
then a new leaderboard snapshot -> re-check -> exactly one change alert.

Real feeds and a hand-written one from a local HTTP server, the offline extractor,
the bundled 2025 lmarena-text snapshots, and a local server playing a Discord webhook.
The clock is injected: the leaderboard interval is crossed without sleeping.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.pipeline import run_pass
from store.models import Claim, Verdict
from tests.alerts.alerts_support import fetch
from tests.service.service_support import (
    ALERTABLE_HANDWRITTEN,
    DATA,
    FIXTURE_SNAPSHOT,
    R1_STATEMENT,
    REAL_FEEDS,
    T0,
    FeedServer,
    Webhook,
    alertable_claims,
    article_keys,
    claim_id,
    feed_guids,
    load_config,
    pending_work,
    runtime,
    serve_feeds,
    sources_yaml,
)

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("service_env")]


def _verdicts(engine: Engine, claim: int) -> list[tuple[str, bool]]:
    with Session(engine) as session:
        rows = session.exec(
            select(Verdict.label, Verdict.superseded_at)
            .where(Verdict.claim_id == claim)
            .order_by(col(Verdict.id))
        ).all()
    return [(label, superseded is not None) for label, superseded in rows]


def test_feeds_to_alerts_then_a_new_snapshot_changes_one_verdict(
    seeded: Engine, feeds: FeedServer, webhook: Webhook
) -> None:
    urls = serve_feeds(feeds)
    snapshot_url = feeds.add(
        f"/leaderboards/{FIXTURE_SNAPSHOT}", (DATA / FIXTURE_SNAPSHOT).read_bytes()
    )
    now = [T0]
    config = load_config(sources_yaml(urls))
    rt = runtime(seeded, config, owner="only", clock=lambda: now[0])
    labels = config.destinations[0].verdicts

    # 1. first pass: every feed polled, every article checked, one alert per claim
    report = asyncio.run(run_pass(seeded, rt))
    assert report.failures == []
    assert report.sources == len(REAL_FEEDS) + 1
    stored = article_keys(seeded)
    assert len(stored) == len(set(stored))  # every article stored once
    for name in (*REAL_FEEDS, "test-wire"):
        assert {g for n, g in stored if n == name} == feed_guids(name)
    alertable = alertable_claims(seeded, labels)
    # the hand-written claims (tests/data/service/README.md): three alertable, the
    # repeated one (test-wire-1 and -5) a single claim; R1 unverifiable for now
    assert set(alertable.values()) >= ALERTABLE_HANDWRITTEN
    assert R1_STATEMENT not in alertable.values()
    per_claim = webhook.per_claim()
    assert per_claim == {c: 1 for c in alertable}
    assert report.alerts == len(alertable)
    assert pending_work(seeded) == dict.fromkeys(pending_work(seeded), 0)

    # 2. nothing new: nothing sent
    now[0] = T0 + timedelta(minutes=5)
    again = asyncio.run(run_pass(seeded, rt))
    assert (again.articles, again.alerts, again.changes) == (0, 0, 0)
    assert webhook.per_claim() == per_claim

    # 3. a leaderboard source appears; its snapshot covers the R1 claim's date
    r1 = claim_id(seeded, R1_STATEMENT)
    assert _verdicts(seeded, r1) == [("unverifiable", False)]
    board = {"name": "lmarena-fixture", "board": "lmarena-text", "url": snapshot_url}
    rt.config = load_config(sources_yaml(urls, leaderboards=[board | {"interval": "1h"}]))
    now[0] = T0 + timedelta(minutes=10)
    refreshed = asyncio.run(run_pass(seeded, rt))
    assert refreshed.failures == []
    assert refreshed.rechecked > 0 and refreshed.changes == 1
    assert refreshed.alerts == 1
    assert feeds.hits[f"/leaderboards/{FIXTURE_SNAPSHOT}"] == 1
    after = webhook.per_claim()
    assert after - per_claim == {r1: 1}  # exactly one new message, about R1
    assert webhook.contents(r1) == ["Verdict changed: Unverifiable → Contradicted"]
    # the history is kept: the old verdict superseded, the new one current
    assert _verdicts(seeded, r1) == [("unverifiable", True), ("contradicted", False)]
    with Session(seeded) as session:
        assert fetch(session, Claim, r1).current_verdict == "contradicted"
    assert pending_work(seeded) == dict.fromkeys(pending_work(seeded), 0)

    # 4. inside the leaderboard's interval: not fetched again, nothing sent
    now[0] = T0 + timedelta(minutes=40)
    quiet = asyncio.run(run_pass(seeded, rt))
    assert (quiet.alerts, quiet.changes, quiet.rechecked) == (0, 0, 0)
    assert feeds.hits[f"/leaderboards/{FIXTURE_SNAPSHOT}"] == 1
    assert webhook.per_claim() == after

    # 5. past it: fetched again, unchanged content, so no re-check and no alert
    now[0] = T0 + timedelta(minutes=75)
    later = asyncio.run(run_pass(seeded, rt))
    assert feeds.hits[f"/leaderboards/{FIXTURE_SNAPSHOT}"] == 2
    assert (later.alerts, later.changes, later.rechecked) == (0, 0, 0)
    assert webhook.per_claim() == after
