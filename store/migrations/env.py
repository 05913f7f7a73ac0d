"""Alembic environment: run with a connection handed over by store.db.upgrade."""

from alembic import context
from sqlmodel import SQLModel

import store.models  # noqa: F401  (registers the tables)

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - always called through store.db
    raise RuntimeError("run migrations through store.db.upgrade(engine)")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
