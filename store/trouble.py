"""What needs a person's attention: one typed query, read by /status and the digest.

    sources       failing polls or disabled (not those removed on purpose)
    destinations  marked broken (a 404 webhook, a mail server refusing the login)
    alerts        given up on or unconfirmed, counted by destination
    digests       the latest failed or unconfirmed weekly digests

Each item says its problem in one plain sentence (`problem`), so every place that
shows it words it the same way; the renderers only escape and lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from store.models import FAILED, UNCONFIRMED, Alert, DestinationState, Digest, Source


@dataclass(frozen=True, slots=True)
class SourceTrouble:
    name: str
    consecutive_failures: int
    disabled_reason: str | None
    last_error: str | None

    @property
    def problem(self) -> str:
        if self.disabled_reason:
            text = f"disabled ({self.disabled_reason})"
        else:
            n = self.consecutive_failures
            text = f"{n} failed poll{'s' if n != 1 else ''} in a row"
        return f"{text}; last error: {self.last_error}" if self.last_error else text


@dataclass(frozen=True, slots=True)
class DestinationTrouble:
    name: str
    kind: str
    status: str
    reason: str | None

    @property
    def problem(self) -> str:
        return f"{self.status}: {self.reason or 'no reason recorded'}"


@dataclass(frozen=True, slots=True)
class AlertTrouble:
    destination: str
    status: str  # failed or unconfirmed
    count: int

    @property
    def problem(self) -> str:
        return f"{self.count} alert{'s' if self.count != 1 else ''} {self.status}"


@dataclass(frozen=True, slots=True)
class DigestTrouble:
    period: str
    status: str
    error: str | None

    @property
    def problem(self) -> str:
        return f"digest {self.status}" + (f": {self.error}" if self.error else "")


@dataclass(frozen=True, slots=True)
class Troubles:
    sources: tuple[SourceTrouble, ...] = ()
    destinations: tuple[DestinationTrouble, ...] = ()
    alerts: tuple[AlertTrouble, ...] = ()
    digests: tuple[DigestTrouble, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.sources or self.destinations or self.alerts or self.digests)

    def __len__(self) -> int:
        return len(self.sources) + len(self.destinations) + len(self.alerts) + len(self.digests)


def troubles(engine: Engine) -> Troubles:
    """Everything in trouble right now; sources worst first, the rest by name."""
    with Session(engine) as session:
        sources = session.exec(
            select(Source)
            .where(
                col(Source.removed_at).is_(None),
                sa.or_(
                    col(Source.disabled_reason).is_not(None),
                    col(Source.consecutive_failures) > 0,
                ),
            )
            .order_by(col(Source.consecutive_failures).desc(), col(Source.name))
        ).all()
        destinations = session.exec(
            select(DestinationState)
            .where(col(DestinationState.status) != "ok")
            .order_by(col(DestinationState.name))
        ).all()
        stuck = session.exec(
            select(Alert.destination, Alert.status, sa.func.count())
            .where(col(Alert.status).in_((FAILED, UNCONFIRMED)))
            .group_by(col(Alert.destination), col(Alert.status))
            .order_by(col(Alert.destination), col(Alert.status))
        ).all()
        digests = session.exec(
            select(Digest)
            .where(col(Digest.status).in_((FAILED, UNCONFIRMED)))
            .order_by(col(Digest.period).desc())
            .limit(5)
        ).all()
    return Troubles(
        sources=tuple(
            SourceTrouble(s.name, s.consecutive_failures, s.disabled_reason, s.last_error)
            for s in sources
        ),
        destinations=tuple(
            DestinationTrouble(d.name, d.kind, d.status, d.broken_reason) for d in destinations
        ),
        alerts=tuple(AlertTrouble(dest, status, int(n)) for dest, status, n in stuck),
        digests=tuple(DigestTrouble(d.period, d.status, d.last_error) for d in digests),
    )
