"""Group commit of the poller's writes (see PollWriter)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence

from bot.feeds.persist import Applied, PollUpdate

log = logging.getLogger(__name__)
POLL_BATCH = 500  # sources' polls written per transaction, at most
# A write starts at least this long after the one before it started. Polls finish
# about one parse apart (9 ms for a typical feed) and writing one takes 1-2 ms, so
# writing whatever was pending the moment the last write ended gave a cold poll of
# 1,000 feeds 600 transactions of one or two polls, each a hop to the database thread
# and back through the GIL; with the gap it has about 90.
WRITE_GAP = 0.1


class PollWriter:
    """Group commit of the polls' writes: articles and source state.

    One transaction per source was most of a poll's database time: a warm poll (every
    source answering 304) and a cold one (every source storing its backlog) both
    commit once per source on the database thread. Here the first poll is written at
    once and the next write starts `gap` seconds after it started (or when it ends, if
    later) with every poll that finished meanwhile, so a busy poll writes tens to
    hundreds per transaction. It starts at once when POLL_BATCH polls wait, on
    `flush`, and when every poll still under way (`running`, the poller's count) is
    waiting for this writer: no other poll can join the batch then, and the last
    polls of a run are not held back by the gap.

    `store` waits for its poll's write (a poll reports its new article ids);
    `add` does not (a poll that stores no article). A batch that fails is written
    again one poll at a time, so one bad poll fails alone. A crash loses at most the
    polls not yet written: those sources keep their lease until it expires and are
    polled again (their articles are new again then). `flush` is awaited before
    poll_due returns, also when it is cancelled.
    """

    def __init__(
        self,
        write: Callable[[list[PollUpdate]], Awaitable[Sequence[Applied]]],
        *,
        gap: float = WRITE_GAP,
        running: Callable[[], int] | None = None,
    ) -> None:
        self.write = write  # apply_polls on the poller's database thread
        self.gap = gap
        self.running = running  # polls under way, written or not yet; None: unknown
        self.pending: list[tuple[PollUpdate, asyncio.Future[Applied] | None]] = []
        self.task: asyncio.Task[None] | None = None
        self._next = 0.0  # loop time before which the next write waits
        self._waiting = 0  # polls in `store`, waiting for their write
        self._flushing = False
        self._hurry = asyncio.Event()  # set: write now

    def add(self, update: PollUpdate) -> None:
        self._queue(update, None)

    async def store(self, update: PollUpdate) -> Applied:
        done: asyncio.Future[Applied] = asyncio.get_running_loop().create_future()
        self._waiting += 1
        try:
            self._queue(update, done)
            return await done
        finally:
            self._waiting -= 1

    def poke(self) -> None:
        """A poll ended (the poller's `running` went down): maybe nothing else is coming."""
        if self.pending and self._all_waiting():
            self._hurry.set()

    def _all_waiting(self) -> bool:
        return self.running is not None and self.running() <= self._waiting

    def _queue(self, update: PollUpdate, done: asyncio.Future[Applied] | None) -> None:
        self.pending.append((update, done))
        if len(self.pending) >= POLL_BATCH or self._all_waiting():
            self._hurry.set()
        if self.task is None:
            self.task = asyncio.create_task(self._drain())

    async def _drain(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            while self.pending:
                wait = self._next - loop.time()
                if wait > 0 and not self._hurry.is_set():
                    with contextlib.suppress(TimeoutError):
                        async with asyncio.timeout(wait):
                            await self._hurry.wait()
                self._next = loop.time() + self.gap
                batch = self.pending[:POLL_BATCH]
                del self.pending[:POLL_BATCH]
                if not self._flushing and len(self.pending) < POLL_BATCH:
                    self._hurry.clear()  # the next batch waits for the gap again
                await self._write(batch)
        finally:
            self.task = None

    async def _write(self, batch: list[tuple[PollUpdate, asyncio.Future[Applied] | None]]) -> None:
        try:
            applied = await self.write([u for u, _ in batch])
        except Exception as exc:
            if len(batch) == 1:
                _settle(batch[0], error=exc)
                return
            log.exception("could not store %d polls at once; trying one by one", len(batch))
        else:
            for item, result in zip(batch, applied, strict=True):
                _settle(item, result=result)
            return
        for item in batch:
            try:
                [result] = await self.write([item[0]])
            except Exception as exc:
                _settle(item, error=exc)
            else:
                _settle(item, result=result)

    async def flush(self) -> None:
        """Write everything pending now, without waiting for the gap."""
        self._flushing = True
        self._hurry.set()
        while self.pending or self.task is not None:
            if self.task is None:
                self.task = asyncio.create_task(self._drain())
            # shielded: a cancelled poll still stores the polls it has
            await asyncio.shield(self.task)


def _settle(
    item: tuple[PollUpdate, asyncio.Future[Applied] | None],
    *,
    result: Applied | None = None,
    error: Exception | None = None,
) -> None:
    """Hand a write's outcome to the poll waiting for it; log a failure nobody awaits."""
    update, done = item
    if done is None:
        if error is not None:
            log.error("could not store the poll of source id %s", update.source_id, exc_info=error)
        return
    if done.done():  # the poll was cancelled meanwhile
        return
    if error is not None:
        done.set_exception(error)
    else:
        assert result is not None
        done.set_result(result)
