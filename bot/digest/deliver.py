"""Send a week's digest exactly once per recipient list, with retries, and say what happened.

    due week (schedule) -> take the Digest row (store) -> build -> render -> send (Mailer)
        -> sent | retry later (transient: the row rescheduled, at most MAX_ATTEMPTS)
           | failed (permanent, or attempts used up; shown in /status)
           | unconfirmed (the connection or the process was lost during DATA: the
             server may have the message, so it is never resent automatically)

The Digest row is taken before anything is sent and every transition is one
conditional update, so a restart, a second instance or a manual `--send` finds the
row sent (or being sent) and sends nothing. Waits are injected (`sleep`) and the
clock is a parameter (`now`), so tests run the real flow in milliseconds.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Literal

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.config import Settings
from bot.digest import build as build_mod
from bot.digest.build import FactsFn, build_digest
from bot.digest.render import Rendered, render
from bot.digest.schedule import due_week
from bot.digest.send import (
    Mailer,
    MailError,
    SmtpConfig,
    SmtpMailer,
    build_message,
    new_content_id,
    new_message_id,
)
from bot.logs import event
from bot.sources import DigestConfig, SourcesFile
from store import digest_queries as q
from store.destinations import broken_destinations, set_destination_state
from store.errors import ClaimwatchError
from store.models import Digest

log = logging.getLogger("claimwatch.digest")

Sleep = Callable[[float], Awaitable[None]]
Status = Literal["sent", "already_sent", "busy", "retry", "failed", "skipped", "unconfirmed"]

DESTINATION = "email"  # the DestinationState row /status shows for the digest's mail route
LEASE = timedelta(minutes=15)  # a sender silent this long is presumed dead
# No waiting inside a call: a transient failure reschedules the row (RETRY_BASE, doubling)
# so the service's pass, and its shutdown, never sleep through an SMTP outage.
IN_CALL_WAITS: tuple[float, ...] = ()
RETRY_BASE = timedelta(minutes=5)
RETRY_MAX = timedelta(hours=6)
MAX_ATTEMPTS = 8  # transient failures in a row before the week is given up (failed)


class _LostRow(Exception):
    """Another sender took the row over: this one must not send."""


@dataclass(frozen=True, slots=True)
class DigestOutcome:
    period: str
    status: Status
    attempts: int = 0
    detail: str | None = None
    message_id: str | None = None

    def summary(self) -> str:
        words = {
            "sent": "sent",
            "already_sent": "already sent earlier: nothing sent",
            "busy": "being sent by another process, or its retry is not due: nothing sent",
            "retry": "not sent yet: will retry",
            "failed": "failed",
            "unconfirmed": "may or may not have been delivered: not resent automatically",
            "skipped": "not sent",
        }[self.status]
        tail = f" ({self.detail})" if self.detail else ""
        return f"digest {self.period}: {words}{tail}"


def retry_delay(attempts: int) -> timedelta:
    """Backoff between calls after a transient failure: 5 min doubling, at most 6 h."""
    delay: timedelta = RETRY_BASE * (2 ** min(max(attempts - 1, 0), 16))
    return delay if delay < RETRY_MAX else RETRY_MAX


_FACTS: list[FactsFn | None] = []


def registry_facts() -> FactsFn | None:
    """The registry's facts, loaded once per process (None until the registry exists)."""
    if not _FACTS:
        _FACTS.append(build_mod.default_facts())
    return _FACTS[0]


def _digest_config(config: SourcesFile | DigestConfig) -> DigestConfig:
    return config.digest if isinstance(config, SourcesFile) else config


