"""The alert outbox: rows written with the verdict, leased and settled by the dispatcher.

    verdict written --enqueue_alerts (same transaction)--> alerts: pending
    pending  --store.leases.take_alerts--> leased --mark sending (nonce saved)--> sending --send-->
        sent | pending (retry later) | unconfirmed | failed | pending + destination broken

`alert_kind` decides who hears about a verdict (pure). The idempotency key makes the
write itself safe to repeat: (claim, verdict id and label, destination).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from datetime import datetime
from typing import Literal

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.alerts.kinds import Destination
from store.claims_queries import only_baseline_appearances
from store.db import insert_or_ignore
from store.models import PENDING, SENT, Alert, Claim, Verdict, utcnow

AlertKind = Literal["new", "change"]


def alert_kind(
    destination: Destination, label: str, previous_label: str | None
) -> AlertKind | None:
    """Whether `destination` hears about a claim whose verdict is now `label`.

    A first verdict alerts when its label is one the destination wants. A change
    alerts when the destination follows changes (`on_change`, the default); without
    it, a change into a wanted label from an unwanted one is news all the same.
    """
    if previous_label is None:
        return "new" if label in destination.verdicts else None
    if previous_label == label:
        return None
    if destination.on_change:
        return "change"
    if label in destination.verdicts and previous_label not in destination.verdicts:
        return "new"
    return None


def destination_key(destination: str) -> str:
    """The destination as it goes in an idempotency key (a long name hashed, to fit)."""
    if len(destination) <= 80:
        return destination
    return hashlib.sha256(destination.encode()).hexdigest()


def idempotency_key(claim_id: int, verdict_id: int, label: str, destination: str) -> str:
    return f"claim:{claim_id}:verdict:{verdict_id}:{label}:to:{destination_key(destination)}"


def new_nonce() -> str:
    """A Discord message nonce (at most 25 characters)."""
    return "cw" + secrets.token_hex(10)


def enqueue_alerts(
    session: Session,
    claim: Claim,
    verdict: Verdict,
    previous_verdict: Verdict | None,
    destinations: Sequence[Destination],
    *,
    baseline: bool | None = None,
    now: datetime | None = None,
) -> list[Alert]:
    """Write the outbox rows for a new verdict in the caller's transaction.

    Call it in the transaction that writes `verdict`, so an alert exists exactly
    when the verdict does. `baseline=None` works it out: a claim made only by
    baseline articles (a source's first poll) never alerts. Repeating the call is
    harmless: an existing idempotency key is left alone. Returns the new rows.
    """
    if claim.id is None or verdict.id is None:
        session.flush()
    assert claim.id is not None and verdict.id is not None
    if baseline is None:
        baseline = only_baseline_appearances(session, claim.id)
    if baseline:
        return []
    previous_label = previous_verdict.label if previous_verdict is not None else None
    created: list[Alert] = []
    for dest in destinations:
        kind = alert_kind(dest, verdict.label, previous_label)
        if kind is None:
            continue
        key = idempotency_key(claim.id, verdict.id, verdict.label, dest.name)
        if session.exec(select(Alert.id).where(col(Alert.idempotency_key) == key)).first():
            continue
        alert = Alert(
            idempotency_key=key,
            claim_id=claim.id,
            verdict_id=verdict.id,
            destination=dest.name,
            kind=kind,
            status=PENDING,
            next_attempt_at=now or utcnow(),
        )
        # Two instances recording the same claim can race to the same key: the loser's
        # insert does nothing instead of aborting the verdict's transaction.
        if not insert_or_ignore(session, alert, ["idempotency_key"]):
            continue
        created.append(session.exec(select(Alert).where(col(Alert.idempotency_key) == key)).one())
    session.flush()
    return created


def previous_remote_id(engine: Engine, alert: Alert) -> str | None:
    """The message a change alert updates: the newest sent alert for the same claim
    and destination (a bot edits it; a webhook posts a follow-up instead)."""
    with Session(engine) as session:
        return session.exec(
            select(Alert.remote_message_id)
            .where(
                col(Alert.claim_id) == alert.claim_id,
                col(Alert.destination) == alert.destination,
                col(Alert.status) == SENT,
                col(Alert.id) != alert.id,
                col(Alert.remote_message_id).is_not(None),
            )
            .order_by(col(Alert.id).desc())
            .limit(1)
        ).first()
