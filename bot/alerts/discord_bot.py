"""The `discord_bot` destination kind: alerts posted by the running Discord bot.

The sender itself (`BotSender`, bot/discord/client.py) needs discord.py and a logged-in
client, so the bot passes a factory in `SenderContext.bot_channel`; without a running
bot the destination is marked broken with the reason.
"""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import model_validator

from bot.alerts.destinations import DestinationConfig, SenderContext, register_destination
from bot.alerts.senders import MisconfiguredSender, Sender
from bot.config import Settings


class BotDestination(DestinationConfig):
    """`kind: discord_bot`: `channel_id` is the channel the bot posts in."""

    kind: Literal["discord_bot"] = "discord_bot"
    channel_id: int | None = None

    @model_validator(mode="after")
    def _needs_channel(self) -> BotDestination:
        if self.channel_id is None:
            raise ValueError("a discord_bot destination needs channel_id")
        return self


def make_sender(dest: BotDestination, ctx: SenderContext) -> Sender:
    assert dest.channel_id is not None
    if ctx.bot_channel is None:
        reason = (
            "DISCORD_TOKEN is not set"
            if ctx.settings.discord_token is None
            else "the Discord bot is not running in this process"
        )
        return MisconfiguredSender(dest.kind, reason)
    return ctx.bot_channel(dest.channel_id)


def _target(dest: BotDestination, settings: Settings) -> str:
    # the token is a secret: only its hash enters the configuration hash
    token = settings.discord_token.get_secret_value() if settings.discord_token else ""
    return f"{dest.channel_id}:{hashlib.sha256(token.encode()).hexdigest()}"


DISCORD_BOT = register_destination("discord_bot", BotDestination, make_sender, target=_target)
