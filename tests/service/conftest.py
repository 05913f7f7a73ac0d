"""Fixtures for the service tests: databases with leaderboard snapshots, local servers.

Loading snapshots takes seconds, so it happens once per database kind per session
(the lmarena-text CSVs, which cover every hand-written claim) into a
template; each test gets a copy (a file copy on SQLite, `CREATE DATABASE ... TEMPLATE`
on Postgres), so tests stay independent and fast.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine, make_url

from store import db
from store.leaderboards.ingest import bundled_paths, ingest_paths
from tests.service.service_support import (
    WEBHOOK_ENV,
    FeedServer,
    Webhook,
    feed_server,
    webhook_server,
)


def _seed(engine: Engine) -> None:
    files = [p for p in bundled_paths() if p.name.startswith("lmarena-text-")]
    report = ingest_paths(engine, files)
    assert not report.errors and report.snapshots > 50, report.summary()


@pytest.fixture(scope="session")
def seeded_sqlite(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("service") / "seeded.db"
    shutil.copy(sqlite_template, path)
    engine = db.make_engine(f"sqlite:///{path}")
    _seed(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def seeded_postgres(postgres_url: str) -> Iterator[str]:
    """A migrated, seeded database used only as a template (no one connects to it)."""
    with db.temporary_database(postgres_url, "claimwatch_svc_tpl") as url:
        engine = db.make_engine(url)
        db.upgrade(engine)
        _seed(engine)
        engine.dispose()
        yield make_url(url).database or ""


@pytest.fixture(params=["sqlite", "postgres"])
def seeded_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of each kind holding the lmarena-text snapshots, for this test only."""
    if request.param == "sqlite":
        path = tmp_path / "claimwatch.db"
        shutil.copy(request.getfixturevalue("seeded_sqlite"), path)
        yield f"sqlite:///{path}"
        return
    base = request.getfixturevalue("postgres_url")
    template = request.getfixturevalue("seeded_postgres")
    with db.temporary_database(base, "claimwatch_svc", template=template) as url:
        yield url


@pytest.fixture
def seeded(seeded_url: str) -> Iterator[Engine]:
    engine = db.make_engine(seeded_url)
    yield engine
    engine.dispose()


@pytest.fixture
def feeds() -> Iterator[FeedServer]:
    with feed_server() as server:
        yield server


@pytest.fixture
def other_host() -> Iterator[FeedServer]:
    """A feed server on 127.0.0.2: a second host, for a feed that must not hold up others."""
    with feed_server("127.0.0.2") as server:
        yield server


@pytest.fixture
def webhook(monkeypatch: pytest.MonkeyPatch) -> Iterator[Webhook]:
    with webhook_server() as server:
        monkeypatch.setenv(WEBHOOK_ENV, server.url)
        yield server


@pytest.fixture
def service_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No secrets or endpoints from the developer's environment leak into a test."""
    monkeypatch.setenv("CLAIMWATCH_DATA_DIR", str(tmp_path))
    for var in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "DISCORD_TOKEN",
        "DISCORD_WEBHOOK_URL",
        "SMTP_HOST",
        "CLAIMWATCH_SOURCES",
        "CLAIMWATCH_METRICS_PORT",
        "CLAIMWATCH_INSTANCE",
    ):
        monkeypatch.delenv(var, raising=False)
