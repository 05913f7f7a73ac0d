"""Webhook delivery against a real local HTTP server playing Discord."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from alerts_support import T0, FakeDiscord, Scripted, Seeder
from sqlmodel import Session, select

from bot.alerts.dispatcher import dispatch_pending
from bot.alerts.outbox import enqueue_alerts
from bot.alerts.senders import Broken, Delivered, OutgoingMessage, RetryLater, Unconfirmed
from bot.alerts.webhook import WebhookSender
from bot.sources import Destination
from store.claims_queries import trouble
from store.models import Alert, Claim, DestinationState, Verdict

TEAM = Destination(name="team", kind="discord_webhook", webhook_env="HOOK")
MSG = OutgoingMessage(content="", embeds=({"title": "t"},), text="t")


class Sleeps:
    """Records waits instead of sleeping; a fake clock advances by them."""

    def __init__(self) -> None:
        self.waits: list[float] = []
        self.now = 100.0

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


def sender(server: FakeDiscord, sleeps: Sleeps, **kw) -> WebhookSender:
    return WebhookSender(server.url, sleep=sleeps, clock=sleeps.clock, **kw)


async def test_200_records_the_message_id_and_sends_no_mentions(discord_server) -> None:
    out = await sender(discord_server, Sleeps()).send(MSG, nonce="n1", replaces=None)
    assert out == Delivered(discord_server.messages[0]["id"])
    request = discord_server.requests[0]
    assert request["query"] == "wait=true"
    assert request["payload"]["allowed_mentions"] == {"parse": []}


async def test_204_is_delivered_without_an_id(discord_server) -> None:
    discord_server.script = [Scripted(204)]
    out = await sender(discord_server, Sleeps()).send(MSG, nonce="n1", replaces=None)
    assert out == Delivered(None)
    assert len(discord_server.messages) == 1


async def test_429_waits_retry_after_then_sends(discord_server) -> None:
    discord_server.script = [
        Scripted(
            429, {"message": "You are being rate limited.", "retry_after": 1.5, "global": False}
        )
    ]
    sleeps = Sleeps()
    out = await sender(discord_server, sleeps).send(MSG, nonce="n1", replaces=None)
    assert isinstance(out, Delivered)
    assert sleeps.waits == [1.5]
    assert len(discord_server.messages) == 1


async def test_global_429_holds_every_later_request(discord_server) -> None:
    discord_server.script = [
        Scripted(
            429,
            {"message": "global", "retry_after": 2.0, "global": True},
            {"X-RateLimit-Global": "true"},
        )
    ]
    sleeps = Sleeps()
    s = sender(discord_server, sleeps)
    assert isinstance(await s.send(MSG, nonce="n1", replaces=None), Delivered)
    assert sleeps.waits == [2.0]
    assert s._global_until == pytest.approx(102.0)


async def test_long_retry_after_goes_back_to_the_dispatcher(discord_server) -> None:
    discord_server.script = [Scripted(429, {"retry_after": 600, "global": False})]
    out = await sender(discord_server, Sleeps(), max_wait_s=30).send(MSG, nonce="n", replaces=None)
    assert isinstance(out, RetryLater) and out.after_s == pytest.approx(600)
    assert discord_server.messages == []


async def test_empty_bucket_waits_before_the_next_request(discord_server) -> None:
    discord_server.script = [
        Scripted(200, None, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset-After": "0.75"})
    ]
    sleeps = Sleeps()
    s = sender(discord_server, sleeps)
    await s.send(MSG, nonce="n1", replaces=None)
    await s.send(MSG, nonce="n2", replaces=None)
    assert sleeps.waits == [0.75]
    assert len(discord_server.messages) == 2


async def test_500_then_200_retries_with_backoff(discord_server) -> None:
    discord_server.script = [Scripted(500, {"message": "oops"}), Scripted(502, {"message": "bad"})]
    sleeps = Sleeps()
    out = await sender(discord_server, sleeps, backoff_s=0.5).send(MSG, nonce="n", replaces=None)
    assert isinstance(out, Delivered)
    assert sleeps.waits == [0.5, 1.0]
    assert len(discord_server.messages) == 1


async def test_5xx_every_time_is_retry_later(discord_server) -> None:
    discord_server.script = [Scripted(503)] * 4
    out = await sender(discord_server, Sleeps(), tries=4).send(MSG, nonce="n", replaces=None)
    assert isinstance(out, RetryLater) and "503" in out.error


async def test_unknown_webhook_is_broken(discord_server) -> None:
    discord_server.script = [Scripted(404, {"message": "Unknown Webhook", "code": 10015})]
    out = await sender(discord_server, Sleeps()).send(MSG, nonce="n", replaces=None)
    assert isinstance(out, Broken) and "Unknown Webhook" in out.reason and "10015" in out.reason


async def test_a_refused_connection_retries_and_a_read_timeout_is_unconfirmed() -> None:
    calls = []

    def refuse(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        if len(calls) == 1:
            raise httpx.ConnectError("refused")
        raise httpx.ReadTimeout("slow")

    client = httpx.AsyncClient(transport=httpx.MockTransport(refuse))
    sleeps = Sleeps()
    s = WebhookSender("https://discord.test/api/webhooks/1/x", client=client, sleep=sleeps)
    out = await s.send(MSG, nonce="n", replaces=None)
    assert isinstance(out, Unconfirmed) and len(calls) == 2


# --- through the dispatcher and the database -----------------------------------------


def _enqueue_claims(engine, seed: Seeder, n: int) -> list[int]:
    ids = []
    for _ in range(n):
        claim_id, verdict_id = seed.claim()
        with Session(engine, expire_on_commit=False) as s:
            (a,) = enqueue_alerts(
                s, s.get(Claim, claim_id), s.get(Verdict, verdict_id), None, [TEAM], now=T0
            )
            s.commit()
            ids.append(a.id)
    return ids


async def test_dispatch_records_ids_and_sends_each_alert_once(engine, seed, discord_server) -> None:
    _enqueue_claims(engine, seed, 3)
    senders = {"team": sender(discord_server, Sleeps())}
    report = await dispatch_pending(engine, senders, now=T0)
    assert report.sent == 3
    again = await dispatch_pending(engine, senders, now=T0)
    assert again.sent == 0
    assert len(discord_server.messages) == 3
    with Session(engine) as s:
        alerts = s.exec(select(Alert)).all()
    assert {a.status for a in alerts} == {"sent"}
    assert sorted(a.remote_message_id for a in alerts) == sorted(
        m["id"] for m in discord_server.messages
    )
    # the message carries the claim id for follow-up commands and no pings
    embed = discord_server.messages[0]["embeds"][0]
    assert "/claim" in embed["footer"]["text"]


async def test_404_marks_the_destination_broken_and_stops(engine, seed, discord_server) -> None:
    _enqueue_claims(engine, seed, 3)
    discord_server.script = [Scripted(404, {"message": "Unknown Webhook", "code": 10015})]
    senders = {"team": sender(discord_server, Sleeps())}
    report = await dispatch_pending(engine, senders, now=T0)
    assert "team" in report.broken and report.sent == 0
    assert len(discord_server.requests) == 1  # not one request per alert, not forever
    with Session(engine) as s:
        state = s.exec(select(DestinationState)).one()
        assert state.status == "broken" and "10015" in (state.broken_reason or "")
        assert {a.status for a in s.exec(select(Alert)).all()} == {"pending"}
        assert any(t.kind == "destination" and t.name == "team" for t in trouble(s))
    # later passes leave a broken destination alone
    await dispatch_pending(engine, senders, now=T0)
    assert len(discord_server.requests) == 1


async def test_rate_limited_alert_is_retried_later_not_lost(engine, seed, discord_server) -> None:
    _enqueue_claims(engine, seed, 1)
    discord_server.script = [Scripted(429, {"retry_after": 120, "global": True})]
    senders = {"team": sender(discord_server, Sleeps(), max_wait_s=10)}
    report = await dispatch_pending(engine, senders, now=T0)
    assert report.retrying == 1
    with Session(engine) as s:
        alert = s.exec(select(Alert)).one()
    assert alert.status == "pending" and alert.next_attempt_at >= T0.replace(second=0)

    assert (alert.next_attempt_at - T0) >= timedelta(seconds=120)
    fresh = {"team": sender(discord_server, Sleeps())}
    assert (await dispatch_pending(engine, fresh, now=T0 + timedelta(seconds=119))).sent == 0
    assert (await dispatch_pending(engine, fresh, now=T0 + timedelta(seconds=121))).sent == 1
    assert len(discord_server.messages) == 1
