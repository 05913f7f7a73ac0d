"""Webhook delivery against a real local HTTP server playing Discord."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.alerts.dispatcher import dispatch_pending
from bot.alerts.outbox import enqueue_alerts
from bot.alerts.senders import Broken, Delivered, OutgoingMessage, RetryLater, Unconfirmed
from bot.alerts.webhook import WebhookSender
from bot.sources import destination
from store.models import Alert, Claim, DestinationState, Verdict
from store.trouble import troubles
from tests.alerts.alerts_support import T0, FakeDiscord, Scripted, Seeder, fetch

TEAM = destination(name="team", kind="discord_webhook", webhook_env="HOOK")
MSG = OutgoingMessage(title="t", text="t\n")


class Clock:
    """A fake monotonic clock the tests move by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def sender(
    server: FakeDiscord, clock: Clock | None = None, backoff_s: float = 30.0
) -> WebhookSender:
    return WebhookSender(server.url, clock=clock or Clock(), backoff_s=backoff_s)


async def test_200_records_the_message_id_and_sends_no_mentions(
    discord_server: FakeDiscord,
) -> None:
    out = await sender(discord_server).send(MSG, nonce="n1", replaces=None)
    assert out == Delivered(discord_server.messages[0]["id"])
    request = discord_server.requests[0]
    assert request["query"] == "wait=true"
    assert request["payload"]["allowed_mentions"] == {"parse": []}


async def test_204_is_delivered_without_an_id(discord_server: FakeDiscord) -> None:
    discord_server.script = [Scripted(204)]
    out = await sender(discord_server).send(MSG, nonce="n1", replaces=None)
    assert out == Delivered(None)
    assert len(discord_server.messages) == 1


async def test_429_goes_back_to_the_dispatcher_with_its_wait(discord_server: FakeDiscord) -> None:
    """No sleeping inside a send: the row is rescheduled for retry_after."""
    discord_server.script = [
        Scripted(
            429, {"message": "You are being rate limited.", "retry_after": 1.5, "global": False}
        )
    ]
    out = await sender(discord_server).send(MSG, nonce="n1", replaces=None)
    assert out == RetryLater(1.5, "HTTP 429 (bucket), retry after 1.5s", False)
    assert discord_server.messages == [] and len(discord_server.requests) == 1


async def test_global_429_holds_every_later_request(discord_server: FakeDiscord) -> None:
    discord_server.script = [
        Scripted(
            429,
            {"message": "global", "retry_after": 2.0, "global": True},
            {"X-RateLimit-Global": "true"},
        )
    ]
    clock = Clock()
    s = sender(discord_server, clock)
    assert isinstance(await s.send(MSG, nonce="n1", replaces=None), RetryLater)
    assert s._global_until == pytest.approx(102.0)
    # within the global limit nothing is requested at all
    held = await s.send(MSG, nonce="n2", replaces=None)
    assert isinstance(held, RetryLater) and held.after_s == pytest.approx(2.0)
    assert len(discord_server.requests) == 1
    clock.now += 2.5
    assert isinstance(await s.send(MSG, nonce="n3", replaces=None), Delivered)


async def test_huge_retry_after_is_clamped(discord_server: FakeDiscord) -> None:
    discord_server.script = [Scripted(429, {"retry_after": 1e300, "global": False})]
    out = await sender(discord_server).send(MSG, nonce="n", replaces=None)
    assert isinstance(out, RetryLater) and out.after_s == pytest.approx(3600)


