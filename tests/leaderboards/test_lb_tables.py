"""The lightweight leaderboard tables (store/leaderboards/tables.py) stay true to
store/models.py: every column they name exists there, with the same type."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from store.leaderboards.tables import ENTRIES, LEADERBOARDS, SNAPSHOTS
from store.models import Entry, Leaderboard, Snapshot


def mismatches(light: sa.TableClause, model: Any) -> list[str]:
    """What of `light` the model's table lacks or types otherwise."""
    table: sa.Table = model.__table__
    out = []
    if light.name != table.name:
        out.append(f"table {light.name} is {table.name} in the model")
    for column in light.c:
        if column.name not in table.c:
            out.append(f"{light.name}.{column.name}: no such column")
            continue
        # the affinity: the model's AutoString(300) reads back as a String does
        theirs = table.c[column.name].type._type_affinity
        if column.type._type_affinity is not theirs:
            out.append(f"{light.name}.{column.name}: {column.type!r}, the model has {theirs}")
    return out


@pytest.mark.parametrize(
    ("light", "model"), [(LEADERBOARDS, Leaderboard), (SNAPSHOTS, Snapshot), (ENTRIES, Entry)]
)
def test_each_column_is_the_models(light: sa.TableClause, model: Any) -> None:
    assert mismatches(light, model) == []


def test_a_renamed_or_retyped_column_is_caught() -> None:
    wrong = sa.table(
        "snapshots",
        sa.column("id", sa.Integer),
        sa.column("date", sa.String),  # a date read as text would compare as text
        sa.column("day", sa.Date),
    )
    assert mismatches(wrong, Snapshot) == [
        "snapshots.date: String(), the model has <class 'sqlalchemy.sql.sqltypes.Date'>",
        "snapshots.day: no such column",
    ]
    assert mismatches(SNAPSHOTS, Entry) == [
        "table snapshots is entries in the model",
        "snapshots.leaderboard_id: no such column",
        "snapshots.date: no such column",
        "snapshots.category: no such column",
        "snapshots.view: no such column",
    ]
