"""A feed added with /sources add is polled by the service, not only listed."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from typer.testing import CliRunner

from bot.cli.app import app
from bot.discord.admin import sources_add_command, sources_list_command, sources_remove_command
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
    write_config,
)

pytestmark = pytest.mark.slow  # whole services, servers that time out: README, "Development"

pytestmark = pytest.mark.usefixtures("service_env")
T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
ADMIN = Invoker(user_id=2, name="admin#2", manage_guild=True)


def test_a_feed_added_from_discord_is_polled_and_a_removed_one_is_not(
    seeded: Engine, feeds: FeedServer, tmp_path: Path
) -> None:
    url = feeds.add("/feeds/added.xml", read_data(HANDWRITTEN))
    config = load_config(sources_yaml({}))  # sources.yaml lists no feed at all
    rt = runtime(seeded, config, owner="only", clock=lambda: T0)

    async def valid(url: str) -> FeedCheck:
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


def test_claimwatch_run_polls_a_feed_added_with_sources_add(
    seeded_url: str,
    seeded: Engine,
    feeds: FeedServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Through the entry points: `/sources add` stores the feed, `claimwatch run --once`
    fetches it from the loopback server, `sources list` and `/sources list` show it;
    after `/sources remove`, none of them does and `run` never fetches it again."""
    monkeypatch.setenv("CLAIMWATCH_DATABASE_URL", seeded_url)
    url = feeds.add("/feeds/wire.xml", read_data(HANDWRITTEN))
    sources = write_config({"settings": {"allow_private_networks": True}}, tmp_path / "s.yaml")
    config = load_config({"settings": {"allow_private_networks": True}})

    async def valid(url: str) -> FeedCheck:
        return FeedCheck(ok=True, title="wire", entries=1)

    ctx = CommandContext(engine=seeded, feeds=config.feeds, validate_feed=valid, now=lambda: T0)
    assert not asyncio.run(sources_add_command(ctx, ADMIN, name="wire", url=url)).error

    run = CliRunner().invoke(app, ["run", "--once", "--sources", str(sources)])
    assert run.exit_code == 0, run.output
    assert run.stdout.startswith("polled 1 sources")
    assert feeds.hits["/feeds/wire.xml"] == 1
    with Session(seeded) as session:
        source = session.exec(select(Source).where(col(Source.name) == "wire")).one()
        stored = session.exec(select(Article).where(col(Article.source_id) == source.id)).all()
    assert stored and all(a.processed_at is not None for a in stored)

    def cli_names() -> list[str]:
        listed = CliRunner().invoke(app, ["sources", "list", "--json", "--sources", str(sources)])
        assert listed.exit_code == 0, listed.output
        return [f["name"] for f in json.loads(listed.stdout)["feeds"]]

    def slash_listing() -> str:
        reply = asyncio.run(sources_list_command(ctx, ADMIN))
        return reply.embeds[0]["description"] if reply.embeds else reply.content

    assert cli_names() == ["wire"] and "wire" in slash_listing()

    assert not asyncio.run(sources_remove_command(ctx, ADMIN, name="wire")).error
    assert cli_names() == [] and "wire" not in slash_listing()
    again = CliRunner().invoke(app, ["run", "--once", "--sources", str(sources)])
    assert again.exit_code == 0, again.output
    assert again.stdout.startswith("polled 0 sources")
    assert feeds.hits["/feeds/wire.xml"] == 1
