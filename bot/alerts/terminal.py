"""Print alerts to a terminal: the offline main job, in the same words as Discord."""

from __future__ import annotations

import sys
from typing import TextIO

from bot.alerts.senders import Delivered, Outcome, OutgoingMessage


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
