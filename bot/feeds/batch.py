"""Group commit of the poller's state-only writes (see StateWriter)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from bot.feeds.persist import StateUpdate

log = logging.getLogger(__name__)
STATE_BATCH = 500  # source states written per transaction, at most


class StateWriter:
    """Group commit of the polls that store no article (304, unchanged, failures).

    One transaction per source was the warm poll's cost (every source answering 304):
    SQLite commits one at a time on the database thread. Here the first update is
    written at once and whatever arrives while that transaction runs is written by
    the next one, so a quiet poll still stores each state within milliseconds and a
    busy one writes hundreds per transaction. A crash loses at most the states not
    yet written: those sources keep their lease until it expires and are polled
    again (a 304 costs little). `flush` is awaited before poll_due returns, also
    when it is cancelled.
    """

    def __init__(self, write: Callable[[list[StateUpdate]], Awaitable[None]]) -> None:
        self.write = write  # apply_states on the poller's database thread
        self.pending: list[StateUpdate] = []
        self.task: asyncio.Task[None] | None = None

    def add(self, update: StateUpdate) -> None:
        self.pending.append(update)
        if self.task is None:
            self.task = asyncio.create_task(self._drain())

    async def _drain(self) -> None:
        try:
            while self.pending:
                batch = self.pending[:STATE_BATCH]
                del self.pending[:STATE_BATCH]
                await self._write(batch)
        finally:
            self.task = None

    async def _write(self, batch: list[StateUpdate]) -> None:
        try:
            await self.write(batch)
            return
        except Exception:
            log.exception("could not store %d source states at once; trying one by one", len(batch))
        for update in batch:
            try:
                await self.write([update])
            except Exception:
                log.exception("could not store the state of source id %s", update.source_id)

    async def flush(self) -> None:
        while self.pending or self.task is not None:
            if self.task is None:
                self.task = asyncio.create_task(self._drain())
            # shielded: a cancelled poll still stores the states it has
            await asyncio.shield(self.task)
