"""A real HTTP server on 127.0.0.1 for the poller tests, and feed-building helpers.

Each path is a route: a callable from the request's headers to a `Resp`, so a test
scripts what the server says on each request (500 then 200, a redirect loop, ...).
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from tenacity import wait_none

from bot.config import Settings
from bot.feeds.fetch import Resolver, system_resolver
from bot.poller import PollReport, poll_due
from bot.sources import Feed, SourcesFile
from bot.sources import Settings as FeedSettings
from store.models import Article, Source

FEEDS = Path(__file__).resolve().parent.parent / "data" / "feeds"
T0 = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


@dataclass
class Resp:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


Route = Callable[[dict[str, str]], Resp]


def script(*responses: Resp) -> Route:
    """Answer with each response in turn; the last one repeats."""
    queue = list(responses)

    def route(_headers: dict[str, str]) -> Resp:
        return queue.pop(0) if len(queue) > 1 else queue[0]

    return route


class Versions:
    """Serve the versions of a feed, one per `advance()`, with ETags and 304s."""

    def __init__(self, files: list[Path]) -> None:
        self.bodies = [gzip.decompress(f.read_bytes()) for f in files]
        self.index = 0

    def advance(self) -> None:
        self.index += 1

    def __call__(self, headers: dict[str, str]) -> Resp:
        body = self.bodies[self.index]
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if headers.get("if-none-match") == etag:
            return Resp(304, headers={"ETag": etag})
        return Resp(200, body, {"ETag": etag, "Content-Type": "application/xml"})


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.active = 0
        self.max_active = 0
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                headers = {k.lower(): v for k, v in self.headers.items()}
                with server._lock:
                    server.requests.append((self.path, headers))
                    server.active += 1
                    server.max_active = max(server.max_active, server.active)
                try:
                    route = server.routes.get(self.path.split("?")[0])
                    resp = route(headers) if route else Resp(404, b"not found")
                    time.sleep(max(resp.delay, 0.002))
                    self.send_response(resp.status)
                    for k, v in resp.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(resp.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    with server._lock:
                        server.active -= 1

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p.split("?")[0] == path)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def rss(items: list[dict[str, str]], title: str = "Test feed", extra: str = "") -> bytes:
    """A small RSS 2.0 document; each item dict gives title/link/guid/description/pubDate."""
    head = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0">'
    out = [f"{head}<channel><title>{title}</title>{extra}"]
    for item in items:
        out.append("<item>" + "".join(f"<{k}>{v}</{k}>" for k, v in item.items()) + "</item>")
    out.append("</channel></rss>")
    return "".join(out).encode()


GOOD_ITEMS = [
    {"title": f"Good entry {i}", "link": f"https://good.example/posts/{i}", "guid": f"good-{i}"}
    for i in range(3)
]


def make_config(
    *feeds: Mapping[str, object], allow_private: bool = True, max_failures: int = 3
) -> SourcesFile:
    return SourcesFile(
        settings=FeedSettings(allow_private_networks=allow_private, max_failures=max_failures),
        feeds=tuple(Feed.model_validate(f) for f in feeds),
    )


async def poll(
    engine: Engine,
    config: SourcesFile,
    settings: Settings,
    *,
    now: datetime = T0,
    force: bool = True,
    client: httpx.AsyncClient | None = None,
    resolver: Resolver = system_resolver,
) -> PollReport:
    """poll_due with a fixed clock, no retry waits, and every source forced."""
    return await poll_due(
        engine,
        config,
        settings,
        now=now,
        force=force,
        client=client,
        resolver=resolver,
        retry_wait=wait_none(),
    )


def source_row(engine: Engine, name: str) -> Source:
    with Session(engine) as session:
        return session.exec(select(Source).where(Source.name == name)).one()


def article_rows(engine: Engine, name: str) -> list[Article]:
    with Session(engine) as session:
        src = session.exec(select(Source).where(Source.name == name)).one()
        return list(
            session.exec(
                select(Article).where(Article.source_id == src.id).order_by(col(Article.id))
            ).all()
        )
