"""Wiring for `claimwatch run`: senders from sources.yaml + env, the dispatch loop, the bot.

    build_senders(config, settings, bot=...)  -> {destination name: Sender}
    run_dispatch_loop(engine, senders)        -> dispatch_pending every few seconds
    run_bot(engine, config, settings)         -> gateway + slash commands + the loop

A destination whose credentials are missing gets a sender that marks it broken
with the reason, so /status and `claimwatch sources list` say what to set.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Mapping
from typing import TextIO

import httpx
from sqlalchemy.engine import Engine

from bot.alerts.destinations import SenderContext, kind_of
from bot.alerts.dispatcher import dispatch_pending, repair_destination
from bot.alerts.senders import MisconfiguredSender, Sender
from bot.config import Settings
from bot.logs import add_secrets, event
from bot.sources import SourcesFile
from store.errors import ClaimwatchError

log = logging.getLogger(__name__)

DISPATCH_EVERY_S = 10.0


def build_senders(
    config: SourcesFile,
    settings: Settings,
    *,
    bot: object | None = None,
    http: httpx.AsyncClient | None = None,
    out: TextIO | None = None,
) -> dict[str, Sender]:
    """One sender per destination in sources.yaml, each made by its registered kind.

    `bot` is a running discord.py client (bot.discord.client.ClaimwatchBot);
    without one, `discord_bot` destinations are marked broken with the reason.
    """
    bot_channel = None
    if bot is not None:
        from bot.discord.client import BotSender, DiscordPyChannels

        assert hasattr(bot, "get_channel")
        channels = DiscordPyChannels(bot)  # type: ignore[arg-type]

        def bot_channel(channel_id: int) -> Sender:
            return BotSender(channel_id, channels)

    ctx = SenderContext(settings, http=http, out=out, bot_channel=bot_channel)
    senders: dict[str, Sender] = {}
    for dest in config.destinations:
        kind = kind_of(dest)
        add_secrets(kind.secrets(dest, settings))
        senders[dest.name] = kind.make_sender(dest, ctx)
    return senders


async def run_dispatch_loop(
    engine: Engine,
    senders: Mapping[str, Sender],
    *,
    every_s: float = DISPATCH_EVERY_S,
    stop: asyncio.Event | None = None,
) -> None:
    """Dispatch due alerts until `stop` is set; a failing pass is logged, not fatal."""
    stop = stop or asyncio.Event()
    while not stop.is_set():
        try:
            report = await dispatch_pending(engine, senders)
            if report.sent or report.failed or report.broken or report.unconfirmed:
                event(log, "alerts.dispatched", summary=report.summary())
        except Exception as exc:  # the database may be briefly unreachable
            event(log, "alerts.dispatch_failed", logging.ERROR, error=repr(exc))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=every_s)


def reset_destinations(engine: Engine, senders: Mapping[str, Sender]) -> None:
    """At start-up, give every configured destination a fresh chance: a still-broken
    one is marked again by its first failed send (one request), a fixed one works."""
    for name, sender in senders.items():
        if not isinstance(sender, MisconfiguredSender):
            repair_destination(engine, name, sender.kind)


async def run_bot(
    engine: Engine,
    config: SourcesFile,
    settings: Settings,
    *,
    stop: asyncio.Event | None = None,
    sync_guild: int | None = None,
) -> None:
    """Run the Discord bot (slash commands) and the alert dispatch loop until `stop`."""
    from bot.discord.client import ClaimwatchBot
    from bot.discord.context import make_context

    if settings.discord_token is None:
        raise ClaimwatchError("DISCORD_TOKEN is not set: see README, 'Discord'")
    stop = stop or asyncio.Event()
    client = ClaimwatchBot(make_context(engine, config, settings), sync_guild=sync_guild)
    async with client:
        await client.login(settings.discord_token.get_secret_value())
        gateway = asyncio.create_task(client.connect())
        try:
            await client.wait_until_ready()
            senders = build_senders(config, settings, bot=client)
            reset_destinations(engine, senders)
            loop = asyncio.create_task(run_dispatch_loop(engine, senders, stop=stop))
            done, _ = await asyncio.wait(
                {gateway, loop, asyncio.create_task(stop.wait())},
                return_when=asyncio.FIRST_COMPLETED,
            )
            stop.set()
            await loop
            for task in done:
                if task is gateway and task.exception():
                    raise task.exception()  # type: ignore[misc]
        finally:
            gateway.cancel()