async def send_digest(
    engine: Engine,
    config: SourcesFile | DigestConfig,
    settings: Settings,
    period: str,
    *,
    now: datetime,
    manual: bool = False,
    mailer: Mailer | None = None,
    facts: FactsFn | None = None,
    sleep: Sleep = asyncio.sleep,
    waits: Sequence[float] = IN_CALL_WAITS,
) -> DigestOutcome:
    """Send `period`'s digest unless it went out already. `manual`: a person asked
    (`claimwatch digest --send`): a failed or skipped week may go again, and an empty
    week goes out even with `send_empty: false`."""
    digest = _digest_config(config)
    recipients = list(digest.recipients)
    if not recipients:
        raise ClaimwatchError("sources.yaml has no digest recipients (digest: recipients: [...])")
    if mailer is None:
        mailer = SmtpMailer(SmtpConfig.from_settings(settings))
    sender = settings.smtp_from
    key = q.recipients_key(recipients)
    taken = q.claim_digest(
        engine, period, key, now=now, lease=LEASE, message_id=new_message_id(sender), manual=manual
    )
    if not taken.won:
        status: Status = {
            "sent": "already_sent",
            "failed": "failed",
            "skipped": "skipped",
            "unconfirmed": "unconfirmed",
        }.get(taken.status, "busy")  # type: ignore[assignment]
        detail = taken.last_error if status in ("failed", "skipped", "unconfirmed") else None
        if status == "already_sent" and taken.sent_at is not None:
            detail = f"at {taken.sent_at.isoformat(timespec='minutes')}"
        return DigestOutcome(period, status, taken.attempts, detail, taken.message_id)
    held = taken.attempts
    assert taken.message_id is not None
    try:
        data = build_digest(
            engine, period, facts=facts if facts is not None else registry_facts(), now=now
        )
        if data.is_empty and not digest.send_empty and not manual:
            note = "empty week: not sent (send_empty: false)"
            q.mark_digest_skipped(engine, taken.digest_id, held, note=note)
            event(log, "digest.skipped", period=period, reason=note)
            return DigestOutcome(period, "skipped", held, note, taken.message_id)
        content_id = new_content_id(sender)
        rendered = render(data, chart_src=f"cid:{content_id}")
        message = build_message(
            rendered,
            sender=sender,
            recipients=recipients,
            message_id=taken.message_id,
            content_id=content_id,
            now=now,
            unsubscribe=digest.unsubscribe,
        )
    except Exception as exc:
        # a bug or a database hiccup while building: give the row back, retry later
        error = f"building the digest failed: {type(exc).__name__}: {exc}"
        q.mark_digest_retry(
            engine, taken.digest_id, held, error=error, retry_at=now + retry_delay(held)
        )
        raise
    return await _send_with_retries(
        engine, mailer, message, sender, recipients, taken, now=now, sleep=sleep, waits=waits
    )


async def _send_with_retries(
    engine: Engine,
    mailer: Mailer,
    message: object,
    sender: str,
    recipients: list[str],
    taken: q.DigestClaim,
    *,
    now: datetime,
    sleep: Sleep,
    waits: Sequence[float],
) -> DigestOutcome:
    assert isinstance(message, EmailMessage)
    period = _period_of(engine, taken)
    held = taken.attempts
    for try_no in range(len(waits) + 1):

        def before_data(attempt: int = held) -> None:
            if not q.mark_digest_in_data(engine, taken.digest_id, attempt):
                raise _LostRow()

        try:
            note = await mailer.send(message, sender, recipients, before_data=before_data)
        except _LostRow:
            return DigestOutcome(period, "busy", held, "lost the row to another sender")
        except asyncio.CancelledError:
            # shutdown mid-send: before DATA nothing left, so the row is due again at
            # once; during DATA it may have been delivered, so it is not resent
            if _in_data(engine, taken.digest_id):
                q.mark_digest_unconfirmed(
                    engine, taken.digest_id, held, error="shutdown while the message was sent"
                )
            else:
                q.mark_digest_retry(
                    engine, taken.digest_id, held, error="interrupted by shutdown", retry_at=now
                )
            raise
        except MailError as exc:
            event(
                log,
                "digest.send_failed",
                logging.WARNING,
                period=period,
                attempt=held,
                permanent=exc.permanent,
                unknown=exc.unknown,
                error=exc.reason,
            )
            if exc.unknown:
                why = f"outcome unknown after DATA: {exc.reason}"
                q.mark_digest_unconfirmed(engine, taken.digest_id, held, error=why)
                return DigestOutcome(period, "unconfirmed", held, why, taken.message_id)
            if exc.permanent:
                q.mark_digest_failed(engine, taken.digest_id, held, error=exc.reason)
                set_destination_state(
                    engine, DESTINATION, "email", broken_reason=exc.reason, now=now
                )
                return DigestOutcome(period, "failed", held, exc.reason, taken.message_id)
            if held >= MAX_ATTEMPTS:
                why = f"gave up after {held} attempts: {exc.reason}"
                q.mark_digest_failed(engine, taken.digest_id, held, error=why)
                return DigestOutcome(period, "failed", held, why, taken.message_id)
            if try_no < len(waits):
                lease_until = now + LEASE
                if not q.bump_digest_attempt(
                    engine, taken.digest_id, held, error=exc.reason, lease_until=lease_until
                ):
                    return DigestOutcome(period, "busy", held, "lost the row to another sender")
                held += 1
                await sleep(waits[try_no])
                continue
            retry_at = now + retry_delay(held)
            q.mark_digest_retry(engine, taken.digest_id, held, error=exc.reason, retry_at=retry_at)
            detail = f"{exc.reason}; next try after {retry_at.isoformat(timespec='minutes')}"
            return DigestOutcome(period, "retry", held, detail, taken.message_id)
        q.mark_digest_sent(engine, taken.digest_id, held, now=now, note=note)
        set_destination_state(engine, DESTINATION, "email", broken_reason=None, now=now)
        event(log, "digest.sent", period=period, recipients=len(recipients), attempt=held)
        return DigestOutcome(period, "sent", held, note, taken.message_id)
    raise AssertionError("unreachable")


