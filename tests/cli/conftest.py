"""Fixtures for the command-line tests: an SMTP server for `claimwatch digest --send`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.digest.digest_support import SmtpServer, quiet_smtp_server


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """A server on a free port, not yet started."""
    with quiet_smtp_server() as server:
        yield server
