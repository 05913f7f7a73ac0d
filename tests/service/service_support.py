"""Local servers and helpers for the service tests: a feed server, a fake Discord webhook.

Both are real HTTP servers on 127.0.0.1 (threads), so the service runs its real
poller and its real webhook sender; only the outside world is played here.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.config import Settings
from bot.pipeline import Runtime, make_runtime
from bot.sources import SourcesFile, parse_sources
from store.models import Alert, Article, Claim, Source

DATA = Path(__file__).resolve().parent.parent / "data" / "service"
REAL_FEEDS = ("artificial-analysis", "z-ai-blog", "moonshot-blog", "the-batch", "xai-news")
HANDWRITTEN = "handwritten-claims.xml"
FIXTURE_SNAPSHOT = "lmarena-text-2025-09-30.csv.gz"
WEBHOOK_ENV = "CLAIMWATCH_TEST_WEBHOOK"
T0 = datetime(2026, 9, 1, 12, 0, tzinfo=UTC)  # after every feed's newest entry

# what the hand-written feed makes (tests/data/service/README.md says why)
ALERTABLE_HANDWRITTEN = {
    "The best open-weights CN models have overtaken the best open-weights US models",
    "DeepSeek-V3 ranks above Llama-3.1-405B on LMArena text",
    "Claude 3.5 Sonnet ranks above GPT-4o on LMArena text",
}
R1_STATEMENT = "DeepSeek-R1 ranks #1 on LMArena text"


def read_data(name: str) -> bytes:
    raw = (DATA / name).read_bytes()
    return gzip.decompress(raw) if name.endswith(".gz") and not name.endswith(".csv.gz") else raw


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- the feed server ----------------------------------------------------------------


@dataclass
class FeedServer:
    """Serves `routes` (path -> bytes); `delays` (path -> seconds) make a feed slow."""

    routes: dict[str, bytes] = field(default_factory=dict)
    delays: dict[str, float] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    base: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, path: str, body: bytes) -> str:
        self.routes[path] = body
        return self.base + path


@contextmanager
def feed_server(host: str = "127.0.0.1") -> Iterator[FeedServer]:
    """A feed server; another loopback address (127.0.0.2) is another host to the poller,
    which fetches one feed at a time per host, so a slow feed there blocks no other."""
    fake = FeedServer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.partition("?")[0]
            with fake.lock:
                fake.hits[path] += 1
            delay = fake.delays.get(path, 0.0)
            deadline = time.monotonic() + delay
            while time.monotonic() < deadline and fake.delays.get(path, 0.0) > 0:
                time.sleep(0.05)  # a slow feed; setting its delay to 0 releases it
            body = fake.routes.get(path)
            if body is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            ctype = "application/gzip" if path.endswith(".gz") else "application/rss+xml"
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            # the client may have been killed mid-request
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer((host, 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    fake.base = f"http://{host}:{server.server_port}"
    try:
        yield fake
    finally:
        fake.delays.clear()
        server.shutdown()
        server.server_close()


# --- the fake Discord webhook -----------------------------------------------------------

_CLAIM = re.compile(r"\bclaim (\d+)\b")


@dataclass
class Webhook:
    """Plays a Discord webhook: every POST creates a message, counted per claim."""

    url: str = ""
    messages: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, payload: dict[str, Any]) -> str:
        with self.lock:
            message_id = str(1_000_000 + len(self.messages))
            embed = (payload.get("embeds") or [{}])[0]
            footer = embed.get("footer", {}).get("text", "")
            match = _CLAIM.search(footer)
            self.messages.append(
                {
                    "id": message_id,
                    "claim": int(match.group(1)) if match else None,
                    "title": embed.get("title", ""),
                    "content": payload.get("content", ""),
                    "fields": {f["name"]: f["value"] for f in embed.get("fields", [])},
                    "allowed_mentions": payload.get("allowed_mentions"),
                    "received": datetime.now(UTC),
                }
            )
            return message_id

    def per_claim(self) -> Counter[int | None]:
        with self.lock:
            return Counter(m["claim"] for m in self.messages)

    def contents(self, claim: int) -> list[str]:
        """The message text above the card: says "Verdict changed" on a change alert."""
        with self.lock:
            return [m["content"] for m in self.messages if m["claim"] == claim]


@contextmanager
def webhook_server() -> Iterator[Webhook]:
    fake = Webhook()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            payload = json.loads(self.rfile.read(length) or b"{}")
            message_id = fake.record(payload)
            body = json.dumps({"id": message_id}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_port}/api/webhooks/1/test-token"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()


# --- sources.yaml and runtimes ------------------------------------------------------------


def serve_feeds(
    server: FeedServer, names: tuple[str, ...] = REAL_FEEDS, *, wire: FeedServer | None = None
) -> dict[str, str]:
    """Put the real feeds and the hand-written one (on `wire` if given); name -> URL."""
    urls = {name: server.add(f"/feeds/{name}.xml", read_data(f"{name}.xml.gz")) for name in names}
    urls["test-wire"] = (wire or server).add("/feeds/test-wire.xml", read_data(HANDWRITTEN))
    return urls


def sources_yaml(
    feeds: dict[str, str],
    *,
    leaderboards: list[dict[str, Any]] | None = None,
    interval: str = "1h",
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A sources.yaml (as data) that alerts on every entry of every feed."""
    return {
        "settings": {"allow_private_networks": True, "max_concurrency": 8, "max_failures": 3}
        | (extra or {}),
        "feeds": [
            {"name": n, "url": u, "baseline": False, "max_age_days": None, "interval": interval}
            for n, u in feeds.items()
        ],
        "leaderboards": leaderboards or [],
        "destinations": [
            {"name": "team-discord", "kind": "discord_webhook", "webhook_env": WEBHOOK_ENV}
        ],
    }


