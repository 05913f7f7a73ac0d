"""What every command shares: the common options, the settings, sources.yaml, an
up-to-date database and JSON output. Commands raise `ClaimwatchError` for a user's
mistake; the root command (bot/cli/app.py) prints it as one line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from sqlalchemy.engine import Engine

from bot.config import Settings, load_settings
from bot.logs import setup_logging
from store import db

SourcesOpt = Annotated[
    Path | None,
    typer.Option(
        "--sources",
        help="The sources file (default: $CLAIMWATCH_SOURCES or ./sources.yaml).",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def settings() -> Settings:
    return load_settings()


def open_store(*, create: bool = False) -> Engine:
    """An engine on a database that `claimwatch init` has brought up to date."""

    s = settings()
    setup_logging(s.log_level, s.secret_values())
    engine = db.make_engine(s.database_url, create_dir=create)
    if not create:
        db.require_current(engine)
    return engine


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
