"""`claimwatch demo`: the offline demo in a data directory of its own.

The demo polls the feed files bundled in examples/ (baseline off, every entry old
enough to check against the bundled snapshots) and prints its alerts. It never
touches the configured database: its SQLite file lives under `<data dir>/demo/`
(or `--data-dir`), whatever CLAIMWATCH_DATABASE_URL says, and it never calls an LLM,
Discord or a mail server. Its claims therefore never reach a real `/claims`,
digest or `sources list`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from pydantic import SecretStr

from bot import pipeline
from bot.cli.common import settings as load
from bot.logs import setup_logging
from bot.sources import load_sources
from store import db
from store.errors import ClaimwatchError
from store.leaderboards.ingest import ingest_bundled

DEMO_SOURCES = Path("examples/offline-sources.yaml")


def demo(
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            help="Where the demo's own database lives (default: $CLAIMWATCH_DATA_DIR/demo).",
            show_default=False,
        ),
    ] = None,
    sources: Annotated[
        Path,
        typer.Option("--sources", help="The demo's sources file (bundled feed files)."),
    ] = DEMO_SOURCES,
) -> None:
    """Run the offline demo in its own database: load the bundled snapshots, poll the
    bundled feeds once, print the alerts. The configured database is never touched."""

    if not sources.is_file():
        raise ClaimwatchError(
            f"{sources}: no such file: run `claimwatch demo` from a clone of the repository "
            "or pass --sources"
        )
    base = load()
    folder = (data_dir or base.data_dir / "demo").resolve()
    url = f"sqlite:///{folder / 'claimwatch-demo.db'}"
    # offline whatever the environment says: no LLM, no Discord, no mail, no metrics
    settings = base.model_copy(
        update={
            "database_url_raw": SecretStr(url),
            "data_dir": folder,
            "openai_api_key": None,
            "openai_base_url": None,
            "llm_model": None,
            "discord_token": None,
            "discord_webhook_url": None,
            "smtp_host": None,
            "metrics_port": None,
        }
    )
    setup_logging(settings.log_level, settings.secret_values())
    config = load_sources(sources)
    if any(d.kind != "terminal" for d in config.destinations):
        raise ClaimwatchError(f"{sources}: the demo prints to the terminal only")
    engine = db.make_engine(url, create_dir=True)
    db.upgrade(engine)
    report = ingest_bundled(engine)
    typer.echo(f"demo database: {folder / 'claimwatch-demo.db'} (the configured one is untouched)")
    if report.snapshots:
        typer.echo(f"leaderboards: {report.snapshots} snapshot(s) loaded")
    result = pipeline.run_once(engine, config, settings)
    typer.echo(result.summary())
    typer.echo(
        f"explore: CLAIMWATCH_DATABASE_URL={url} claimwatch claims  (then claimwatch claim ID)"
    )
    engine.dispose()
    raise typer.Exit(result.exit_code)
