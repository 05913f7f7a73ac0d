"""Real feeds replayed in date order, one version per poll, from a local server.

The expected entries are worked out independently of the poller: a plain XML parse
of every version, identifying an entry by its <guid>/<id> when it has one, else by
its <link> (the raw strings, no canonicalisation).
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine

import bot.poller
from bot.config import Settings
from bot.feeds.parse import ParsedFeed, parse_feed
from tests.poller.poller_support import (
    T0,
    FeedServer,
    Versions,
    article_rows,
    make_config,
    poll,
    source_row,
)

FEEDS = Path(__file__).resolve().parent.parent / "data" / "feeds"
ATOM = "{http://www.w3.org/2005/Atom}"
NAMES = ["artificial-analysis", "minimax-blog", "z-ai-blog", "openai-research", "deepseek-news"]


def identities(path: Path) -> list[str]:
    root = ET.fromstring(gzip.decompress(path.read_bytes()))
    out: list[str | None] = []
    if root.tag == ATOM + "feed":
        for e in root.iter(ATOM + "entry"):
            link = e.find(ATOM + "link")
            out.append(e.findtext(ATOM + "id") or (None if link is None else link.get("href")))
    else:
        for item in root.iter("item"):
            out.append(item.findtext("guid") or item.findtext("link"))
    assert None not in out, f"{path.name}: an entry without an id"
    return [i.strip() for i in out if i is not None]


def versions(name: str) -> list[Path]:
    return sorted((FEEDS / name).glob("*.xml.gz"))


def test_expected_counts_from_the_files() -> None:
    """Pin the independent count, so a change in the data is noticed here first."""
    expected = {n: len({i for v in versions(n) for i in identities(v)}) for n in NAMES}
    # per feed: distinct ids across versions (openai-research: 160 links, then 50 GUIDs)
    assert expected == {
        "artificial-analysis": 41,
        "minimax-blog": 19,
        "z-ai-blog": 16,
        "openai-research": 210,
        "deepseek-news": 14,
    }


async def test_replay_stores_every_entry_exactly_once(
    engine: Engine, server: FeedServer, app_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    served = {n: Versions(versions(n)) for n in NAMES}
    for name, route in served.items():
        server.routes[f"/{name}.xml"] = route
    config = make_config(
        *({"name": n, "url": server.url(f"/{n}.xml"), "max_age_days": None} for n in NAMES)
    )
    first_ids: dict[str, set[str]] = {n: set(identities(versions(n)[0])) for n in NAMES}
    rounds = max(len(versions(n)) for n in NAMES)
    now = T0
    for r in range(rounds):
        if r:
            for route in served.values():
                if r < len(route.bodies):
                    route.advance()
        now += timedelta(days=1)
        report = await poll(engine, config, app_settings, now=now)
        assert not report.failed, [s.error for s in report.failed]

    for name in NAMES:
        expected = {i for v in versions(name) for i in identities(v)}
        rows = article_rows(engine, name)
        stored = [a.guid or a.url for a in rows]
        assert len(stored) == len(set(stored)), f"{name}: an entry stored twice"
        assert set(stored) == expected, name
        assert source_row(engine, name).entries_stored == len(expected)
        # the first version is the backlog (baseline); later entries may alert
        for a in rows:
            assert a.baseline == ((a.guid or a.url) in first_ids[name]), (name, a.title)
            assert a.processed_at is None

    # nothing changed since the last poll: every source answers 304 and nothing is parsed
    parsed: list[bytes] = []

    def counting_parse(body: bytes, **kw: Any) -> ParsedFeed:
        parsed.append(body)
        return parse_feed(body, **kw)

    monkeypatch.setattr(bot.poller, "parse_feed", counting_parse)
    before = len(server.requests)
    report = await poll(engine, config, app_settings, now=now + timedelta(days=1))
    assert [s.status for s in report.sources] == ["not_modified"] * len(NAMES)
    assert parsed == []
    assert all("if-none-match" in h for _, h in server.requests[before:])


@pytest.mark.parametrize("name", ["artificial-analysis"])
async def test_due_sources_only(
    engine: Engine, server: FeedServer, app_settings: Settings, name: str
) -> None:
    """Without force, a source is polled again only once its interval has passed."""
    server.routes["/f"] = Versions(versions(name))
    config = make_config({"name": name, "url": server.url("/f"), "interval": "1h"})
    await poll(engine, config, app_settings, force=False)
    report = await poll(engine, config, app_settings, force=False, now=T0 + timedelta(minutes=30))
    assert report.sources == []
    report = await poll(engine, config, app_settings, force=False, now=T0 + timedelta(minutes=70))
    assert [s.status for s in report.sources] == ["not_modified"]
