"""Exactly one message per idempotency key, also when the dispatcher dies mid-batch.

The crash is simulated by a sender wrapper that raises a BaseException (as a
SIGKILL would stop the process: no except clause runs, nothing is recorded) at a
chosen point; a new dispatcher with another owner then runs after the lease expired.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

import discord
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.alerts.discord_payload import discord_content, discord_embeds
from bot.alerts.dispatcher import dispatch_pending
from bot.alerts.outbox import enqueue_alerts
from bot.alerts.senders import Outcome, OutgoingMessage, Sender
from bot.alerts.webhook import WebhookSender
from bot.discord.client import BotSender
from bot.sources import Destination, destination
from store.models import Alert, Claim, Verdict
from tests.alerts.alerts_support import T0, FakeDiscord, Seeder, fetch

TEAM = destination(name="team", kind="discord_webhook", webhook_env="HOOK")
CHANNEL = destination(name="chan", kind="discord_bot", channel_id=42)
AFTER_LEASE = T0 + timedelta(minutes=10)


class Killed(BaseException):
    """The process died: not an Exception, so no handler in the dispatcher catches it."""


async def no_sleep(_: float) -> None:
    return None


class CrashAfter:
    """Delivers through `inner`, then dies after the `n`th delivery (before it is recorded)."""

    kind = "discord_webhook"

    def __init__(self, inner: Sender, n: int) -> None:
        self.inner, self.n, self.count = inner, n, 0

    async def send(self, message: OutgoingMessage, *, nonce: str, replaces: str | None) -> Outcome:
        out = await self.inner.send(message, nonce=nonce, replaces=replaces)
        self.count += 1
        if self.count == self.n:
            raise Killed
        return out

    async def resume(
        self, message: OutgoingMessage, *, nonce: str, replaces: str | None
    ) -> Outcome:
        return await self.inner.resume(message, nonce=nonce, replaces=replaces)


def _enqueue(engine: Engine, seed: Seeder, n: int, dest: Destination) -> None:
    for _ in range(n):
        claim_id, verdict_id = seed.claim()
        with Session(engine) as s:
            enqueue_alerts(
                s, fetch(s, Claim, claim_id), fetch(s, Verdict, verdict_id), None, [dest], now=T0
            )
            s.commit()


def _statuses(engine: Engine) -> Counter[str]:
    with Session(engine) as s:
        return Counter(a.status for a in s.exec(select(Alert)).all())


async def test_webhook_crash_between_send_and_record_never_resends(
    engine: Engine, seed: Seeder, discord_server: FakeDiscord
) -> None:
    _enqueue(engine, seed, 5, TEAM)
    webhook = WebhookSender(discord_server.url)
    with pytest.raises(Killed):
        await dispatch_pending(engine, {"team": CrashAfter(webhook, 3)}, now=T0, owner="dead")
    assert len(discord_server.messages) == 3  # the third reached Discord, unrecorded
    assert _statuses(engine) == Counter(sent=2, sending=1, pending=2)
    # before the dead owner's lease expires nobody touches its rows
    fresh = {"team": WebhookSender(discord_server.url)}
    early = await dispatch_pending(engine, fresh, now=T0 + timedelta(minutes=1), owner="new")
    assert early.sent == 0
    report = await dispatch_pending(engine, fresh, now=AFTER_LEASE, owner="new")
    assert (report.sent, report.unconfirmed) == (2, 1)
    keys = Counter(
        m["embeds"][0]["footer"]["text"].split(" · ref ")[1] for m in discord_server.messages
    )
    assert len(discord_server.messages) == 5 and set(keys.values()) == {1}
    assert _statuses(engine) == Counter(sent=4, unconfirmed=1)
    # and nothing more, however often it runs
    await dispatch_pending(engine, fresh, now=AFTER_LEASE + timedelta(hours=2), owner="new")
    assert len(discord_server.messages) == 5


async def test_crash_before_any_send_resumes_everything(
    engine: Engine, seed: Seeder, discord_server: FakeDiscord
) -> None:
    _enqueue(engine, seed, 3, TEAM)

    class DiesAtOnce:
        kind = "discord_webhook"

        async def send(
            self, message: OutgoingMessage, *, nonce: str, replaces: str | None
        ) -> Outcome:
            raise Killed

        resume = send

    with pytest.raises(Killed):
        await dispatch_pending(engine, {"team": DiesAtOnce()}, now=T0, owner="dead")
    fresh = {"team": WebhookSender(discord_server.url)}
    report = await dispatch_pending(engine, fresh, now=AFTER_LEASE, owner="new")
    # the first row was marked sending before the crash: unconfirmed, never duplicated;
    # the two untouched rows resume normally
    assert (report.sent, report.unconfirmed) == (2, 1)
    assert len(discord_server.messages) == 2


class FakeChannel:
    """A Discord channel as the bot sees it, with enforce_nonce semantics."""

    def __init__(self) -> None:
        self.messages: dict[str, dict[str, Any]] = {}
        self.by_nonce: dict[str, str] = {}
        self.edits: list[str] = []
        self.fail_next: Exception | None = None

    async def post(self, channel_id: int, message: OutgoingMessage, nonce: str) -> str:
        if self.fail_next is not None:
            exc, self.fail_next = self.fail_next, None
            raise exc
        if nonce in self.by_nonce:  # Discord returns the existing message
            return self.by_nonce[nonce]
        message_id = str(900 + len(self.messages))
        self.messages[message_id] = {
            "embeds": discord_embeds(message),
            "content": discord_content(message),
        }
        self.by_nonce[nonce] = message_id
        return message_id

    async def edit(self, channel_id: int, message_id: str, message: OutgoingMessage) -> str:
        if message_id not in self.messages:
            raise discord.NotFound(_Resp(404), {"code": 10008, "message": "Unknown Message"})
        self.edits.append(message_id)
        self.messages[message_id] = {
            "embeds": discord_embeds(message),
            "content": discord_content(message),
        }
        return message_id

    async def find(self, channel_id: int, marker: str, limit: int) -> str | None:
        for message_id, m in self.messages.items():
            if marker in m["embeds"][0]["footer"]["text"]:
                return message_id
        return None


class _Resp:
    def __init__(self, status: int) -> None:
        self.status = status
        self.reason = "x"


async def test_bot_crash_after_send_finds_the_message_instead_of_resending(
    engine: Engine, seed: Seeder
) -> None:
    _enqueue(engine, seed, 3, CHANNEL)
    channel = FakeChannel()
    with pytest.raises(Killed):
        await dispatch_pending(
            engine, {"chan": CrashAfter(BotSender(42, channel), 2)}, now=T0, owner="dead"
        )
    channel.by_nonce.clear()  # minutes later: Discord's nonce window has passed
    report = await dispatch_pending(engine, {"chan": BotSender(42, channel)}, now=AFTER_LEASE)
    assert report.sent == 2 and len(channel.messages) == 3
    with Session(engine) as s:
        ids = sorted(a.remote_message_id or "" for a in s.exec(select(Alert)).all())
    assert ids == sorted(channel.messages)


async def test_bot_edits_the_original_message_when_the_verdict_changes(
    engine: Engine, seed: Seeder
) -> None:
    claim_id, first = seed.claim(label="supported")
    with Session(engine) as s:
        enqueue_alerts(
            s, fetch(s, Claim, claim_id), fetch(s, Verdict, first), None, [CHANNEL], now=T0
        )
        s.commit()
    channel = FakeChannel()
    senders = {"chan": BotSender(42, channel)}
    await dispatch_pending(engine, senders, now=T0)
    second = seed.new_verdict(claim_id, "contradicted")
    with Session(engine) as s:
        enqueue_alerts(
            s,
            fetch(s, Claim, claim_id),
            fetch(s, Verdict, second),
            fetch(s, Verdict, first),
            [CHANNEL],
            now=T0,
        )
        s.commit()
    report = await dispatch_pending(engine, senders, now=T0)
    assert report.sent == 1
    assert len(channel.messages) == 1 and channel.edits == ["900"]
    edited = channel.messages["900"]
    assert edited["content"] == "Verdict changed: Supported → Contradicted"
    assert edited["embeds"][0]["title"].startswith("Contradicted:")


async def test_bot_missing_permissions_breaks_the_destination(engine: Engine, seed: Seeder) -> None:
    _enqueue(engine, seed, 2, CHANNEL)
    channel = FakeChannel()
    channel.fail_next = discord.Forbidden(
        _Resp(403), {"code": 50013, "message": "Missing Permissions"}
    )
    report = await dispatch_pending(engine, {"chan": BotSender(42, channel)}, now=T0)
    assert "50013" in report.broken["chan"]
    assert report.sent == 0 and channel.messages == {}


async def test_bot_server_error_retries_with_the_same_nonce(engine: Engine, seed: Seeder) -> None:
    _enqueue(engine, seed, 1, CHANNEL)
    channel = FakeChannel()
    channel.fail_next = discord.DiscordServerError(_Resp(503), {"message": "unavailable"})
    senders = {"chan": BotSender(42, channel)}
    assert (await dispatch_pending(engine, senders, now=T0)).retrying == 1
    with Session(engine) as s:
        nonce = s.exec(select(Alert)).one().nonce
    assert (await dispatch_pending(engine, senders, now=T0 + timedelta(hours=1))).sent == 1
    assert list(channel.by_nonce) == [nonce]


class LeaseStolenDuringSend:
    """Delivers through `inner`; meanwhile (a send slower than the lease) another
    dispatcher takes the row over."""

    kind = "discord_webhook"

    def __init__(self, inner: Sender, engine: Engine) -> None:
        self.inner, self.engine = inner, engine

    async def send(self, message: OutgoingMessage, *, nonce: str, replaces: str | None) -> Outcome:
        out = await self.inner.send(message, nonce=nonce, replaces=replaces)
        with Session(self.engine) as s:
            for alert in s.exec(select(Alert)).all():
                alert.lease_owner = "other"
                s.add(alert)
            s.commit()
        return out

    async def resume(
        self, message: OutgoingMessage, *, nonce: str, replaces: str | None
    ) -> Outcome:
        return await self.inner.resume(message, nonce=nonce, replaces=replaces)


async def test_an_outcome_for_a_lost_lease_is_logged_not_written(
    engine: Engine, seed: Seeder, discord_server: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    _enqueue(engine, seed, 1, TEAM)
    sender = LeaseStolenDuringSend(WebhookSender(discord_server.url), engine)
    with caplog.at_level("WARNING", logger="bot.alerts.dispatcher"):
        report = await dispatch_pending(engine, {"team": sender}, now=T0, owner="slow")
    assert len(discord_server.messages) == 1
    assert report.lost_leases == 1
    # the row stays with its new holder, still "sending": it resumes (finds the message)
    # instead of sending again
    with Session(engine) as s:
        (alert,) = s.exec(select(Alert)).all()
    assert (alert.status, alert.lease_owner) == ("sending", "other")
    assert "alert.settle_lost" in caplog.text and "status=sent" in caplog.text
