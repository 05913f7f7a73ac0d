"""Source notices: one per disable episode and destination, one recovery after it, none
for a source removed on purpose; reconciled from the sources table, so repeating (or
racing) the reconciliation writes nothing twice."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from alembic import command
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.active_feeds import active_feeds
from bot.alerts.dispatcher import dispatch_pending
from bot.alerts.notices import enqueue_source_notices
from bot.alerts.outbox import enqueue_alerts
from bot.alerts.webhook import WebhookSender
from bot.sources import Destination, destination
from store import db
from store.models import Alert, Claim, Source, Verdict
from store.outbox import DISABLED, RECOVERED
from store.sources import remove_feed
from tests.alerts.alerts_support import T0, FakeDiscord, Seeder, fetch

TEAM = destination(name="team", kind="discord_webhook", webhook_env="HOOK")
OPS = destination(name="ops", kind="terminal")
MUTED = destination(name="muted", kind="terminal", source_notices=False)
HOUR, DAY = timedelta(hours=1), timedelta(days=1)


def _source(
    engine: Engine, name: str, *, disabled_at: datetime | None = None, reason: str | None = None
) -> int:
    with Session(engine) as s:
        row = Source(
            name=name, url=f"https://example.com/{name}.xml", disabled_at=disabled_at,
            disabled_reason=reason,
        )  # fmt: skip
        s.add(row)
        s.commit()
        assert row.id is not None
        return row.id


def _set(engine: Engine, source_id: int, **values: object) -> None:
    with Session(engine) as s:
        row = s.get(Source, source_id)
        assert row is not None
        for k, v in values.items():
            setattr(row, k, v)
        s.add(row)
        s.commit()


POLLED = {"flaky", "healthy", "dead", "dropped"}


def notices(engine: Engine, destinations: list[Destination], polled: set[str] = POLLED) -> int:
    return enqueue_source_notices(engine, destinations, polled=polled, now=T0)


def _notices(engine: Engine) -> list[tuple[str, str, str | None]]:
    with Session(engine) as s:
        notices = select(Alert).where(col(Alert.source_id).is_not(None))
        rows = s.exec(notices.order_by(col(Alert.id)))
        return [(a.kind, a.destination, a.detail) for a in rows]


def test_one_notice_per_episode_and_destination(engine: Engine) -> None:
    reason = "10 consecutive failures, last: HTTP 503"
    sid = _source(engine, "flaky", disabled_at=T0, reason=reason)
    _source(engine, "healthy")
    assert notices(engine, [TEAM, OPS, MUTED]) == 2
    assert notices(engine, [TEAM, OPS, MUTED]) == 0  # nothing twice
    assert _notices(engine) == [(DISABLED, "team", reason), (DISABLED, "ops", reason)]
    # recovered: one recovery per destination that heard of the disable
    _set(engine, sid, disabled_at=None, disabled_reason=None, last_success_at=T0 + HOUR)
    assert notices(engine, [TEAM, OPS, MUTED]) == 2
    assert notices(engine, [TEAM, OPS, MUTED]) == 0
    assert [n[:2] for n in _notices(engine)[2:]] == [(RECOVERED, "team"), (RECOVERED, "ops")]
    # failing again later is a new episode: a new notice, and later a new recovery
    _set(engine, sid, disabled_at=T0 + 3 * DAY, disabled_reason="timeout")
    assert notices(engine, [TEAM]) == 1
    assert _notices(engine)[-1] == (DISABLED, "team", "timeout")
    _set(engine, sid, disabled_at=None, disabled_reason=None, last_success_at=T0 + 4 * DAY)
    assert notices(engine, [TEAM]) == 1
    assert [n[0] for n in _notices(engine)].count(RECOVERED) == 3


def test_a_source_removed_on_purpose_gets_no_notice(engine: Engine) -> None:
    """Added at run time, disabled by failures (told), then removed while disabled: the
    feeds polled no longer include it, so nothing more is told, not even a recovery."""
    sid = _source(engine, "dead", disabled_at=T0, reason="10 consecutive failures")
    _set(engine, sid, added_by="discord:1")

    def polled() -> set[str]:
        return {f.name for f in active_feeds(engine, ()) if f.enabled}

    assert polled() == {"dead"}
    assert notices(engine, [TEAM], polled()) == 1
    assert remove_feed(engine, "dead", removed_by="alice", now=T0 + HOUR)
    _set(engine, sid, last_success_at=T0 + DAY, disabled_at=None, disabled_reason=None)
    assert polled() == set()
    assert notices(engine, [TEAM], polled()) == 0
    assert [n[0] for n in _notices(engine)] == [DISABLED]


def test_recovered_then_disabled_again_is_told_in_that_order(engine: Engine) -> None:
    """Between two passes the feed answered once and then failed again: the old
    episode's recovery is written before the new disable, so the channel ends on the
    truth (the feed is down)."""
    sid = _source(engine, "flaky", disabled_at=T0, reason="503")
    notices(engine, [TEAM])
    _set(engine, sid, last_success_at=T0 + DAY, disabled_at=T0 + 2 * DAY, disabled_reason="504")
    assert notices(engine, [TEAM]) == 2
    assert [(n[0], n[2]) for n in _notices(engine)] == [
        (DISABLED, "503"),
        (RECOVERED, None),
        (DISABLED, "504"),
    ]


def test_a_recovery_goes_only_to_destinations_that_still_want_it(engine: Engine) -> None:
    sid = _source(engine, "flaky", disabled_at=T0, reason="503")
    notices(engine, [TEAM, OPS])
    _set(engine, sid, disabled_at=None, disabled_reason=None, last_success_at=T0 + DAY)
    # OPS was removed from sources.yaml meanwhile: a row for it would never be sent
    assert notices(engine, [TEAM]) == 1
    assert [n[:2] for n in _notices(engine)][-1] == (RECOVERED, "team")


def test_a_source_removed_and_added_again_recovers_only_when_it_answers(engine: Engine) -> None:
    sid = _source(engine, "flaky", disabled_at=T0, reason="503")
    _set(engine, sid, last_success_at=T0 - DAY)  # its last success was before the disable
    notices(engine, [TEAM])
    # /sources remove, then /sources add: the row is enabled again, not yet polled
    _set(engine, sid, disabled_at=None, disabled_reason=None)
    assert notices(engine, [TEAM]) == 0
    _set(engine, sid, last_success_at=T0 + DAY)  # the first poll after re-adding answers
    assert notices(engine, [TEAM]) == 1


def test_a_feed_no_longer_polled_gets_no_notice(engine: Engine) -> None:
    """Dropped from sources.yaml (or `enabled: false`): nothing probes it, so "probed
    daily, resumes on its own" would be false."""
    _source(engine, "old-feed", disabled_at=T0, reason="503")
    assert notices(engine, [TEAM]) == 0  # "old-feed" is not in POLLED
    assert notices(engine, [TEAM], polled=POLLED | {"old-feed"}) == 1


