"""The demo runs in its own database; a source whose location changed starts afresh."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from typer.testing import CliRunner

from bot.cli.app import app
from bot.sources import Feed
from store import db
from store.models import Claim, Source
from store.polls import sync_sources
from tests.alerts.alerts_support import fetch

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def test_demo_never_touches_the_configured_database(cli_env: str, tmp_path: Path) -> None:
    demo_dir = tmp_path / "demo-data"
    result = runner.invoke(
        app,
        [
            "demo",
            "--data-dir",
            str(demo_dir),
            "--sources",
            str(ROOT / "examples" / "offline-sources.yaml"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert f"demo database: {demo_dir / 'claimwatch-demo.db'}" in result.stdout
    # examples/offline-sources.yaml: 10 feed files; the hand-written demo feed's claims
    # alert in the terminal, each pointing at the shell commands
    assert "polled 10 sources, " in result.stdout
    assert "more: claimwatch claim " in result.stdout
    demo = db.make_engine(f"sqlite:///{demo_dir / 'claimwatch-demo.db'}")
    with Session(demo) as s:
        assert s.exec(select(sa.func.count()).select_from(Claim)).one() > 0
    demo.dispose()
    configured = db.make_engine(cli_env)
    with Session(configured) as s:
        assert s.exec(select(Source)).all() == []
        assert s.exec(select(Claim)).all() == []
    configured.dispose()


def test_a_changed_location_starts_as_a_new_source(engine: Engine) -> None:
    (sid,) = sync_sources(engine, [Feed(name="anthropic-news", path=Path("demo.xml"))]).values()
    with Session(engine) as s:
        row = s.get(Source, sid)
        assert row is not None
        row.etag, row.last_status, row.baseline_done = '"v1"', "ok", True
        row.entries_stored, row.consecutive_failures = 111, 2
        row.last_polled_at = row.next_poll_at = datetime(2026, 1, 1, tzinfo=UTC)
        s.add(row)
        s.commit()
    real = Feed(name="anthropic-news", url="https://www.anthropic.com/news/rss.xml")
    assert sync_sources(engine, [real]) == {"anthropic-news": sid}
    with Session(engine) as s:
        row = s.get(Source, sid)
        assert row is not None and row.url == real.url and row.path is None
        assert (row.etag, row.last_status, row.last_polled_at, row.next_poll_at) == (
            None,
            None,
            None,
            None,
        )
        # its first poll is a baseline again: the real feed's backlog never alerts
        assert row.baseline_done is False
        assert (row.entries_stored, row.consecutive_failures) == (0, 0)
    # the same location again changes nothing
    with Session(engine) as s:
        row = s.get(Source, sid)
        assert row is not None
        row.last_status = "ok"
        s.add(row)
        s.commit()
    sync_sources(engine, [real])
    with Session(engine) as s:
        assert fetch(s, Source, sid).last_status == "ok"
