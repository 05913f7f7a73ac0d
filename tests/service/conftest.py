"""Fixtures for the service tests: databases with leaderboard snapshots, local servers.

Loading snapshots takes seconds, so it happens once per database kind per session
(the lmarena-text CSVs, which cover every hand-written claim) into a
template; each test gets a copy (a file copy on SQLite, `CREATE DATABASE ... TEMPLATE`
on Postgres), so tests stay independent and fast.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from service_support import WEBHOOK_ENV, FeedServer, Webhook, feed_server, webhook_server
from sqlalchemy.engine import Engine, make_url

from store import db
from store.leaderboards.ingest import bundled_paths, ingest_paths


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


def _admin(url: str) -> Engine:
    return sa.create_engine(db.make_engine(url).url, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def seeded_postgres(postgres_url: str) -> Iterator[str]:
    """A migrated, seeded database used only as a template (no one connects to it)."""
    name = f"claimwatch_svc_tpl_{uuid.uuid4().hex[:8]}"
    admin = _admin(postgres_url)
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = make_url(postgres_url).set(database=name).render_as_string(hide_password=False)
    engine = db.make_engine(url)
    db.upgrade(engine)
    _seed(engine)
    engine.dispose()
    yield name
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


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
    name = f"claimwatch_svc_{uuid.uuid4().hex[:8]}"
    admin = _admin(base)
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    yield make_url(base).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


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
