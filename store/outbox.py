"""Writes to the alert outbox: the rows the dispatcher will send, each keyed once.

bot/alerts decides who hears about what (a verdict's destinations and alert kind,
which destinations take source notices, which feeds are polled); this module writes
the rows. Every insert is `INSERT ... ON CONFLICT DO NOTHING` on the idempotency
key, so instances writing the same alert at once neither fail nor write it twice.

    claim alert key:   claim:ID:verdict:ID:LABEL:to:DESTINATION
    source notice key: source:ID:disabled|recovered:EPISODE:to:DESTINATION
                       (EPISODE: the time the source was disabled, fixed width)
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from store.db import insert_or_ignore
from store.models import PENDING, Alert, Source

DISABLED, RECOVERED = "source_disabled", "source_recovered"


def destination_key(destination: str) -> str:
    """The destination as it goes in an idempotency key (a long name hashed, to fit)."""
    if len(destination) <= 80:
        return destination
    return hashlib.sha256(destination.encode()).hexdigest()


def idempotency_key(claim_id: int, verdict_id: int, label: str, destination: str) -> str:
    return f"claim:{claim_id}:verdict:{verdict_id}:{label}:to:{destination_key(destination)}"


@dataclass(frozen=True, slots=True)
class PlannedAlert:
    """One destination that hears about a verdict, and how ("new" or "change")."""

    destination: str
    kind: str


def write_claim_alerts(
    session: Session,
    claim_id: int,
    verdict_id: int,
    label: str,
    planned: Sequence[PlannedAlert],
    *,
    now: datetime,
) -> list[Alert]:
    """Write the outbox rows for a verdict in the caller's transaction; the new ones.

    A key already written (a repeated call, or another instance recording the same
    claim) is left alone, and the caller's transaction goes on.
    """
    created: list[Alert] = []
    for plan in planned:
        key = idempotency_key(claim_id, verdict_id, label, plan.destination)
        if session.exec(select(Alert.id).where(col(Alert.idempotency_key) == key)).first():
            continue
        alert = Alert(
            idempotency_key=key,
            claim_id=claim_id,
            verdict_id=verdict_id,
            destination=plan.destination,
            kind=plan.kind,
            status=PENDING,
            next_attempt_at=now,
        )
        if not insert_or_ignore(session, alert, ["idempotency_key"]):
            continue
        created.append(session.exec(select(Alert).where(col(Alert.idempotency_key) == key)).one())
    session.flush()
    return created


@dataclass(frozen=True, slots=True)
class ClaimAlerts:
    """A verdict's planned alerts, written with others by `write_many_claim_alerts`."""

    claim_id: int
    verdict_id: int
    label: str
    planned: Sequence[PlannedAlert]


def write_many_claim_alerts(
    session: Session, alerts: Sequence[ClaimAlerts], *, now: datetime
) -> None:
    """Write the outbox rows of many verdicts in the caller's transaction, in one
    statement (a batch's alerts, not three round trips each). A key already written
    is left alone, as in `write_claim_alerts`."""
    rows: dict[str, dict[str, object]] = {}
    for item in alerts:
        for plan in item.planned:
            key = idempotency_key(item.claim_id, item.verdict_id, item.label, plan.destination)
            if key not in rows:
                rows[key] = Alert(
                    idempotency_key=key,
                    claim_id=item.claim_id,
                    verdict_id=item.verdict_id,
                    destination=plan.destination,
                    kind=plan.kind,
                    status=PENDING,
                    next_attempt_at=now,
                ).model_dump(exclude={"id"})
    if not rows:
        return
    table = Alert.__table__  # type: ignore[attr-defined]
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(
        insert(table).on_conflict_do_nothing(index_elements=["idempotency_key"]),
        list(rows.values()),
    )


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%S%f")  # fixed width: sorts as time


def _notice_key(source_id: int, disabled_at: datetime, what: str, destination: str) -> str:
    episode = _stamp(disabled_at)
    return f"source:{source_id}:{what}:{episode}:to:{destination_key(destination)}"


def _episode(alert: Alert) -> str:
    """The disable time stamped in a notice's key (source:ID:WHAT:EPISODE:to:...)."""
    return alert.idempotency_key.split(":", 4)[3]


def write_source_notices(
    engine: Engine,
    destinations: Collection[str],
    *,
    polled: Collection[str],
    now: datetime,
) -> int:
    """Write a notice to each of `destinations` for every disable and recovery of a
    source in `polled` not yet noticed; returns how many rows went in.

    A recovery needs a success after the disable (a source removed and added again
    has not recovered yet) and is written before any new disable, so the last word
    on a source is its current state. Each episode has its own key, so every
    instance can reconcile at once and a notice is still written once.
    """
    if not destinations:
        return 0
    created = 0
    with Session(engine) as session, session.begin():
        # disable notices with no recovery notice yet (the key differs in one word)
        recovery = aliased(Alert)
        open_episodes = session.exec(
            select(Alert, Source)
            .join(Source, col(Source.id) == col(Alert.source_id))
            .where(
                col(Alert.kind) == DISABLED,
                ~sa.exists().where(
                    col(recovery.idempotency_key)
                    == sa.func.replace(col(Alert.idempotency_key), ":disabled:", ":recovered:")
                ),
            )
            .order_by(col(Alert.id))
        ).all()
        for alert, source in open_episodes:
            if alert.destination not in destinations or source.name not in polled:
                continue
            answered = source.last_success_at is not None and _stamp(
                source.last_success_at
            ) > _episode(alert)
            if not answered or _still_disabled(source, alert):
                continue
            key = alert.idempotency_key.replace(":disabled:", ":recovered:", 1)
            row = _notice(key, source, alert.destination, RECOVERED, None, now)
            created += insert_or_ignore(session, row, ["idempotency_key"])
        disabled = session.exec(
            select(Source).where(col(Source.disabled_at).is_not(None)).order_by(col(Source.id))
        ).all()
        for source in disabled:
            assert source.id is not None and source.disabled_at is not None
            if source.name not in polled:
                continue
            for dest in destinations:
                key = _notice_key(source.id, source.disabled_at, "disabled", dest)
                row = _notice(key, source, dest, DISABLED, source.disabled_reason, now)
                created += insert_or_ignore(session, row, ["idempotency_key"])
    return created


def _still_disabled(source: Source, alert: Alert) -> bool:
    """Whether the episode `alert` announced is still going on."""
    return source.disabled_at is not None and _stamp(source.disabled_at) == _episode(alert)


def _notice(
    key: str, source: Source, destination: str, kind: str, detail: str | None, now: datetime
) -> Alert:
    return Alert(
        idempotency_key=key,
        source_id=source.id,
        destination=destination,
        kind=kind,
        detail=detail,
        status=PENDING,
        next_attempt_at=now,
    )


def make_due_now(engine: Engine, destination: str) -> int:
    """Make every alert waiting for `destination` due at once; returns how many wait."""
    with engine.begin() as conn:
        result = conn.execute(
            sa.update(Alert)
            .where(col(Alert.destination) == destination, col(Alert.status) == PENDING)
            .values(next_attempt_at=None)  # due at once, whatever the dispatcher's clock
        )
    return int(getattr(result, "rowcount", 0) or 0)
