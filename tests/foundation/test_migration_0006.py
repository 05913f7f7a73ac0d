"""Migration 0006: the articles' pending index holds the ids of pending articles only,
the indexes nothing reads are gone, and on a Postgres built with lz4 the long texts are
compressed with it; the downgrade puts the 0005 indexes back, on both databases."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command
from sqlalchemy.engine import Engine

from store import db


def _indexes(engine: Engine) -> dict[str, list[str | None]]:
    """The articles' plain (not unique) indexes: name -> columns."""
    found = sa.inspect(engine).get_indexes("articles")
    return {str(i["name"]): list(i["column_names"]) for i in found if not i["unique"]}


def _pending_sql(engine: Engine) -> str:
    if engine.dialect.name == "postgresql":
        query = "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_articles_pending'"
    else:
        query = "SELECT sql FROM sqlite_master WHERE name = 'ix_articles_pending'"
    with engine.connect() as conn:
        return str(conn.execute(sa.text(query)).scalar_one())


def _compression(engine: Engine) -> dict[str, str]:
    """Postgres: each long text column's compression method ('' is the server's default)."""
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT attname, attcompression FROM pg_attribute "
                "WHERE attrelid = 'articles'::regclass AND attname IN ('summary', 'content')"
            )
        ).all()
    return {str(name): str(method) for name, method in rows}


def _lz4(engine: Engine) -> bool:
    with engine.connect() as conn:
        found = conn.execute(
            sa.text(
                "SELECT 'lz4' = ANY(enumvals) FROM pg_settings "
                "WHERE name = 'default_toast_compression'"
            )
        ).scalar()
    return bool(found)


def _migrate(engine: Engine, revision: str, *, down: bool) -> None:
    with engine.begin() as conn:
        step = command.downgrade if down else command.upgrade
        step(db._alembic_config(conn), revision)


def test_pending_index_unread_indexes_and_compression(engine: Engine) -> None:
    postgres = engine.dialect.name == "postgresql"
    assert _indexes(engine) == {"ix_articles_pending": ["id"]}
    assert "processed_at IS NULL" in _pending_sql(engine).replace("(", "").replace(")", "")
    if postgres and _lz4(engine):
        assert _compression(engine) == {"summary": "l", "content": "l"}

    _migrate(engine, "0005", down=True)
    assert _indexes(engine) == {
        "ix_articles_pending": ["processed_at", "source_id"],
        "ix_articles_source_id": ["source_id"],
        "ix_articles_canonical_url": ["canonical_url"],
        "ix_articles_published_at": ["published_at"],
    }
    if postgres:
        assert set(_compression(engine).values()) == {""}

    _migrate(engine, "head", down=False)
    assert db.current_revision(engine) == db.head_revision()
    assert _indexes(engine) == {"ix_articles_pending": ["id"]}
