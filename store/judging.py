"""The judge with its inputs loaded: every stored snapshot, the registry, the limits.

Built once and reused for many claims (a pass of the pipeline, `claimwatch check`, a
re-check after new snapshots); `stamp` says which snapshots it saw, so callers can
tell when it must be rebuilt.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.claims import ClaimDraft, Judgement
from store.judge import BoardData, JudgeOptions, judge
from store.leaderboards.load import load_all, load_headers, snapshot_loader
from store.leaderboards.tables import SNAPSHOTS
from store.registry import load_registry
from store.registry.base import RegistryLike


@dataclass(frozen=True)
class Judge:
    data: BoardData
    registry: RegistryLike
    options: JudgeOptions
    stamp: tuple[int, int]  # (count, newest id) of the snapshots it was built from

    def __call__(self, claim: ClaimDraft) -> Judgement:
        return judge(claim, self.data, self.registry, options=self.options)


def snapshot_stamp(engine: Engine) -> tuple[int, int]:
    snapshot_id = SNAPSHOTS.c.id
    with engine.connect() as conn:
        count, newest = conn.execute(
            sa.select(sa.func.count(), sa.func.coalesce(sa.func.max(snapshot_id), 0))
        ).one()
    return int(count or 0), int(newest or 0)


def load_judge(engine: Engine, *, staleness_days: int = 45, eager: bool = False) -> Judge:
    """The judge over every stored snapshot. By default only the snapshot headers are
    read now and each snapshot's entries on first use (most claims touch a few of the
    hundreds stored); `eager` reads them all up front."""
    stamp = snapshot_stamp(engine)
    if eager:
        data = BoardData(load_all(engine))
    else:
        data = BoardData.deferred(load_headers(engine), snapshot_loader(engine))
    return Judge(
        data=data,
        registry=load_registry(),
        options=JudgeOptions(staleness_days=staleness_days),
        stamp=stamp,
    )
