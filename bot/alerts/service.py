"""Wiring for `claimwatch run`: senders from sources.yaml + env, and the dispatch loop.

    build_senders(config, settings, bot_sender=...)  -> {destination name: Sender}
    run_dispatch_loop(engine, senders)               -> dispatch_pending every few seconds

The Discord bot (bot/discord/service.py) passes `bot_sender` once it is logged in.

A destination whose credentials are missing gets a sender that marks it broken
with the reason, so /status and `claimwatch sources list` say what to set.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Callable, Mapping
from typing import TextIO

import httpx
from sqlalchemy.engine import Engine

from bot.alerts.dispatcher import dispatch_pending, repair_destination
from bot.alerts.senders import MisconfiguredSender, Sender
from bot.alerts.terminal import TerminalSender
from bot.alerts.webhook import WebhookSender
from bot.config import Settings
from bot.logs import event
from bot.sources import Destination, SourcesFile

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
    bot_sender: Callable[[Destination], Sender] | None = None,
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
            if bot_sender is None:
                reason = (
                    "DISCORD_TOKEN is not set"
                    if settings.discord_token is None
                    else "the Discord bot is not running in this process"
                )
                senders[dest.name] = MisconfiguredSender(dest.kind, reason)
            else:
                senders[dest.name] = bot_sender(dest)
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
