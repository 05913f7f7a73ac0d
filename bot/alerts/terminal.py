"""Print alerts to a terminal: the offline main job, in the same words as Discord."""

from __future__ import annotations

import sys
from typing import Literal, TextIO

from bot.alerts.destinations import DestinationConfig, SenderContext, register_destination
from bot.alerts.senders import Delivered, Outcome, OutgoingMessage


class TerminalDestination(DestinationConfig):
    """`kind: terminal`: alerts printed on standard output (the offline default)."""

    kind: Literal["terminal"] = "terminal"


class TerminalSender:
    kind = "terminal"

    def __init__(self, out: TextIO | None = None) -> None:
        self._out = out

    async def send(self, message: OutgoingMessage, *, nonce: str, replaces: str | None) -> Outcome:
        out = self._out or sys.stdout
        out.write("-" * 72 + "\n" + message.text)
        out.flush()
        return Delivered(f"terminal:{nonce}")

    async def resume(
        self, message: OutgoingMessage, *, nonce: str, replaces: str | None
    ) -> Outcome:
        # a line printed twice after a crash harms nobody; a missing one would
        return await self.send(message, nonce=nonce, replaces=replaces)


def make_sender(dest: TerminalDestination, ctx: SenderContext) -> TerminalSender:
    return TerminalSender(ctx.out)


TERMINAL = register_destination("terminal", TerminalDestination, make_sender)
