"""Prometheus metrics and the `/healthz` + `/metrics` endpoint of `claimwatch run`.

Alert latency is article stored -> alert sent: `TimedSender` notes when each message
was delivered, and `observe_alert_latency` looks up when the first fresh article that
made the claim was stored. Change alerts (a re-check after new snapshots) are not
counted: no article triggered them.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping
from datetime import datetime

import sqlalchemy as sa
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.alerts.senders import Delivered, Outcome, OutgoingMessage, Sender
from bot.logs import event
from store.models import Alert, Appearance, Article, Claim, utcnow

log = logging.getLogger(__name__)

POLLS = Counter("claimwatch_polls_total", "Feed polls by outcome", ["outcome"])
ARTICLES = Counter("claimwatch_articles_total", "New or updated articles stored")
CLAIMS = Counter("claimwatch_claims_total", "Claims judged, by verdict", ["verdict"])
ALERTS = Counter("claimwatch_alerts_total", "Alerts dispatched, by outcome", ["outcome"])
ALERT_LATENCY = Histogram(
    "claimwatch_alert_latency_seconds",
    "Article stored -> alert sent",
    buckets=(1, 5, 15, 60, 300, 900, 3600, 21600),
)
LLM_TOKENS = Counter("claimwatch_llm_tokens_total", "LLM tokens used", ["kind"])
FAILURES = Counter("claimwatch_failures_total", "Failed steps of the service", ["step"])
CLAIMS_CURRENT = Gauge("claimwatch_stored_claims", "Stored claims by current verdict", ["verdict"])
PASSES = Counter("claimwatch_passes_total", "Passes of the service loop")
LAST_PASS = Gauge("claimwatch_last_pass_timestamp_seconds", "When the last pass finished")
STARTED = time.time()


class TimedSender:
    """Wraps a sender to note when each message was delivered, by nonce."""

    def __init__(self, inner: Sender) -> None:
        self.inner = inner
        self.kind = inner.kind
        self.delivered: dict[str, datetime] = {}

    def _note(self, nonce: str, outcome: Outcome) -> Outcome:
        if isinstance(outcome, Delivered):
            self.delivered[nonce] = utcnow()
        return outcome

    async def send(self, message: OutgoingMessage, *, nonce: str, replaces: str | None) -> Outcome:
        return self._note(nonce, await self.inner.send(message, nonce=nonce, replaces=replaces))

    async def resume(
        self, message: OutgoingMessage, *, nonce: str, replaces: str | None
    ) -> Outcome:
        return self._note(nonce, await self.inner.resume(message, nonce=nonce, replaces=replaces))


def alert_latencies(engine: Engine, delivered: Mapping[str, datetime]) -> list[float]:
    """Seconds from the first fresh article making each claim to its `new` alert."""
    if not delivered:
        return []
    with Session(engine) as session:
        rows = session.exec(
            select(Alert.nonce, sa.func.min(Article.fetched_at))
            .join(Appearance, col(Appearance.claim_id) == col(Alert.claim_id))
            .join(Article, col(Article.id) == col(Appearance.article_id))
            .where(
                col(Alert.nonce).in_(list(delivered)),
                col(Alert.kind) == "new",
                col(Article.baseline).is_(False),
            )
            .group_by(col(Alert.nonce))
        ).all()
    out = []
    for nonce, stored in rows:
        if nonce is not None and stored is not None:
            out.append(max(0.0, (delivered[nonce] - stored).total_seconds()))
    return out


def observe_alert_latency(engine: Engine, delivered: Mapping[str, datetime]) -> None:
    for seconds in alert_latencies(engine, delivered):
        ALERT_LATENCY.observe(seconds)


def refresh_claim_gauge(engine: Engine) -> None:
    """Claims by current verdict, from the database (shared by every instance)."""
    with Session(engine) as session:
        rows = session.exec(
            select(Claim.current_verdict, sa.func.count()).group_by(col(Claim.current_verdict))
        ).all()
    for verdict, count in rows:
        CLAIMS_CURRENT.labels(verdict or "none").set(count)


def health() -> bytes:
    """`ok` with the age of the last pass (or of the process, before the first)."""
    last = LAST_PASS._value.get() or STARTED  # the gauge's current value
    return f"ok last_pass_age_s={time.time() - last:.0f}\n".encode()


async def _handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        request = await asyncio.wait_for(reader.readline(), timeout=5)
        parts = request.decode("latin-1").split()
        path = parts[1] if len(parts) > 1 else "/"
        if path == "/healthz":
            status, ctype, body = "200 OK", "text/plain", health()
        elif path == "/metrics":
            status, ctype, body = "200 OK", CONTENT_TYPE_LATEST, generate_latest()
        else:
            status, ctype, body = "404 Not Found", "text/plain", b"not found\n"
        head = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n"
        writer.write(head.encode() + b"Connection: close\r\n\r\n" + body)
        await writer.drain()
    except (TimeoutError, ConnectionError):
        pass
    finally:
        writer.close()


async def serve_metrics(port: int, host: str = "0.0.0.0") -> asyncio.Server:  # noqa: S104
    server = await asyncio.start_server(_handle, host, port)
    event(log, "metrics.listening", port=port)
    return server
