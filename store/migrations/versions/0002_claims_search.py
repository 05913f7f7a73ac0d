"""claims full-text search (/claims search over 100k claims, p95 < 50 ms)

Each database uses its own full-text engine; the SQL differs, so this revision
branches on the dialect. Both index the statement with punctuation turned into
spaces ("Qwen2.5-Max" -> "qwen2 5 max"), so a query means the same on both:
store.claims_queries splits it the same way and prefix-matches every token.

- SQLite: an external-content FTS5 table over claims.statement, kept in sync by
  triggers (the statement is stored once, in claims).
- Postgres: a GIN index on a tsvector expression ('simple' config: model names
  must not be stemmed); queries use the identical expression so the index applies.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Keep in step with store.claims_queries.PG_TSVECTOR.
PG_TSVECTOR = "to_tsvector('simple', regexp_replace(statement, '[^[:alnum:]]+', ' ', 'g'))"

SQLITE_UP = [
    # unicode61 already splits on punctuation, matching the Postgres expression above
    "CREATE VIRTUAL TABLE claims_fts USING fts5("
    "statement, content='claims', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "INSERT INTO claims_fts(rowid, statement) SELECT id, statement FROM claims",
    "CREATE TRIGGER claims_fts_ai AFTER INSERT ON claims BEGIN "
    "INSERT INTO claims_fts(rowid, statement) VALUES (new.id, new.statement); END",
    "CREATE TRIGGER claims_fts_ad AFTER DELETE ON claims BEGIN "
    "INSERT INTO claims_fts(claims_fts, rowid, statement) "
    "VALUES ('delete', old.id, old.statement); END",
    "CREATE TRIGGER claims_fts_au AFTER UPDATE OF statement ON claims BEGIN "
    "INSERT INTO claims_fts(claims_fts, rowid, statement) "
    "VALUES ('delete', old.id, old.statement); "
    "INSERT INTO claims_fts(rowid, statement) VALUES (new.id, new.statement); END",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS claims_fts_au",
    "DROP TRIGGER IF EXISTS claims_fts_ad",
    "DROP TRIGGER IF EXISTS claims_fts_ai",
    "DROP TABLE IF EXISTS claims_fts",
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_UP:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute(f"CREATE INDEX ix_claims_statement_fts ON claims USING gin (({PG_TSVECTOR}))")
    else:  # pragma: no cover - store.db only makes sqlite and postgresql engines
        raise NotImplementedError(f"claims search: unsupported database {dialect}")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_DOWN:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_claims_statement_fts")
