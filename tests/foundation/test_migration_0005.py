"""Migration 0005 moves `/sources remove`'s marker out of `disabled_reason` into
columns, and back on downgrade, on both databases, keeping every other row as it was."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import command
from sqlalchemy.engine import Engine

from store import db
from store.models import UTCDateTime

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
SOURCES = sa.table(  # the table as 0004 left it (no model describes it any more)
    "sources",
    sa.column("name"),
    sa.column("url"),
    sa.column("disabled_reason"),
    sa.column("disabled_at", UTCDateTime()),
    sa.column("consecutive_failures"),
    sa.column("baseline_done"),
    sa.column("entries_stored"),
    sa.column("created_at", UTCDateTime()),
)
FRESH = {"consecutive_failures": 0, "baseline_done": False, "entries_stored": 0, "created_at": T0}


def _at(engine: Engine, revision: str) -> None:
    with engine.begin() as conn:
        command.downgrade(db._alembic_config(conn), revision)


def _up_to(engine: Engine, revision: str) -> None:
    with engine.begin() as conn:
        command.upgrade(db._alembic_config(conn), revision)


def _rows(engine: Engine, *columns: str) -> dict[str, tuple[object, ...]]:
    with engine.connect() as conn:
        query = f"SELECT name, {', '.join(columns)} FROM sources ORDER BY name"
        return {r[0]: tuple(r[1:]) for r in conn.execute(sa.text(query))}


def test_removed_sources_move_to_columns_and_back(engine: Engine) -> None:
    _at(engine, "0004")
    with engine.begin() as conn:
        conn.execute(
            SOURCES.insert(),
            [
                # written by /sources remove before 0005
                FRESH
                | {
                    "name": "gone",
                    "url": "https://a.example/rss",
                    "disabled_reason": "removed from Discord by ann#1",
                    "disabled_at": T0,
                },
                # disabled by failures: not a removal
                FRESH
                | {
                    "name": "flaky",
                    "url": "https://b.example/rss",
                    "disabled_reason": "http_500: HTTP 500 (10 failures in a row)",
                    "disabled_at": T0,
                },
                FRESH
                | {
                    "name": "fine",
                    "url": "https://c.example/rss",
                    "disabled_reason": None,
                    "disabled_at": None,
                },
            ],
        )
    _up_to(engine, "0005")
    assert db.current_revision(engine) == "0005"
    upgraded = _rows(engine, "removed_by", "removed_at", "disabled_reason")
    assert upgraded["gone"][0] == "ann#1" and upgraded["gone"][2] is None
    assert upgraded["gone"][1] is not None and str(upgraded["gone"][1]).startswith("2026-01-05")
    assert upgraded["flaky"] == (None, None, "http_500: HTTP 500 (10 failures in a row)")
    assert upgraded["fine"] == (None, None, None)

    _at(engine, "0004")
    downgraded = _rows(engine, "disabled_reason")
    assert downgraded == {
        "flaky": ("http_500: HTTP 500 (10 failures in a row)",),
        "fine": (None,),
        "gone": ("removed from Discord by ann#1",),
    }
    assert {"organisations", "models"} <= set(sa.inspect(engine).get_table_names())
    db.upgrade(engine)
    assert db.current_revision(engine) == db.head_revision()
    assert not {"organisations", "models"} & set(sa.inspect(engine).get_table_names())
