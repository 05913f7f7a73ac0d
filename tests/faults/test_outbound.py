"""One outbound-fetch module for every path that reaches the network.

The call sites are enumerated from the source (no httpx client is built outside
bot/net.py; store/ has no network code), and each path (feeds, full text, the
leaderboard refresh, the `/sources add` probe) meets the same hostile servers:
a loopback target, a redirect to 169.254.169.254, a gzip bomb, a 1 byte/s body.
"""

from __future__ import annotations

import ast
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot import net
from bot.config import Settings
from bot.discord.feedcheck import default_feed_validator
from bot.feeds.fetch import FetchLimits, FetchResult, HttpFetcher
from bot.poller import poll_due
from bot.refresh import BoardFetch, default_board_fetch, refresh_leaderboards
from bot.sources import SourcesFile, parse_sources
from store.models import Article, Leaderboard, Source, utcnow
from tests.faults.faults_support import HostileHTTP, LoopbackInternet, public_resolver

pytestmark = pytest.mark.slow  # whole services, servers that time out: README, "Development"

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = Settings(contact="mailto:ops@claimwatch.test")
AGENT = "claimwatch-test (+mailto:ops@claimwatch.test)"
# the production limits, with the overall deadline shortened so a test can wait for it
SHORT = FetchLimits(total_timeout=2.0, attempts=1)


# --- the call sites ------------------------------------------------------------------


def _python_files(*dirs: str) -> Iterator[Path]:
    for d in dirs:
        yield from sorted((ROOT / d).rglob("*.py"))


def _client_constructions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            name = (
                f"{f.value.id}.{f.attr}"
                if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name)
                else f.id
                if isinstance(f, ast.Name)
                else ""
            )
            if name in (
                "httpx.Client",
                "httpx.AsyncClient",
                "AsyncClient",
                "Client",
                "urllib.request.urlopen",
                "urlopen",
                "http.client.HTTPConnection",
                "HTTPConnection",
                "HTTPSConnection",
                "socket.create_connection",
                "aiohttp.ClientSession",
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}")
    return found


def test_no_http_client_is_built_outside_bot_net() -> None:
    found = [hit for p in _python_files("bot", "store") for hit in _client_constructions(p)]
    assert found and all(hit.startswith("bot/net.py:") for hit in found), found


def test_store_has_no_network_code() -> None:
    network = {"httpx", "httpcore", "socket", "urllib.request", "aiohttp", "requests", "openai"}
    offenders = []
    for path in _python_files("store"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names if n in network]
    assert offenders == []


def test_every_outbound_path_goes_through_bot_net() -> None:
    """The list of modules that reach the network by URL: each one uses bot/net.py (or
    the poller's client, which bot/net.py builds). A new path must be added here."""
    users = set()
    for path in _python_files("bot"):
        if path.name == "net.py":
            continue
        text = path.read_text(encoding="utf-8")
        if "net.guarded_client" in text or "net.fetch_url" in text or "net.api_client" in text:
            users.add(str(path.relative_to(ROOT)))
        if "leaderboard_fetcher(" in text or "poller.make_client(" in text:
            users.add(str(path.relative_to(ROOT)))
    assert users == {
        "bot/poller.py",  # feeds and full-text pages (make_client -> net.guarded_client)
        "bot/refresh.py",  # leaderboard refresh in the service
        "bot/cli/leaderboard.py",  # `leaderboard ingest URL`
        "bot/discord/feedcheck.py",  # the `/sources add` probe
        "bot/alerts/webhook.py",  # Discord webhooks (operator-configured URL)
    }


# --- each path against the hostile servers -------------------------------------------


@pytest.fixture
def hostile() -> Iterator[HostileHTTP]:
    server = HostileHTTP()
    yield server
    server.close()


def feed_config(url: str, *, allow_private: bool = False, full_text: bool = False) -> SourcesFile:
    text = (
        f"settings: {{allow_private_networks: {str(allow_private).lower()}}}\n"
        f"feeds:\n  - {{name: f, url: '{url}', full_text: {str(full_text).lower()},"
        " baseline: false, max_age_days: null}\n"
    )
    return parse_sources(text)


def source(engine: Engine) -> Source:
    with Session(engine) as s:
        return s.exec(select(Source).where(Source.name == "f")).one()


async def _poll(
    engine: Engine, config: SourcesFile, limits: FetchLimits | None = None
) -> LoopbackInternet:
    backend = LoopbackInternet()
    limits = replace(limits or FetchLimits(), attempts=1)
    client = net.guarded_client(
        user_agent=AGENT, limits=limits, resolver=public_resolver, backend=backend
    )
    async with client:
        fetcher = HttpFetcher(client, limits, resolver=public_resolver)
        await poll_due(engine, config, SETTINGS, fetcher=fetcher, force=True)
    return backend


async def test_feed_path_loopback_target_refused(engine: Engine, hostile: HostileHTTP) -> None:
    await poll_due(engine, feed_config(hostile.url("/feed")), SETTINGS, force=True)
    assert source(engine).last_status == "blocked_address"
    assert hostile.hits == []