def load_config(data: dict[str, Any]) -> SourcesFile:
    return parse_sources(yaml.safe_dump(data))


def write_config(data: dict[str, Any], path: Path) -> Path:
    path.write_text(yaml.safe_dump(data))
    return path


def runtime(
    engine: Engine, config: SourcesFile, *, owner: str, clock: Callable[[], datetime]
) -> Runtime:
    rt = make_runtime(engine, config, Settings())
    rt.owner = owner
    rt.clock = clock
    return rt


# --- what is stored --------------------------------------------------------------------


def alertable_claims(engine: Engine, labels: tuple[str, ...]) -> dict[int, str]:
    """Claims whose current verdict a destination wants and that a fresh article made."""
    from store.models import Appearance

    with Session(engine) as session:
        rows = session.exec(
            select(Claim.id, Claim.statement)
            .join(Appearance, col(Appearance.claim_id) == col(Claim.id))
            .join(Article, col(Article.id) == col(Appearance.article_id))
            .where(col(Claim.current_verdict).in_(labels), col(Article.baseline).is_(False))
            .distinct()
        ).all()
    return {int(i): s for i, s in rows if i is not None}


def claim_id(engine: Engine, statement: str) -> int:
    with Session(engine) as session:
        found = session.exec(select(Claim.id).where(Claim.statement == statement)).one()
    assert found is not None
    return found


def pending_work(engine: Engine) -> dict[str, int]:
    """Everything that would still need doing: all zeros when the service is done."""
    with Session(engine) as session:
        return {
            "unprocessed_articles": len(
                session.exec(select(Article.id).where(col(Article.processed_at).is_(None))).all()
            ),
            "open_alerts": len(
                session.exec(
                    select(Alert.id).where(col(Alert.status).in_(("pending", "sending")))
                ).all()
            ),
            "unsent_alerts": len(
                session.exec(select(Alert.id).where(col(Alert.status) != "sent")).all()
            ),
            "source_leases": len(
                session.exec(select(Source.id).where(col(Source.lease_owner).is_not(None))).all()
            ),
            "article_leases": len(
                session.exec(select(Article.id).where(col(Article.lease_owner).is_not(None))).all()
            ),
            "alert_leases": len(
                session.exec(select(Alert.id).where(col(Alert.lease_owner).is_not(None))).all()
            ),
            "claims_marked": len(
                session.exec(select(Claim.id).where(col(Claim.recheck_after).is_not(None))).all()
            ),
        }


def article_keys(engine: Engine) -> list[tuple[str, str | None]]:
    """(source name, guid) of every stored article."""
    with Session(engine) as session:
        rows = session.exec(
            select(Source.name, Article.guid).join(Source, col(Source.id) == col(Article.source_id))
        ).all()
    return [(n, g) for n, g in rows]


def feed_guids(name: str) -> set[str]:
    """The entry ids a feed file holds (what the poller must store, each once)."""
    import feedparser

    parsed = feedparser.parse(
        read_data(HANDWRITTEN) if name == "test-wire" else read_data(f"{name}.xml.gz")
    )
    return {e.get("id") or e.get("link") for e in parsed.entries}


# --- the service as a subprocess -------------------------------------------------------

LABELS = ("supported", "contradicted", "within_uncertainty")


def wait_for(
    check: Callable[[], bool],
    *,
    what: str,
    process: subprocess.Popen[bytes],
    state: Callable[[], object],
    timeout: float = 20.0,
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    _, err = process.communicate()
    raise AssertionError(f"{what}: not reached; state {state()}; log:\n{err.decode()[-3000:]}")


def claimwatch(
    args: list[str], url: str, sources: Path, tmp: Path, **env: str
) -> subprocess.Popen[bytes]:
    environ = os.environ | {
        "CLAIMWATCH_DATABASE_URL": url,
        "CLAIMWATCH_SOURCES": str(sources),
        "CLAIMWATCH_DATA_DIR": str(tmp),
        "CLAIMWATCH_LOG_LEVEL": "INFO",
    }
    return subprocess.Popen(
        [_cli(), *args],
        env=environ | env,
        stdout=(tmp / f"{args[0]}-{time.monotonic_ns()}.out").open("wb"),
        stderr=subprocess.PIPE,
    )


def _cli() -> str:
    return str(Path(sys.executable).with_name("claimwatch"))


def polled_state(engine: Engine) -> dict[str, tuple[bool, str | None]]:
    with Session(engine) as session:
        rows = session.exec(select(Source.name, Source.last_polled_at, Source.lease_owner)).all()
    return {name: (polled is not None, owner) for name, polled, owner in rows}
