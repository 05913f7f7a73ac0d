"""A digest is mailed at most once: an outcome lost after DATA is `unconfirmed`, never
resent on its own; transient failures are rescheduled and capped; the Message-ID
stays the same when an operator asks for a resend. Real aiosmtpd servers on loopback.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.digest import deliver
from bot.digest.deliver import send_digest, send_due_digest
from bot.digest.send import BeforeData, SmtpConfig, SmtpMailer
from store.models import Digest
from store.trouble import troubles
from tests.digest.digest_support import (
    AFTER_SLOT,
    WEEK,
    Recorder,
    SmtpServer,
    config,
    fake_facts,
    seed_all,
    settings_for,
)

pytestmark = pytest.mark.slow  # whole services, servers that time out: README, "Development"


class HangsUpAfterData(Recorder):
    """Takes the message, then drops the connection instead of answering 250."""

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        await super().handle_DATA(server, session, envelope)
        server.transport.close()
        return "250 never heard"


class SlowAfterData(Recorder):
    """Takes the message and answers 250 only after `delay` seconds."""

    delay = 3.0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        answer = await super().handle_DATA(server, session, envelope)
        await asyncio.sleep(self.delay)
        return answer


def mailer_for(server: SmtpServer, *, timeout: float = 1.0, deadline: float = 2.0) -> SmtpMailer:
    return SmtpMailer(
        SmtpConfig("127.0.0.1", server.port, "none", timeout=timeout, deadline=deadline)
    )


def the_row(engine: Engine) -> Digest:
    with Session(engine) as s:
        return s.exec(select(Digest)).one()


@pytest.mark.parametrize("handler", [HangsUpAfterData, SlowAfterData])
async def test_unknown_outcome_after_data_is_unconfirmed_and_not_resent(
    engine: Engine, smtp_server: SmtpServer, handler: type[Recorder]
) -> None:
    seed_all(engine)
    smtp_server.handler = handler()
    smtp_server.start()
    mailer = mailer_for(smtp_server)
    out = await send_due_digest(
        engine,
        config(),
        settings_for(smtp_server),
        now=AFTER_SLOT,
        mailer=mailer,
        facts=fake_facts,
    )
    assert out is not None and out.status == "unconfirmed", out
    row = the_row(engine)
    assert row.status == "unconfirmed" and "DATA" in (row.last_error or "")
    # later ticks, days later: nothing is resent automatically
    for hours in (1, 24, 72):
        later = AFTER_SLOT + timedelta(hours=hours)
        assert (
            await send_due_digest(
                engine,
                config(),
                settings_for(smtp_server),
                now=later,
                mailer=mailer,
                facts=fake_facts,
            )
            is None
        )
    assert len(smtp_server.handler.messages) == 1
    # /status (and `sources list`) say a digest may be missing
    assert any("unconfirmed" in t.problem for t in troubles(engine).digests)
    # an operator's resend goes out under the same Message-ID, so it is recognisable
    smtp_server.stop()
    smtp_server.handler = Recorder()
    smtp_server.start()
    again = await send_digest(
        engine,
        config(),
        settings_for(smtp_server),
        WEEK,
        now=AFTER_SLOT + timedelta(days=1),
        manual=True,
        facts=fake_facts,
    )
    assert again.status == "sent"
    [resent] = smtp_server.handler.messages
    assert resent.message["Message-ID"].strip() == row.message_id


async def test_a_process_killed_during_data_leaves_it_unconfirmed(
    engine: Engine, smtp_server: SmtpServer
) -> None:
    """The kill -9 case: the row says DATA had begun; the next instance does not resend."""
    seed_all(engine)
    smtp_server.start()

    class KilledDuringData:
        async def send(
            self,
            message: EmailMessage,
            sender: str,
            recipients: Sequence[str],
            *,
            before_data: BeforeData | None = None,
        ) -> None:
            assert before_data is not None
            before_data()
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        await send_digest(
            engine,
            config(),
            settings_for(smtp_server),
            WEEK,
            now=AFTER_SLOT,
            mailer=KilledDuringData(),
            facts=fake_facts,
        )
    assert the_row(engine).status == "data"
    after_lease = AFTER_SLOT + deliver.LEASE
    out = await send_due_digest(
        engine, config(), settings_for(smtp_server), now=after_lease, facts=fake_facts
    )
    assert out is None or out.status == "unconfirmed"
    assert the_row(engine).status == "unconfirmed"
    assert smtp_server.handler.messages == []


async def test_shutdown_during_data_is_unconfirmed_and_before_it_is_due_again(
    engine: Engine, smtp_server: SmtpServer
) -> None:
    seed_all(engine)
    slow = SlowAfterData()
    slow.delay = 5.0
    smtp_server.handler = slow
    smtp_server.start()
    mailer = mailer_for(smtp_server, timeout=60, deadline=60)
    task = asyncio.create_task(
        send_due_digest(
            engine,
            config(),
            settings_for(smtp_server),
            now=AFTER_SLOT,
            mailer=mailer,
            facts=fake_facts,
        )
    )
    for _ in range(200):
        await asyncio.sleep(0.05)
        if smtp_server.handler.messages:
            break
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert the_row(engine).status == "unconfirmed"


async def test_transient_failures_are_rescheduled_and_capped(
    engine: Engine, smtp_server: SmtpServer
) -> None:
    """Nothing listens: each call is one try, the row is rescheduled, and after
    MAX_ATTEMPTS the week is given up (failed, shown in /status), not retried forever."""
    seed_all(engine)
    now = AFTER_SLOT
    statuses = []
    for _ in range(deliver.MAX_ATTEMPTS + 3):
        out = await send_due_digest(
            engine, config(), settings_for(smtp_server), now=now, facts=fake_facts
        )
        if out is not None:
            statuses.append(out.status)
        row = the_row(engine)
        now = row.next_attempt_at or now + timedelta(days=1)
    assert statuses == ["retry"] * (deliver.MAX_ATTEMPTS - 1) + ["failed"]
    row = the_row(engine)
    assert row.status == "failed" and row.attempts == deliver.MAX_ATTEMPTS
    assert "gave up" in (row.last_error or "")


def test_the_cli_lists_an_unconfirmed_digest(cli_env: str, engine: Engine, tmp_path: Path) -> None:
    """`claimwatch destinations list` shows the mail route with its unconfirmed digest."""
    import json

    from typer.testing import CliRunner

    from bot.cli.app import app

    with Session(engine) as s:
        s.add(Digest(period="2025-W31", recipients_key="k", status="unconfirmed",
                     last_error="outcome unknown after DATA", message_id="<x@y>"))  # fmt: skip
        s.commit()
    sources = tmp_path / "sources.yaml"
    sources.write_text("digest: {recipients: [team@example.com]}\n")
    result = CliRunner().invoke(app, ["destinations", "list", "--sources", str(sources), "--json"])
    assert result.exit_code == 0, result.output
    rows = {r["name"]: r for r in json.loads(result.output)["destinations"]}
    assert rows["email"]["unconfirmed"] == 1 and rows["email"]["kind"] == "email"
