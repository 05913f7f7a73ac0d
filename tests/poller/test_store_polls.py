"""store/polls.py on its own: a poll's rows written from plain values, leases given back."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, select

from bot.sources import Feed
from store import polls
from store.models import Article, Source, utcnow


def _state(sid: int, now: datetime, **kw: object) -> polls.PolledSource:
    values: dict[str, object] = {
        "source_id": sid,
        "polled_at": now,
        "consecutive_failures": 0,
        "disabled_reason": None,
        "disabled_at": None,
        "etag": '"v1"',
        "last_modified": None,
        "last_success_at": now,
        "last_status": "ok",
        "last_error": None,
        "next_poll_at": now,
    }
    values.update(kw)
    return polls.PolledSource(**values)  # type: ignore[arg-type]


def _article(key: str, **kw: object) -> polls.NewArticleRow:
    values: dict[str, object] = {
        "dedupe_key": key,
        "guid": key,
        "url": f"https://example.com/{key}",
        "canonical_url": None,
        "title": key,
        "summary": None,
        "content": "text",
        "content_hash": "h1",
        "published_at": None,
        "baseline": False,
    }
    values.update(kw)
    return polls.NewArticleRow(**values)  # type: ignore[arg-type]


def test_a_poll_stores_articles_and_state_and_gives_the_lease_back(engine: sa.Engine) -> None:
    ids = polls.sync_sources(engine, [Feed(name="f", url="https://example.com/f.xml")])
    now = utcnow()
    [due] = polls.lease_due(engine, ["f"], now=now, owner="me")
    assert due.state == polls.PollState(0, None, None, None, None, None, False)
    first = polls.store_poll(
        engine,
        _state(ids["f"], now, baseline_done=True),
        [_article("a", published_at=now), _article("b", url="https://x/" + "y" * 2100)],
    )
    assert len(first.new_ids) == 2 and first.updated_ids == []
    later = now + timedelta(hours=1)
    changed = polls.ChangedArticleRow(
        id=first.new_ids[0],
        url="https://example.com/a2",
        canonical_url=None,
        title="a, corrected",
        summary=None,
        content="new text",
        content_hash="h2",
        published_at=None,  # keeps the stored date
    )
    second = polls.store_poll(
        engine, _state(ids["f"], later, last_status="x" * 150), changed=[changed]
    )
    assert second.new_ids == [] and second.updated_ids == [first.new_ids[0]]
    with Session(engine) as session:
        a, b = session.exec(select(Article).order_by(col(Article.id))).all()
        source = session.exec(select(Source)).one()
    assert (a.title, a.content, a.content_hash) == ("a, corrected", "new text", "h2")
    assert (a.url, a.updated_at) == ("https://example.com/a2", later)
    assert a.published_at == now and a.processed_at is None
    assert b.url is None  # too long to be worth keeping
    assert source.entries_stored == 2 and source.baseline_done  # None kept the flag
    assert source.last_status == "x" * 100 and source.last_polled_at == later
    assert source.lease_owner is None and source.lease_until is None


def test_state_only_polls_are_written_together(engine: sa.Engine) -> None:
    feeds = [Feed(name=n, url=f"https://example.com/{n}.xml") for n in ("p", "q")]
    ids = polls.sync_sources(engine, feeds)
    now = utcnow()
    assert len(polls.lease_due(engine, ["p", "q"], now=now, owner="me")) == 2
    nxt = now + timedelta(minutes=30)
    polls.store_states(
        engine,
        [
            _state(ids["p"], now, baseline_done=True, next_poll_at=nxt),
            _state(ids["q"], now, consecutive_failures=3, last_status="http_500", etag=None),
        ],
    )
    with Session(engine) as session:
        rows = {s.name: s for s in session.exec(select(Source))}
    assert rows["p"].baseline_done and rows["p"].next_poll_at == nxt
    assert not rows["q"].baseline_done and rows["q"].consecutive_failures == 3
    assert all(r.lease_owner is None and r.lease_until is None for r in rows.values())
    [due] = polls.lease_due(engine, ["p", "q"], now=now, owner="other")  # p waits 30 min
    assert (due.name, due.state.consecutive_failures, due.state.etag) == ("q", 3, None)


def test_many_polls_in_one_transaction_keep_each_sources_ids(engine: sa.Engine) -> None:
    """Two sources storing the same key in one batch each get their own article ids;
    a changed article that no longer exists is not reported as updated."""
    feeds = [Feed(name=n, url=f"https://example.com/{n}.xml") for n in ("p", "q", "r")]
    ids = polls.sync_sources(engine, feeds)
    now = utcnow()
    [old] = polls.store_poll(engine, _state(ids["r"], now), [_article("old")]).new_ids
    with Session(engine) as session:
        session.delete(session.get(Article, old))
        session.commit()
    gone = polls.ChangedArticleRow(old, None, None, "t", None, "c", "h9", None)
    stored = polls.store_polls(
        engine,
        [
            polls.PollWrite(_state(ids["p"], now), [_article("same"), _article("p-only")]),
            polls.PollWrite(_state(ids["q"], now, last_status="not_modified")),
            polls.PollWrite(_state(ids["r"], now), [_article("same")], [gone]),
        ],
    )
    assert [len(s.new_ids) for s in stored] == [2, 0, 1]
    assert [s.updated_ids for s in stored] == [[], [], []]
    with Session(engine) as session:
        by_id = {a.id: a for a in session.exec(select(Article))}
        sources = {s.name: s for s in session.exec(select(Source))}
    p_same, p_only = (by_id[i] for i in stored[0].new_ids)
    [r_same] = (by_id[i] for i in stored[2].new_ids)
    assert (p_same.source_id, p_same.dedupe_key) == (ids["p"], "same")
    assert (p_only.source_id, p_only.dedupe_key) == (ids["p"], "p-only")
    assert (r_same.source_id, r_same.dedupe_key) == (ids["r"], "same")
    assert [sources[n].entries_stored for n in "pqr"] == [2, 0, 2]
    assert sources["q"].last_status == "not_modified"


def test_a_lease_says_whether_the_source_has_stored_articles(engine: sa.Engine) -> None:
    """A first poll skips looking up its entries' keys: nothing is stored for it."""
    feeds = [Feed(name=n, url=f"https://example.com/{n}.xml") for n in ("p", "q")]
    ids = polls.sync_sources(engine, feeds)
    now = utcnow()
    due = polls.lease_due(engine, ["p", "q"], now=now, owner="me")
    assert [(d.name, d.has_articles) for d in due] == [("p", False), ("q", False)]
    polls.store_polls(
        engine,
        [
            polls.PollWrite(_state(ids["p"], now), [_article("a")]),
            polls.PollWrite(_state(ids["q"], now)),
        ],
    )
    due = polls.lease_due(engine, ["p", "q"], now=now, owner="me", force=True)
    assert [(d.name, d.has_articles) for d in due] == [("p", True), ("q", False)]
