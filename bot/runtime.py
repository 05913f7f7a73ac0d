"""What a pass needs besides the database: I/O injected, state kept between passes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine

from bot.alerts.senders import Sender
from bot.alerts.service import build_senders
from bot.config import Settings
from bot.extract import make_extractor
from bot.extract.base import Extractor
from bot.instance import instance_name
from bot.refresh import BoardFetch
from bot.repair import reconcile_destinations
from bot.sources import SourcesFile
from store.judging import Judge, load_judge, snapshot_stamp
from store.models import utcnow


@dataclass
class Runtime:
    """What a pass needs besides the database: I/O injected, state kept between passes."""

    config: SourcesFile
    settings: Settings
    extractor: Extractor
    senders: dict[str, Sender]
    owner: str
    clock: Callable[[], datetime] = utcnow
    judge: Judge | None = None
    board_fetch: BoardFetch | None = None  # leaderboard URLs; None: bot/net.py's guarded fetch

    def current_judge(self, engine: Engine) -> Judge:
        """The judge, rebuilt only when the stored snapshots changed."""
        if self.judge is None or self.judge.stamp != snapshot_stamp(engine):
            # Every snapshot at once: a pass judges many claims, and trend claims read a
            # series' whole history, which one query per snapshot made slower.
            self.judge = load_judge(
                engine, staleness_days=self.config.settings.staleness_days, eager=True
            )
        return self.judge


def make_runtime(engine: Engine, config: SourcesFile, settings: Settings) -> Runtime:
    # a destination whose configuration changed since it was marked broken is retried
    reconcile_destinations(engine, config, settings)
    return Runtime(
        config=config,
        settings=settings,
        extractor=make_extractor(settings, engine, "auto"),
        senders=build_senders(config.destinations, settings),
        owner=instance_name(settings.instance_id),
    )
