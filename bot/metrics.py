"""Prometheus metrics and the `/healthz` + `/metrics` endpoint of `claimwatch run`."""

from __future__ import annotations

import asyncio
import logging

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest

from bot.logs import event

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


async def _handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        request = await asyncio.wait_for(reader.readline(), timeout=5)
        parts = request.decode("latin-1").split()
        path = parts[1] if len(parts) > 1 else "/"
        if path == "/healthz":
            status, ctype, body = "200 OK", "text/plain", b"ok\n"
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
