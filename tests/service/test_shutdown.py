"""Issue 8, test 3: SIGTERM during a poll; the service exits cleanly (status 0) and a
restart completes the work with nothing duplicated.

`claimwatch run` runs as a real subprocess against a local feed server where one feed
hangs; SIGTERM arrives while that feed is being fetched and the others are stored.
"""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from store.models import Source
from tests.service.service_support import (
    LABELS,
    REAL_FEEDS,
    WEBHOOK_ENV,
    FeedServer,
    Webhook,
    alertable_claims,
    article_keys,
    claimwatch,
    feed_guids,
    pending_work,
    polled_state,
    serve_feeds,
    sources_yaml,
    wait_for,
    write_config,
)

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("service_env")]


def test_sigterm_mid_poll_exits_cleanly_and_a_restart_finishes(
    seeded: Engine,
    seeded_url: str,
    feeds: FeedServer,
    other_host: FeedServer,
    webhook: Webhook,
    tmp_path: Path,
) -> None:
    urls = serve_feeds(feeds, wire=other_host)
    other_host.delays["/feeds/test-wire.xml"] = 60.0  # hangs until released
    sources = write_config(sources_yaml(urls), tmp_path / "sources.yaml")
    env = {WEBHOOK_ENV: webhook.url, "CLAIMWATCH_INSTANCE": "first"}

    service = claimwatch(["run"], seeded_url, sources, tmp_path, **env)
    try:

        def mid_poll() -> bool:
            state = polled_state(seeded)
            fast_done = all(state.get(n, (False, None))[0] for n in REAL_FEEDS)
            return fast_done and state.get("test-wire") == (False, "first")

        wait_for(
            mid_poll,
            what="the fast feeds stored and test-wire in flight",
            process=service,
            state=lambda: polled_state(seeded),
        )
        assert other_host.hits["/feeds/test-wire.xml"] == 1
        service.send_signal(signal.SIGTERM)
        _, err = service.communicate(timeout=20)
    finally:
        if service.poll() is None:
            service.kill()
    log = err.decode()
    assert service.returncode == 0, log[-2000:]
    assert "service.stopping signal=SIGTERM" in log
    assert "poll.interrupted" in log and "service.stopped" in log
    assert "Traceback" not in log

    # nothing half-written: the fast feeds' articles whole, test-wire untouched and free
    state = polled_state(seeded)
    assert state["test-wire"] == (False, None)
    stored = article_keys(seeded)
    assert {n for n, _ in stored} == set(REAL_FEEDS)
    assert webhook.per_claim() == {}  # the pass stopped before dispatching

    # restart: test-wire is polled at once, everything is checked and sent, once
    other_host.delays.clear()
    again = claimwatch(["run", "--once"], seeded_url, sources, tmp_path, **env)
    _, err = again.communicate(timeout=60)
    assert again.returncode == 0, err.decode()[-2000:]
    assert other_host.hits["/feeds/test-wire.xml"] == 2
    stored = article_keys(seeded)
    assert len(stored) == len(set(stored))
    for name in (*REAL_FEEDS, "test-wire"):
        assert {g for n, g in stored if n == name} == feed_guids(name)
    alertable = alertable_claims(seeded, LABELS)
    assert len(alertable) >= 3
    assert webhook.per_claim() == {c: 1 for c in alertable}
    assert pending_work(seeded) == dict.fromkeys(pending_work(seeded), 0)
    with Session(seeded) as session:
        unpolled = session.exec(select(Source.name).where(col(Source.last_polled_at).is_(None)))
        assert unpolled.all() == []
