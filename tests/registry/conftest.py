"""Fixtures for registry tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from registry_bundled import lmarena_entries

from store.leaderboards.base import BoardEntry


@pytest.fixture
def board() -> Callable[[str], list[BoardEntry]]:
    """The entries of one bundled LMArena CSV by date ("2025-03-01")."""
    return lmarena_entries
