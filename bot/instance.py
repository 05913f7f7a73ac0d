"""Who this process is, and the guard that keeps a second instance off a SQLite file.

SQLite cannot share work between processes safely (no SKIP LOCKED, one writer), so a
second `claimwatch run` on the same file refuses to start. On Postgres any number of
instances run side by side and share work through row leases (store/leases.py).
"""

from __future__ import annotations

import fcntl
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import Engine

from store.errors import ClaimwatchError


def instance_name(configured: str | None = None) -> str:
    return configured or f"{socket.gethostname()}:{os.getpid()}"


@contextmanager
def exclusive_on_sqlite(engine: Engine) -> Iterator[None]:
    """Hold an exclusive lock beside the SQLite file for the life of the service."""
    if engine.dialect.name != "sqlite" or not engine.url.database:
        yield
        return
    lock_path = Path(f"{engine.url.database}.lock")
    handle = lock_path.open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "another process"
        handle.close()
        raise ClaimwatchError(
            f"another claimwatch run ({holder}) is already using {engine.url.database}; "
            "SQLite supports one instance: stop it, or use Postgres to run several"
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(instance_name())
    handle.flush()
    try:
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()
