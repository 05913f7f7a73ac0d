"""Shared fixtures: a migrated database of each kind, clean for every test.

`engine` is parametrised over SQLite and Postgres. Postgres tests need
CLAIMWATCH_TEST_POSTGRES_URL (`.ci/run` sets it); without it they skip with the
reason, unless CLAIMWATCH_REQUIRE_POSTGRES=1 turns the skip into a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store import db
from tests.alerts.alerts_support import Seeder

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
PG_ENV = "CLAIMWATCH_TEST_POSTGRES_URL"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh, migrated Postgres database for this test session, dropped afterwards."""
    base = os.environ.get(PG_ENV)
    if not base:
        if os.environ.get("CLAIMWATCH_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"{PG_ENV} is not set but CLAIMWATCH_REQUIRE_POSTGRES=1")
        pytest.skip(f"Postgres tests skipped: set {PG_ENV}=postgresql://user@host/db to run them")
    try:
        with db.temporary_database(base, "claimwatch_test") as url:
            engine = db.make_engine(url)
            db.upgrade(engine)
            engine.dispose()
            yield url
    except sa.exc.OperationalError as exc:
        if os.environ.get("CLAIMWATCH_REQUIRE_POSTGRES") == "1":
            raise
        pytest.skip(f"Postgres at {db.masked(base)} unreachable: {exc.orig}")


def _truncate_all(engine: Engine) -> None:
    tables = [t for t in sa.inspect(engine).get_table_names() if t != "alembic_version"]
    with engine.begin() as conn:
        conn.execute(sa.text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty, migrated database of each kind."""
    if request.param == "sqlite":
        path = tmp_path / "claimwatch.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    url = request.getfixturevalue("postgres_url")
    yield url
    engine = db.make_engine(url)
    _truncate_all(engine)
    engine.dispose()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = db.make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, db_url: str, tmp_path: Path) -> str:
    """Environment for driving the CLI in process against the test database."""
    monkeypatch.setenv("CLAIMWATCH_DATABASE_URL", db_url)
    monkeypatch.setenv("CLAIMWATCH_DATA_DIR", str(tmp_path))
    for var in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "DISCORD_TOKEN",
        "DISCORD_WEBHOOK_URL",
        "SMTP_HOST",
        "CLAIMWATCH_SOURCES",
    ):
        monkeypatch.delenv(var, raising=False)
    return db_url


@pytest.fixture
def seed(engine: Engine) -> Seeder:
    """Claims, verdicts and appearances written straight into the test database."""
    return Seeder(engine)
