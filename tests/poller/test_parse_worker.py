"""The parse child is started once per process and reused by every poll."""

from __future__ import annotations

import os
from concurrent.futures.process import BrokenProcessPool

import pytest

from bot.feeds.parse import parse_feed, parse_worker

RSS = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>t</title>
<item><title>First</title><link>https://example.com/1</link><guid>1</guid></item>
<item><title>Second</title><link>https://example.com/2</link><guid>2</guid></item>
</channel></rss>"""


def test_one_long_lived_parse_child() -> None:
    worker = parse_worker()
    assert parse_worker() is worker
    first = worker.submit(os.getpid).result(timeout=60)
    assert first != os.getpid()  # a child, not this process
    parsed = worker.submit(parse_feed, RSS, base_url="https://example.com/feed").result(timeout=60)
    assert [e.title for e in parsed.entries] == ["First", "Second"]
    assert parse_worker().submit(os.getpid).result(timeout=60) == first  # the same child


def test_a_dead_parse_child_is_replaced() -> None:
    worker = parse_worker()
    pid = worker.submit(os.getpid).result(timeout=60)
    os.kill(pid, 9)
    with pytest.raises(BrokenProcessPool):  # the pool notices the death
        worker.submit(os.getpid).result(timeout=60)
    replacement = parse_worker()
    assert replacement is not worker
    assert replacement.submit(os.getpid).result(timeout=60) not in (pid, os.getpid())
