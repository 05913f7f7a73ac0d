"""Deliver alerts through a Discord webhook URL (httpx; no bot, no gateway).

Rate limits (https://discord.com/developers/docs/topics/rate-limits): a 429 carries
`retry_after` (seconds) and `global`; `X-RateLimit-Remaining: 0` with
`X-RateLimit-Reset-After` says the bucket is empty before we get a 429. Every wait,
short or long, goes back to the dispatcher as `RetryLater`: the outbox row gets its
next attempt time and the batch moves on, so a failing or slow webhook never holds
a batch, another destination, or shutdown. Each send is one request with an overall
deadline (`SEND_DEADLINE_S`).

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
import math
import os
import time
from collections.abc import Callable
from typing import Any, Literal

import httpx
from pydantic import model_validator

from bot import net
from bot.alerts.destinations import DestinationConfig, SenderContext, register_destination
from bot.alerts.discord_payload import discord_payload
from bot.alerts.senders import (
    Delivered,
    MisconfiguredSender,
    Outcome,
    OutgoingMessage,
    RetryLater,
    Unconfirmed,
    classify_error,
)
from bot.config import Settings
from bot.logs import event

log = logging.getLogger(__name__)

Clock = Callable[[], float]
SEND_DEADLINE_S = 8.0  # one request, connect to last byte: below the 10 s shutdown bound
MAX_WAIT_S = 3600.0


def _header_float(headers: httpx.Headers, name: str) -> float | None:
    try:
        value = headers.get(name)
        number = float(value) if value is not None else None
    except ValueError:
        return None
    return number if number is None or math.isfinite(number) else None


def clamp_wait(seconds: float) -> float:
    """A server's wait (retry_after, reset-after) kept between 0 and MAX_WAIT_S, so a
    huge, negative or NaN value cannot overflow a timedelta or park the row forever."""
    if not math.isfinite(seconds):
        return MAX_WAIT_S
    return min(max(seconds, 0.0), MAX_WAIT_S)


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
        clock: Clock = time.monotonic,
        deadline_s: float = SEND_DEADLINE_S,
        backoff_s: float = 30.0,
        username: str | None = "claimwatch",
    ) -> None:
        self._url = url.rstrip("/")
        self._client = client or net.api_client()
        self._clock = clock
        self._deadline = deadline_s
        self._backoff = backoff_s
        self._username = username
        # monotonic times before which we must not send (bucket empty / global limit)
        self._bucket_until = 0.0
        self._global_until = 0.0

    async def aclose(self) -> None:
        await self._client.aclose()

    def _payload(self, message: OutgoingMessage) -> dict[str, Any]:
        payload = discord_payload(message)
        if self._username:
            payload["username"] = self._username
        return payload

    def _limit_wait(self) -> float:
        """Seconds until a known rate limit lifts (0: send now)."""
        return max(0.0, max(self._bucket_until, self._global_until) - self._clock())

    def _note_bucket(self, response: httpx.Response) -> None:
        remaining = _header_float(response.headers, "X-RateLimit-Remaining")
        reset_after = _header_float(response.headers, "X-RateLimit-Reset-After")
        if remaining is not None and remaining <= 0 and reset_after is not None:
            self._bucket_until = self._clock() + clamp_wait(reset_after)

    async def send(self, message: OutgoingMessage, *, nonce: str, replaces: str | None) -> Outcome:
        """One request, bounded by `deadline_s`. Anything to retry goes back to the
        dispatcher as `RetryLater` (the row is rescheduled): nothing sleeps here."""
        # a verdict change is a follow-up message: webhooks cannot reply, and editing
        # the original would hide the change from people who already read it
        pending = self._limit_wait()
        if pending:
            return RetryLater(pending, "rate limited (waiting for the bucket to reset)", False)
        try:
            async with asyncio.timeout(self._deadline):
                response = await self._client.post(
                    self._url, params={"wait": "true"}, json=self._payload(message)
                )
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            # the request never reached Discord: safe to try again
            return RetryLater(self._backoff, f"cannot connect: {type(exc).__name__}")
        except (httpx.TransportError, TimeoutError) as exc:
            what = "no answer within the deadline" if isinstance(exc, TimeoutError) else exc
            return Unconfirmed(f"{type(exc).__name__} after the request was sent: {what}")
        self._note_bucket(response)
        if response.status_code in (200, 204):
            message_id = None
            if response.status_code == 200:
                try:
                    message_id = str(response.json().get("id") or "") or None
                except (ValueError, AttributeError):
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
            wait = clamp_wait(wait)
            is_global = bool(body.get("global")) or (
                response.headers.get("X-RateLimit-Global", "").lower() == "true"
            )
            until = self._clock() + wait
            if is_global:
                self._global_until = max(self._global_until, until)
            else:
                self._bucket_until = max(self._bucket_until, until)
            event(log, "webhook.rate_limited", retry_after=wait, scope_global=is_global)
            scope = "global" if is_global else "bucket"
            return RetryLater(wait, f"HTTP 429 ({scope}), retry after {wait}s", False)
        return RetryLater(self._backoff, f"HTTP {response.status_code}: {text}")

    async def resume(
        self, message: OutgoingMessage, *, nonce: str, replaces: str | None
    ) -> Outcome:
        return Unconfirmed(
            "interrupted while sending through a webhook; Discord cannot tell whether the "
            "message was posted, so it is not resent (a duplicate is worse than a gap)"
        )


# --- the discord_webhook destination kind --------------------------------------------


class WebhookDestination(DestinationConfig):
    """`kind: discord_webhook`: `webhook_env` names the environment variable holding the
    URL (the URL is a secret and does not belong in sources.yaml)."""

    kind: Literal["discord_webhook"] = "discord_webhook"
    webhook_env: str | None = None

    @model_validator(mode="after")
    def _needs_env(self) -> WebhookDestination:
        if not self.webhook_env:
            raise ValueError(
                "a discord_webhook destination needs webhook_env (the environment variable "
                "holding the URL; the URL is a secret and does not belong in this file)"
            )
        return self


def webhook_url(env_name: str, settings: Settings) -> str | None:
    if env_name == "DISCORD_WEBHOOK_URL" and settings.discord_webhook_url is not None:
        return settings.discord_webhook_url.get_secret_value() or None
    return os.environ.get(env_name) or None


def make_sender(
    dest: WebhookDestination, ctx: SenderContext
) -> WebhookSender | MisconfiguredSender:
    env = dest.webhook_env or ""
    url = webhook_url(env, ctx.settings)
    if url is None:
        return MisconfiguredSender(dest.kind, f"environment variable {env} is not set")
    return WebhookSender(url, client=ctx.http)


def _target(dest: WebhookDestination, settings: Settings) -> str:
    return webhook_url(dest.webhook_env or "", settings) or "(unset)"


def _secrets(dest: WebhookDestination, settings: Settings) -> list[str]:
    url = webhook_url(dest.webhook_env or "", settings)
    return [url] if url else []


WEBHOOK = register_destination(
    "discord_webhook", WebhookDestination, make_sender, target=_target, secrets=_secrets
)
