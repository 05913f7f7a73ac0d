"""Issue 8, test 2: instances on one Postgres share sources, articles and alerts; one is
killed mid-run (SIGKILL) and its leases expire, so the others take its work over.

- `victim`: a real `claimwatch run` subprocess, killed while two feeds hang;
- `ghost`: leases left on articles by an instance that died (never released);
- `a` and `b`: two runtimes running a pass concurrently, in threads, with a clock
  past the lease expiry (no sleeping through ten minutes).

Then every article is stored once, every alert sent once (the webhook counts messages
per claim), and nothing is left pending or leased.
"""

from __future__ import annotations

import asyncio
import signal
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.pipeline import PassReport, run_pass
from store import db, leases
from store.models import Article, utcnow
from tests.service.service_support import (
    HANDWRITTEN,
    LABELS,
    REAL_FEEDS,
    WEBHOOK_ENV,
    FeedServer,
    Webhook,
    alertable_claims,
    article_keys,
    claimwatch,
    feed_guids,
    load_config,
    pending_work,
    polled_state,
    read_data,
    runtime,
    serve_feeds,
    sources_yaml,
    wait_for,
    write_config,
)

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("service_env")]
SLOW = ("test-wire-b", "test-wire-c")  # the same hand-written articles: shared claims


@pytest.mark.parametrize("seeded_url", ["postgres"], indirect=True)
def test_two_instances_share_the_work_and_take_over_a_killed_ones(
    seeded: Engine,
    seeded_url: str,
    feeds: FeedServer,
    other_host: FeedServer,
    webhook: Webhook,
    tmp_path: Path,
) -> None:
    urls = serve_feeds(feeds)
    for name in SLOW:
        urls[name] = other_host.add(f"/feeds/{name}.xml", read_data(HANDWRITTEN))
        other_host.delays[f"/feeds/{name}.xml"] = 60.0
    data = sources_yaml(urls)
    sources = write_config(data, tmp_path / "sources.yaml")

    # 1. the victim polls, stores the fast feeds, hangs on the slow ones: SIGKILL
    victim = claimwatch(
        ["run"], seeded_url, sources, tmp_path, CLAIMWATCH_INSTANCE="victim", **{WEBHOOK_ENV: "x"}
    )
    try:

        def mid_poll() -> bool:
            state = polled_state(seeded)
            fast = all(state.get(n, (False, None))[0] for n in (*REAL_FEEDS, "test-wire"))
            return fast and all(state.get(n) == (False, "victim") for n in SLOW)

        state = lambda: polled_state(seeded)  # noqa: E731
        wait_for(mid_poll, what="victim mid-poll", process=victim, state=state)
    finally:
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=10)
    other_host.delays.clear()
    stored_by_victim = len(article_keys(seeded))
    assert stored_by_victim > 0
    # a pass checks articles while it polls, so the victim may have finished some
    with Session(seeded) as session:
        done_by_victim = len(
            session.exec(select(Article.id).where(col(Article.processed_at).is_not(None))).all()
        )

    # 2. a ghost instance holds leases on three unprocessed articles, and dies too. It
    # takes them once the victim's leases have run out: the victim checks articles
    # while it polls, and may have leased every one it stored before it was killed.
    killed_at = utcnow()
    ghost_at = killed_at + leases.ARTICLE_LEASE + timedelta(seconds=1)
    with Session(seeded) as session, session.begin():
        ghosted = leases.take(
            session,
            Article,
            col(Article.processed_at).is_(None),
            owner="ghost",
            ttl=leases.ARTICLE_LEASE,
            limit=3,
            now=ghost_at,
        )
    assert len(ghosted) == 3

    # 3. two instances, concurrently, once the dead ones' leases have expired
    later = ghost_at + leases.ARTICLE_LEASE + timedelta(minutes=1)
    config = load_config(data)
    reports: dict[str, PassReport] = {}
    errors: list[BaseException] = []

    def instance(owner: str) -> None:
        engine = db.make_engine(seeded_url)
        try:
            rt = runtime(engine, config, owner=owner, clock=lambda: later)
            reports[owner] = asyncio.run(run_pass(engine, rt))
        except BaseException as exc:  # surfaced below
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=instance, args=(o,)) for o in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == [] and set(reports) == {"a", "b"}
    a, b = reports["a"], reports["b"]
    assert a.failures == [] and b.failures == []

    # each slow source polled by exactly one of them; each article checked by one
    assert a.sources + b.sources == len(SLOW)
    stored = article_keys(seeded)
    assert len(stored) == len(set(stored))  # every article stored once
    for name in (*REAL_FEEDS, "test-wire", *SLOW):
        expected = feed_guids("test-wire" if name in SLOW else name)
        assert {g for n, g in stored if n == name} == expected
    assert a.processed + b.processed == len(stored) - done_by_victim
    with Session(seeded) as session:
        rows = session.exec(select(Article.id).where(col(Article.id).in_(ghosted))).all()
        assert len(rows) == 3  # taken over: processed below, not lost

    # every alert sent once, though three sources and two instances made the claims
    alertable = alertable_claims(seeded, LABELS)
    assert len(alertable) >= 3
    assert webhook.per_claim() == {c: 1 for c in alertable}
    assert a.alerts + b.alerts == len(alertable)
    assert pending_work(seeded) == dict.fromkeys(pending_work(seeded), 0)
