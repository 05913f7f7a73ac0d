"""SQLModel tables: the one schema, identical on SQLite and Postgres.

Times are stored in UTC and always come back timezone-aware (`UTCDateTime`), so
code never compares naive and aware datetimes whichever database is underneath.
JSON columns hold pydantic dumps (claims, evidence) and published extras.
Migrations live in store/migrations; `scripts/regen-migration` rewrites the initial
revision while the project has no deployed databases.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel
from sqlmodel._compat import SQLModelConfig  # the type SQLModel declares model_config as


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as UTC and read back aware (SQLite has no time zones)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: claimwatch stores aware UTC times")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _ts(nullable: bool = True, index: bool = False) -> Any:
    return Field(default=None, sa_type=UTCDateTime, nullable=nullable, index=index)


def _created() -> Any:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


def _json() -> Any:
    return Field(default_factory=dict, sa_type=sa.JSON, nullable=False)


def _text() -> Any:
    return Field(default=None, sa_type=sa.Text, nullable=True)


class _Table(SQLModel):
    """Every table's base. A row is built without validation, so a table's pydantic
    schema serves only `model_dump` and `model_validate`: built when first used, not
    at import, which every command pays for (benchmarks/cli_startup.py)."""

    model_config = SQLModelConfig(defer_build=True)


# --- feeds -------------------------------------------------------------------


class Source(_Table, table=True):
    """A feed from sources.yaml, with its polling state (sources.yaml holds no state)."""

    __tablename__ = "sources"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=200)
    url: str | None = Field(default=None, max_length=2000)
    path: str | None = Field(default=None, max_length=2000)
    etag: str | None = Field(default=None, max_length=1000)
    last_modified: str | None = Field(default=None, max_length=200)
    last_polled_at: datetime | None = _ts()
    last_success_at: datetime | None = _ts()
    next_poll_at: datetime | None = _ts(index=True)
    last_status: str | None = Field(default=None, max_length=100)  # "ok", "not_modified", ...
    consecutive_failures: int = 0
    last_error: str | None = _text()
    disabled_reason: str | None = _text()
    disabled_at: datetime | None = _ts()
    baseline_done: bool = False  # the first poll's backlog is stored without alerting
    # who added it at run time (e.g. "discord:1234"); None for feeds from sources.yaml
    added_by: str | None = Field(default=None, max_length=200)
    # removed at run time (`/sources remove`): no longer polled, listed or told about;
    # the row stays, its articles point at it
    removed_at: datetime | None = _ts()
    removed_by: str | None = Field(default=None, max_length=200)
    entries_stored: int = 0
    lease_owner: str | None = Field(default=None, max_length=100)
    lease_until: datetime | None = _ts()
    created_at: datetime = _created()


class Article(_Table, table=True):
    __tablename__ = "articles"
    __table_args__ = (
        sa.UniqueConstraint("source_id", "dedupe_key", name="uq_articles_source_dedupe"),
        # the ids leases take, in the order they take them (store/leases.py)
        sa.Index(
            "ix_articles_pending",
            "id",
            sqlite_where=sa.text("processed_at IS NULL"),
            postgresql_where=sa.text("processed_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    # no index of its own: uq_articles_source_dedupe starts with it
    source_id: int = Field(foreign_key="sources.id")
    dedupe_key: str = Field(max_length=200)
    guid: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=2000)
    canonical_url: str | None = Field(default=None, max_length=2000)
    title: str | None = _text()
    summary: str | None = _text()
    content: str | None = _text()  # full text when fetched, else the feed's content
    content_hash: str = Field(max_length=64)
    published_at: datetime | None = _ts()
    fetched_at: datetime = _created()
    updated_at: datetime | None = _ts()
    baseline: bool = False  # stored by a source's first poll or too old: never alerts
    processed_at: datetime | None = _ts()  # extraction + check done for this content
    llm_prompt_tokens: int = 0
    llm_completion_tokens: int = 0
    lease_owner: str | None = Field(default=None, max_length=100)
    lease_until: datetime | None = _ts()


# --- leaderboards ------------------------------------------------------------


class Leaderboard(_Table, table=True):
    __tablename__ = "leaderboards"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, max_length=100)  # "lmarena-text"
    name: str = Field(max_length=200)
    format: str = Field(max_length=100)
    url: str | None = Field(default=None, max_length=2000)
    metric: str = Field(default="arena_score", max_length=100)
    higher_is_better: bool = True
    refresh_interval_s: int | None = None
    last_refreshed_at: datetime | None = _ts()
    last_error: str | None = _text()
    lease_owner: str | None = Field(default=None, max_length=100)  # the instance refreshing it
    lease_until: datetime | None = _ts()


class Snapshot(_Table, table=True):
    __tablename__ = "snapshots"
    __table_args__ = (
        sa.UniqueConstraint(
            "leaderboard_id", "date", "category", "view", name="uq_snapshots_board_date"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    leaderboard_id: int = Field(foreign_key="leaderboards.id", index=True)
    date: date
    category: str = Field(default="full", max_length=100)
    view: str = Field(default="raw", max_length=50)
    content_hash: str = Field(max_length=64, index=True)
    origin: str | None = Field(default=None, max_length=2000)  # file or URL it came from
    # the reader format that produced it: a board fed by two formats keeps the preferred
    # one when both publish the same date (lmarena CSV over arena-catalog JSON)
    format: str | None = Field(default=None, max_length=100)
    entry_count: int = 0
    ingested_at: datetime = _created()


class Entry(_Table, table=True):
    __tablename__ = "entries"
    __table_args__ = (sa.Index("ix_entries_snapshot_rank", "snapshot_id", "rank"),)

    id: int | None = Field(default=None, primary_key=True)
    snapshot_id: int = Field(foreign_key="snapshots.id", ondelete="CASCADE")
    model_name: str = Field(max_length=300, index=True)  # as the board spells it
    rank: int | None = None
    score: float | None = None
    ci_lower: float | None = None
    ci_upper: float | None = None
    votes: int | None = None
    organisation: str | None = Field(default=None, max_length=300)  # as published
    licence: str | None = Field(default=None, max_length=300)  # as published
    extra: dict[str, Any] = _json()


# --- claims and verdicts -----------------------------------------------------


class Claim(_Table, table=True):
    """One distinct claim, however many articles make it."""

    __tablename__ = "claims"
    # "/claims verdict:contradicted": newest first within one verdict
    __table_args__ = (sa.Index("ix_claims_verdict_seen", "current_verdict", "first_seen_at"),)

    id: int | None = Field(default=None, primary_key=True)
    dedupe_key: str = Field(unique=True, max_length=64)
    type: str = Field(max_length=50, index=True)
    statement: str = Field(sa_type=sa.Text)
    board: str | None = Field(default=None, max_length=100)
    as_of: date = Field(index=True)
    data: dict[str, Any] = _json()  # the ClaimDraft as first extracted
    first_seen_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    # the newest verdict's label, kept beside the history for filtering claims by verdict
    current_verdict: str | None = Field(default=None, max_length=50, index=True)
    recheck_after: datetime | None = _ts(index=True)
    lease_owner: str | None = Field(default=None, max_length=100)
    lease_until: datetime | None = _ts()


class Appearance(_Table, table=True):
    """A claim as one article makes it: the quote it rests on and who extracted it."""

    __tablename__ = "appearances"
    __table_args__ = (
        sa.UniqueConstraint("claim_id", "article_id", "span_start", name="uq_appearances"),
    )

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claims.id", index=True)
    article_id: int = Field(foreign_key="articles.id", index=True)
    quote: str = Field(sa_type=sa.Text)
    span_start: int
    span_end: int
    hedged: bool = False
    claimant: str | None = Field(default=None, max_length=300)
    extractor: str = Field(max_length=50)
    extractor_version: str = Field(max_length=50)
    created_at: datetime = _created()


class Verdict(_Table, table=True):
    __tablename__ = "verdicts"
    __table_args__ = (
        sa.Index("ix_verdicts_claim_current", "claim_id", "superseded_at"),
        # At most one verdict in force per claim, whatever instances race to record one.
        sa.Index(
            "uq_verdicts_one_current",
            "claim_id",
            unique=True,
            sqlite_where=sa.text("superseded_at IS NULL"),
            postgresql_where=sa.text("superseded_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claims.id")
    label: str = Field(max_length=50)
    reason: str | None = Field(default=None, max_length=50)
    explanation: str = Field(default="", sa_type=sa.Text)
    board: str | None = Field(default=None, max_length=100)
    snapshot_id: int | None = Field(default=None, foreign_key="snapshots.id")
    snapshot_date: date | None = None
    judgement: dict[str, Any] = _json()  # the full Judgement: evidence, latest, resolution
    created_at: datetime = _created()
    superseded_at: datetime | None = _ts()


# --- delivery ----------------------------------------------------------------

# Alert.status values; "sending" is the crash-safety mark (bot/alerts/dispatcher.py)
PENDING, SENDING, SENT, FAILED, UNCONFIRMED = "pending", "sending", "sent", "failed", "unconfirmed"


class Alert(_Table, table=True):
    """The outbox: written with the verdict, sent exactly once per idempotency key.

    A claim alert has claim and verdict; a source notice (a feed disabled after
    repeated failures, or recovered) has the source and, in `detail`, the reason.
    """

    __tablename__ = "alerts"
    __table_args__ = (sa.Index("ix_alerts_due", "status", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    idempotency_key: str = Field(unique=True, max_length=200)
    claim_id: int | None = Field(default=None, foreign_key="claims.id", index=True)
    verdict_id: int | None = Field(default=None, foreign_key="verdicts.id")
    source_id: int | None = Field(default=None, foreign_key="sources.id", index=True)
    detail: str | None = _text()
    destination: str = Field(max_length=200)
    # "new" or "change" (claims), "source_disabled" or "source_recovered" (sources)
    kind: str = Field(default="new", max_length=20)
    status: str = Field(default=PENDING, max_length=20)
    attempts: int = 0
    next_attempt_at: datetime | None = _ts()
    nonce: str | None = Field(default=None, max_length=25)  # Discord message nonce
    remote_message_id: str | None = Field(default=None, max_length=100)
    last_error: str | None = _text()
    created_at: datetime = _created()
    sent_at: datetime | None = _ts()
    lease_owner: str | None = Field(default=None, max_length=100)
    lease_until: datetime | None = _ts()


class DestinationState(_Table, table=True):
    """Health of an alert destination or mail route (e.g. marked broken by a 404)."""

    __tablename__ = "destinations"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=200)
    kind: str = Field(max_length=50)
    status: str = Field(default="ok", max_length=20)  # ok, broken
    broken_reason: str | None = _text()
    updated_at: datetime = _created()
    # a hash of how the destination is configured (kind, channel, webhook URL): when it
    # changes, a broken mark made under the old configuration is lifted
    config_hash: str | None = Field(default=None, max_length=64)


class Digest(_Table, table=True):
    __tablename__ = "digests"
    __table_args__ = (sa.UniqueConstraint("period", "recipients_key", name="uq_digests_period"),)

    id: int | None = Field(default=None, primary_key=True)
    period: str = Field(max_length=20)  # ISO week, "2026-W48"
    recipients_key: str = Field(max_length=64)  # hash of the sorted recipient list
    status: str = Field(default="pending", max_length=20)  # pending, sending, sent, failed
    attempts: int = 0
    next_attempt_at: datetime | None = _ts()
    last_error: str | None = _text()
    message_id: str | None = Field(default=None, max_length=300)
    created_at: datetime = _created()
    sent_at: datetime | None = _ts()


# --- extraction cache --------------------------------------------------------


class ExtractionRun(_Table, table=True):
    """Cache: the same content with the same extractor and prompt version runs once."""

    __tablename__ = "extraction_runs"
    __table_args__ = (
        sa.UniqueConstraint("content_hash", "extractor", "version", name="uq_extraction_runs"),
    )

    id: int | None = Field(default=None, primary_key=True)
    content_hash: str = Field(max_length=64)
    extractor: str = Field(max_length=50)
    version: str = Field(max_length=50)
    claims: list[Any] = Field(default_factory=list, sa_type=sa.JSON, nullable=False)
    dropped: int = 0  # drafts dropped because their quote was not in the text
    prompt_tokens: int = 0
    completion_tokens: int = 0
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
