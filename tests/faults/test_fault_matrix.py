"""The fault matrix: every way a downstream can fail, against real local servers, with
the same three promises checked each time: nothing lost, nothing sent twice, bounded
time.

Alerts: destination `flaky` fails in one of six ways while `healthy` works; 20 alerts
each. Mail: the SMTP server fails in one of five ways over several scheduler ticks.
The fetch paths (loopback, metadata redirect, gzip bomb, dripped body) are the matrix
of tests/faults/test_outbound.py; shutdown with each downstream hung is
tests/faults/test_shutdown_bound.py; hostile config and feed bytes are
tests/foundation/test_sources_validation.py, tests/poller/test_hostile_values.py and
tests/faults/test_fuzz.py.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.alerts.dispatcher import dispatch_pending
from bot.alerts.outbox import enqueue_alerts
from bot.alerts.senders import Sender
from bot.alerts.webhook import WebhookSender
from bot.config import Settings
from bot.digest import deliver
from bot.digest.send import SmtpConfig, SmtpMailer
from bot.repair import reset_destination
from bot.sources import DigestConfig, parse_sources
from store.models import Alert, Claim, Digest, Verdict
from tests.alerts.alerts_support import T0, Seeder, fetch
from tests.digest.digest_support import fake_facts, seed_all, t
from tests.faults.faults_support import Webhook

pytestmark = pytest.mark.slow  # whole services, servers that time out: README, "Development"

N = 20
AFTER_SLOT = t("2025-08-06", "09:30:00")  # 2025-W31's digest is due
DESTINATIONS = parse_sources(
    "destinations:\n"
    "  - {name: flaky, kind: discord_webhook, webhook_env: FLAKY}\n"
    "  - {name: healthy, kind: discord_webhook, webhook_env: HEALTHY}\n"
).destinations


@pytest.fixture
def flaky() -> Iterator[Webhook]:
    hook = Webhook()
    yield hook
    hook.close()


@pytest.fixture
def healthy() -> Iterator[Webhook]:
    hook = Webhook()
    yield hook
    hook.close()


def enqueue(engine: Engine, n: int) -> None:
    seed = Seeder(engine)
    for _ in range(n):
        claim_id, verdict_id = seed.claim()
        with Session(engine) as s:
            enqueue_alerts(
                s,
                fetch(s, Claim, claim_id),
                fetch(s, Verdict, verdict_id),
                None,
                DESTINATIONS,
                now=T0,
            )
            s.commit()


def rows(engine: Engine, destination: str) -> list[Alert]:
    with Session(engine) as s:
        return list(s.exec(select(Alert).where(Alert.destination == destination)).all())


async def dispatch_until_idle(engine: Engine, senders: Mapping[str, Sender], now: datetime) -> int:
    sent = 0
    for _ in range(10):
        report = await dispatch_pending(engine, senders, now=now)
        sent += report.sent
        if report.sent == 0:
            break
    return sent


# (flaky's failure, its rows' status after the first pass, requests it may cost)
ALERT_FAULTS = {
    "always_500": ("pending", 1),
    "rate_limited": ("pending", 1),  # retry_after 10^12 s: clamped, rescheduled
    "unauthorized": ("pending", 1),  # broken: waits for repair
    "hang": ("pending", 1),  # the one in flight is unconfirmed, the rest wait
    "drop": ("pending", 1),
    "refused": ("pending", 0),  # nothing listens on the port
}


@pytest.mark.parametrize("fault", list(ALERT_FAULTS))
async def test_one_failing_destination_never_delays_another_and_loses_nothing(
    engine: Engine, flaky: Webhook, healthy: Webhook, fault: str
) -> None:
    enqueue(engine, N)
    flaky_url = flaky.url
    if fault == "refused":
        flaky.close()
    else:
        flaky.mode = fault
    senders: dict[str, Any] = {
        "flaky": WebhookSender(flaky_url, deadline_s=2.0),
        "healthy": WebhookSender(healthy.url),
    }
    started = time.monotonic()
    sent = await dispatch_until_idle(engine, senders, T0)
    elapsed = time.monotonic() - started

    # bounded: one pass with a failing destination costs at most its deadline, not
    # 1+2+4+8 s per alert; the healthy destination got everything in that pass
    assert elapsed < 8, f"{fault}: {elapsed:.1f}s"
    assert sent == N and Counter(healthy.delivered()) == Counter(
        {ref: 1 for ref in healthy.delivered()}
    )
    assert len(healthy.delivered()) == N
    _, max_requests = ALERT_FAULTS[fault]
    assert len(flaky.posts) <= max_requests

    # nothing lost: every flaky row still pending, or unconfirmed (the one in flight
    # when the server went silent), never failed or dropped
    statuses = Counter(a.status for a in rows(engine, "flaky"))
    assert sum(statuses.values()) == N
    assert set(statuses) <= {"pending", "unconfirmed"}
    assert statuses["unconfirmed"] <= (1 if fault in ("hang", "drop") else 0)

    # a later pass before the retry time costs the failing destination nothing more
    before = len(flaky.posts)
    await dispatch_until_idle(engine, senders, T0 + timedelta(seconds=5))
    assert len(flaky.posts) == before

    # the destination heals: every waiting alert goes exactly once, none resent
    if fault == "refused":
        return  # the port is gone; healing is the other cases
    flaky.mode = "ok"
    if fault == "unauthorized":
        reset_destination(engine, "flaky")
    later = T0 + timedelta(hours=2)
    # fresh senders: a sender remembers a rate limit on the real monotonic clock, which
    # this test does not move (the outbox's clock it does)
    senders = {"flaky": WebhookSender(flaky_url), "healthy": WebhookSender(healthy.url)}
    for step in range(N + 2):
        await dispatch_until_idle(engine, senders, later + timedelta(hours=step))
    final = Counter(a.status for a in rows(engine, "flaky"))
    delivered = Counter(flaky.delivered())
    assert all(count == 1 for count in delivered.values())
    assert final["sent"] == len(delivered) == N - statuses["unconfirmed"]
    assert final["unconfirmed"] == statuses["unconfirmed"]


# --- mail ------------------------------------------------------------------------------


class _Handler:
    """aiosmtpd handler whose DATA answer a test picks."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.received = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received += 1
        if self.mode == "drop_after_data":
            server.transport.close()
        if self.mode == "slow_250":
            await asyncio.sleep(3)
        if self.mode == "transient_451":
            self.received -= 1  # refused: not delivered
            return "451 4.3.0 try again later"
        return "250 OK"