def _in_data(engine: Engine, digest_id: int) -> bool:
    with Session(engine) as session:
        row = session.get(Digest, digest_id)
        return row is not None and row.status == q.DATA


def _period_of(engine: Engine, taken: q.DigestClaim) -> str:
    with Session(engine) as session:
        row = session.get(Digest, taken.digest_id)
        return row.period if row is not None else "?"


async def send_due_digest(
    engine: Engine,
    config: SourcesFile | DigestConfig,
    settings: Settings,
    *,
    now: datetime,
    mailer: Mailer | None = None,
    facts: FactsFn | None = None,
    sleep: Sleep = asyncio.sleep,
    waits: Sequence[float] = IN_CALL_WAITS,
) -> DigestOutcome | None:
    """For the service loop: send the due week's digest if it has not gone out.

    Cheap when there is nothing to do (one read). None when no digest is configured.
    """
    digest = _digest_config(config)
    if not digest.recipients:
        return None
    period = due_week(now, digest.weekday_index, digest.time)
    existing = q.get_digest(engine, period, q.recipients_key(digest.recipients))
    if existing is not None and (
        existing.status in ("sent", "failed", "skipped", "unconfirmed")
        or (existing.next_attempt_at is not None and existing.next_attempt_at > now)
    ):
        return None
    if mailer is None and not settings.smtp_host:
        reason = "SMTP_HOST is not set: weekly digests cannot be sent"
        _note_broken_once(engine, reason, now)
        return DigestOutcome(period, "skipped", 0, reason)
    try:
        return await send_digest(
            engine,
            digest,
            settings,
            period,
            now=now,
            mailer=mailer,
            facts=facts,
            sleep=sleep,
            waits=waits,
        )
    except ClaimwatchError as exc:  # bad SMTP settings: say so where /status looks
        _note_broken_once(engine, str(exc), now)
        return DigestOutcome(period, "skipped", 0, str(exc))


def _note_broken_once(engine: Engine, reason: str, now: datetime) -> None:
    if broken_destinations(engine).get(DESTINATION) != reason:
        set_destination_state(engine, DESTINATION, "email", broken_reason=reason, now=now)
        event(log, "digest.not_configured", logging.WARNING, reason=reason)


def write_preview(
    engine: Engine,
    period: str,
    path: Path,
    *,
    facts: FactsFn | None = None,
    now: datetime | None = None,
) -> tuple[Path, Path | None, Rendered]:
    """Write the HTML (and the chart PNG beside it) without sending anything."""
    data = build_digest(
        engine, period, facts=facts if facts is not None else registry_facts(), now=now
    )
    png_path = path.with_name(f"{path.stem}-chart.png")
    rendered = render(data, chart_src=png_path.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(rendered.html, encoding="utf-8")
    if rendered.chart_png is None:
        return path, None, rendered
    png_path.write_bytes(rendered.chart_png)
    return path, png_path, rendered
