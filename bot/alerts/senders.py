"""The seam between the dispatcher and a delivery channel (bot, webhook, terminal).

The dispatcher hands every sender the same `OutgoingMessage`, shaped for no channel:
each sender renders it (the Discord senders as an embed through
bot/alerts/discord_payload.py, the terminal as its plain text). A sender turns one
message into one of five outcomes. The dispatcher
persists the outcome; the sender never touches the database. The outcomes are
chosen so the dispatcher can keep its promise of at most one message per key:

- `Delivered`: the message exists; record its id.
- `RetryLater`: the message certainly does not exist (429, 5xx, refused connection):
  sending again cannot duplicate it.
- `Unconfirmed`: it may or may not exist (a crash or a read timeout after the request
  left): never resent automatically.
- `Broken`: the destination itself is unusable (bad token, deleted webhook or channel,
  missing permission): stop sending there until someone fixes it.
- `Rejected`: Discord refused this one message (400): retrying it cannot help.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.render.cards import Field

# Discord JSON error codes that mean the destination is gone or forbidden, not this message.
# https://discord.com/developers/docs/topics/opcodes-and-status-codes#json
BROKEN_CODES = {
    10003: "Unknown Channel",
    10015: "Unknown Webhook",
    50001: "Missing Access",
    50013: "Missing Permissions",
}
BROKEN_STATUSES = {401: "Unauthorized", 403: "Forbidden", 404: "Not Found"}


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    """What an alert says, in no channel's format; every sender renders it its own way.

    `title`, `description`, field names and values, `lead` and `footer` are the render
    layer's light markdown (**bold**, [label](url) links, "> " quotes; text from
    articles escaped). `text` is the whole message as plain text, wrapped at 80
    columns, for a channel without markup (a terminal, a pager, an SMS). No channel's
    limits apply here: a sender clips what it must (the embed limits are Discord's).
    """

    title: str
    text: str  # the same words without markup
    description: str = ""
    fields: tuple[Field, ...] = ()  # (name, value): the evidence, the sources, ...
    url: str | None = None  # the page the message is about (the article)
    colour: int | None = None  # 0xRRGGBB from the verdict or the notice, if any
    lead: str = ""  # one line said before the rest ("Verdict changed: ...")
    footer: str = ""  # how to find out more (commands), and the send's ref


@dataclass(frozen=True, slots=True)
class Delivered:
    message_id: str | None  # None when the endpoint does not return one (webhook 204)


@dataclass(frozen=True, slots=True)
class RetryLater:
    after_s: float
    error: str
    # False for a rate limit: waiting is the destination's pace, not a failed attempt,
    # so it does not bring the alert closer to being given up
    counts: bool = True


@dataclass(frozen=True, slots=True)
class Unconfirmed:
    error: str


@dataclass(frozen=True, slots=True)
class Broken:
    reason: str


@dataclass(frozen=True, slots=True)
class Rejected:
    error: str


Outcome = Delivered | RetryLater | Unconfirmed | Broken | Rejected


class Sender(Protocol):
    """Delivers rendered alerts to one destination."""

    kind: str

    async def send(self, message: OutgoingMessage, *, nonce: str, replaces: str | None) -> Outcome:
        """Post `message` once. `replaces` is the remote id of the alert this one
        updates (a verdict change): a bot edits it, a webhook posts a follow-up."""
        ...

    async def resume(
        self, message: OutgoingMessage, *, nonce: str, replaces: str | None
    ) -> Outcome:
        """Finish a send interrupted by a crash: the message may already exist."""
        ...


def classify_error(status: int, code: int | None, message: str) -> Outcome | None:
    """Map a Discord error response to the outcome it means, or None for 'retry'.

    429 and 5xx are retried by the callers (they know the wait); everything else
    is decided here so the bot and the webhook agree.
    """
    if code in BROKEN_CODES:
        return Broken(f"HTTP {status}: {BROKEN_CODES[code]} (Discord code {code}): {message}")
    if status in BROKEN_STATUSES:
        detail = f" (Discord code {code})" if code else ""
        return Broken(f"HTTP {status}: {BROKEN_STATUSES[status]}{detail}: {message}")
    if status == 429 or status >= 500:
        return None
    return Rejected(f"HTTP {status}: {message}" + (f" (Discord code {code})" if code else ""))


class MisconfiguredSender:
    """Stands in for a destination whose credentials are missing: marks it broken."""

    def __init__(self, kind: str, reason: str) -> None:
        self.kind = kind
        self.reason = reason

    async def send(self, message: OutgoingMessage, *, nonce: str, replaces: str | None) -> Outcome:
        return Broken(self.reason)

    async def resume(
        self, message: OutgoingMessage, *, nonce: str, replaces: str | None
    ) -> Outcome:
        return Broken(self.reason)
