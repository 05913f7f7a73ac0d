"""Every outbound HTTP client claimwatch uses is built here, and nowhere else.

    remote URL (feed, article page, leaderboard, `/sources add` probe)
        -> guarded_client: FeedTransport (address policy at connect time, pinned address)
        -> HttpFetcher (bot/feeds/fetch.py): each redirect target checked, at most 5,
           body capped compressed and decompressed, connect/read/overall deadlines
    operator-configured endpoint (a Discord webhook URL from the environment)
        -> api_client: connect/read/write/pool deadlines; callers add an overall one

A URL that arrives from outside (a feed, a redirect, a URL pasted into `/sources add`,
a `leaderboards:` entry) always goes through `guarded_client` and `HttpFetcher`, so
one set of checks covers every path; tests/foundation/test_outbound.py fails when an
httpx client is constructed anywhere else in bot/ or store/. The LLM (openai SDK),
the Discord bot (discord.py) and SMTP (aiosmtplib) bring their own clients and talk
only to endpoints the operator configured; their deadlines are set where they are built.
`store/` has no network code: the leaderboard refresh fetches here and hands bytes over.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

import httpcore
import httpx

from bot import __version__
from bot.config import Settings
from bot.feeds.fetch import (
    FEED_ACCEPT,
    FetchLimits,
    FetchResult,
    HttpFetcher,
    Resolver,
    system_resolver,
)
from bot.feeds.transport import FeedTransport
from store.errors import ClaimwatchError


class FeedSettings(Protocol):
    """What outbound requests take from sources.yaml's `settings:` (bot.sources.Settings);
    a protocol, because sources.yaml's schema loads the destination kinds, which use
    this module."""

    @property
    def user_agent(self) -> str | None: ...

    @property
    def allow_private_networks(self) -> bool: ...


# A leaderboard file is bigger than a feed (the arena-catalog JSON is a few MB) but a
# refresh is one request a day: a generous cap, still far from a bomb's gigabytes.
FEED_LIMITS = FetchLimits()
LEADERBOARD_LIMITS = FetchLimits(max_bytes=64 * 1024 * 1024, total_timeout=120.0, attempts=2)


def user_agent(feed_settings: FeedSettings, settings: Settings) -> str:
    base = feed_settings.user_agent or f"claimwatch/{__version__}"
    return f"{base} (+{settings.contact})"


def guarded_client(
    *,
    user_agent: str,
    limits: FetchLimits = FEED_LIMITS,
    resolver: Resolver = system_resolver,
    max_connections: int = 40,
    backend: httpcore.AsyncNetworkBackend | None = None,
) -> httpx.AsyncClient:
    """The client for URLs from outside: connections pinned to addresses that passed the
    private-address check (transport.py); HttpFetcher follows redirects itself."""
    transport = FeedTransport(
        resolver=resolver,
        allow_private_networks=limits.allow_private_networks,
        max_connections=max_connections,
        backend=backend,
    )
    return httpx.AsyncClient(
        headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
        timeout=httpx.Timeout(
            connect=limits.connect_timeout, read=limits.read_timeout, write=10.0, pool=60.0
        ),
        transport=transport,
        follow_redirects=False,  # HttpFetcher follows them, checking each target
        trust_env=False,  # no proxy from the environment: the address checks must see the target
    )


def api_client(
    *, connect: float = 5.0, read: float = 10.0, write: float = 10.0, pool: float = 5.0
) -> httpx.AsyncClient:
    """The client for an endpoint the operator configured (a webhook URL): no redirects
    followed, every phase bounded. The caller wraps each call in an overall deadline,
    since a server dripping one byte per read timeout defeats per-read limits."""
    return httpx.AsyncClient(
        timeout=httpx.Timeout(connect=connect, read=read, write=write, pool=pool),
        follow_redirects=False,
        trust_env=False,
    )


async def fetch_url(
    url: str,
    *,
    user_agent: str,
    limits: FetchLimits = LEADERBOARD_LIMITS,
    accept: str = FEED_ACCEPT,
    resolver: Resolver = system_resolver,
    backend: httpcore.AsyncNetworkBackend | None = None,
) -> FetchResult:
    """One guarded GET with its own client (a leaderboard refresh, a CLI ingest)."""
    client = guarded_client(
        user_agent=user_agent, limits=limits, resolver=resolver, backend=backend
    )
    async with client:
        fetcher = HttpFetcher(client, limits, resolver=resolver)
        return await fetcher.fetch(url, accept=accept)


def fetched_bytes(result: FetchResult) -> bytes:
    """The body of a successful fetch, or a ClaimwatchError saying why there is none."""
    if result.kind != "ok":
        raise ClaimwatchError(f"{result.url}: cannot fetch: {result.error or result.status}")
    return result.body


def sync_fetcher(
    *,
    user_agent: str,
    allow_private_networks: bool = False,
    limits: FetchLimits = LEADERBOARD_LIMITS,
    resolver: Resolver = system_resolver,
) -> Callable[[str], bytes]:
    """A `url -> bytes` callable for code outside an event loop (`leaderboard ingest URL`)."""
    limits = replace(limits, allow_private_networks=allow_private_networks)

    def fetch(url: str) -> bytes:
        result = asyncio.run(
            fetch_url(url, user_agent=user_agent, limits=limits, resolver=resolver)
        )
        return fetched_bytes(result)

    return fetch


def leaderboard_fetcher(settings: Settings, feed_settings: FeedSettings) -> Callable[[str], bytes]:
    """The guarded fetcher for `claimwatch leaderboard ingest URL`, with the address
    policy and user agent of sources.yaml's `settings:`."""
    return sync_fetcher(
        user_agent=user_agent(feed_settings, settings),
        allow_private_networks=feed_settings.allow_private_networks,
    )