async def test_a_notice_is_sent_once_and_never_pings(
    engine: Engine, discord_server: FakeDiscord
) -> None:
    _source(engine, "flaky", disabled_at=T0, reason="10 consecutive failures, last: @everyone")
    notices(engine, [TEAM])
    sender = {"team": WebhookSender(discord_server.url)}
    report = await dispatch_pending(engine, sender, now=T0, owner="a")
    again = await dispatch_pending(engine, sender, now=T0 + timedelta(hours=1), owner="a")
    assert (report.sent, again.sent) == (1, 0)
    (message,) = discord_server.messages
    assert message["allowed_mentions"] == {"parse": []}
    embed = message["embeds"][0]
    assert embed["title"] == "Feed disabled: flaky"
    assert " · ref " in embed["footer"]["text"]  # how an interrupted send is found again


def test_migration_0003_keeps_claim_alerts_both_ways(engine: Engine, seed: Seeder) -> None:
    """A database at 0002 with alerts in it upgrades and downgrades without losing them
    (on SQLite the alerts table is copied to change the columns' nullability)."""
    claim_id, verdict_id = seed.claim()
    with Session(engine) as s:
        enqueue_alerts(
            s, fetch(s, Claim, claim_id), fetch(s, Verdict, verdict_id), None, [TEAM], now=T0
        )
        s.commit()
    _source(engine, "flaky", disabled_at=T0, reason="503")
    notices(engine, [TEAM])
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
    assert notices(engine, [TEAM]) == 1  # notices work again
