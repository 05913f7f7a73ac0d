"""A feed added with /sources add is polled by the service, not only listed."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.discord.admin import sources_add_command, sources_remove_command
from bot.discord.replies import CommandContext, FeedCheck, Invoker
from bot.pipeline import run_pass
from store.models import Article, Source
from tests.service.service_support import (
    HANDWRITTEN,
    FeedServer,
    load_config,
    read_data,
    runtime,
    sources_yaml,
)

pytestmark = pytest.mark.slow  # whole services, servers that time out: README, "Development"

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
ADMIN = Invoker(user_id=2, name="admin#2", manage_guild=True)


def test_a_feed_added_from_discord_is_polled_and_a_removed_one_is_not(
    seeded: Engine, feeds: FeedServer, tmp_path: Path
) -> None:
    url = feeds.add("/feeds/added.xml", read_data(HANDWRITTEN))
    config = load_config(sources_yaml({}))  # sources.yaml lists no feed at all
    rt = runtime(seeded, config, owner="only", clock=lambda: T0)

    async def valid(_url: str) -> FeedCheck:
        return FeedCheck(ok=True, title="wire", entries=1)

    ctx = CommandContext(engine=seeded, feeds=config.feeds, validate_feed=valid, now=lambda: T0)
    added = asyncio.run(sources_add_command(ctx, ADMIN, name="added", url=url))
    assert not added.error, added.content

    asyncio.run(run_pass(seeded, rt))
    assert feeds.hits["/feeds/added.xml"] == 1
    with Session(seeded) as session:
        source = session.exec(select(Source).where(col(Source.name) == "added")).one()
        stored = session.exec(select(Article).where(col(Article.source_id) == source.id)).all()
    assert stored, "the added feed's entries were not stored"

    assert not asyncio.run(sources_remove_command(ctx, ADMIN, name="added")).error
    asyncio.run(run_pass(seeded, rt))  # removed: never fetched again
    assert feeds.hits["/feeds/added.xml"] == 1
