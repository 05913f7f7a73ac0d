"""Source notices: the team hears when a feed is disabled after repeated failures, and
when it recovers, through the same outbox (and the same exactly-once sending) as claims.

Notices are reconciled from the sources table rather than written by the poll that
changed the state: a crash between the two, or a poll run by `claimwatch poll` (which
sends nothing), cannot lose one. Each episode has its own idempotency key (source id
plus the time it was disabled), so every instance can reconcile at once and a notice
is still written once.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from bot.alerts.kinds import Destination
from bot.alerts.messages import to_message
from bot.alerts.outbox import destination_key
from bot.alerts.senders import OutgoingMessage
from bot.render.cards import Card, Field, escape, one_line
from store.db import insert_or_ignore
from store.models import Alert, Source, utcnow

DISABLED, RECOVERED = "source_disabled", "source_recovered"
_COLOURS = {DISABLED: 0xE74C3C, RECOVERED: 0x2ECC71}


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%S%f")  # fixed width: sorts as time


def _key(source_id: int, disabled_at: datetime, what: str, destination: str) -> str:
    episode = _stamp(disabled_at)
    return f"source:{source_id}:{what}:{episode}:to:{destination_key(destination)}"


def _episode(alert: Alert) -> str:
    """The disable time stamped in a notice's key (source:ID:WHAT:EPISODE:to:...)."""
    return alert.idempotency_key.split(":", 4)[3]


def enqueue_source_notices(
    engine: Engine,
    destinations: Sequence[Destination],
    *,
    polled: Collection[str],
    now: datetime | None = None,
) -> int:
    """Write the outbox rows for every disable and recovery not yet noticed; how many.

    Only sources in `polled` (the enabled feeds, sources.yaml's and those added with
    `/sources add`, bot/active_feeds.py) are told about: a feed dropped from the file or
    removed with `/sources remove` is not probed, so the notice's "probed daily" would
    be false, and it would never recover. A recovery needs a success
    after the disable (a source removed and added again has not recovered yet), and is
    written before any new disable, so the last word on a source is its current state.
    """
    wanted = [d.name for d in destinations if d.source_notices]
    if not wanted:
        return 0
    names = set(polled)
    now = now or utcnow()
    created = 0
    with Session(engine) as session, session.begin():
        # disable notices with no recovery notice yet (the key differs in one word)
        recovery = aliased(Alert)
        open_episodes = session.exec(
            select(Alert, Source)
            .join(Source, col(Source.id) == col(Alert.source_id))
            .where(
                col(Alert.kind) == DISABLED,
                ~sa.exists().where(
                    col(recovery.idempotency_key)
                    == sa.func.replace(col(Alert.idempotency_key), ":disabled:", ":recovered:")
                ),
            )
            .order_by(col(Alert.id))
        ).all()
        for alert, source in open_episodes:
            if alert.destination not in wanted or source.name not in names:
                continue
            answered = source.last_success_at is not None and _stamp(
                source.last_success_at
            ) > _episode(alert)
            if not answered or _still_disabled(source, alert):
                continue
            key = alert.idempotency_key.replace(":disabled:", ":recovered:", 1)
            row = _notice(key, source, alert.destination, RECOVERED, None, now)
            created += insert_or_ignore(session, row, ["idempotency_key"])
        disabled = session.exec(
            select(Source).where(col(Source.disabled_at).is_not(None)).order_by(col(Source.id))
        ).all()
        for source in disabled:
            assert source.id is not None and source.disabled_at is not None
            if source.name not in names:
                continue
            for dest in wanted:
                key = _key(source.id, source.disabled_at, "disabled", dest)
                row = _notice(key, source, dest, DISABLED, source.disabled_reason, now)
                created += insert_or_ignore(session, row, ["idempotency_key"])
    return created


def _still_disabled(source: Source, alert: Alert) -> bool:
    """Whether the episode `alert` announced is still going on."""
    return source.disabled_at is not None and _stamp(source.disabled_at) == _episode(alert)


def _notice(
    key: str, source: Source, destination: str, kind: str, detail: str | None, now: datetime
) -> Alert:
    return Alert(
        idempotency_key=key,
        source_id=source.id,
        destination=destination,
        kind=kind,
        detail=detail,
        status="pending",
        next_attempt_at=now,
    )


def build_source_notice(source: Source, alert: Alert, *, ref: str | None) -> OutgoingMessage:
    """The message for a source notice; the reason is the one stored with the notice."""
    name = escape(one_line(source.name))
    where = escape(source.url or source.path or "")
    fields: list[Field] = []
    if alert.kind == DISABLED:
        title = f"Feed disabled: {name}"
        description = (
            "claimwatch stopped polling this feed after repeated failures; it still "
            "probes it once a day and resumes on its own when it answers again."
        )
        fields.append(Field("Reason", escape(alert.detail or "repeated failures")))
    else:
        title = f"Feed recovered: {name}"
        description = "This feed answers again; claimwatch polls it as usual."
    if where:
        fields.append(Field("Feed", where))
    footer = f"source {name} · /sources list" + (f" · ref {ref}" if ref else "")
    card = Card(
        title=title,
        description=description,
        colour=_COLOURS.get(alert.kind),
        fields=tuple(fields),
        footer=footer,
    )
    return to_message(card)
