"""Identity of entries: pure key rules, then the same rules through real polls."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine

from bot.config import Settings
from bot.feeds.dedupe import Identity, canonical_url, entry_keys
from tests.alerts.alerts_support import fetch
from tests.poller.poller_support import (
    T0,
    FeedServer,
    Resp,
    article_rows,
    make_config,
    poll,
    rss,
    script,
    source_row,
)


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        (
            "HTTPS://Example.COM/a/b/?utm_source=x&utm_medium=rss&id=3#top",
            "https://example.com/a/b?id=3",
        ),
        ("https://example.com:443/post/", "https://example.com/post"),
        ("http://example.com", "http://example.com/"),
        ("https://x.io/p?fbclid=abc&gclid=d&ref=hn&page=2", "https://x.io/p?page=2"),
        ("https://x.io:8443/P/Case", "https://x.io:8443/P/Case"),
        ("tag:example.com,2025:1", "tag:example.com,2025:1"),
    ],
)
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_keys_prefer_guid_then_link_then_hash() -> None:
    keys, policy = entry_keys(
        [
            Identity("abc", "https://a.io/1", "t", "c"),
            Identity("https://a.io/2/?utm_source=rss", "https://other/", "t", "c"),
            Identity(None, "https://a.io/3#x", "t", "c"),
            Identity(None, None, "title", "body"),
        ]
    )
    assert policy.reason is None
    assert keys[:3] == ["g:abc", "u:https://a.io/2", "u:https://a.io/3"]
    assert keys[3].startswith("h:") and len(keys[3]) == 66


def test_shared_guid_falls_back_to_link_then_hash() -> None:
    same_guid = [Identity("same", f"https://a.io/{i}", f"t{i}", "c") for i in range(3)]
    keys, policy = entry_keys(same_guid)
    assert keys == ["u:https://a.io/0", "u:https://a.io/1", "u:https://a.io/2"]
    assert "shares one GUID" in (policy.reason or "")
    same_both = [Identity("same", "https://a.io/x", f"t{i}", "c") for i in range(3)]
    keys, policy = entry_keys(same_both)
    assert len(set(keys)) == 3 and all(k.startswith("h:") for k in keys)


def test_long_identities_are_hashed_to_fit() -> None:
    keys, _ = entry_keys([Identity("g" * 500, None, None, None)])
    assert len(keys[0]) <= 200 and keys[0].startswith("g#")


ITEMS = [
    {"title": f"Post {i}", "link": f"https://blog.example/p/{i}", "description": f"Body {i}"}
    for i in range(4)
]


async def test_identical_guids_every_entry_kept_once(
    engine: Engine, server: FeedServer, app_settings: Settings
) -> None:
    """A feed that sends one GUID for every item: detected, items keyed by link."""
    v1 = rss([dict(i, guid="urn:same") for i in ITEMS[:3]])
    v2 = rss([dict(i, guid="urn:same") for i in ITEMS])  # one more item, same GUID again
    server.routes["/f"] = script(Resp(200, v1), Resp(200, v2))
    config = make_config({"name": "f", "url": server.url("/f"), "baseline": False})
    await poll(engine, config, app_settings)
    report = await poll(engine, config, app_settings, now=T0 + timedelta(hours=1))
    assert report.sources[0].new == 1
    rows = article_rows(engine, "f")
    assert [a.title for a in rows] == ["Post 0", "Post 1", "Post 2", "Post 3"]
    assert source_row(engine, "f").entries_stored == 4


async def test_no_guids_keyed_by_canonical_link(
    engine: Engine, server: FeedServer, app_settings: Settings
) -> None:
    """No GUIDs; the second version adds tracking parameters and trailing slashes."""
    v1 = rss(ITEMS[:2])
    tracked = [dict(i, link=i["link"] + "/?utm_source=rss&fbclid=1") for i in ITEMS[:2]]
    v2 = rss([*tracked, ITEMS[2]])
    server.routes["/f"] = script(Resp(200, v1), Resp(200, v2))
    config = make_config({"name": "f", "url": server.url("/f")})
    await poll(engine, config, app_settings)
    report = await poll(engine, config, app_settings, now=T0 + timedelta(hours=1))
    assert (report.sources[0].new, report.sources[0].updated) == (1, 0)
    assert [a.canonical_url for a in article_rows(engine, "f")] == [
        "https://blog.example/p/0",
        "https://blog.example/p/1",
        "https://blog.example/p/2",
    ]


async def test_changed_content_updates_and_resets_processing(
    engine: Engine, server: FeedServer, app_settings: Settings
) -> None:
    v1 = rss([{"title": "Kimi K2 ranks #3", "guid": "k2", "description": "first"}])
    v2 = rss([{"title": "Kimi K2 ranks #1", "guid": "k2", "description": "corrected"}])
    server.routes["/f"] = script(Resp(200, v1), Resp(200, v2))
    config = make_config({"name": "f", "url": server.url("/f"), "baseline": False})
    await poll(engine, config, app_settings)
    (first,) = article_rows(engine, "f")
    from sqlmodel import Session

    from store.models import Article

    with Session(engine) as session:  # the pipeline processed it
        row = fetch(session, Article, first.id)
        row.processed_at = T0
        session.add(row)
        session.commit()
    later = T0 + timedelta(hours=1)
    report = await poll(engine, config, app_settings, now=later)
    assert report.sources[0].updated_ids == (first.id,)
    (after,) = article_rows(engine, "f")
    assert after.id == first.id and after.title == "Kimi K2 ranks #1"
    assert after.content_hash != first.content_hash
    assert after.updated_at == later and after.processed_at is None


async def test_baseline_and_age_limit(
    engine: Engine, server: FeedServer, app_settings: Settings
) -> None:
    old = (T0 - timedelta(days=30)).strftime("%a, %d %b %Y %H:%M:%S +0000")
    fresh = (T0 - timedelta(days=1)).strftime("%a, %d %b %Y %H:%M:%S +0000")
    v1 = rss([{"title": "backlog", "guid": "1", "pubDate": fresh}])
    v2 = rss(
        [
            {"title": "backlog", "guid": "1", "pubDate": fresh},
            {"title": "old news", "guid": "2", "pubDate": old},
            {"title": "news", "guid": "3", "pubDate": fresh},
        ]
    )
    server.routes["/f"] = script(Resp(200, v1), Resp(200, v2))
    config = make_config({"name": "f", "url": server.url("/f")})  # baseline on, 7 days
    await poll(engine, config, app_settings)
    await poll(engine, config, app_settings, now=T0 + timedelta(hours=1))
    rows = {a.title: a for a in article_rows(engine, "f")}
    assert rows["backlog"].baseline and rows["old news"].baseline
    assert not rows["news"].baseline
    assert rows["news"].published_at == datetime(2026, 4, 30, 12, 0, tzinfo=UTC)
    assert source_row(engine, "f").baseline_done


async def test_a_moved_feed_still_finds_the_articles_stored_before(
    engine: Engine, server: FeedServer, app_settings: Settings
) -> None:
    """A feed whose URL changed starts afresh (no validators, a baseline again) but its
    source keeps the articles stored from the old URL: the first poll at the new URL
    looks them up, so the same entries are neither stored twice nor a failed insert."""
    server.routes["/old"] = script(Resp(200, rss(ITEMS[:2])))
    server.routes["/new"] = script(Resp(200, rss(ITEMS[:3])))
    await poll(engine, make_config({"name": "f", "url": server.url("/old")}), app_settings)
    moved = make_config({"name": "f", "url": server.url("/new")})
    report = await poll(engine, moved, app_settings, now=T0 + timedelta(hours=1))
    assert (report.sources[0].status, report.sources[0].new) == ("ok", 1)
    assert [a.title for a in article_rows(engine, "f")] == ["Post 0", "Post 1", "Post 2"]
