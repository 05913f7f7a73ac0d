"""The poller's transport: connections pinned to the checked address, TLS still checked
against the name, and the warm path (304s) stored in batches without losing a state.

No test touches the network: names resolve through injected resolvers to 127.0.0.1,
and the one public address a resolver answers is never connected to.
"""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterable, Iterator, Sequence
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpcore
import httpx
import pytest
from sqlalchemy.engine import Engine

from bot.config import Settings
from bot.feeds import persist
from bot.feeds.fetch import Resolver
from bot.feeds.persist import PollUpdate
from bot.feeds.transport import FeedTransport
from store.models import Source
from tests.poller.poller_support import (
    GOOD_ITEMS,
    T0,
    FeedServer,
    Resp,
    make_config,
    poll,
    rss,
    script,
)

TLS = Path(__file__).resolve().parent.parent / "data" / "poller" / "tls"
FEED = rss(GOOD_ITEMS)


def counting_resolver(answers: dict[str, list[list[str]]]) -> tuple[Resolver, list[str]]:
    """Answer each name's lists in turn (the last one repeats); record every lookup."""
    asked: list[str] = []

    async def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        queue = answers[host]
        return queue.pop(0) if len(queue) > 1 else queue[0]

    return resolve, asked


async def test_connection_goes_to_the_resolved_address_and_keeps_the_name(
    engine: Engine, server: FeedServer, app_settings: Settings
) -> None:
    """`feed.invalid` exists only in the injected resolver: the request reaching the
    local server proves the connection used the resolver's answer, not a second
    (system) lookup; the Host header still carries the name."""
    server.routes["/feed"] = script(Resp(200, FEED))
    resolve, asked = counting_resolver({"feed.invalid": [["127.0.0.1"]]})
    config = make_config({"name": "named", "url": f"http://feed.invalid:{server.port}/feed"})
    report = await poll(engine, config, app_settings, resolver=resolve)
    assert report.sources[0].status == "ok" and report.sources[0].new == 3
    assert [h["host"] for _, h in server.requests] == [f"feed.invalid:{server.port}"]
    assert asked == ["feed.invalid"]  # allowed private networks: no pre-check, one lookup


async def test_dns_rebinding_is_refused(
    engine: Engine, server: FeedServer, app_settings: Settings
) -> None:
    """The name answers a public address to the pre-check, then 127.0.0.1 when the
    connection is made. `localhost` is used so that a connection made by a fresh
    system lookup (the gap this closes) would reach the local server."""
    server.routes["/feed"] = script(Resp(200, FEED))
    resolve, asked = counting_resolver({"localhost": [["93.184.216.34"], ["127.0.0.1"]]})
    config = make_config(
        {"name": "rebound", "url": f"http://localhost:{server.port}/feed"}, allow_private=False
    )
    report = await poll(engine, config, app_settings, resolver=resolve)
    (source,) = report.sources
    assert source.status == "blocked_address"
    assert source.error is not None and "localhost resolves to 127.0.0.1" in source.error
    assert server.requests == []  # never reached
    assert asked == ["localhost", "localhost"]  # the check, then the connection


async def test_a_public_answer_at_connect_time_is_connected_to_exactly() -> None:
    """The backend connects to the address it checked, never to the name."""
    connected: list[tuple[str, int]] = []

    class Recorder(httpcore.AsyncNetworkBackend):
        async def connect_tcp(
            self,
            host: str,
            port: int,
            timeout: float | None = None,  # noqa: ASYNC109 (httpcore's signature)
            local_address: str | None = None,
            socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
        ) -> httpcore.AsyncNetworkStream:
            connected.append((host, port))
            raise httpcore.ConnectError("recorded, not connected")

    resolve, _ = counting_resolver({"feeds.example": [["93.184.216.34", "2606:2800::1"]]})
    transport = FeedTransport(resolver=resolve, backend=Recorder())
    async with httpx.AsyncClient(transport=transport) as client:
        with pytest.raises(httpx.ConnectError):
            await client.get("http://feeds.example/rss")
    assert connected == [("93.184.216.34", 80), ("2606:2800::1", 80)]  # each in turn


@pytest.fixture
def tls_server() -> Iterator[tuple[int, list[str | None]]]:
    """An HTTPS server on 127.0.0.1 with a certificate for feeds.test only."""
    names: list[str | None] = []
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(TLS / "server.pem", TLS / "server.key")
    ctx.sni_callback = lambda _sock, name, _ctx: names.append(name)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", str(len(FEED)))
            self.end_headers()
            self.wfile.write(FEED)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.socket = ctx.wrap_socket(httpd.socket, server_side=True)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_address[1], names
    httpd.shutdown()
    httpd.server_close()


async def test_tls_checks_the_certificate_against_the_name(
    tls_server: tuple[int, list[str | None]],
) -> None:
    """Connecting to 127.0.0.1 does not weaken TLS: SNI is the name, and a certificate
    that does not match the name is refused."""
    port, sni = tls_server
    client_ctx = ssl.create_default_context(cafile=str(TLS / "ca.pem"))
    resolve, _ = counting_resolver({"feeds.test": [["127.0.0.1"]], "other.test": [["127.0.0.1"]]})
    transport = FeedTransport(resolver=resolve, allow_private_networks=True, ssl_context=client_ctx)
    async with httpx.AsyncClient(transport=transport) as client:
        ok = await client.get(f"https://feeds.test:{port}/feed")
        assert ok.status_code == 200 and ok.content == FEED
        with pytest.raises(httpx.ConnectError, match="certificate verify failed"):
            await client.get(f"https://other.test:{port}/feed")
    assert sni[:2] == ["feeds.test", "other.test"]


async def test_warm_poll_stores_every_state_once_and_gives_leases_back(
    engine: Engine, server: FeedServer, app_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """30 sources answering 304: each state written exactly once (in batches), all
    leases released, the stored ETag kept and sent back."""
    n = 30
    for i in range(n):
        server.routes[f"/f{i}"] = script(
            Resp(200, FEED, {"ETag": f'"v{i}"'}), Resp(304, headers={"ETag": f'"v{i}"'})
        )
    config = make_config(*({"name": f"s{i}", "url": server.url(f"/f{i}")} for i in range(n)))
    await poll(engine, config, app_settings)

    written: list[int] = []
    real = persist.apply_polls

    def spy(engine_: Engine, updates: Sequence[PollUpdate]) -> list[persist.Applied]:
        written.extend(u.source_id for u in updates)
        return real(engine_, updates)

    monkeypatch.setattr(persist, "apply_polls", spy)
    later = T0 + timedelta(hours=1)
    report = await poll(engine, config, app_settings, now=later)
    assert {s.status for s in report.sources} == {"not_modified"}
    assert sorted(written) == sorted(set(written)) and len(written) == n

    from sqlmodel import Session, select

    with Session(engine) as session:
        rows = session.exec(select(Source)).all()
    assert len(rows) == n
    for row in rows:
        assert row.last_status == "not_modified" and row.last_polled_at == later
        assert row.lease_owner is None and row.lease_until is None
        assert row.etag == f'"v{row.name[1:]}"' and row.consecutive_failures == 0
        assert row.baseline_done and row.entries_stored == 3
        assert row.next_poll_at is not None and row.next_poll_at > later
    conditional = [h.get("if-none-match") for p, h in server.requests[n:]]
    assert len(conditional) == n and all(conditional)
