"""Claims re-judged when the leaderboard data changes: marks, and one batch at a time.

    new snapshots -> mark_for_recheck -> take_claims (store/leases.py) -> recheck_batch

A batch is one transaction: the new verdicts, what `on_change` adds (the alerts) and
the cleared marks and leases together. A claim the judge cannot handle (a bug, data
from an older version) stays marked and leased, so it is retried after its lease runs
out; raised, it would roll back its whole batch, and every retry would fail the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from store.claims import CLAIM_ADAPTER, ClaimDraft, Judgement
from store.models import Claim
from store.record import VerdictChange, apply_judgement


@dataclass
class Rechecked:
    checked: int = 0
    changed: int = 0  # verdicts that changed (each handed to `on_change`)
    failed: list[tuple[int, Exception]] = field(default_factory=list)  # claim id, cause


def mark_for_recheck(engine: Engine, now: datetime) -> None:
    """New snapshots can change any verdict (a backfilled date, a newer `latest`)."""
    with engine.begin() as conn:
        conn.execute(sa.update(Claim).values(recheck_after=now))


def count_marked(engine: Engine, now: datetime) -> int:
    with Session(engine) as session:
        count = session.exec(
            select(sa.func.count())
            .select_from(Claim)
            .where(col(Claim.recheck_after).is_not(None), col(Claim.recheck_after) <= now)
        ).one()
    return int(count)


def recheck_batch(
    engine: Engine,
    ids: Sequence[int],
    *,
    owner: str,
    judge: Callable[[ClaimDraft], Judgement],
    now: datetime,
    on_change: Callable[[Session, VerdictChange], None],
) -> Rechecked:
    """Re-judge the leased claims `ids` (those `owner` still holds) in one transaction."""
    out = Rechecked()
    with Session(engine) as session, session.begin():
        for claim in session.exec(select(Claim).where(col(Claim.id).in_(list(ids)))):
            if claim.lease_owner != owner or claim.id is None:
                continue
            try:
                judgement = judge(CLAIM_ADAPTER.validate_python(claim.data))
            except Exception as exc:  # left marked and leased: see the module docstring
                out.failed.append((claim.id, exc))
                continue
            change = apply_judgement(session, claim, judgement, now=now)
            if change is not None:
                on_change(session, change)
                out.changed += 1
            claim.recheck_after = None
            claim.lease_owner = claim.lease_until = None
            session.add(claim)
            out.checked += 1
    return out
