"""Progress bars for long first runs: only on a terminal, always on stderr.

`claimwatch init` (loading the bundled snapshots), the first poll of many sources and
re-checking thousands of claims take long enough that a silent terminal looks hung.
Logs, pipes and CI see nothing: stdout stays clean for the alerts and the summary, and
a redirected stderr gets no escape codes.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TextIO

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from store.models import Source

# (done, total, current item) -> None; the shape store/leaderboards/ingest.py calls
Update = Callable[[int, int, str], None]
POLL_BAR_MIN = 50  # due sources from which a poll is worth a bar
RECHECK_BAR_MIN = 500  # claims from which a re-check is worth a bar


def wanted(stream: TextIO | None = None) -> bool:
    """Whether a bar should be drawn: stderr is an interactive terminal."""
    stream = stream or sys.stderr
    return bool(getattr(stream, "isatty", lambda: False)())


@contextmanager
def progress_bar(label: str, *, enabled: bool | None = None) -> Iterator[Update | None]:
    """A transient rich bar on stderr; yields an `Update`, or None when not `enabled`
    (default: stderr is a terminal), so callers pass it straight through as a callback."""
    if not (wanted() if enabled is None else enabled):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn(f"[bold]{label}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}", markup=False),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("", total=None)

        def update(done: int, total: int, item: str) -> None:
            bar.update(task, completed=done, total=total, description=item.rsplit("/", 1)[-1])

        yield update


def _poll_counts(engine: Engine, names: list[str], since: datetime) -> tuple[int, int]:
    """(sources due, sources polled since `since`): a source never polled is due."""
    with Session(engine) as session:
        rows = {
            name: (next_poll, polled)
            for name, next_poll, polled in session.exec(
                select(Source.name, Source.next_poll_at, Source.last_polled_at).where(
                    col(Source.name).in_(names)
                )
            )
        }
    due = done = 0
    for name in names:
        next_poll, polled = rows.get(name, (None, None))
        if polled is not None and polled >= since:
            due, done = due + 1, done + 1
        elif next_poll is None or next_poll <= since:
            due += 1
    return due, done


async def watch_poll(
    engine: Engine, names: list[str], since: datetime, *, every_s: float = 0.5
) -> None:
    """Draw the first poll of many sources from the database until cancelled.

    The poller reports nothing until it is done, so the bar counts the sources whose
    `last_polled_at` moved past the start of the poll (another instance's polls too).
    """
    if not wanted():
        return
    due, _ = await asyncio.to_thread(_poll_counts, engine, names, since)
    if due < POLL_BAR_MIN:
        return
    with progress_bar("polling") as update:
        assert update is not None
        while True:
            due, done = await asyncio.to_thread(_poll_counts, engine, names, since)
            update(done, due, "sources")
            await asyncio.sleep(every_s)
