"""sources removed at run time get columns; boards are leased; registry tables dropped

- `sources.removed_at`, `sources.removed_by`: `/sources remove` used to write
  "removed from Discord by NAME" into `disabled_reason`; those rows move over (and the
  downgrade writes them back).
- `leaderboards.lease_owner`, `leaderboards.lease_until`: a refresh is a row lease like
  every other kind of work (store/leases.py).
- The `organisations` and `models` tables and `entries.model_id` go: nothing wrote or
  read them (the registry's facts are read from its data files, in memory). The
  downgrade creates them again, empty, as they always were.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import store.models

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REMOVED = "removed from Discord by "  # the old marker in disabled_reason


def _ts(name: str) -> sa.Column[object]:
    return sa.Column(name, store.models.UTCDateTime(timezone=True), nullable=True)


def _text(name: str, length: int) -> sa.Column[object]:
    return sa.Column(name, sqlmodel.sql.sqltypes.AutoString(length=length), nullable=True)


def upgrade() -> None:
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.add_column(_ts("removed_at"))
        batch_op.add_column(_text("removed_by", 200))
    op.execute(
        sa.text(
            "UPDATE sources SET removed_by = substr(disabled_reason, :start), "
            "removed_at = COALESCE(disabled_at, CURRENT_TIMESTAMP), disabled_reason = NULL, disabled_at = NULL "
            "WHERE disabled_reason LIKE :marker"
        ).bindparams(start=len(REMOVED) + 1, marker=REMOVED + "%")
    )
    with op.batch_alter_table("leaderboards", schema=None) as batch_op:
        batch_op.add_column(_text("lease_owner", 100))
        batch_op.add_column(_ts("lease_until"))
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entries_model_id"))
        batch_op.drop_column("model_id")
    with op.batch_alter_table("models", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_models_family"))
    op.drop_table("models")
    op.drop_table("organisations")


def downgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("country", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=True),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "models",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("family", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("licence", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("licence_class", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=True),
        sa.Column("open_weights", sa.Boolean(), nullable=True),
        sa.Column("base_model_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["base_model_id"], ["models.id"]),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    with op.batch_alter_table("models", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_models_family"), ["family"], unique=False)
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("model_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_entries_model_id_models", "models", ["model_id"], ["id"])
        batch_op.create_index(batch_op.f("ix_entries_model_id"), ["model_id"], unique=False)
    # plain ALTER TABLE ... DROP COLUMN (SQLite >= 3.35): batch mode would copy these
    # tables, and other tables' foreign keys forbid dropping the originals
    op.drop_column("leaderboards", "lease_until")
    op.drop_column("leaderboards", "lease_owner")
    op.execute(
        sa.text(
            "UPDATE sources SET disabled_reason = :marker || COALESCE(removed_by, ''), "
            "disabled_at = removed_at WHERE removed_at IS NOT NULL"
        ).bindparams(marker=REMOVED)
    )
    op.drop_column("sources", "removed_by")
    op.drop_column("sources", "removed_at")