MAIL_FAULTS = {
    # fault: (final status, messages the server may hold)
    "drop_after_data": ("unconfirmed", 1),
    "slow_250": ("unconfirmed", 1),
    "transient_451": ("failed", 0),  # rescheduled each tick, given up after MAX_ATTEMPTS
    "refused": ("failed", 0),
}


@pytest.mark.parametrize("fault", list(MAIL_FAULTS))
async def test_a_digest_is_never_mailed_twice_and_retries_are_capped(
    engine: Engine, fault: str
) -> None:
    from aiosmtpd.controller import Controller

    from bot.digest.schedule import due_week

    seed_all(engine)
    import socket

    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = int(free.getsockname()[1])
    handler = _Handler(fault)
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    if fault != "refused":  # "refused": nothing listens on the port
        controller.start()
    config = DigestConfig(recipients=("team@example.com",))
    settings = Settings(smtp_host="127.0.0.1", smtp_port=port, smtp_security="none")
    mailer = SmtpMailer(SmtpConfig("127.0.0.1", port, "none", timeout=1.0, deadline=2.0))
    now = AFTER_SLOT
    week = due_week(now, config.weekday_index, config.time)
    started = time.monotonic()
    try:
        for _ in range(deliver.MAX_ATTEMPTS + 4):
            await deliver.send_due_digest(
                engine, config, settings, now=now, mailer=mailer, facts=fake_facts
            )
            with Session(engine) as s:
                row = s.exec(select(Digest).where(Digest.period == week)).one()
            now = max(now, row.next_attempt_at or now) + timedelta(seconds=1)
            if due_week(now, config.weekday_index, config.time) != week:
                break
    finally:
        if fault != "refused":
            controller.stop()
    status, held = MAIL_FAULTS[fault]
    assert row.status == status, (row.status, row.last_error)
    assert handler.received <= held
    assert row.attempts <= deliver.MAX_ATTEMPTS
    assert time.monotonic() - started < 60
