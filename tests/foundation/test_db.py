"""The store's foundation: migrations, both databases, UTC times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import TypedDict

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import Session, SQLModel, select

from store import db
from store.errors import ClaimwatchError
from store.models import Source


class TableShape(TypedDict):
    columns: dict[str, tuple[bool, str]]  # name -> (nullable, generic type)
    indexes: list[tuple[str, tuple[str | None, ...], bool]]  # (name, columns, unique)
    uniques: list[tuple[str, ...]]
    fks: list[tuple[tuple[str, ...], str]]  # (columns, referred table)


def _schema(engine: sa.Engine) -> dict[str, TableShape]:
    """Tables, columns (name, nullability, generic type), unique and plain indexes."""
    insp = sa.inspect(engine)
    out: dict[str, TableShape] = {}
    for table in sorted(insp.get_table_names()):
        cols = {
            c["name"]: (c["nullable"], type(c["type"]).__visit_name__.lower())
            for c in insp.get_columns(table)
        }
        uniques = sorted(tuple(u["column_names"]) for u in insp.get_unique_constraints(table))
        # Postgres also reports each unique constraint as a unique index; SQLite does not.
        indexes = sorted(
            (i["name"] or "", tuple(i["column_names"]), bool(i["unique"]))
            for i in insp.get_indexes(table)
            if not (i["name"] or "").startswith("sqlite_")
            and not (i["unique"] and tuple(i["column_names"]) in uniques)
        )
        fks = sorted(
            (tuple(f["constrained_columns"]), f["referred_table"])
            for f in insp.get_foreign_keys(table)
        )
        out[table] = {"columns": cols, "indexes": indexes, "uniques": uniques, "fks": fks}
    return out


def _normalise_type(name: str) -> str:
    # The same SQLAlchemy type reflects under dialect names: VARCHAR/TEXT/JSON etc.
    aliases = {
        "double_precision": "float",
        "real": "float",
        "double": "float",
        "timestamp": "datetime",
        "bigint": "integer",
        "smallint": "integer",
        "numeric": "float",
        "jsonb": "json",
        "nullType": "json",
    }
    return aliases.get(name, name)


def test_migrations_match_models(engine: sa.Engine) -> None:
    """store/models.py and the migrations describe the same schema (no pending diff)."""
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": False})
        diff = compare_metadata(ctx, SQLModel.metadata)
    # FTS shadow tables and the like are created by migrations only; ignore removals of them
    diff = [d for d in diff if not (isinstance(d, tuple) and d[0] == "remove_table")]
    # ...and the Postgres full-text expression index (0002), named *_fts like the SQLite tables
    diff = [d for d in diff if not (d[0] == "remove_index" and str(d[1].name).endswith("_fts"))]
    assert diff == [], f"models and migrations differ: {diff}"


def test_sqlite_and_postgres_schemas_are_identical(
    sqlite_template: Path, postgres_url: str
) -> None:
    lite = db.make_engine(f"sqlite:///{sqlite_template}")
    pg = db.make_engine(postgres_url)
    a, b = _schema(lite), _schema(pg)
    for schema in (a, b):
        for shape in schema.values():
            shape["columns"] = {
                k: (n, _normalise_type(t)) for k, (n, t) in shape["columns"].items()
            }
    # Full-text search support differs by nature (FTS5 tables vs a GIN index); compare the rest.
    a = {k: v for k, v in a.items() if not k.startswith("claims_fts")}
    assert sorted(a) == sorted(b)
    for table in a:
        assert a[table]["columns"] == b[table]["columns"], table
        assert a[table]["uniques"] == b[table]["uniques"], table
        assert a[table]["fks"] == b[table]["fks"], table
        names_a = {i for i in a[table]["indexes"] if not i[0].endswith("_fts")}
        names_b = {i for i in b[table]["indexes"] if not i[0].endswith("_fts")}
        assert names_a == names_b, table
    lite.dispose()
    pg.dispose()


def test_upgrade_is_idempotent(engine: sa.Engine) -> None:
    before = _schema(engine)
    db.upgrade(engine)
    db.upgrade(engine)
    assert _schema(engine) == before
    assert db.current_revision(engine) == db.head_revision()


def test_times_round_trip_as_aware_utc(engine: sa.Engine) -> None:
    plus_two = timezone(timedelta(hours=2))
    polled = datetime(2026, 3, 1, 14, 30, tzinfo=plus_two)
    with db.session_scope(engine) as session:
        session.add(Source(name="x", url="https://example.com/feed", last_polled_at=polled))
    with Session(engine) as session:
        got = session.exec(select(Source)).one().last_polled_at
    assert got == polled
    assert got is not None and got.tzinfo is not None
    assert got.utcoffset() == timedelta(0)
    assert got.hour == 12


def test_naive_datetimes_are_refused(engine: sa.Engine) -> None:
    with (
        pytest.raises(sa.exc.StatementError, match="naive datetime"),
        db.session_scope(engine) as s,
    ):
        s.add(Source(name="x", url="https://e.com/f", last_polled_at=datetime(2026, 1, 1)))


def test_session_scope_rolls_back_on_error(engine: sa.Engine) -> None:
    with pytest.raises(RuntimeError), db.session_scope(engine) as session:
        session.add(Source(name="half", url="https://example.com/feed"))
        session.flush()
        raise RuntimeError("boom")
    with Session(engine) as session:
        assert session.exec(select(Source)).all() == []


def test_foreign_keys_are_enforced(engine: sa.Engine) -> None:
    from store.models import Article

    with pytest.raises(sa.exc.IntegrityError), db.session_scope(engine) as session:
        session.add(Article(source_id=999, dedupe_key="k", content_hash="h"))


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as conn:
        assert conn.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1


def test_missing_data_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ClaimwatchError, match=r"data directory .* does not exist"):
        db.make_engine(f"sqlite:///{tmp_path / 'nope' / 'x.db'}")


def test_unreachable_database_is_a_clear_error_without_password() -> None:
    engine = db.make_engine("postgresql://claimwatch:hunter22@127.0.0.1:1/none")
    with pytest.raises(ClaimwatchError) as info:
        db.check_connection(engine)
    message = str(info.value)
    assert "cannot connect to database" in message
    assert "hunter22" not in message


def test_uninitialised_database_is_refused(tmp_path: Path) -> None:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with pytest.raises(ClaimwatchError, match="run `claimwatch init`"):
        db.require_current(engine)


def test_utc_now_is_aware() -> None:
    from store.models import utcnow

    assert utcnow().tzinfo is UTC
