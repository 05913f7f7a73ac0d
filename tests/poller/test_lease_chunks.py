"""Due sources are leased a chunk at a time, so instances on one database share a poll."""

from __future__ import annotations

import threading
from datetime import timedelta

import sqlalchemy as sa
from sqlmodel import Session, select

from bot.feeds import persist
from bot.sources import Feed
from store import polls
from store.leases import SOURCE_LEASE
from store.models import Source, utcnow


def test_two_owners_share_the_due_sources(engine: sa.Engine) -> None:
    feeds = [Feed(name=f"f{i:02d}", url=f"https://example.com/{i}.xml") for i in range(10)]
    polls.sync_sources(engine, feeds)
    names = [f.name for f in feeds]
    now = utcnow()
    first = persist.lease_due(engine, names, now=now, owner="a", limit=4)
    second = persist.lease_due(engine, names, now=now, owner="b", limit=4)
    rest = persist.lease_due(engine, names, now=now, owner="c", limit=4)
    taken = [d.name for d in first + second + rest]
    assert [len(first), len(second), len(rest)] == [4, 4, 2]
    assert sorted(taken) == names  # each source exactly once
    assert persist.lease_due(engine, names, now=now, owner="d", limit=4) == []
    later = now + SOURCE_LEASE + timedelta(seconds=1)  # a dead owner's leases run out
    assert len(persist.lease_due(engine, names, now=later, owner="e")) == 10


def _sync_together(engine: sa.Engine, feeds: list[Feed]) -> list[BaseException]:
    """Two threads sync the same feeds at the same moment; what either raised."""
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def sync() -> None:
        barrier.wait()
        try:
            polls.sync_sources(engine, feeds)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=sync) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return errors


def test_instances_starting_together_add_each_feed_once(engine: sa.Engine) -> None:
    """Two instances sync the same new feeds at once: no unique-key failure, one row each."""
    for round_ in range(5):
        feeds = [Feed(name=f"r{round_}-{i}", url=f"https://e.com/{i}") for i in range(200)]
        assert _sync_together(engine, feeds) == []
    with Session(engine) as session:
        assert len(session.exec(select(Source)).all()) == 1000
