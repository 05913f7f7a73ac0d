"""store/leases.py: one mechanism for every kind of work, disjoint under concurrency."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, select

from store import leases
from store.db import session_scope
from store.models import Article, Leaderboard, Source
from tests.alerts.alerts_support import id_of

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def test_a_board_refresh_is_taken_by_one_instance(engine: sa.Engine) -> None:
    with session_scope(engine) as s:
        s.add(Leaderboard(slug="b", name="B", format="csv", last_refreshed_at=T0 - 2 * HOUR))
    assert leases.take_board(engine, "b", interval=HOUR, owner="a", now=T0)
    assert not leases.take_board(engine, "b", interval=HOUR, owner="b", now=T0)
    leases.record_board_refresh(engine, "b", T0, None)
    # refreshed: not due again before its interval, whoever asks
    assert not leases.take_board(engine, "b", interval=HOUR, owner="b", now=T0 + HOUR / 2)
    assert leases.take_board(engine, "b", interval=HOUR, owner="b", now=T0 + HOUR)
    # an interrupted refresh is due again at once
    leases.record_board_refresh(engine, "b", None, "interrupted by shutdown")
    assert leases.take_board(engine, "b", interval=HOUR, owner="c", now=T0 + HOUR)
    # a holder that died: its lease runs out
    later = T0 + HOUR + leases.BOARD_LEASE + timedelta(seconds=1)
    assert leases.take_board(engine, "b", interval=HOUR, owner="d", now=later)


def test_a_board_never_ingested_is_refreshed(engine: sa.Engine) -> None:
    assert leases.take_board(engine, "new", interval=HOUR, owner="a", now=T0)


def test_racing_takers_get_disjoint_rows(engine: sa.Engine) -> None:
    """Eight threads take articles at once: each article is leased exactly once, on
    Postgres (SKIP LOCKED) and on SQLite (the UPDATE repeats the condition)."""
    with session_scope(engine) as s:
        source = Source(name="s", url="https://example.com/feed")
        s.add(source)
        s.flush()
        for i in range(200):
            s.add(Article(source_id=id_of(source), dedupe_key=f"k{i}", content_hash=f"h{i}"))
    barrier = threading.Barrier(8)
    taken: dict[str, list[int]] = {}
    errors: list[BaseException] = []

    def take(owner: str) -> None:
        barrier.wait()
        mine: list[int] = []
        try:
            while ids := leases.take_articles(engine, owner=owner, now=T0, limit=7):
                mine += ids
        except BaseException as exc:
            errors.append(exc)
        taken[owner] = mine

    threads = [threading.Thread(target=take, args=(f"o{n}",)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    every = [i for ids in taken.values() for i in ids]
    assert len(every) == 200 and len(set(every)) == 200
    with Session(engine) as s:
        owners = {a.id: a.lease_owner for a in s.exec(select(Article))}
    assert all(owners[i] == owner for owner, ids in taken.items() for i in ids)
