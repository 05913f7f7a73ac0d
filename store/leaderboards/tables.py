"""The leaderboard tables as the columns that reading them needs, for SQLAlchemy Core.

store/models.py defines the schema; these are lightweight `sa.table()` clauses over the
same tables. Reading snapshots with them needs neither SQLModel nor SQLAlchemy's ORM,
whose imports and table classes were a quarter of `claimwatch check`'s start-up
(benchmarks/cli_startup.py). Each column's type is the model column's type, so values
come back the same (a date as a date, `extra` as a dict, on SQLite too);
tests/leaderboards/test_lb_tables.py holds every column here to store/models.py.
"""

from __future__ import annotations

import sqlalchemy as sa

LEADERBOARDS = sa.table(
    "leaderboards",
    sa.column("id", sa.Integer),
    sa.column("slug", sa.String),
    sa.column("metric", sa.String),
)

SNAPSHOTS = sa.table(
    "snapshots",
    sa.column("id", sa.Integer),
    sa.column("leaderboard_id", sa.Integer),
    sa.column("date", sa.Date),
    sa.column("category", sa.String),
    sa.column("view", sa.String),
)

ENTRIES = sa.table(
    "entries",
    sa.column("id", sa.Integer),
    sa.column("snapshot_id", sa.Integer),
    sa.column("model_name", sa.String),
    sa.column("rank", sa.Integer),
    sa.column("score", sa.Float),
    sa.column("ci_lower", sa.Float),
    sa.column("ci_upper", sa.Float),
    sa.column("votes", sa.Integer),
    sa.column("organisation", sa.String),
    sa.column("licence", sa.String),
    sa.column("extra", sa.JSON),
)
