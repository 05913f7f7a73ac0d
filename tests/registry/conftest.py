"""Fixtures for registry tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from store.leaderboards.base import BoardEntry
from tests.registry.registry_support import lmarena_entries


@pytest.fixture
def board() -> Callable[[str], list[BoardEntry]]:
    """The entries of one bundled LMArena CSV by date ("2025-03-01")."""
    return lmarena_entries
