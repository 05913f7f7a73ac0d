"""Deliver alerts through a Discord webhook URL (httpx; no bot, no gateway).

Rate limits (https://discord.com/developers/docs/topics/rate-limits): a 429 carries
`retry_after` (seconds) and `global`; `X-RateLimit-Remaining: 0` with
`X-RateLimit-Reset-After` says the bucket is empty before we get a 429. Short waits
are slept here (through an injectable `sleep`); long ones go back to the dispatcher
as `RetryLater`, so one slow destination does not hold the process.

Exactly once: webhooks take no message nonce and cannot list their messages, so
after a crash mid-send, or a read timeout (the request left; the answer did not
come back), nobody can tell whether Discord created the message. Both answer
`Unconfirmed` and are never resent: a missed alert (listed by /status) beats a
duplicate. Connection failures, 429s and 5xx mean nothing was created, so they retry.
`?wait=true` makes Discord answer with the message, whose id we record.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from bot.alerts.senders import (
    Delivered,
    Outcome,
    OutgoingMessage,
    RetryLater,
    Unconfirmed,
    classify_error,
)
from bot.logs import event

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]


def _header_float(headers: httpx.Headers, name: str) -> float | None:
    try:
        value = headers.get(name)
        return float(value) if value is not None else None
    except ValueError:
        return None


def _error_body(response: httpx.Response) -> tuple[int | None, str, dict[str, Any]]:
    try:
        body = response.json()
    except ValueError:
        return None, response.text[:200] or response.reason_phrase, {}
    if not isinstance(body, dict):
        return None, str(body)[:200], {}
    code = body.get("code")
    return (code if isinstance(code, int) else None), str(body.get("message", ""))[:200], body


class WebhookSender:
    kind = "discord_webhook"

    def __init__(
        self,
        url: str,
        *,
        client: httpx.AsyncClient | None = None,
        sleep: Sleep = asyncio.sleep,
        clock: Clock = time.monotonic,
        tries: int = 4,
        max_wait_s: float = 30.0,
        backoff_s: float = 1.0,
        username: str | None = "claimwatch",
    ) -> None:
        self._url = url.rstrip("/")
        self._client = client or httpx.AsyncClient(timeout=httpx.Timeout(15.0, connect=5.0))
        self._sleep = sleep
        self._clock = clock
        self._tries = tries
        self._max_wait = max_wait_s
        self._backoff = backoff_s
        self._username = username
        # monotonic times before which we must not send (bucket empty / global limit)
        self._bucket_until = 0.0
        self._global_until = 0.0

    async def aclose(self) -> None:
        await self._client.aclose()

    def _payload(self, message: OutgoingMessage) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "embeds": list(message.embeds),
            "allowed_mentions": message.allowed_mentions,
        }
        if message.content:
            payload["content"] = message.content
        if self._username:
            payload["username"] = self._username
        return payload

    async def _wait_for_limits(self) -> float:
        """Sleep through a known limit if it is short; else return the wait left."""
        wait = max(self._bucket_until, self._global_until) - self._clock()
        if wait <= 0:
            return 0.0
        if wait > self._max_wait:
            return wait
        await self._sleep(wait)
        return 0.0

    def _note_bucket(self, response: httpx.Response) -> None:
        remaining = _header_float(response.headers, "X-RateLimit-Remaining")
        reset_after = _header_float(response.headers, "X-RateLimit-Reset-After")
        if remaining is not None and remaining <= 0 and reset_after is not None:
            self._bucket_until = self._clock() + reset_after

    async def send(self, message: OutgoingMessage, *, nonce: str, replaces: str | None) -> Outcome:
        # a verdict change is a follow-up message: webhooks cannot reply, and editing
        # the original would hide the change from people who already read it
        payload = self._payload(message)
        last_error = "not attempted"
        for attempt in range(1, self._tries + 1):
            pending = await self._wait_for_limits()
            if pending:
                return RetryLater(pending, "rate limited (waiting for the bucket to reset)")
            try:
                response = await self._client.post(self._url, params={"wait": "true"}, json=payload)
            except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
                # the request never reached Discord: safe to try again
                last_error = f"cannot connect: {type(exc).__name__}"
                await self._sleep(self._backoff * 2 ** (attempt - 1))
                continue
            except httpx.TransportError as exc:
                return Unconfirmed(f"{type(exc).__name__} after the request was sent: {exc}")
            self._note_bucket(response)
            if response.status_code in (200, 204):
                message_id = None
                if response.status_code == 200:
                    try:
                        message_id = str(response.json().get("id") or "") or None
                    except ValueError:
                        message_id = None
                return Delivered(message_id)
            code, text, body = _error_body(response)
            decided = classify_error(response.status_code, code, text)
            if decided is not None:
                return decided
            if response.status_code == 429:
                retry_after = body.get("retry_after")
                wait = float(retry_after) if isinstance(retry_after, int | float) else None
                if wait is None:
                    wait = _header_float(response.headers, "Retry-After") or 1.0
                is_global = bool(body.get("global")) or (
                    response.headers.get("X-RateLimit-Global", "").lower() == "true"
                )
                until = self._clock() + wait
                if is_global:
                    self._global_until = max(self._global_until, until)
                else:
                    self._bucket_until = max(self._bucket_until, until)
                event(log, "webhook.rate_limited", retry_after=wait, scope_global=is_global)
                last_error = (
                    f"HTTP 429 ({'global' if is_global else 'bucket'}), retry after {wait}s"
                )
                continue  # _wait_for_limits sleeps it (or hands it to the dispatcher)
            last_error = f"HTTP {response.status_code}: {text}"
            await self._sleep(self._backoff * 2 ** (attempt - 1))
        return RetryLater(self._backoff * 2**self._tries, last_error)

    async def resume(
        self, message: OutgoingMessage, *, nonce: str, replaces: str | None
    ) -> Outcome:
        return Unconfirmed(
            "interrupted while sending through a webhook; Discord cannot tell whether the "
            "message was posted, so it is not resent (a duplicate is worse than a gap)"
        )
