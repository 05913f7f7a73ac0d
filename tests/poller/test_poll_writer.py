"""The poller's group commit: polls finishing together share a transaction, writes are
spaced so that a busy poll has few of them, and one poll whose write fails fails alone."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from bot.feeds import batch
from bot.feeds.batch import PollWriter
from bot.feeds.persist import Applied, PollUpdate
from bot.feeds.schedule import SourceState, Transition

NOW = datetime(2026, 1, 5, tzinfo=UTC)


def _update(source_id: int) -> PollUpdate:
    state = SourceState()
    return PollUpdate(source_id, Transition(state, "ok", None, NOW), NOW)


async def test_polls_finishing_together_share_a_write_and_a_bad_one_fails_alone() -> None:
    batches: list[list[int]] = []

    async def write(updates: list[PollUpdate]) -> list[Applied]:
        batches.append([u.source_id for u in updates])
        await asyncio.sleep(0.01)  # a transaction on the database thread
        if any(u.source_id == 3 for u in updates):
            raise RuntimeError("constraint failed")
        return [Applied([u.source_id * 10], []) for u in updates]

    writer = PollWriter(write)
    writer.add(_update(1))  # state only: nobody waits for it
    results = await asyncio.gather(
        *(writer.store(_update(i)) for i in (2, 3, 4)), return_exceptions=True
    )
    await writer.flush()
    assert batches[0] == [1]  # written at once
    assert batches[1] == [2, 3, 4]  # the ones that arrived meanwhile, together
    assert batches[2:] == [[2], [3], [4]]  # that batch failed: one by one
    assert results[0] == Applied([20], []) and results[2] == Applied([40], [])
    assert isinstance(results[1], RuntimeError)


async def test_flush_writes_what_is_pending() -> None:
    written: list[int] = []

    async def write(updates: list[PollUpdate]) -> list[Applied]:
        written.extend(u.source_id for u in updates)
        return [Applied([], []) for _ in updates]

    writer = PollWriter(write)
    for i in range(5):
        writer.add(_update(i))
    await writer.flush()
    assert written == [0, 1, 2, 3, 4]
    assert not writer.pending and writer.task is None


async def test_writes_are_spaced_so_polls_finishing_one_by_one_share_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Polls that finish one at a time, each long after the previous write ended, still
    share a write: the next one waits for the gap since the last one started. A full
    batch does not wait for the gap, and neither does a flush."""
    batches: list[list[int]] = []

    async def write(updates: list[PollUpdate]) -> list[Applied]:
        batches.append([u.source_id for u in updates])
        return [Applied([], []) for _ in updates]

    monkeypatch.setattr(batch, "POLL_BATCH", 3)
    writer = PollWriter(write, gap=3600.0)  # never reached: the test would time out
    async with asyncio.timeout(10):
        writer.add(_update(1))
        await asyncio.sleep(0.05)
        assert batches == [[1]]  # the first at once
        for i in (2, 3):
            writer.add(_update(i))
            await asyncio.sleep(0.05)
        assert batches == [[1]]  # waiting for the gap, gathering
        writer.add(_update(4))  # a full batch: written now
        await asyncio.sleep(0.05)
        assert batches == [[1], [2, 3, 4]]
        writer.add(_update(5))
        await writer.flush()
    assert batches == [[1], [2, 3, 4], [5]]


async def test_a_batch_does_not_wait_once_every_poll_under_way_waits_for_it() -> None:
    """The gap only gathers polls still under way: when the polls left all wait for
    the writer (the end of a run), their batch is written at once."""
    batches: list[list[int]] = []

    async def write(updates: list[PollUpdate]) -> list[Applied]:
        batches.append([u.source_id for u in updates])
        return [Applied([], []) for _ in updates]

    running = 3
    writer = PollWriter(write, gap=3600.0, running=lambda: running)
    async with asyncio.timeout(10):
        await writer.store(_update(1))  # the first at once
        running -= 1
        second = asyncio.create_task(writer.store(_update(2)))
        await asyncio.sleep(0.05)
        assert batches == [[1]]  # one more poll is under way: it may join
        running -= 1  # ... it ended without anything to write
        writer.poke()
        await second
    assert batches == [[1], [2]]
