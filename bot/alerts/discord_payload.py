"""An alert's `OutgoingMessage` as Discord takes it, for the webhook and the bot alike.

One embed within Discord's limits (bot/render/cards.py `to_embed`: 256-character
title, 25 fields, 6000 characters in all), the lead line as the message content
(at most 2000 characters), and mentions never parsed: text from articles must not
ping anyone, whatever it says. Both Discord senders say so on every message (the
bot with discord.py's `AllowedMentions.none()`); nothing in the message can turn it
on.
"""

from __future__ import annotations

from typing import Any

from bot.alerts.senders import OutgoingMessage
from bot.render.cards import CONTENT_MAX, clip, to_embed


def discord_content(message: OutgoingMessage) -> str:
    """The text above the embed ("" for none)."""
    return clip(message.lead, CONTENT_MAX)


def discord_embeds(message: OutgoingMessage) -> list[dict[str, Any]]:
    return [to_embed(message)]


def discord_payload(message: OutgoingMessage) -> dict[str, Any]:
    """The JSON body of a webhook execution (a bot posts the same parts)."""
    payload: dict[str, Any] = {
        "embeds": discord_embeds(message),
        "allowed_mentions": {"parse": []},
    }
    content = discord_content(message)
    if content:
        payload["content"] = content
    return payload
