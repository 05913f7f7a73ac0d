"""source notices in the outbox (a feed disabled after repeated failures, or recovered)

An alert row now has either a claim and verdict or a source (with the reason in
`detail`), so claim_id and verdict_id become nullable. Batch mode, because SQLite
changes a column's nullability only by copying the table.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.alter_column("claim_id", existing_type=sa.Integer(), nullable=True)
        batch_op.alter_column("verdict_id", existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column("source_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("detail", sa.Text(), nullable=True))
        batch_op.create_foreign_key("fk_alerts_source_id_sources", "sources", ["source_id"], ["id"])
        batch_op.create_index(batch_op.f("ix_alerts_source_id"), ["source_id"], unique=False)


def downgrade() -> None:
    op.execute("DELETE FROM alerts WHERE claim_id IS NULL")
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alerts_source_id"))
        batch_op.drop_constraint("fk_alerts_source_id_sources", type_="foreignkey")
        batch_op.drop_column("detail")
        batch_op.drop_column("source_id")
        batch_op.alter_column("verdict_id", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("claim_id", existing_type=sa.Integer(), nullable=False)
