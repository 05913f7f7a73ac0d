"""Source notices: one per disable episode and destination, one recovery after it, none
for a source removed on purpose; reconciled from the sources table, so repeating (or
racing) the reconciliation writes nothing twice."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from alembic import command
from alerts_support import T0
from sqlmodel import Session, col, select

from bot.alerts.dispatcher import dispatch_pending
from bot.alerts.notices import DISABLED, RECOVERED, enqueue_source_notices
from bot.alerts.outbox import enqueue_alerts
from bot.alerts.webhook import WebhookSender
from bot.commands.admin import REMOVED
from bot.sources import Destination
from store import db
from store.models import Alert, Claim, Source, Verdict

TEAM = Destination(name="team", kind="discord_webhook", webhook_env="HOOK")
OPS = Destination(name="ops", kind="terminal")
MUTED = Destination(name="muted", kind="terminal", source_notices=False)


def _source(engine, name: str, *, disabled_at=None, reason=None) -> int:
    with Session(engine) as s:
        row = Source(
            name=name, url=f"https://example.com/{name}.xml", disabled_at=disabled_at,
            disabled_reason=reason,
        )  # fmt: skip
        s.add(row)
        s.commit()
        assert row.id is not None
        return row.id


def _set(engine, source_id: int, **values: object) -> None:
    with Session(engine) as s:
        row = s.get(Source, source_id)
        assert row is not None
        for k, v in values.items():
            setattr(row, k, v)
        s.add(row)
        s.commit()


def _notices(engine) -> list[tuple[str, str, str | None]]:
    with Session(engine) as s:
        notices = select(Alert).where(col(Alert.source_id).is_not(None))
        rows = s.exec(notices.order_by(col(Alert.id)))
        return [(a.kind, a.destination, a.detail) for a in rows]


def test_one_notice_per_episode_and_destination(engine) -> None:
    reason = "10 consecutive failures, last: HTTP 503"
    sid = _source(engine, "flaky", disabled_at=T0, reason=reason)
    _source(engine, "healthy")
    assert enqueue_source_notices(engine, [TEAM, OPS, MUTED], now=T0) == 2
    assert enqueue_source_notices(engine, [TEAM, OPS, MUTED], now=T0) == 0  # nothing twice
    assert _notices(engine) == [(DISABLED, "team", reason), (DISABLED, "ops", reason)]
    # recovered: one recovery per destination that heard of the disable
    _set(engine, sid, disabled_at=None, disabled_reason=None)
    assert enqueue_source_notices(engine, [TEAM, OPS, MUTED], now=T0) == 2
    assert enqueue_source_notices(engine, [TEAM, OPS, MUTED], now=T0) == 0
    assert [n[:2] for n in _notices(engine)[2:]] == [(RECOVERED, "team"), (RECOVERED, "ops")]
    # failing again later is a new episode: a new notice, and later a new recovery
    _set(engine, sid, disabled_at=T0 + timedelta(days=3), disabled_reason="timeout")
    assert enqueue_source_notices(engine, [TEAM], now=T0) == 1
    assert _notices(engine)[-1] == (DISABLED, "team", "timeout")
    _set(engine, sid, disabled_at=None, disabled_reason=None)
    assert enqueue_source_notices(engine, [TEAM], now=T0) == 1
    assert [n[0] for n in _notices(engine)].count(RECOVERED) == 3


def test_a_source_removed_on_purpose_gets_no_notice(engine) -> None:
    _source(engine, "dropped", disabled_at=T0, reason=f"{REMOVED}alice")
    assert enqueue_source_notices(engine, [TEAM], now=T0) == 0
    # disabled by failures, then removed while disabled: no "recovered" either
    sid = _source(engine, "dead", disabled_at=T0, reason="10 consecutive failures")
    assert enqueue_source_notices(engine, [TEAM], now=T0) == 1
    _set(engine, sid, disabled_reason=f"{REMOVED}alice", disabled_at=T0 + timedelta(hours=1))
    assert enqueue_source_notices(engine, [TEAM], now=T0) == 0
    assert [n[0] for n in _notices(engine)] == [DISABLED]


async def test_a_notice_is_sent_once_and_never_pings(engine, discord_server) -> None:
    _source(engine, "flaky", disabled_at=T0, reason="10 consecutive failures, last: @everyone")
    enqueue_source_notices(engine, [TEAM], now=T0)
    sender = {"team": WebhookSender(discord_server.url)}
    report = await dispatch_pending(engine, sender, now=T0, owner="a")
    again = await dispatch_pending(engine, sender, now=T0 + timedelta(hours=1), owner="a")
    assert (report.sent, again.sent) == (1, 0)
    (message,) = discord_server.messages
    assert message["allowed_mentions"] == {"parse": []}
    embed = message["embeds"][0]
    assert embed["title"] == "Feed disabled: flaky"
    assert " · ref " in embed["footer"]["text"]  # how an interrupted send is found again


def test_migration_0003_keeps_claim_alerts_both_ways(engine, seed) -> None:
    """A database at 0002 with alerts in it upgrades and downgrades without losing them
    (on SQLite the alerts table is copied to change the columns' nullability)."""
    claim_id, verdict_id = seed.claim()
    with Session(engine) as s:
        enqueue_alerts(s, s.get(Claim, claim_id), s.get(Verdict, verdict_id), None, [TEAM], now=T0)
        s.commit()
    _source(engine, "flaky", disabled_at=T0, reason="503")
    enqueue_source_notices(engine, [TEAM], now=T0)
    with engine.begin() as conn:
        command.downgrade(db._alembic_config(conn), "0002")
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT claim_id, verdict_id FROM alerts")).all()
    assert [tuple(r) for r in rows] == [(claim_id, verdict_id)]  # the notice is gone
    db.upgrade(engine)
    assert db.current_revision(engine) == db.head_revision()
    with Session(engine) as s:
        (alert,) = s.exec(select(Alert)).all()
    assert (alert.claim_id, alert.verdict_id, alert.source_id) == (claim_id, verdict_id, None)
    assert enqueue_source_notices(engine, [TEAM], now=T0) == 1  # notices work again
