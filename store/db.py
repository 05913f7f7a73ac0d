"""Engine, sessions and migrations: SQLite by default, Postgres by URL.

The same models and the same Alembic migrations serve both databases.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

from store.errors import ClaimwatchError

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlmodel import Session, SQLModel

MIGRATIONS = Path(__file__).parent / "migrations"
DEFAULT_DATA_DIR = Path("data")


def default_url(data_dir: Path = DEFAULT_DATA_DIR) -> str:
    return f"sqlite:///{data_dir / 'claimwatch.db'}"


def masked(url: str) -> str:
    """The URL with any password hidden, for logs and error messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<unparseable database URL>"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # WAL lets the bot's readers run while the pipeline writes; busy_timeout
    # makes a briefly locked database wait instead of failing.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA synchronous=NORMAL")
    # The terms of the claims' full-text index, for store.claims_queries: a prefix search
    # spelled out as its terms reads FTS5 incrementally, ten times faster on a common
    # word. A temp table lives per connection and costs nothing until queried.
    with contextlib.suppress(sqlite3.Error):  # no FTS5 in this SQLite: searches say so
        cur.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.claims_fts_vocab "
            "USING fts5vocab(main, claims_fts, row)"
        )
    cur.close()


def make_engine(url: str, *, create_dir: bool = False) -> Engine:
    """An engine for `url`; a SQLite file's directory must exist unless `create_dir`."""
    try:
        parsed = make_url(url)
    except sa.exc.ArgumentError as exc:
        raise ClaimwatchError(f"invalid database URL {masked(url)!r}: {exc}") from None
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database
        if db and db != ":memory:" and not db.startswith("file:"):
            folder = Path(db).parent
            if not folder.is_dir():
                if not create_dir:
                    raise ClaimwatchError(
                        f"data directory {str(folder)!r} does not exist "
                        "(create it, or run `claimwatch init`)"
                    )
                folder.mkdir(parents=True)
        engine = sa.create_engine(url, connect_args={"timeout": 30})
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            # psycopg 3 is the driver we ship; plain postgresql:// would ask for psycopg2
            parsed = parsed.set(drivername="postgresql+psycopg")
        return sa.create_engine(parsed, pool_pre_ping=True, pool_size=10, max_overflow=10)
    raise ClaimwatchError(
        f"unsupported database {parsed.get_backend_name()!r}: use sqlite:/// or postgresql://"
    )


def check_connection(engine: Engine) -> None:
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except sa.exc.OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise ClaimwatchError(
            f"cannot connect to database {masked(str(engine.url))}: {reason}"
        ) from None


def _alembic_config(connection: sa.Connection) -> Config:
    # Alembic (with Mako and Pygments) costs a fifth of a second to import, so only
    # `init` and upgrades load it; every other command checks the revision with SQL.
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def upgrade(engine: Engine) -> None:
    """Create or upgrade the schema to the newest revision (idempotent)."""
    from alembic import command

    check_connection(engine)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "head")


def current_revision(engine: Engine) -> str | None:
    """The revision Alembic recorded (its `alembic_version` table), None before `init`."""
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("alembic_version"):
            return None
        heads = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(heads) > 1:
        raise ClaimwatchError(f"database has several schema heads {sorted(heads)}")
    return heads[0] if heads else None


_REVISION = re.compile(r"^revision\b[^=]*=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
_DOWN = re.compile(r"^down_revision\b[^=]*=\s*(?:None|[\"']([^\"']+)[\"'])", re.MULTILINE)


def head_revision() -> str | None:
    """The newest migration, read from the version files' `revision`/`down_revision`
    lines without importing Alembic; Alembic decides whenever that reading is unsure."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        rev, down = _REVISION.search(text), _DOWN.search(text)
        if rev is None and down is None:
            continue  # __init__.py
        if rev is None or down is None:
            return _alembic_head()
        revisions.add(rev.group(1))
        if down.group(1):
            parents.add(down.group(1))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 and parents <= revisions else _alembic_head()


def _alembic_head() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def require_current(engine: Engine) -> None:
    """Refuse to work on a database that `claimwatch init` has not brought up to date."""
    check_connection(engine)
    rev = current_revision(engine)
    if rev is None:
        raise ClaimwatchError(
            f"database {masked(str(engine.url))} is not initialised: run `claimwatch init`"
        )
    if rev != head_revision():
        raise ClaimwatchError(
            f"database schema is at revision {rev}, expected {head_revision()}: "
            "run `claimwatch init` to upgrade"
        )


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    # SQLModel (and with it the ORM) loads with the first session: commands that only
    # read through Core, `claimwatch check` among them, never pay for it
    from sqlmodel import Session

    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@contextmanager
def temporary_database(
    base_url: str, prefix: str = "claimwatch_tmp", *, template: str | None = None
) -> Iterator[str]:
    """A fresh Postgres database beside `base_url`'s (empty, or a copy of the database
    named `template`), dropped afterwards.

    For tests and benchmarks: each run gets its own database on a shared server.
    """
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(make_engine(base_url).url, isolation_level="AUTOCOMMIT")
    copy = f' TEMPLATE "{template}"' if template else ""
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"{copy}'))
        yield make_url(base_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def insert_or_ignore(session: Session, row: SQLModel, conflict: list[str]) -> bool:
    """Insert `row` unless one with the same `conflict` columns exists; True if inserted.

    `INSERT ... ON CONFLICT DO NOTHING`, so instances racing to write the same unique
    row neither fail nor abort their transaction (a savepoint would do on Postgres, but
    pysqlite's savepoint handling can commit the enclosing transaction early).
    """
    from sqlalchemy.dialects.postgresql import insert as pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    table = row.__table__  # type: ignore[attr-defined]
    values = row.model_dump(exclude={"id"} if row.id is None else set())  # type: ignore[attr-defined]
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    stmt = insert(table).values(**values).on_conflict_do_nothing(index_elements=conflict)
    # RETURNING says whether a row went in (an INSERT's rowcount is not reliable here)
    return session.execute(stmt.returning(table.c.id)).first() is not None
