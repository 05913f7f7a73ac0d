"""Destination kinds are registered: a new kind is one module, and the senders, the
configuration hash and the log masking all come from its registration."""

from __future__ import annotations

import hashlib
import io
import logging
from typing import Literal

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.alerts.destinations import DestinationConfig, SenderContext, register_destination
from bot.alerts.discord_bot import BotDestination
from bot.alerts.discord_bot import make_sender as make_bot_sender
from bot.alerts.dispatcher import dispatch_pending
from bot.alerts.outbox import enqueue_alerts
from bot.alerts.senders import Delivered, MisconfiguredSender, Outcome, OutgoingMessage
from bot.alerts.service import build_senders
from bot.alerts.terminal import TerminalSender
from bot.alerts.webhook import WebhookSender
from bot.config import Settings
from bot.logs import SecretFilter
from bot.repair import destination_fingerprint
from bot.sources import SourcesFile, destination, parse_sources
from store.errors import ClaimwatchError
from store.models import Alert, Claim, Verdict
from tests.alerts.alerts_support import T0, Seeder, fetch


class PagerDestination(DestinationConfig):
    """A kind that exists only here: the whole of it is this class, a sender and a call."""

    kind: Literal["pager"] = "pager"
    number: str


class PagerSender:
    """Pages the message's first plain line and its link: it knows nothing of Discord."""

    kind = "pager"
    PAGE_MAX = 160

    def __init__(self, number: str) -> None:
        self.number = number
        self.pages: list[str] = []

    async def send(self, message: OutgoingMessage, *, nonce: str, replaces: str | None) -> Outcome:
        headline = message.text.splitlines()[0]
        link = f" {message.url}" if message.url else ""
        self.pages.append(headline[: self.PAGE_MAX - len(link)] + link)
        return Delivered(f"{self.number}:{nonce}")

    async def resume(
        self, message: OutgoingMessage, *, nonce: str, replaces: str | None
    ) -> Outcome:
        return await self.send(message, nonce=nonce, replaces=replaces)


PAGER = register_destination(
    "pager",
    PagerDestination,
    lambda dest, ctx: PagerSender(dest.number),
    target=lambda dest, settings: dest.number,
    secrets=lambda dest, settings: [f"pin-{dest.number}"],
)


def test_a_new_kind_gets_its_sender_hash_and_masking_from_its_registration() -> None:
    pager = PagerDestination(name="oncall", number="5550100")
    # sources.yaml's union names the built-in kinds; a constructed file carries any kind
    # (so the static Destination union does not list the kind this test registers)
    config = SourcesFile.model_construct(destinations=(pager,))  # type: ignore[arg-type]
    handler = logging.StreamHandler(io.StringIO())
    handler.addFilter(SecretFilter([]))
    logging.getLogger().addHandler(handler)
    try:
        senders = build_senders(config.destinations, Settings())
        logging.getLogger("t").warning("paging with pin-5550100")
    finally:
        logging.getLogger().removeHandler(handler)
    assert isinstance(senders["oncall"], PagerSender) and senders["oncall"].number == "5550100"
    assert handler.stream.getvalue() == "paging with ***\n"
    expected = hashlib.sha256(b"pager\n5550100").hexdigest()[:32]
    assert destination_fingerprint(pager, Settings()) == expected  # type: ignore[arg-type]  # as above


async def test_a_new_kind_renders_the_neutral_message_without_knowing_discord(
    engine: Engine, seed: Seeder
) -> None:
    """A real alert goes through the outbox to the pager: the message gives it plain
    words and the article's link, with no markdown, escapes or embed to take apart."""
    claim_id, verdict_id = seed.claim(statement="GPT-5 is *#1* on LMArena, @everyone")
    oncall = PagerDestination(name="oncall", number="5550100")
    with Session(engine) as s:
        claim, verdict = fetch(s, Claim, claim_id), fetch(s, Verdict, verdict_id)
        # a kind registered at run time is outside the static Destination union
        enqueue_alerts(s, claim, verdict, None, [oncall], now=T0)  # type: ignore[list-item]
        s.commit()
    pager = PagerSender(oncall.number)
    report = await dispatch_pending(engine, {"oncall": pager}, now=T0)
    assert report.sent == 1
    (page,) = pager.pages
    assert page == "Supported: GPT-5 is *#1* on LMArena, @everyone https://news.example/1/0"
    with Session(engine) as s:
        (alert,) = s.exec(select(Alert)).all()
    assert (alert.status, alert.remote_message_id) == ("sent", f"5550100:{alert.nonce}")


