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
from datetime import datetime

from sqlalchemy import Engine

from bot.alerts.kinds import Destination
from bot.alerts.messages import to_message
from bot.alerts.senders import OutgoingMessage
from bot.render.cards import Card, Field, escape, one_line
from store.models import Alert, Source, utcnow
from store.outbox import DISABLED, RECOVERED, write_source_notices

_COLOURS = {DISABLED: 0xE74C3C, RECOVERED: 0x2ECC71}


def enqueue_source_notices(
    engine: Engine,
    destinations: Sequence[Destination],
    *,
    polled: Collection[str],
    now: datetime | None = None,
) -> int:
    """Write the outbox rows for every disable and recovery not yet noticed; how many.

    The destinations that take source notices hear of them (store/outbox.py writes
    the rows). Only sources in `polled` (the enabled feeds, sources.yaml's and those
    added with `/sources add`, bot/active_feeds.py) are told about: a feed dropped from
    the file or removed with `/sources remove` is not probed, so the notice's "probed
    daily" would be false, and it would never recover.
    """
    wanted = [d.name for d in destinations if d.source_notices]
    return write_source_notices(engine, wanted, polled=set(polled), now=now or utcnow())


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
