"""Fixtures for the digest tests: a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.digest.digest_support import SmtpServer, quiet_smtp_server


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """A server on a free port, not yet started (tests start it, maybe after an outage)."""
    with quiet_smtp_server() as server:
        yield server
