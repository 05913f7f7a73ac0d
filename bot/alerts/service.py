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
import os
from collections.abc import Mapping
from typing import TextIO

import httpx
from sqlalchemy.engine import Engine

from bot.alerts.dispatcher import dispatch_pending, repair_destination
from bot.alerts.senders import MisconfiguredSender, Sender
from bot.alerts.terminal import TerminalSender
from bot.alerts.webhook import WebhookSender
from bot.config import Settings
from bot.logs import event
from bot.sources import SourcesFile
from store.errors import ClaimwatchError

log = logging.getLogger(__name__)

DISPATCH_EVERY_S = 10.0


def webhook_url(env_name: str, settings: Settings) -> str | None:
    if env_name == "DISCORD_WEBHOOK_URL" and settings.discord_webhook_url is not None:
        return settings.discord_webhook_url.get_secret_value() or None
    return os.environ.get(env_name) or None


def build_senders(
    config: SourcesFile,
    settings: Settings,
    *,
    bot: object | None = None,
    http: httpx.AsyncClient | None = None,
    out: TextIO | None = None,
) -> dict[str, Sender]:
    """One sender per destination in sources.yaml.

    `bot` is a running discord.py client (bot.discord.client.ClaimwatchBot);
    without one, `discord_bot` destinations are marked broken with the reason.
    """
    senders: dict[str, Sender] = {}
    for dest in config.destinations:
        if dest.kind == "terminal":
            senders[dest.name] = TerminalSender(out)
        elif dest.kind == "discord_webhook":
            assert dest.webhook_env is not None
            url = webhook_url(dest.webhook_env, settings)
            if url is None:
                senders[dest.name] = MisconfiguredSender(
                    dest.kind, f"environment variable {dest.webhook_env} is not set"
                )
            else:
                senders[dest.name] = WebhookSender(url, client=http)
        else:
            assert dest.channel_id is not None
            if bot is None:
                reason = (
                    "DISCORD_TOKEN is not set"
                    if settings.discord_token is None
                    else "the Discord bot is not running in this process"
                )
                senders[dest.name] = MisconfiguredSender(dest.kind, reason)
            else:
                from bot.discord.client import BotSender, DiscordPyChannels

                assert hasattr(bot, "get_channel")
                senders[dest.name] = BotSender(dest.channel_id, DiscordPyChannels(bot))  # type: ignore[arg-type]
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
