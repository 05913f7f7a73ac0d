"""Send due alerts from the outbox, at most one Discord message per idempotency key.

The dispatcher leases due rows, and for each one:

1. writes `status=sending` and the message nonce BEFORE any network call;
2. sends (a fresh row) or resumes (a row found in `sending`: its previous owner
   crashed between step 1 and step 3);
3. records the outcome: the remote message id, a retry time, or a broken destination.

A crash after 1 leaves a `sending` row whose lease expires; the next run resumes it
through `Sender.resume`, never a plain resend. The bot resumes safely (same nonce
with enforce_nonce, after looking for the message in the channel); a webhook cannot
ask Discord whether a message exists (no nonce, no message search), so it answers
`Unconfirmed` and the row stops there: a possibly missing alert, shown by /status,
is better than a duplicate in a team's channel. See bot/alerts/webhook.py.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.alerts import outbox
from bot.alerts.messages import build_alert
from bot.alerts.notices import build_source_notice
from bot.alerts.senders import (
    Broken,
    Delivered,
    Outcome,
    Rejected,
    RetryLater,
    Sender,
    Unconfirmed,
)
from bot.logs import event
from store import leases
from store.claims_queries import claim_view
from store.destinations import broken_destinations, set_destination_state
from store.models import FAILED, PENDING, SENDING, SENT, UNCONFIRMED, Alert, Source, utcnow

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
LEASE = timedelta(minutes=5)
# one send, any sender: past this the outcome is unknown and the row is resumed later
SEND_DEADLINE_S = 9.0


def default_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def backoff(attempts: int, base_s: float = 30.0, cap_s: float = 3600.0) -> float:
    """Seconds before retry number `attempts` (30 s, 1 min, 2 min, ... at most an hour)."""
    return float(min(cap_s, base_s * 2.0 ** max(attempts - 1, 0)))


@dataclass
class DispatchReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    unconfirmed: int = 0
    skipped: int = 0  # its destination broke earlier in the same batch
    broken: dict[str, str] = field(default_factory=dict)  # destination -> reason
    lost_leases: int = 0

    def summary(self) -> str:
        text = (
            f"alerts: {self.sent} sent, {self.retrying} to retry, {self.failed} failed, "
            f"{self.unconfirmed} unconfirmed, {self.skipped} skipped"
        )
        if self.broken:
            text += "; broken: " + ", ".join(f"{k} ({v})" for k, v in self.broken.items())
        return text


async def dispatch_pending(
    engine: Engine,
    senders: Mapping[str, Sender],
    *,
    now: datetime | None = None,
    owner: str | None = None,
    limit: int = 50,
    lease_for: timedelta = LEASE,
    max_attempts: int = MAX_ATTEMPTS,
    stop: asyncio.Event | None = None,
) -> DispatchReport:
    """Send every due alert once; returns what happened. Safe to run concurrently.

    Each destination's alerts go in order on their own task, so one slow or failing
    destination never delays another. A destination that answers "retry later" has
    the rest of its batch rescheduled to the same time (one request, not one per
    alert). Once `stop` is set no new send starts; the rest is given back.
    """
    now = now or utcnow()
    owner = owner or default_owner()
    report = DispatchReport()
    broken = broken_destinations(engine)
    sendable = [name for name in senders if name not in broken]
    ids = leases.take_alerts(
        engine, owner=owner, now=now, limit=limit, ttl=lease_for, destinations=sendable
    )
    queues: dict[str, list[Alert]] = {}
    with Session(engine) as session:  # the batch's rows in one query, not one per alert
        rows = session.exec(select(Alert).where(col(Alert.id).in_(ids))).all() if ids else []
    found = {a.id: a for a in rows}
    for alert_id in ids:
        alert = found.get(alert_id)
        if alert is None or alert.lease_owner != owner:
            report.lost_leases += 1
            continue
        queues.setdefault(alert.destination, []).append(alert)
    stopping = stop or asyncio.Event()
    await asyncio.gather(
        *(
            _dispatch_destination(
                engine, alerts, senders[name], owner, now, max_attempts, report, stopping
            )
            for name, alerts in queues.items()
        )
    )
    return report


async def _dispatch_destination(
    engine: Engine,
    alerts: list[Alert],
    sender: Sender,
    owner: str,
    now: datetime,
    max_attempts: int,
    report: DispatchReport,
    stop: asyncio.Event,
) -> None:
    for done, alert in enumerate(alerts):
        assert alert.id is not None
        if stop.is_set() or alert.destination in report.broken:
            # stopping, or broken earlier in this batch: give the rest back untouched
            for rest in alerts[done:]:
                assert rest.id is not None
                leases.update_leased(
                    engine, Alert, rest.id, owner, lease_owner=None, lease_until=None
                )
                report.skipped += 1
            return
        resumed = alert.status == SENDING
        outcome = await _deliver(engine, alert, sender, owner, now)
        if outcome is None:
            report.lost_leases += 1
            continue
        _settle(engine, alert, sender, outcome, owner, now, max_attempts, report)
        # (a resumed send that cannot be confirmed says nothing about the destination)
        if isinstance(outcome, RetryLater) or (isinstance(outcome, Unconfirmed) and not resumed):
            # the destination is in trouble, rate limited or not answering: its other
            # alerts wait (as long as this one, or one backoff step), rescheduled in the
            # outbox rather than slept through or sent into the same silence here
            wait = (
                _retry_wait(outcome, alert.attempts)
                if isinstance(outcome, RetryLater)
                else backoff(1)
            )
            after = now + timedelta(seconds=wait)
            for rest in alerts[done + 1 :]:
                assert rest.id is not None
                leases.update_leased(
                    engine,
                    Alert,
                    rest.id,
                    owner,
                    next_attempt_at=after,
                    lease_owner=None,
                    lease_until=None,
                )
                report.retrying += 1
            return


def _retry_wait(outcome: RetryLater, attempts: int) -> float:
    return max(outcome.after_s, backoff(attempts)) if outcome.counts else outcome.after_s


async def _deliver(
    engine: Engine, alert: Alert, sender: Sender, owner: str, now: datetime
) -> Outcome | None:
    assert alert.id is not None
    resuming = alert.status == SENDING
    nonce = alert.nonce or outbox.new_nonce()
    # built before the row is marked `sending`, so a missing claim or source is a plain
    # rejection, not an interrupted send
    with Session(engine) as session:
        if alert.source_id is not None:
            source = session.get(Source, alert.source_id)
            if source is None:
                return Rejected(f"source {alert.source_id} no longer exists")
            message = build_source_notice(source, alert, ref=nonce)
        else:
            claim_id, verdict_id = alert.claim_id, alert.verdict_id
            claim = claim_view(session, claim_id) if claim_id is not None else None
            if claim is None or verdict_id is None or claim.verdict(verdict_id) is None:
                return Rejected(f"claim {claim_id} or verdict {verdict_id} no longer exists")
            message = build_alert(claim, verdict_id, ref=nonce, changed=alert.kind == "change")
    if not resuming:
        # the mark that makes a crash from here on recoverable without a duplicate
        if not leases.update_leased(
            engine,
            Alert,
            alert.id,
            owner,
            status=SENDING,
            nonce=nonce,
            attempts=alert.attempts + 1,
        ):
            return None
        alert.attempts += 1
    replaces = outbox.previous_remote_id(engine, alert) if alert.kind == "change" else None
    call = sender.resume if resuming else sender.send
    try:
        async with asyncio.timeout(SEND_DEADLINE_S):
            return await call(message, nonce=nonce, replaces=replaces)
    except (TimeoutError, asyncio.CancelledError) as exc:
        # a send cut off (its deadline, or shutdown): the row stays `sending` and is
        # given back at once, so the next dispatcher resumes it (the bot looks for its
        # message by nonce; a webhook answers Unconfirmed), never a plain resend
        leases.update_leased(engine, Alert, alert.id, owner, lease_owner=None, lease_until=None)
        event(
            log,
            "alert.send_interrupted",
            logging.WARNING,
            alert=alert.id,
            destination=alert.destination,
            why=type(exc).__name__,
        )
        if isinstance(exc, asyncio.CancelledError):
            raise
        return None
    except Exception as exc:  # a sender bug must not stall the whole outbox
        event(log, "alert.sender_error", logging.ERROR, alert=alert.id, error=repr(exc))
        return Unconfirmed(f"sender error: {exc!r}")


def _settle(
    engine: Engine,
    alert: Alert,
    sender: Sender,
    outcome: Outcome,
    owner: str,
    now: datetime,
    max_attempts: int,
    report: DispatchReport,
) -> None:
    assert alert.id is not None
    release = {"lease_owner": None, "lease_until": None}
    fields: dict[str, object]
    if isinstance(outcome, Delivered):
        fields = {
            "status": SENT,
            "remote_message_id": outcome.message_id,
            "sent_at": now,
            "last_error": None,
        }
        report.sent += 1
    elif isinstance(outcome, RetryLater):
        # certainly not delivered, so going back to pending cannot duplicate it
        if outcome.counts and alert.attempts >= max_attempts:
            fields = {"status": FAILED, "last_error": f"gave up: {outcome.error}"}
            report.failed += 1
        else:
            fields = {
                "status": PENDING,
                "next_attempt_at": now + timedelta(seconds=_retry_wait(outcome, alert.attempts)),
                "last_error": outcome.error,
            }
            if not outcome.counts:  # a rate limit is not a failed attempt
                fields["attempts"] = max(alert.attempts - 1, 0)
            report.retrying += 1
    elif isinstance(outcome, Broken):
        set_destination_state(
            engine, alert.destination, sender.kind, broken_reason=outcome.reason, now=now
        )
        report.broken[alert.destination] = outcome.reason
        # nothing was posted; the alert waits for the destination to be repaired
        fields = {
            "status": PENDING,
            "attempts": max(alert.attempts - 1, 0),
            "last_error": outcome.reason,
        }
    elif isinstance(outcome, Unconfirmed):
        fields = {"status": UNCONFIRMED, "last_error": outcome.error}
        report.unconfirmed += 1
    else:
        fields = {"status": FAILED, "last_error": outcome.error}
        report.failed += 1
    if not leases.update_leased(engine, Alert, alert.id, owner, **fields, **release):
        # the lease ran out mid-send and another dispatcher holds the row: it resumes
        # it (never a plain resend); say what this one saw, or the outcome is lost
        report.lost_leases += 1
        event(
            log,
            "alert.settle_lost",
            logging.WARNING,
            alert=alert.id,
            destination=alert.destination,
            outcome=type(outcome).__name__,
            status=fields["status"],
        )
        return
    event(
        log,
        "alert.settled",
        alert=alert.id,
        destination=alert.destination,
        outcome=type(outcome).__name__,
        status=fields["status"],
    )


def repair_destination(
    engine: Engine, name: str, kind: str, *, now: datetime | None = None
) -> None:
    """Mark a destination usable again (after fixing its webhook or permissions)."""
    set_destination_state(engine, name, kind, broken_reason=None, now=now or utcnow())
