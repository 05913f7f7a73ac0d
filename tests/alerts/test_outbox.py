"""The outbox: who is alerted, idempotency, baseline, one alert per claim."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.alerts.outbox import alert_kind, enqueue_alerts
from bot.sources import Destination, destination
from store.db import session_scope
from store.leases import take_alerts
from store.models import Alert, Claim, Verdict
from store.outbox import ClaimAlerts, PlannedAlert, write_many_claim_alerts
from store.record import record_article_claims
from tests.alerts.alerts_support import T0, Seeder, fetch, id_of
from tests.store.store_support import articles, draft, judgement

WEBHOOK = destination(name="team", kind="discord_webhook", webhook_env="HOOK")
QUIET = destination(name="quiet", kind="terminal", verdicts=("contradicted",), on_change=False)


@pytest.mark.parametrize(
    ("dest", "label", "previous", "expected"),
    [
        (WEBHOOK, "supported", None, "new"),
        (WEBHOOK, "contradicted", None, "new"),
        (WEBHOOK, "within_uncertainty", None, "new"),
        (WEBHOOK, "unverifiable", None, None),  # not in the default list
        (WEBHOOK, "not_checkable", None, None),
        (WEBHOOK, "supported", "supported", None),  # no change, no alert
        (WEBHOOK, "outdated", "supported", "change"),  # every change alerts by default
        (WEBHOOK, "unverifiable", "supported", "change"),
        (QUIET, "supported", None, None),
        (QUIET, "contradicted", "supported", "new"),  # first time it is news here
        (QUIET, "supported", "contradicted", None),  # changes not followed
    ],
)
def test_alert_kind(
    dest: Destination, label: str, previous: str | None, expected: str | None
) -> None:
    assert alert_kind(dest, label, previous) == expected


def _alerts(engine: Engine) -> list[Alert]:
    with Session(engine) as s:
        return list(s.exec(select(Alert).order_by(col(Alert.id))).all())


def _enqueue(
    engine: Engine,
    claim_id: int,
    verdict_id: int | None,
    previous_id: int | None = None,
    dests: Sequence[Destination] = (WEBHOOK, QUIET),
    *,
    baseline: bool | None = None,
    now: datetime | None = None,
) -> list[Alert]:
    with Session(engine, expire_on_commit=False) as s:
        claim = fetch(s, Claim, claim_id)
        verdict = fetch(s, Verdict, verdict_id)
        previous = fetch(s, Verdict, previous_id) if previous_id else None
        created = enqueue_alerts(
            s, claim, verdict, previous, list(dests), baseline=baseline, now=now
        )
        s.commit()
        return created


def test_first_verdict_alerts_wanted_destinations_once(engine: Engine, seed: Seeder) -> None:
    claim_id, verdict_id = seed.claim(label="supported")
    created = _enqueue(engine, claim_id, verdict_id)
    assert [(a.destination, a.kind) for a in created] == [("team", "new")]
    # the pipeline retrying the same transaction writes nothing new
    assert _enqueue(engine, claim_id, verdict_id) == []
    rows = _alerts(engine)
    assert len(rows) == 1
    assert rows[0].status == "pending"
    assert rows[0].idempotency_key == f"claim:{claim_id}:verdict:{verdict_id}:supported:to:team"


def test_enqueue_is_in_the_callers_transaction(engine: Engine, seed: Seeder) -> None:
    claim_id, verdict_id = seed.claim()
    with Session(engine) as s:
        enqueue_alerts(s, fetch(s, Claim, claim_id), fetch(s, Verdict, verdict_id), None, [WEBHOOK])
        s.rollback()  # the verdict transaction failed: no alert either
    assert _alerts(engine) == []


def test_baseline_articles_never_alert(engine: Engine, seed: Seeder) -> None:
    claim_id, verdict_id = seed.claim(baseline=True)
    assert _enqueue(engine, claim_id, verdict_id) == []  # worked out from the appearances
    assert _enqueue(engine, claim_id, verdict_id, baseline=True) == []
    assert _alerts(engine) == []


def test_a_claim_in_twenty_articles_is_one_alert(engine: Engine, seed: Seeder) -> None:
    claim_id, verdict_id = seed.claim(articles=20)
    _enqueue(engine, claim_id, verdict_id, dests=[WEBHOOK])
    assert len(_alerts(engine)) == 1


def test_a_verdict_change_is_a_change_alert(engine: Engine, seed: Seeder) -> None:
    claim_id, first = seed.claim(label="supported")
    _enqueue(engine, claim_id, first)
    second = seed.new_verdict(claim_id, "contradicted")
    created = _enqueue(engine, claim_id, second, previous_id=first)
    assert sorted((a.destination, a.kind) for a in created) == [
        ("quiet", "new"),
        ("team", "change"),
    ]


def test_lease_takes_each_due_alert_once(engine: Engine, seed: Seeder) -> None:
    for _ in range(3):
        claim_id, verdict_id = seed.claim()
        _enqueue(engine, claim_id, verdict_id, dests=[WEBHOOK], now=T0)
    a = take_alerts(engine, owner="a", now=T0, limit=2, ttl=timedelta(minutes=5))
    b = take_alerts(engine, owner="b", now=T0, limit=10, ttl=timedelta(minutes=5))
    assert len(a) == 2 and len(b) == 1 and not set(a) & set(b)
    assert take_alerts(engine, owner="c", now=T0, limit=10, ttl=timedelta(minutes=5)) == []
    # an expired lease (its owner died) is due again
    later = take_alerts(
        engine, owner="c", now=T0 + timedelta(minutes=6), limit=10, ttl=timedelta(minutes=5)
    )
    assert sorted(later) == sorted(a + b)


async def test_rows_for_a_destination_without_a_sender_do_not_starve_the_rest(
    engine: Engine, seed: Seeder
) -> None:
    """60 old alerts for a destination removed from sources.yaml wait; the batch of 50
    goes to the one destination that can be sent to."""
    import io

    from bot.alerts.dispatcher import dispatch_pending
    from bot.alerts.terminal import TerminalSender

    gone = destination(name="gone", kind="terminal")
    for _ in range(60):
        claim_id, verdict_id = seed.claim()
        _enqueue(engine, claim_id, verdict_id, dests=[gone], now=T0)
    claim_id, verdict_id = seed.claim(label="contradicted")  # QUIET wants only these
    assert _enqueue(engine, claim_id, verdict_id, dests=[QUIET], now=T0)
    out = io.StringIO()
    report = await dispatch_pending(engine, {"quiet": TerminalSender(out)}, now=T0, owner="a")
    assert report.sent == 1 and out.getvalue().count("-" * 72) == 1
    with Session(engine) as s:
        waiting = s.exec(select(Alert).where(Alert.destination == "gone")).all()
    assert len(waiting) == 60 and {a.status for a in waiting} == {"pending"}
    assert {a.lease_owner for a in waiting} == {None}


def test_racing_instances_enqueue_one_alert(engine: Engine) -> None:
    """Two transactions enqueue the same alert at once: one row, and neither fails."""
    (article_id,) = articles(engine, 1)
    with session_scope(engine) as s:
        (change,) = record_article_claims(s, article_id, [draft()], [judgement()])
    dests = (destination(name="team", kind="terminal"),)
    first = Session(engine)
    claim, verdict = fetch(first, Claim, change.claim.id), fetch(first, Verdict, change.verdict.id)
    try:
        assert len(enqueue_alerts(first, claim, verdict, None, dests, baseline=False)) == 1
    except BaseException:
        first.close()  # else the open transaction blocks the fixture's cleanup
        raise
    second_result: list[object] = []
    errors: list[BaseException] = []

    def second() -> None:  # sees no committed row, so it inserts and meets the first's
        try:
            with Session(engine) as s:
                c, v = fetch(s, Claim, change.claim.id), fetch(s, Verdict, change.verdict.id)
                second_result.extend(enqueue_alerts(s, c, v, None, dests, baseline=False))
                s.commit()
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=second)
    thread.start()
    thread.join(0.5)  # it is now blocked on the first transaction's row (or write lock)
    first.commit()
    first.close()
    thread.join(30)
    assert not thread.is_alive()
    assert errors == []
    assert second_result == []
    with Session(engine) as s:
        assert len(s.exec(select(Alert)).all()) == 1


def test_many_alerts_at_once_leave_written_keys_alone(engine: Engine) -> None:
    """write_many_claim_alerts: one row per key, whether the key is repeated in the call
    or was written before (by enqueue_alerts, or an earlier batch)."""
    (article_id,) = articles(engine, 1)
    with session_scope(engine) as s:
        (change,) = record_article_claims(s, article_id, [draft()], [judgement()])
    claim_id, verdict_id = id_of(change.claim), id_of(change.verdict)
    with session_scope(engine) as s:
        enqueue_alerts(s, fetch(s, Claim, claim_id), fetch(s, Verdict, verdict_id), None, [WEBHOOK])
    planned = [PlannedAlert("team", "new"), PlannedAlert("other", "new")]
    for _ in range(2):
        with session_scope(engine) as s:
            item = ClaimAlerts(claim_id, verdict_id, "supported", planned)
            write_many_claim_alerts(s, [item, item], now=T0)
    assert sorted(a.destination for a in _alerts(engine)) == ["other", "team"]
