"""Seeded fuzzing (hypothesis, derandomized): no traceback escapes from hostile feed
bytes or sources.yaml text. A bad feed is a FeedError with a reason, a bad file a
ClaimwatchError with its line; a poll over fuzzed bodies records a state for every
source and raises nothing."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine

from bot.config import Settings
from bot.feeds.fetch import FetchResult
from bot.feeds.parse import FeedError, parse_feed
from bot.feeds.schedule import parse_max_age, parse_retry_after
from bot.poller import poll_due
from bot.sources import parse_sources
from store.errors import ClaimwatchError

pytestmark = pytest.mark.slow  # whole services, servers that time out: README, "Development"

FEEDS = Path(__file__).resolve().parents[1] / "data" / "feeds"
REAL = [gzip.decompress(p.read_bytes())[:40_000] for p in sorted(FEEDS.glob("*/*.xml.gz"))[:6]]
FRAGMENTS = [
    b"<ttl>100000000000000000000</ttl>",
    b"<ttl>-1</ttl>",
    b'<!DOCTYPE rss [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>',
    b'<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    b'<!DOCTYPE rss [<!ENTITY nbsp "&#160;">]>',
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\x00",
    b"<![CDATA[",
    b"]]>",
    b"&nbsp;",
    b"&#xD800;",
    b"<pubDate>Mon, 99 Foo 99999 99:99:99 +9999</pubDate>",
    b"<pubDate>Sat, 01 Jan 10000 00:00:00 GMT</pubDate>",
    b"<item>",
    b"</channel>",
    b'<?xml version="1.0" encoding="utf-16"?>',
    b"<guid>" + b"g" * 5000 + b"</guid>",
    b"<link>javascript:alert(1)</link>",
    b"\x1f\x8b",
]

feed_bytes = st.one_of(
    st.binary(max_size=2000),
    st.builds(
        lambda base, cuts: _mutate(base, cuts),
        st.sampled_from(REAL),
        st.lists(
            st.tuples(st.floats(0, 1), st.sampled_from(FRAGMENTS), st.integers(0, 40)),
            max_size=6,
        ),
    ),
)


def _mutate(base: bytes, cuts: list[tuple[float, bytes, int]]) -> bytes:
    out = base
    for where, fragment, drop in cuts:
        i = int(where * len(out))
        out = out[:i] + fragment + out[i + drop :]
    return out


@settings(max_examples=300, derandomize=True, deadline=None)
@given(body=feed_bytes)
def test_feed_bytes_never_raise_anything_but_a_feed_error(body: bytes) -> None:
    try:
        feed = parse_feed(body, base_url="https://example.com/feed")
    except FeedError as exc:
        assert str(exc)  # every refusal says why
        return
    for entry in feed.entries:
        for text in (entry.title, entry.summary, entry.content, entry.guid, entry.link):
            assert text is None or "\x00" not in text
    assert feed.ttl_seconds is None or 0 < feed.ttl_seconds <= 7 * 86400


YAML_PIECES = [
    "feeds:\n",
    "  - {name: a, url: 'https://example.com/f'}\n",
    "  - name: b\n    url: https://example.com/g\n",
    "    interval: 99999999999999999999999\n",
    "    interval: 1e400\n",
    "    interval: -5m\n",
    "    max_age_days: -1\n",
    "    max_age_days: .inf\n",
    "settings:\n  max_failures: 0\n",
    "settings: {max_concurrency: 1e9}\n",
    "destinations:\n  - {name: t, kind: terminal}\n",
    "digest: {recipients: [x@example.com], time: '25:99'}\n",
    "leaderboards:\n  - {name: l, board: b, url: 'http://[::1', interval: 1s}\n",
    "feeds:\n",
    "&a [*a, *a]\n",
    "? [a, b]\n: c\n",
    "!!python/object:os.system ls\n",
    "\t\x00\ufeff",
    "{",
    "- - - -\n",
    "url: 'https://exa mple.com'\n",
]


@settings(max_examples=300, derandomize=True, deadline=None)
@given(
    text=st.one_of(
        st.text(max_size=400),
        st.lists(st.sampled_from(YAML_PIECES), max_size=8).map("".join),
    )
)
def test_sources_text_never_raises_anything_but_a_clear_error(text: str) -> None:
    try:
        parse_sources(text)
    except ClaimwatchError as exc:
        assert str(exc).startswith("sources.yaml")


@settings(max_examples=200, derandomize=True, deadline=None)
@given(value=st.one_of(st.text(max_size=60), st.integers().map(str)))
def test_remote_header_values_are_clamped_or_ignored(value: str) -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    delay = parse_retry_after(value, now)
    assert delay is None or delay.total_seconds() <= 2 * 86400
    age = parse_max_age(value)
    assert age is None or age.total_seconds() <= 7 * 86400
    age = parse_max_age(f"max-age={value}")
    assert age is None or age.total_seconds() <= 7 * 86400


class _FuzzFetcher:
    def __init__(self, bodies: list[bytes]) -> None:
        self.bodies = bodies

    async def fetch(self, url: str, **_: object) -> FetchResult:
        i = int(url.rsplit("/", 1)[1])
        return FetchResult("ok", "ok", url, body=self.bodies[i], content_type="text/xml")


@settings(
    max_examples=15,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(bodies=st.lists(feed_bytes, min_size=3, max_size=3))
async def test_a_poll_over_fuzzed_bodies_records_every_source(
    engine: Engine, bodies: list[bytes]
) -> None:
    feeds = "".join(
        f"  - {{name: f{i}-{abs(hash(b)) % 10**9}, url: 'https://example.com/{i}'}}\n"
        for i, b in enumerate(bodies)
    )
    config = parse_sources("feeds:\n" + feeds)
    report = await poll_due(engine, config, Settings(), fetcher=_FuzzFetcher(bodies), force=True)
    assert len(report.sources) == 3
    for source in report.sources:
        assert source.kind in ("ok", "failed", "unchanged")
        assert source.kind != "failed" or source.error
