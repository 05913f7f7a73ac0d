"""The discord.py command tree without a gateway: error answers, private mistakes,
autocomplete and /sources list."""

from __future__ import annotations

import logging
from datetime import date, timedelta

import discord
import pytest
from discord import app_commands
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.discord import autocomplete
from bot.discord.admin import sources_list_command
from bot.discord.client import build_tree
from bot.discord.replies import CommandContext, Invoker, TopRow, TopTable
from bot.sources import Feed
from store.models import Source
from tests.alerts.alerts_support import T0, Seeder
from tests.discord.discord_support import FakeInteraction, as_interaction, invoke, slash


@pytest.fixture
def ctx(engine: Engine) -> CommandContext:
    async def top_loader(
        board: str,
        day: date,
        open_weights: bool,
        country: str | None,
        limit: int,
        category: str = "full",
        view: str = "raw",
    ) -> TopTable | None:
        if country == "FR":
            raise RuntimeError("database connection lost")
        rows = (TopRow(1, "Gemini-2.5-Pro", 1460.4, None, None),)
        return TopTable(board, date(2025, 8, 4), "arena_score", rows, category, view)

    return CommandContext(
        engine=engine,
        feeds=(Feed(name="from-yaml", url="https://yaml.example/feed.xml"),),
        top_loader=top_loader,
        now=lambda: T0 + timedelta(days=10),
    )


async def test_an_unexpected_error_in_a_deferred_command_is_answered(
    ctx: CommandContext, caplog: pytest.LogCaptureFixture
) -> None:
    tree = build_tree(discord.Client(intents=discord.Intents.none()), ctx)
    command = slash(tree, "leaderboard")
    interaction = FakeInteraction(command=command)
    with pytest.raises(RuntimeError) as raised:
        await invoke(command, interaction, country="FR")
    # "thinking..." is showing: discord.py hands the error to tree.on_error
    assert interaction.response.deferred == {"ephemeral": False, "thinking": True}
    with caplog.at_level(logging.ERROR):
        await tree.on_error(
            as_interaction(interaction), app_commands.CommandInvokeError(command, raised.value)
        )
    (answer,) = interaction.followup_sent
    assert answer["ephemeral"] is True
    assert answer["content"].startswith("Something went wrong, logged as ")
    ref = answer["content"].removeprefix("Something went wrong, logged as ").rstrip(".")
    logged = [r for r in caplog.records if ref in r.getMessage()]
    assert logged and "database connection lost" in logged[0].getMessage()
    assert logged[0].exc_info is not None  # the traceback is in the log, not in Discord


async def test_a_user_mistake_in_leaderboard_is_private_and_immediate(ctx: CommandContext) -> None:
    tree = build_tree(discord.Client(intents=discord.Intents.none()), ctx)
    command = slash(tree, "leaderboard")
    interaction = FakeInteraction(command=command)
    await invoke(command, interaction, date="tomorrow")
    assert interaction.response.deferred is None  # no public "thinking..." first
    (sent,) = interaction.response.sent
    assert sent["ephemeral"] is True and sent["content"].startswith("could not read the date")
    # a mistake raised inside a handler reaches on_error as the user's words, privately
    interaction = FakeInteraction(command=command)
    from store.errors import ClaimwatchError

    error = app_commands.CommandInvokeError(command, ClaimwatchError("unknown board 'x'"))
    await tree.on_error(as_interaction(interaction), error)
    assert interaction.response.sent == [
        {
            "embeds": [],
            "ephemeral": True,
            "allowed_mentions": interaction.response.sent[0]["allowed_mentions"],
            "content": "unknown board 'x'",
        }
    ]


async def test_leaderboard_passes_category_view_and_limit(ctx: CommandContext) -> None:
    tree = build_tree(discord.Client(intents=discord.Intents.none()), ctx)
    command = slash(tree, "leaderboard")
    interaction = FakeInteraction(command=command)
    await invoke(command, interaction, view="style_control", limit=3)
    (sent,) = interaction.followup_sent
    embed = sent["embeds"][0].to_dict()
    assert embed["title"] == "Top of lmarena-text (style-controlled ratings)"
    # absent CI and votes are left out; the score as the board prints it
    assert embed["description"] == "`  1` **Gemini-2.5-Pro** · 1,460"
    assert embed["footer"]["text"].startswith("snapshot 2025-08-04, ")


async def test_autocomplete_claim_ids_and_countries(ctx: CommandContext, seed: Seeder) -> None:
    first, _ = seed.claim("DeepSeek-V3 ranks above Llama-3.1-405B on LMArena text")
    second, _ = seed.claim("Kimi K2 is the best open model", label="contradicted")
    found = await autocomplete.claim_ids(ctx, "")
    assert [value for _, value in found] == [str(second), str(first)]
    assert found[0][0] == f"{second} · contradicted · Kimi K2 is the best open model"
    assert [v for _, v in await autocomplete.claim_ids(ctx, "kimi")] == [str(second)]
    countries = dict((v, n) for n, v in await autocomplete.countries(ctx, "ch"))
    assert "CN" in countries and "US" not in countries
    assert len(await autocomplete.countries(ctx, "")) <= 25


async def test_sources_list_labels_only_discord_added_feeds(
    ctx: CommandContext, engine: Engine
) -> None:
    with Session(engine) as s:
        s.add(Source(name="from-yaml", url="https://yaml.example/feed.xml"))
        s.add(Source(name="added", url="https://added.example/rss", added_by="discord:9"))
        # a feed since dropped from sources.yaml (or the demo's): not watched, not listed
        s.add(Source(name="old-demo", path="feeds/x.xml"))
        s.commit()
    admin = Invoker(user_id=2, name="admin#2", manage_guild=True)
    listed = (await sources_list_command(ctx, admin)).embeds[0]["description"]
    assert "(sources.yaml)" in listed and "[added](https://added.example/rss) (Discord)" in listed
    assert "old-demo" not in listed
