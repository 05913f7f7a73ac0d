"""What every command shares: the error-to-exit-status group, the common options,
the settings, sources.yaml and an up-to-date database.

User mistakes (bad sources.yaml, unreachable database, unknown claim id) raise
`ClaimwatchError` and print one line, `claimwatch: error: ...`, exit 2; no traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from store.errors import ClaimwatchError

# SQLAlchemy, pydantic-settings and the rest load inside the helpers that use them, so
# `--help` and `--version` stay fast (tests/foundation/test_cli_imports.py,
# benchmarks/cli_startup.py).
if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from bot.config import Settings
    from bot.sources import SourcesFile


class FriendlyGroup(TyperGroup):
    """Turns ClaimwatchError into one line on stderr and exit status 2."""

    # ctx is typer's vendored click Context, which typer does not export as a type
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ClaimwatchError as exc:
            typer.echo(f"claimwatch: error: {exc}", err=True)
            ctx.exit(2)


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
    from bot.config import load_settings

    return load_settings()


def sources_file(path: Path | None) -> SourcesFile:
    from bot.sources import load_sources

    return load_sources(path or settings().sources_file)


def open_store(*, create: bool = False) -> Engine:
    """An engine on a database that `claimwatch init` has brought up to date."""
    from bot.logs import setup_logging
    from store import db

    s = settings()
    setup_logging(s.log_level, s.secret_values())
    engine = db.make_engine(s.database_url, create_dir=create)
    if not create:
        db.require_current(engine)
    return engine


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