async def test_empty_bucket_waits_before_the_next_request(discord_server: FakeDiscord) -> None:
    discord_server.script = [
        Scripted(200, None, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset-After": "0.75"})
    ]
    clock = Clock()
    s = sender(discord_server, clock)
    await s.send(MSG, nonce="n1", replaces=None)
    second = await s.send(MSG, nonce="n2", replaces=None)
    assert isinstance(second, RetryLater) and second.after_s == pytest.approx(0.75)
    clock.now += 1
    await s.send(MSG, nonce="n3", replaces=None)
    assert len(discord_server.messages) == 2


async def test_5xx_is_one_request_then_retry_later(discord_server: FakeDiscord) -> None:
    discord_server.script = [Scripted(503)] * 4
    out = await sender(discord_server, backoff_s=30).send(MSG, nonce="n", replaces=None)
    assert isinstance(out, RetryLater) and "503" in out.error and out.after_s == 30
    assert len(discord_server.requests) == 1


async def test_unknown_webhook_is_broken(discord_server: FakeDiscord) -> None:
    discord_server.script = [Scripted(404, {"message": "Unknown Webhook", "code": 10015})]
    out = await sender(discord_server).send(MSG, nonce="n", replaces=None)
    assert isinstance(out, Broken) and "Unknown Webhook" in out.reason and "10015" in out.reason


@pytest.mark.parametrize(
    ("error", "expected"),
    [(httpx.ConnectError("refused"), RetryLater), (httpx.ReadTimeout("slow"), Unconfirmed)],
)
async def test_a_refused_connection_retries_and_a_read_timeout_is_unconfirmed(
    error: Exception, expected: type
) -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise error

    client = httpx.AsyncClient(transport=httpx.MockTransport(fail))
    s = WebhookSender("https://discord.test/api/webhooks/1/x", client=client)
    assert isinstance(await s.send(MSG, nonce="n", replaces=None), expected)


# --- through the dispatcher and the database -----------------------------------------


def _enqueue_claims(engine: Engine, seed: Seeder, n: int) -> list[int]:
    ids: list[int] = []
    for _ in range(n):
        claim_id, verdict_id = seed.claim()
        with Session(engine, expire_on_commit=False) as s:
            (a,) = enqueue_alerts(
                s, fetch(s, Claim, claim_id), fetch(s, Verdict, verdict_id), None, [TEAM], now=T0
            )
            s.commit()
            assert a.id is not None
            ids.append(a.id)
    return ids


async def test_dispatch_records_ids_and_sends_each_alert_once(
    engine: Engine, seed: Seeder, discord_server: FakeDiscord
) -> None:
    _enqueue_claims(engine, seed, 3)
    senders = {"team": sender(discord_server)}
    report = await dispatch_pending(engine, senders, now=T0)
    assert report.sent == 3
    again = await dispatch_pending(engine, senders, now=T0)
    assert again.sent == 0
    assert len(discord_server.messages) == 3
    with Session(engine) as s:
        alerts = s.exec(select(Alert)).all()
    assert {a.status for a in alerts} == {"sent"}
    assert sorted(a.remote_message_id or "" for a in alerts) == sorted(
        m["id"] for m in discord_server.messages
    )
    # the message carries the claim id for follow-up commands and no pings
    embed = discord_server.messages[0]["embeds"][0]
    assert "/claim" in embed["footer"]["text"]


async def test_404_marks_the_destination_broken_and_stops(
    engine: Engine, seed: Seeder, discord_server: FakeDiscord
) -> None:
    _enqueue_claims(engine, seed, 3)
    discord_server.script = [Scripted(404, {"message": "Unknown Webhook", "code": 10015})]
    senders = {"team": sender(discord_server)}
    report = await dispatch_pending(engine, senders, now=T0)
    assert "team" in report.broken and report.sent == 0
    assert len(discord_server.requests) == 1  # not one request per alert, not forever
    with Session(engine) as s:
        state = s.exec(select(DestinationState)).one()
        assert state.status == "broken" and "10015" in (state.broken_reason or "")
        assert {a.status for a in s.exec(select(Alert)).all()} == {"pending"}
    assert [t.name for t in troubles(engine).destinations] == ["team"]
    # later passes leave a broken destination alone
    await dispatch_pending(engine, senders, now=T0)
    assert len(discord_server.requests) == 1


async def test_rate_limited_alert_is_retried_later_not_lost(
    engine: Engine, seed: Seeder, discord_server: FakeDiscord
) -> None:
    _enqueue_claims(engine, seed, 1)
    discord_server.script = [Scripted(429, {"retry_after": 120, "global": True})]
    senders = {"team": sender(discord_server)}
    report = await dispatch_pending(engine, senders, now=T0)
    assert report.retrying == 1
    with Session(engine) as s:
        alert = s.exec(select(Alert)).one()
    assert alert.next_attempt_at is not None
    assert alert.status == "pending" and alert.next_attempt_at >= T0.replace(second=0)

    assert (alert.next_attempt_at - T0) >= timedelta(seconds=120)
    fresh = {"team": sender(discord_server)}
    assert (await dispatch_pending(engine, fresh, now=T0 + timedelta(seconds=119))).sent == 0
    assert (await dispatch_pending(engine, fresh, now=T0 + timedelta(seconds=121))).sent == 1
    assert len(discord_server.messages) == 1
