"""The alert outbox: rows written with the verdict, leased and settled by the dispatcher.

    verdict written --enqueue_alerts (same transaction)--> alerts: pending
    pending  --store.leases.take_alerts--> leased --mark sending (nonce saved)--> sending --send-->
        sent | pending (retry later) | unconfirmed | failed | pending + destination broken

`alert_kind` decides who hears about a verdict (pure); store/outbox.py writes the rows.
The idempotency key makes the write itself safe to repeat: (claim, verdict id and
label, destination).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.alerts.kinds import Destination
from store.claims_queries import only_baseline_appearances
from store.models import SENT, Alert, Claim, Verdict, utcnow
from store.outbox import ClaimAlerts, PlannedAlert, write_claim_alerts, write_many_claim_alerts

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
    planned = plan_alerts(destinations, verdict, previous_verdict)
    return write_claim_alerts(
        session, claim.id, verdict.id, verdict.label, planned, now=now or utcnow()
    )


def plan_alerts(
    destinations: Sequence[Destination], verdict: Verdict, previous_verdict: Verdict | None
) -> list[PlannedAlert]:
    """Who hears about `verdict`, and how (pure)."""
    previous_label = previous_verdict.label if previous_verdict is not None else None
    return [
        PlannedAlert(dest.name, kind)
        for dest in destinations
        if (kind := alert_kind(dest, verdict.label, previous_label)) is not None
    ]


@dataclass
class AlertBatch:
    """The alerts of a batch's verdicts, planned as each is recorded and written in
    one statement once the batch is flushed (its verdicts then have ids), still in the
    transaction that writes them: the same rows `enqueue_alerts` writes one by one."""

    destinations: Sequence[Destination]
    _planned: list[tuple[Claim, Verdict, list[PlannedAlert]]] = field(default_factory=list)

    def add(
        self, claim: Claim, verdict: Verdict, previous_verdict: Verdict | None, *, baseline: bool
    ) -> None:
        """Plan the alerts of `verdict` (none for a claim only baseline articles make)."""
        if not baseline:
            planned = plan_alerts(self.destinations, verdict, previous_verdict)
            if planned:
                self._planned.append((claim, verdict, planned))

    def write(self, session: Session, *, now: datetime) -> None:
        """Write the planned rows; the batch's verdicts must be flushed."""
        items = []
        for claim, verdict, planned in self._planned:
            assert claim.id is not None and verdict.id is not None
            items.append(ClaimAlerts(claim.id, verdict.id, verdict.label, planned))
        write_many_claim_alerts(session, items, now=now)
        self._planned.clear()


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
