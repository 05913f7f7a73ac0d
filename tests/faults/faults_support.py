"""Hostile servers on 127.0.0.1 for the fault tests, and a fake internet to reach them.

`HostileHTTP` serves the classic attacks on a fetcher: a redirect to the cloud
metadata address, a gzip bomb, a body dripped one byte a second, a server that
never answers. `LoopbackInternet` is a network backend that connects every address
the guard allowed to 127.0.0.1 on the same port and records what it was asked: with
a resolver that answers public addresses, the real address policy runs and the
request still reaches the local server, so a test can show that a forbidden target
is refused before any connection is made.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import socket
import threading
import time
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpcore

from bot.feeds.transport import AsyncioBackend

PUBLIC = "93.184.216.34"  # a public address; never connected to (LoopbackInternet)
METADATA_URL = "http://169.254.169.254/latest/meta-data/iam/security-credentials/"
BOMB = gzip.compress(b"<rss>" + b"\0" * (80 * 1024 * 1024), 9)  # 80 MB from ~80 kB
GOOD_FEED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
    b"<item><title>Kimi K2 tops the open models</title><link>LINK</link><guid>g1</guid>"
    b"<description>short</description></item></channel></rss>"
)


class HostileHTTP:
    """Routes: /feed (a good feed, its item linking to /to-metadata), /to-metadata,
    /bomb, /drip (1 byte a second), /hang (headers never sent), /500, /ok."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.hits: list[str] = []
        self.stop = threading.Event()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                fake.hits.append(self.path)
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    fake.route(self)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                self.rfile.read(length)
                self.do_GET()

        self.httpd = ThreadingHTTPServer((host, 0), Handler)
        self.httpd.daemon_threads = True
        self.port = int(self.httpd.server_address[1])
        self.host = host
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def url(self, path: str, host: str | None = None) -> str:
        return f"http://{host or self.host}:{self.port}{path}"

    def route(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path.split("?")[0]
        if path == "/feed":
            # the article link on the host the feed was asked for (feeds.test, say)
            host = h.headers.get("Host") or f"{self.host}:{self.port}"
            body = GOOD_FEED.replace(b"LINK", f"http://{host}/to-metadata".encode())
            self._send(h, 200, body, {"Content-Type": "application/rss+xml"})
        elif path == "/to-metadata":
            self._send(h, 302, b"", {"Location": METADATA_URL})
        elif path == "/bomb":
            self._send(h, 200, BOMB, {"Content-Encoding": "gzip", "Content-Type": "text/csv"})
        elif path == "/drip":
            h.send_response(200)
            h.send_header("Content-Length", "100000")
            h.send_header("Content-Type", "text/csv")
            h.end_headers()
            for _ in range(100000):
                if self.stop.wait(1.0):
                    return
                h.wfile.write(b"x")
                h.wfile.flush()
        elif path.startswith("/hang"):
            self.stop.wait(120)
        elif path.startswith("/html"):  # a proxy's login or error page, with a 200
            page = b"<!DOCTYPE html><html><head><title>Sign in</title></head><body/></html>"
            self._send(h, 200, page, {"Content-Type": "text/html; charset=utf-8"})
        elif path == "/500":
            self._send(h, 500, b"oops", {"Content-Type": "text/plain"})
        else:
            self._send(h, 200, b"ok", {"Content-Type": "text/plain"})

    @staticmethod
    def _send(h: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str]) -> None:
        h.send_response(status)
        for k, v in headers.items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    def close(self) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()


class LoopbackInternet(AsyncioBackend):
    """Connects whatever address it is given to 127.0.0.1 on the same port."""

    def __init__(self) -> None:
        self.connected: list[tuple[str, int]] = []

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        self.connected.append((host, port))
        return await super().connect_tcp("127.0.0.1", port, timeout, local_address, socket_options)


async def public_resolver(host: str, port: int) -> list[str]:
    """Every name is a public address (the guard passes it; LoopbackInternet connects it)."""
    return [PUBLIC]


class HungSMTP:
    """Accepts TCP connections and never says a word (not even the SMTP greeting)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(50)
        self.port = int(self.sock.getsockname()[1])
        self.conns: list[socket.socket] = []
        self.stop = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        self.sock.settimeout(0.1)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.conns.append(conn)

    def close(self) -> None:
        self.stop.set()
        time.sleep(0.15)
        for c in self.conns:
            c.close()
        self.sock.close()


class Webhook:
    """A Discord webhook played on 127.0.0.1 whose behaviour a test switches:
    ok, always_500, rate_limited (a huge retry_after), unauthorized, hang, drop
    (reads the request, then hangs up). `posts` keeps every request that arrived."""

    def __init__(self) -> None:
        self.mode = "ok"
        self.posts: list[dict[str, Any]] = []
        self.stop = threading.Event()
        self._next_id = 1000
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                payload = json.loads(self.rfile.read(length) or b"{}")
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    fake.answer(self, payload)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/api/webhooks/1/token"
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def answer(self, h: BaseHTTPRequestHandler, payload: dict[str, Any]) -> None:
        with self._lock:
            mode = self.mode
            self.posts.append({"mode": mode, "payload": payload})
            self._next_id += 1
            message_id = str(self._next_id)
        if mode == "hang":
            self.stop.wait(60)
            return
        if mode == "drop":
            h.close_connection = True
            h.connection.shutdown(socket.SHUT_RDWR)
            return
        status, body = {
            "ok": (200, {"id": message_id}),
            "always_500": (500, {"message": "Internal Server Error"}),
            "rate_limited": (429, {"message": "slow", "retry_after": 1e12, "global": False}),
            "unauthorized": (401, {"message": "401: Unauthorized", "code": 0}),
        }[mode]
        raw = json.dumps(body).encode()
        h.send_response(status)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(raw)))
        h.end_headers()
        h.wfile.write(raw)

    def delivered(self) -> list[str]:
        """The idempotency refs of the messages Discord would show (2xx answers only)."""
        return [
            p["payload"]["embeds"][0]["footer"]["text"] for p in self.posts if p["mode"] == "ok"
        ]

    def close(self) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
