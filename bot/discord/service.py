"""The Discord bot at work: logged in, its slash commands answering, and the alert
dispatch loop sending to its channels. `claimwatch run` starts it beside the passes
when DISCORD_TOKEN is set (bot/pipeline.py's `serve`)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import discord
from sqlalchemy.engine import Engine

from bot.alerts.senders import Sender
from bot.alerts.service import build_senders, reset_destinations, run_dispatch_loop
from bot.config import Settings
from bot.discord.client import BotSender, ClaimwatchBot, DiscordPyChannels
from bot.discord.context import make_context
from bot.sources import SourcesFile
from store.errors import ClaimwatchError


def channel_sender(client: discord.Client) -> Callable[[int], Sender]:
    """Senders that post to a `discord_bot` destination's channel through `client`."""
    channels = DiscordPyChannels(client)

    def make(channel_id: int) -> Sender:
        return BotSender(channel_id, channels)

    return make


async def run_bot(
    engine: Engine,
    config: SourcesFile,
    settings: Settings,
    *,
    stop: asyncio.Event | None = None,
    sync_guild: int | None = None,
) -> None:
    """Run the Discord bot (slash commands) and the alert dispatch loop until `stop`."""
    if settings.discord_token is None:
        raise ClaimwatchError("DISCORD_TOKEN is not set: see README, 'Discord'")
    stop = stop or asyncio.Event()
    client = ClaimwatchBot(make_context(engine, config, settings), sync_guild=sync_guild)
    async with client:
        await client.login(settings.discord_token.get_secret_value())
        gateway = asyncio.create_task(client.connect())
        try:
            await client.wait_until_ready()
            senders = build_senders(
                config.destinations, settings, bot_channel=channel_sender(client)
            )
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
