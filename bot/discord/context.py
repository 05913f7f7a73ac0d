"""The production CommandContext: the store, the checker, the top loader, the feed validator."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from bot.config import Settings
from bot.discord.feedcheck import default_feed_validator
from bot.discord.leaderboard import default_top_loader
from bot.discord.replies import CommandContext
from bot.discord.verify import default_checker
from bot.sources import SourcesFile


def make_context(engine: Engine, config: SourcesFile, settings: Settings) -> CommandContext:
    return CommandContext(
        engine=engine,
        feeds=config.feeds,
        checker=default_checker(engine, config.settings.staleness_days),
        top_loader=default_top_loader(engine),
        validate_feed=default_feed_validator(config, settings),
        staleness_days=config.settings.staleness_days,
    )