def test_registration_refuses_a_kind_twice_and_a_mismatched_literal() -> None:
    with pytest.raises(ValueError, match="twice"):
        register_destination("pager", PagerDestination, lambda d, c: PagerSender(""))
    with pytest.raises(ValueError, match="registered as"):
        register_destination("beeper", PagerDestination, lambda d, c: PagerSender(""))


def test_built_in_kinds_make_their_senders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMWATCH_TEST_HOOK", "https://discord.com/api/webhooks/1/abcdef")
    config = parse_sources(
        "destinations:\n"
        "  - {name: out, kind: terminal}\n"
        "  - {name: hook, kind: discord_webhook, webhook_env: CLAIMWATCH_TEST_HOOK}\n"
        "  - {name: unset, kind: discord_webhook, webhook_env: CLAIMWATCH_TEST_UNSET}\n"
        "  - {name: chan, kind: discord_bot, channel_id: 42}\n"
    )
    senders = build_senders(config.destinations, Settings(discord_token=None), out=io.StringIO())
    assert isinstance(senders["out"], TerminalSender)
    assert isinstance(senders["hook"], WebhookSender)
    assert isinstance(senders["unset"], MisconfiguredSender)
    assert "CLAIMWATCH_TEST_UNSET is not set" in senders["unset"].reason
    assert isinstance(senders["chan"], MisconfiguredSender)
    assert senders["chan"].reason == "DISCORD_TOKEN is not set"
    made: list[int] = []

    def channel(channel_id: int) -> TerminalSender:
        made.append(channel_id)
        return TerminalSender()

    bot = SenderContext(Settings(), bot_channel=channel)
    chan = config.destinations[3]
    assert isinstance(chan, BotDestination)
    make_bot_sender(chan, bot)
    assert made == [42]


def test_configuration_hashes_are_the_ones_stored_before_kinds_were_registered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A changed hash lifts a broken mark at start-up: the formula must not move."""
    monkeypatch.setenv("CLAIMWATCH_TEST_HOOK", "https://discord.com/api/webhooks/1/abcdef")
    settings = Settings(discord_token="tok")
    hook = destination(name="h", kind="discord_webhook", webhook_env="CLAIMWATCH_TEST_HOOK")
    token_hash = hashlib.sha256(b"tok").hexdigest()
    cases = [
        (hook, "discord_webhook\nhttps://discord.com/api/webhooks/1/abcdef"),
        (destination(name="c", kind="discord_bot", channel_id=7), f"discord_bot\n7:{token_hash}"),
        (destination(name="t", kind="terminal"), "terminal\n"),
    ]
    for dest, text in cases:
        assert (
            destination_fingerprint(dest, settings)
            == hashlib.sha256(text.encode()).hexdigest()[:32]
        )


def test_sources_errors_still_name_the_destination_not_its_kind_tag() -> None:
    with pytest.raises(ClaimwatchError) as info:
        parse_sources("destinations:\n  - {name: d, kind: discord_bot}\n")
    assert str(info.value) == (
        "sources.yaml:2: destinations[0]: a discord_bot destination needs channel_id"
    )
    with pytest.raises(ClaimwatchError) as info:
        parse_sources("destinations:\n  - {name: d, kind: terminal, channel_id: 3}\n")
    assert str(info.value).startswith("sources.yaml:2: destinations[0].channel_id: unknown")
