"""The digest over a real SMTP server (aiosmtpd on 127.0.0.1): once, retried, refused."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.config import Settings
from bot.digest import deliver
from bot.digest.deliver import retry_delay, send_digest, send_due_digest
from store import db
from store.models import DestinationState, Digest
from tests.digest.digest_support import (
    AFTER_SLOT,
    HOSTILE_STATEMENT,
    RECIPIENTS,
    WEEK,
    SmtpServer,
    accept_all,
    config,
    fake_facts,
    refuse_all,
    seed_all,
    settings_for,
    t,
)

pytestmark = pytest.mark.slow  # whole services, servers that time out: README, "Development"


class Sleeps:
    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def digest_rows(engine: Engine) -> list[Digest]:
    with Session(engine) as s:
        return list(s.exec(select(Digest)).all())


def email_state(engine: Engine) -> DestinationState | None:
    with Session(engine) as s:
        return s.exec(select(DestinationState).where(DestinationState.name == "email")).first()


async def test_delivers_once_with_both_parts_and_inline_chart(
    engine: Engine, smtp_server: SmtpServer
) -> None:
    seed_all(engine)
    smtp_server.start()
    out = await send_due_digest(
        engine, config(), settings_for(smtp_server), now=AFTER_SLOT, facts=fake_facts
    )
    assert out is not None and out.status == "sent", out
    assert out.period == WEEK
    [got] = smtp_server.handler.messages
    assert sorted(got.rcpt_tos) == sorted(RECIPIENTS)
    assert got.mail_from == "digest@claimwatch.example"
    msg = got.message
    # subject: counts and the first contradicted statement, flattened to one line
    subject = msg["Subject"]
    assert subject.startswith("claimwatch digest 2025-W31: 5 new claims, 1 verdict changed")
    assert "\n" not in subject and "\r" not in subject
    # header injection: the statement's "\r\nBcc: evil@..." added no header, no recipient
    assert msg["Bcc"] is None
    assert "evil@example.com" not in got.rcpt_tos
    names = {k.lower() for k in msg}
    assert names <= {
        "subject", "from", "to", "date", "message-id", "auto-submitted",
        "list-unsubscribe", "mime-version", "content-type", "content-transfer-encoding",
    }  # fmt: skip
    assert msg["List-Unsubscribe"] == "<mailto:unsubscribe@example.com>"
    assert msg["To"] == "alice@example.com, bob@example.org"
    # structure: alternative(text, related(html, png))
    assert msg.get_content_type() == "multipart/alternative"
    text = msg.get_body(("plain",))
    html = msg.get_body(("html",))
    assert text is not None and html is not None
    text_body, html_body = text.get_content(), html.get_content()
    assert "2025-W31" in text_body and "2025-W31" in html_body
    for needle in ("Kimi K2 is the best open-weights model", "#1 ", "outlet-a: 100%"):
        assert needle in text_body
    images = [p for p in msg.walk() if p.get_content_type() == "image/png"]
    assert len(images) == 1
    cid = images[0]["Content-ID"].strip("<>")
    assert f'src="cid:{cid}"' in html_body
    png = images[0].get_content()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000
    # the row says sent, with the Message-ID the mail carried
    [row] = digest_rows(engine)
    assert (row.period, row.status, row.attempts) == (WEEK, "sent", 1)
    assert row.message_id == msg["Message-ID"].strip()
    assert row.sent_at == AFTER_SLOT

    # the next tick, a restart (fresh engine), a manual --send: nothing more goes out
    again = await send_due_digest(
        engine, config(), settings_for(smtp_server), now=AFTER_SLOT + timedelta(hours=1)
    )
    assert again is None
    other = db.make_engine(str(engine.url.render_as_string(hide_password=False)))
    manual = await send_digest(
        other, config(), settings_for(smtp_server), WEEK, now=AFTER_SLOT, manual=True
    )
    other.dispose()
    assert manual.status == "already_sent"
    assert len(smtp_server.handler.messages) == 1


async def test_two_instances_racing_send_one_message(
    engine: Engine, smtp_server: SmtpServer
) -> None:
    seed_all(engine)
    smtp_server.start()
    second = db.make_engine(engine.url.render_as_string(hide_password=False))
    s = settings_for(smtp_server)
    try:
        outcomes = await asyncio.gather(
            send_digest(engine, config(), s, WEEK, now=AFTER_SLOT, facts=fake_facts),
            send_digest(second, config(), s, WEEK, now=AFTER_SLOT, facts=fake_facts),
            send_digest(engine, config(), s, WEEK, now=AFTER_SLOT, facts=fake_facts, manual=True),
        )
    finally:
        second.dispose()
    statuses = sorted(o.status for o in outcomes)
    assert statuses.count("sent") == 1, statuses
    assert set(statuses) <= {"sent", "busy", "already_sent"}
    assert len(smtp_server.handler.messages) == 1


async def test_outage_is_retried_with_backoff_then_sent_once(
    engine: Engine, smtp_server: SmtpServer
) -> None:
    seed_all(engine)
    sleeps = Sleeps()
    # nothing listens on the port yet: connection refused, three tries, two waits
    out = await send_due_digest(
        engine,
        config(),
        settings_for(smtp_server),
        now=AFTER_SLOT,
        facts=fake_facts,
        sleep=sleeps,
        waits=(1.5, 7.0),
    )
    assert out is not None and out.status == "retry"
    assert sleeps.waits == [1.5, 7.0]
    [row] = digest_rows(engine)
    assert row.status == "pending" and row.attempts == 3
    assert row.last_error and re.search(r"connect|refused", row.last_error, re.I)
    assert row.next_attempt_at == AFTER_SLOT + retry_delay(3)
    assert email_state(engine) is None  # transient: not shown as broken

    smtp_server.start()
    # before the backoff has passed: nothing is attempted
    early = await send_due_digest(
        engine, config(), settings_for(smtp_server), now=AFTER_SLOT + timedelta(minutes=1)
    )
    assert early is None and smtp_server.handler.messages == []
    later = AFTER_SLOT + retry_delay(3)
    out = await send_due_digest(
        engine, config(), settings_for(smtp_server), now=later, facts=fake_facts, sleep=sleeps
    )
    assert out is not None and out.status == "sent"
    assert len(smtp_server.handler.messages) == 1
    [row] = digest_rows(engine)
    assert (row.status, row.attempts) == ("sent", 4)
    assert await send_due_digest(engine, config(), settings_for(smtp_server), now=later) is None
    assert len(smtp_server.handler.messages) == 1


async def test_auth_refused_is_permanent_and_shown_in_status(
    engine: Engine, smtp_server: SmtpServer
) -> None:
    seed_all(engine)
    smtp_server.start(authenticator=refuse_all)
    sleeps = Sleeps()
    s = settings_for(smtp_server, smtp_user="digest", smtp_password="wrong-password")
    out = await send_due_digest(engine, config(), s, now=AFTER_SLOT, facts=fake_facts, sleep=sleeps)
    assert out is not None and out.status == "failed"
    assert sleeps.waits == []  # a refused login is not retried
    assert "535" in (out.detail or "")
    [row] = digest_rows(engine)
    assert row.status == "failed" and "535" in (row.last_error or "")
    state = email_state(engine)
    assert state is not None and state.status == "broken" and "535" in (state.broken_reason or "")
    assert smtp_server.handler.messages == []
    # the service does not hammer a refused login
    assert await send_due_digest(engine, config(), s, now=AFTER_SLOT + timedelta(days=1)) is None

    # fixed credentials, a person resends by hand: it goes, and the route is ok again
    smtp_server.stop()
    smtp_server.start(authenticator=accept_all)
    good = settings_for(smtp_server, smtp_user="digest", smtp_password="right")
    out = await send_digest(
        engine, config(), good, WEEK, now=AFTER_SLOT, manual=True, facts=fake_facts
    )
    assert out.status == "sent"
    assert len(smtp_server.handler.messages) == 1
    state = email_state(engine)
    assert state is not None and state.status == "ok"


async def test_all_recipients_rejected_is_permanent(
    engine: Engine, smtp_server: SmtpServer
) -> None:
    seed_all(engine)
    smtp_server.handler.refuse = set(RECIPIENTS)
    smtp_server.start()
    out = await send_due_digest(
        engine,
        config(),
        settings_for(smtp_server),
        now=AFTER_SLOT,
        facts=fake_facts,
        sleep=Sleeps(),
    )
    assert out is not None and out.status == "failed"
    assert "550" in (out.detail or "") and "alice@example.com" in (out.detail or "")
    state = email_state(engine)
    assert state is not None and state.status == "broken"


async def test_one_recipient_rejected_still_sends_and_notes_it(
    engine: Engine, smtp_server: SmtpServer
) -> None:
    seed_all(engine)
    smtp_server.handler.refuse = {"bob@example.org"}
    smtp_server.start()
    out = await send_due_digest(
        engine, config(), settings_for(smtp_server), now=AFTER_SLOT, facts=fake_facts
    )
    assert out is not None and out.status == "sent"
    [got] = smtp_server.handler.messages
    assert got.rcpt_tos == ["alice@example.com"]
    [row] = digest_rows(engine)
    assert row.status == "sent" and "bob@example.org" in (row.last_error or "")


async def test_empty_week_sends_nothing_new_unless_turned_off(
    engine: Engine, smtp_server: SmtpServer
) -> None:
    smtp_server.start()
    s = settings_for(smtp_server)
    out = await send_digest(engine, config(), s, "2025-W40", now=AFTER_SLOT, facts=fake_facts)
    assert out.status == "sent"
    [got] = smtp_server.handler.messages
    assert got.message["Subject"] == "claimwatch digest 2025-W40: nothing new"
    text = got.message.get_body(("plain",))
    assert text is not None and "Nothing new this week" in text.get_content()

    quiet = config(send_empty=False)
    out = await send_digest(engine, quiet, s, "2025-W41", now=AFTER_SLOT, facts=fake_facts)
    assert out.status == "skipped" and "send_empty" in (out.detail or "")
    assert len(smtp_server.handler.messages) == 1
    # skipped is final for the service; a person may still send it by hand
    out = await send_digest(engine, quiet, s, "2025-W41", now=AFTER_SLOT, facts=fake_facts)
    assert out.status == "skipped"
    out = await send_digest(
        engine, quiet, s, "2025-W41", now=AFTER_SLOT, facts=fake_facts, manual=True
    )
    assert out.status == "sent"
    assert len(smtp_server.handler.messages) == 2


async def test_missed_slot_is_sent_once_when_the_service_returns(
    engine: Engine, smtp_server: SmtpServer
) -> None:
    seed_all(engine)
    smtp_server.start()
    s = settings_for(smtp_server)
    # a minute before W31's slot (Monday 08:00) the due week is still W30 (C8 is in it)
    before = await send_due_digest(
        engine, config(send_empty=False), s, now=t("2025-08-04", "07:59:00"), facts=fake_facts
    )
    assert before is not None and (before.period, before.status) == ("2025-W30", "sent")
    # down over the slot; back on Thursday: W31 goes out, once
    back = t("2025-08-07", "15:00:00")
    out = await send_due_digest(engine, config(send_empty=False), s, now=back, facts=fake_facts)
    assert out is not None and (out.period, out.status) == (WEEK, "sent")
    for later in (back + timedelta(minutes=1), back + timedelta(days=3)):
        assert await send_due_digest(engine, config(send_empty=False), s, now=later) is None
    subjects = [m.message["Subject"] for m in smtp_server.handler.messages]
    assert [s.split(":")[0] for s in subjects] == [
        "claimwatch digest 2025-W30",
        "claimwatch digest 2025-W31",
    ]


async def test_crashed_sender_is_taken_over_after_its_lease_with_the_same_message_id(
    engine: Engine, smtp_server: SmtpServer
) -> None:
    seed_all(engine)
    smtp_server.start()
    s = settings_for(smtp_server)

    class Dies:
        async def send(self, *args: object, **kwargs: object) -> None:
            raise KeyboardInterrupt  # the process is killed mid-send, before DATA

    with pytest.raises(KeyboardInterrupt):
        await send_digest(
            engine, config(), s, WEEK, now=AFTER_SLOT, mailer=Dies(), facts=fake_facts
        )
    [row] = digest_rows(engine)
    assert row.status == "sending"
    first_id = row.message_id
    # within the lease another instance keeps off
    out = await send_due_digest(engine, config(), s, now=AFTER_SLOT + timedelta(minutes=5))
    assert out is None
    out2 = await send_digest(
        engine, config(), s, WEEK, now=AFTER_SLOT + timedelta(minutes=5), manual=True
    )
    assert out2.status == "busy"
    # after it, the digest goes out once, under the Message-ID first given to it
    out = await send_due_digest(
        engine, config(), s, now=AFTER_SLOT + deliver.LEASE, facts=fake_facts
    )
    assert out is not None and out.status == "sent"
    [got] = smtp_server.handler.messages
    assert got.message["Message-ID"].strip() == first_id


async def test_no_smtp_host_is_shown_in_status_not_crashed(engine: Engine) -> None:
    out = await send_due_digest(engine, config(), Settings(smtp_host=None), now=AFTER_SLOT)
    assert out is not None and out.status == "skipped"
    state = email_state(engine)
    assert state is not None and state.status == "broken"
    assert "SMTP_HOST" in (state.broken_reason or "")
    assert digest_rows(engine) == []


def test_hostile_statement_fixture_really_has_a_line_break() -> None:
    assert "\r\nBcc:" in HOSTILE_STATEMENT
