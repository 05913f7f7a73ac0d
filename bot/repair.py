"""Operator repair: destinations and sources put back in service (the writes are the
store's: store/destinations.py, store/sources.py).

    claimwatch destinations list            each destination, its state and why
    claimwatch destinations reset NAME      lift a broken mark; its waiting alerts go now
    claimwatch sources reset NAME           clear failures, backoff and a disable

`reconcile_destinations` runs when the service builds its senders: a destination
whose configuration (kind, channel, webhook URL) changed since it was marked broken
gets a fresh chance, so fixing the webhook URL and restarting is enough; a broken
destination whose configuration did not change stays broken (no request wasted on
a known-bad webhook at every restart).
"""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.alerts.destinations import kind_of
from bot.config import Settings
from bot.logs import event
from bot.sources import Destination, SourcesFile
from store import destinations as store_destinations
from store import sources as store_sources
from store.models import FAILED, PENDING, UNCONFIRMED, Alert, DestinationState, Digest, utcnow

log = logging.getLogger(__name__)
DIGEST_ROUTE = "email"  # the DestinationState row of the digest's mail route


def destination_fingerprint(dest: Destination, settings: Settings) -> str:
    """A hash of what makes the destination work (its kind says what: a webhook's URL,
    a bot's channel and token), secrets only ever hashed."""
    target = kind_of(dest).target(dest, settings)
    return hashlib.sha256(f"{dest.kind}\n{target}".encode()).hexdigest()[:32]


def reconcile_destinations(
    engine: Engine, config: SourcesFile, settings: Settings, *, now: datetime | None = None
) -> list[str]:
    """Record each destination's configuration hash; lift broken marks it outdated.
    Returns the names reset."""
    configured = [
        (dest.name, dest.kind, destination_fingerprint(dest, settings))
        for dest in config.destinations
    ]
    reset = store_destinations.record_configurations(engine, configured, now=now or utcnow())
    for name in reset:
        event(log, "destination.reset", destination=name, why="configuration changed")
    return reset


def reset_destination(engine: Engine, name: str, *, now: datetime | None = None) -> int:
    """Mark `name` usable again and make its waiting alerts due; returns how many wait."""
    waiting = store_destinations.reset_destination(engine, name, now=now or utcnow())
    event(log, "destination.reset", destination=name, why="operator", alerts=waiting)
    return waiting


def reset_source(engine: Engine, name: str) -> None:
    """Clear a source's failures, backoff and disabled state; it is polled at the next pass."""
    store_sources.reset_source(engine, name)
    event(log, "source.reset", source=name)


def destination_rows(engine: Engine, config: SourcesFile) -> list[dict[str, Any]]:
    """Every configured destination (and any state left by a removed one), with counts."""
    with Session(engine) as session:
        states = {r.name: r for r in session.exec(select(DestinationState)).all()}
        counts: dict[tuple[str, str], int] = {
            (d, s): int(n)
            for d, s, n in session.exec(
                select(Alert.destination, Alert.status, sa.func.count()).group_by(
                    col(Alert.destination), col(Alert.status)
                )
            ).all()
        }
        digests: dict[str, int] = {
            str(status): int(n)
            for status, n in session.exec(
                select(Digest.status, sa.func.count()).group_by(col(Digest.status))
            ).all()
        }
    names = [d.name for d in config.destinations]
    if config.digest.recipients or digests:
        names.append(DIGEST_ROUTE)
    names += sorted(n for n in states if n not in names)
    configured: dict[str, str] = {d.name: d.kind for d in config.destinations}
    if config.digest.recipients:
        configured[DIGEST_ROUTE] = "email"
    out: list[dict[str, Any]] = []
    for name in names:
        state = states.get(name)
        out.append(
            {
                "name": name,
                "kind": configured.get(name) or (state.kind if state else "?"),
                "configured": name in configured,
                "status": state.status if state else "ok",
                "reason": state.broken_reason if state else None,
                "pending": counts.get((name, PENDING), 0),
                "unconfirmed": counts.get((name, UNCONFIRMED), 0),
                "failed": counts.get((name, FAILED), 0),
            }
        )
        if name == DIGEST_ROUTE:
            # the digest's mail route counts weekly digests, not alerts
            out[-1] |= {
                "pending": digests.get("pending", 0) + digests.get("sending", 0),
                "unconfirmed": digests.get("unconfirmed", 0),
                "failed": digests.get("failed", 0),
            }
    return out
