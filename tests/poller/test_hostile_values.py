"""Remote numbers clamped before arithmetic, entity checks that read what the parser
reads, and a Cloudflare challenge named as one: each against a real local server."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine

from bot.config import Settings
from bot.feeds.parse import UnsafeXML, check_entities, parse_feed
from bot.feeds.schedule import FRESHNESS_CAP, parse_max_age, parse_retry_after
from tests.poller.poller_support import (
    GOOD_ITEMS,
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

HUGE = "1" + "0" * 20


@pytest.mark.parametrize(
    ("extra", "headers"),
    [
        (f"<ttl>{HUGE}</ttl>", {}),
        ("", {"Cache-Control": "max-age=9999999999"}),
        ("<ttl>-5</ttl>", {"Cache-Control": "max-age=nan"}),
    ],
)
async def test_huge_remote_freshness_hints_still_store_the_entries(
    engine: Engine, server: FeedServer, app_settings: Settings, extra: str, headers: dict[str, str]
) -> None:
    """A <ttl> of 10^20 minutes raised OverflowError: the feed's entries were never
    stored. Now the hint is clamped and stretches the next poll by at most a day."""
    server.routes["/feed"] = script(Resp(200, rss(GOOD_ITEMS, extra=extra), headers))
    config = make_config({"name": "feed", "url": server.url("/feed"), "interval": "15m"})
    report = await poll(engine, config, app_settings)
    assert report.sources[0].status == "ok", report.sources[0]
    assert len(article_rows(engine, "feed")) == 3
    row = source_row(engine, "feed")
    assert row.next_poll_at is not None
    assert row.next_poll_at - T0 <= FRESHNESS_CAP + timedelta(minutes=20)


def test_retry_after_and_max_age_are_clamped() -> None:
    assert parse_retry_after("9" * 40, T0) == timedelta(days=2)
    assert parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", T0) == timedelta(days=2)
    assert parse_max_age("max-age=9999999999") == timedelta(days=7)


async def test_cloudflare_403_is_reported_as_a_challenge(
    engine: Engine, server: FeedServer, app_settings: Settings
) -> None:
    page = (
        b"<!DOCTYPE html><html><head><title>Just a moment...</title></head>"
        b"<body><script src='/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1'></script>"
        b"</body></html>"
    )
    cf = {"Server": "cloudflare", "CF-RAY": "8f1e2d3c4b5a6978-FRA", "Content-Type": "text/html"}
    server.routes["/cf"] = script(Resp(403, page, cf))
    server.routes["/header"] = script(Resp(403, b"", {"cf-mitigated": "challenge"}))
    server.routes["/plain403"] = script(Resp(403, b"forbidden", {"Server": "nginx"}))
    config = make_config(
        {"name": "cf", "url": server.url("/cf")},
        {"name": "header", "url": server.url("/header")},
        {"name": "plain403", "url": server.url("/plain403")},
    )
    await poll(engine, config, app_settings)
    for name in ("cf", "header"):
        row = source_row(engine, name)
        assert row.last_status == "challenge" and "Cloudflare challenge" in (row.last_error or "")
    assert source_row(engine, "plain403").last_status == "http_403"


BOMB = '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
FEED_TAIL = (
    '<rss version="2.0"><channel><title>t</title>'
    "<item><title>&b;</title><guid>1</guid></item></channel></rss>"
)


@pytest.mark.parametrize(
    "body",
    [
        ('<?xml version="1.0" encoding="utf-16"?>' + BOMB + FEED_TAIL).encode("utf-16"),
        ('<?xml version="1.0" encoding="utf-16"?>' + BOMB + FEED_TAIL).encode("utf-16-be"),
        ('<?xml version="1.0" encoding="utf-32"?>' + BOMB + FEED_TAIL).encode("utf-32"),
        ('<?xml version="1.0"?><!--' + "x" * 70_000 + "-->" + BOMB + FEED_TAIL).encode(),
        ('<?xml version="1.0"?>' + " " * 70_000 + BOMB + FEED_TAIL).encode(),
    ],
    ids=["utf16-bom", "utf16be-no-bom", "utf32", "long-comment-prolog", "long-space-prolog"],
)
def test_entity_bombs_are_refused_whatever_the_encoding_or_prolog(body: bytes) -> None:
    with pytest.raises(UnsafeXML):
        check_entities(body)
    with pytest.raises(UnsafeXML):
        parse_feed(body)


def test_standard_xhtml_entity_doctypes_are_accepted() -> None:
    body = (
        b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE rss [\n'
        b'<!ENTITY % HTMLlat1 PUBLIC "-//W3C//ENTITIES Latin 1 for XHTML//EN"\n'
        b' "http://www.w3.org/TR/xhtml1/DTD/xhtml-lat1.ent">\n%HTMLlat1;\n'
        b'<!ENTITY % HTMLspecial PUBLIC "-//W3C//ENTITIES Special for XHTML//EN"\n'
        b' "http://www.w3.org/TR/xhtml1/DTD/xhtml-special.ent">\n%HTMLspecial;\n'
        b'<!ENTITY nbsp "&#160;"><!ENTITY mdash "&#x2014;">\n]>\n'
        b'<rss version="2.0"><channel><title>Lab&mdash;news</title>'
        b"<item><title>Model&nbsp;launch</title><guid>g1</guid></item></channel></rss>"
    )
    feed = parse_feed(body)
    assert [e.guid for e in feed.entries] == ["g1"]
    assert feed.title == "Lab\u2014news"


@pytest.mark.parametrize(
    "decl",
    [
        '<!ENTITY % x PUBLIC "-//Evil//ENTITIES x//EN" "http://169.254.169.254/">',
        '<!ENTITY x SYSTEM "file:///etc/passwd">',
        '<!ENTITY x "&#160;&y;">',
    ],
)
def test_other_external_or_nested_entities_stay_refused(decl: str) -> None:
    with pytest.raises(UnsafeXML):
        check_entities(f"<!DOCTYPE rss [{decl}]>{FEED_TAIL}".encode())


def test_a_surrogate_character_reference_does_not_crash_the_parser() -> None:
    """Found by tests/faults/test_fuzz.py: feedparser raised UnicodeEncodeError."""
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        b"<item><title>Gemini &#xD800;Flash &#55296;leads</title><guid>g</guid></item>"
        b"</channel></rss>"
    )
    (entry,) = parse_feed(body).entries
    assert entry.title == "Gemini \ufffdFlash \ufffdleads"
