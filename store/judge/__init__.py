"""The judge: a typed claim + leaderboard snapshots + the registry -> a Judgement.

Public API (pure, no I/O):

    data = BoardData(snapshots)            # index once: bisect by date, caches per snapshot
    judgement = judge(claim, data, registry, resolver=None, options=JudgeOptions())

`resolver` defaults to `store.resolve.resolve`. See dispatch.py for the pipeline and
one module per claim type for its rules.
"""

from store.judge.common import JudgeOptions
from store.judge.dispatch import DEFAULT_OPTIONS, judge
from store.judge.index import BoardData, ResolutionLike, Resolver, Series, SnapshotIndex

__all__ = [
    "DEFAULT_OPTIONS",
    "BoardData",
    "JudgeOptions",
    "ResolutionLike",
    "Resolver",
    "Series",
    "SnapshotIndex",
    "judge",
]