async def test_feed_path_redirect_to_metadata_refused(engine: Engine, hostile: HostileHTTP) -> None:
    backend = await _poll(engine, feed_config(hostile.url("/to-metadata", "feeds.test")))
    row = source(engine)
    assert row.last_status == "blocked_address" and "169.254.169.254" in (row.last_error or "")
    assert hostile.hits == ["/to-metadata"]
    assert all(host != "169.254.169.254" for host, _ in backend.connected)


async def test_feed_path_gzip_bomb_refused(engine: Engine, hostile: HostileHTTP) -> None:
    await _poll(engine, feed_config(hostile.url("/bomb", "feeds.test")))
    row = source(engine)
    assert row.last_status == "too_large" and "decompressed" in (row.last_error or "")


async def test_feed_path_drip_hits_the_overall_deadline(
    engine: Engine, hostile: HostileHTTP
) -> None:
    started = time.monotonic()
    await _poll(engine, feed_config(hostile.url("/drip", "feeds.test")), SHORT)
    assert time.monotonic() - started < SHORT.total_timeout + 3
    row = source(engine)
    assert row.last_status == "timeout" and "total time" in (row.last_error or "")


async def test_full_text_path_redirect_to_metadata_refused(
    engine: Engine, hostile: HostileHTTP
) -> None:
    """The feed is fine; its article page redirects to the metadata address: the page
    is refused, never requested, and the article keeps the feed's own summary."""
    url = hostile.url("/feed", "feeds.test")
    backend = await _poll(engine, feed_config(url, full_text=True))
    assert source(engine).last_status == "ok"
    assert hostile.hits == ["/feed", "/to-metadata"]
    assert all(host != "169.254.169.254" for host, _ in backend.connected)
    with Session(engine) as s:
        (article,) = s.exec(select(Article)).all()
    assert article.content in (None, "") or "short" in (article.content or "")
    assert article.summary == "short"


# --- the leaderboard refresh ---------------------------------------------------------


def board_config(url: str, *, allow_private: bool = False) -> SourcesFile:
    return parse_sources(
        f"settings: {{allow_private_networks: {str(allow_private).lower()}}}\n"
        f"leaderboards:\n  - {{name: lb, board: lmarena-text, url: '{url}', format: lmarena_csv}}\n"
    )


def injected_fetch(
    limits: FetchLimits = net.LEADERBOARD_LIMITS,
) -> tuple[BoardFetch, LoopbackInternet]:
    backend = LoopbackInternet()

    async def fetch(url: str) -> FetchResult:
        return await net.fetch_url(
            url, user_agent=AGENT, limits=limits, resolver=public_resolver, backend=backend
        )

    return fetch, backend


def board_errors(engine: Engine) -> list[str]:
    with Session(engine) as s:
        return [b.last_error or "" for b in s.exec(select(Leaderboard)).all()]


async def test_leaderboard_path_loopback_target_refused(
    engine: Engine, hostile: HostileHTTP
) -> None:
    config = board_config(hostile.url("/ok"))
    new = await refresh_leaderboards(
        engine, config, default_board_fetch(config, SETTINGS), now=_now(), owner="test"
    )
    assert new == 0 and hostile.hits == []


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/to-metadata", "169.254.169.254"),
        ("/bomb", "once decompressed"),
        ("/drip", "timeout (total time)"),
    ],
)
async def test_leaderboard_path_hostile_servers(
    engine: Engine, hostile: HostileHTTP, caplog: pytest.LogCaptureFixture, path: str, expected: str
) -> None:
    limits = replace(net.LEADERBOARD_LIMITS, total_timeout=2.0, attempts=1)
    fetch, backend = injected_fetch(limits)
    started = time.monotonic()
    new = await refresh_leaderboards(
        engine, board_config(hostile.url(path, "boards.test")), fetch, now=_now(), owner="test"
    )
    assert new == 0 and time.monotonic() - started < 6
    assert "leaderboard.refresh_failed" in caplog.text and expected in caplog.text
    assert all(host != "169.254.169.254" for host, _ in backend.connected)


# --- the /sources add probe ----------------------------------------------------------


async def test_sources_add_probe_refuses_loopback(hostile: HostileHTTP) -> None:
    validate = default_feed_validator(feed_config("https://example.com/x"), SETTINGS)
    assert validate is not None
    check = await validate(hostile.url("/feed"))
    assert not check.ok and "blocked" in (check.error or "")
    assert hostile.hits == []


async def test_sources_add_probe_refuses_a_gzip_bomb(hostile: HostileHTTP) -> None:
    config = feed_config("https://example.com/x", allow_private=True)
    validate = default_feed_validator(config, SETTINGS)
    assert validate is not None
    check = await validate(hostile.url("/bomb"))
    assert not check.ok and "decompressed" in (check.error or "")


def _now() -> datetime:
    return utcnow()
