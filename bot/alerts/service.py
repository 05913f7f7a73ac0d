"""Wiring for `claimwatch run`: senders from sources.yaml + env, and the dispatch loop.

    build_senders(destinations, settings, bot_channel=...)-> {destination name: Sender}
    run_dispatch_loop(engine, senders)               -> dispatch_pending every few seconds

The Discord bot (bot/discord/service.py) passes `bot_channel` once it is logged in.

A destination whose credentials are missing gets a sender that marks it broken
with the reason, so /status and `claimwatch sources list` say what to set.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Mapping, Sequence
from typing import TextIO

import httpx
from sqlalchemy.engine import Engine

from bot.alerts.destinations import SenderContext, kind_of
from bot.alerts.dispatcher import dispatch_pending, repair_destination
from bot.alerts.kinds import Destination
from bot.alerts.senders import MisconfiguredSender, Sender
from bot.config import Settings
from bot.logs import add_secrets, event

log = logging.getLogger(__name__)

DISPATCH_EVERY_S = 10.0


def build_senders(
    destinations: Sequence[Destination],
    settings: Settings,
    *,
    bot_channel: Callable[[int], Sender] | None = None,
    http: httpx.AsyncClient | None = None,
    out: TextIO | None = None,
) -> dict[str, Sender]:
    """One sender per destination (sources.yaml's), each made by its registered kind.

    `bot_channel` gives the running Discord bot's sender for a channel id; without
    it, `discord_bot` destinations are marked broken with the reason.
    """
    ctx = SenderContext(settings, http=http, out=out, bot_channel=bot_channel)
    senders: dict[str, Sender] = {}
    for dest in destinations:
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
