"""sources.yaml for the commands that read it, apart from common.py: its schema loads
every destination kind (and with them httpx), which `check` and `claims` never need
and would pay for at start-up (benchmarks/cli_startup.py)."""

from __future__ import annotations

from pathlib import Path

from bot.cli.common import settings
from bot.sources import SourcesFile, load_sources


def sources_file(path: Path | None) -> SourcesFile:
    """The given sources file, else $CLAIMWATCH_SOURCES or ./sources.yaml, validated."""
    return load_sources(path or settings().sources_file)
