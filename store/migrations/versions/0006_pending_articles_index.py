"""articles: an index of the pending ids, no indexes that nothing reads, lz4 on Postgres

Every article is written three times (stored by a poll, leased, marked processed), and
each write of a row paid for every index on it. The benchmark of the service
(benchmarks/service.py) found Postgres' share of the work there:

- `ix_articles_pending` was (processed_at, source_id). Leasing articles asks for the
  first pending ids in id order, which that index cannot give: Postgres walked the
  primary key from the first article, past every one already processed, on each take.
  It is now a partial index of the ids of pending articles, in the order leases take
  them; a processed article leaves it.
- `ix_articles_source_id` goes: the unique (source_id, dedupe_key) index starts with
  the same column and serves the same lookups.
- `ix_articles_canonical_url` and `ix_articles_published_at` go: no query filters or
  sorts on those columns.
- On Postgres 14 and later, built with lz4 (as Debian's and the Docker image's are),
  the long text columns are compressed with lz4 instead of pglz, which took a third of
  the time of storing an article; values already stored stay as they are, readable
  either way. A dump of this database restores on a server without lz4 only with
  `pg_dump --no-toast-compression`.

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PENDING = sa.text("processed_at IS NULL")
COMPRESSED = ("summary", "content")


def _lz4_available() -> bool:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return False
    # no such setting before Postgres 14; lz4 among its values only when built with it
    found = bind.execute(
        sa.text(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings "
            "WHERE name = 'default_toast_compression'"
        )
    ).scalar()
    return bool(found)


def _compression(method: str) -> None:
    if _lz4_available():
        columns = ", ".join(f"ALTER COLUMN {c} SET COMPRESSION {method}" for c in COMPRESSED)
        op.execute(f"ALTER TABLE articles {columns}")


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index("ix_articles_pending")
        batch_op.drop_index("ix_articles_source_id")
        batch_op.drop_index("ix_articles_canonical_url")
        batch_op.drop_index("ix_articles_published_at")
        batch_op.create_index(
            "ix_articles_pending",
            ["id"],
            unique=False,
            sqlite_where=PENDING,
            postgresql_where=PENDING,
        )
    _compression("lz4")


def downgrade() -> None:
    _compression("DEFAULT")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index("ix_articles_pending")
        batch_op.create_index("ix_articles_published_at", ["published_at"], unique=False)
        batch_op.create_index("ix_articles_canonical_url", ["canonical_url"], unique=False)
        batch_op.create_index("ix_articles_source_id", ["source_id"], unique=False)
        batch_op.create_index("ix_articles_pending", ["processed_at", "source_id"], unique=False)
