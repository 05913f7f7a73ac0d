"""Every registered leaderboard reader, loaded: import this, not the format modules.

Importing a format module registers its reader in `formats.READERS`; this module
imports them all so callers see the complete registry.
"""

from __future__ import annotations

from store.leaderboards import arena_catalog, elo_history, lmarena_csv, open_llm
from store.leaderboards.formats import (
    READERS,
    LeaderboardFormatError,
    ParsedFile,
    detect_format,
    parse_bytes,
    priority_of,
)

__all__ = [
    "READERS",
    "LeaderboardFormatError",
    "ParsedFile",
    "arena_catalog",
    "detect_format",
    "elo_history",
    "lmarena_csv",
    "open_llm",
    "parse_bytes",
    "priority_of",
]
