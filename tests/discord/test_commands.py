"""Slash-command handlers over a seeded store, and the real command tree."""

from __future__ import annotations

from datetime import date, timedelta

import discord
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.discord.admin import (
    sources_add_command,
    sources_list_command,
    sources_remove_command,
    status_command,
)
from bot.discord.claims import claim_command, claims_command, why_command
from bot.discord.client import build_tree, reply_kwargs
from bot.discord.leaderboard import leaderboard_command
from bot.discord.replies import (
    CheckedClaim,
    CommandContext,
    FeedCheck,
    Invoker,
    TopRow,
    TopTable,
)
from bot.discord.verify import adapt_check_result, verify_command
from bot.sources import Feed
from store.models import DestinationState, Source
from tests.alerts.alerts_support import T0, Seeder
from tests.discord.discord_support import FakeInteraction, invoke, slash

MEMBER = Invoker(user_id=1, name="member#1", manage_guild=False)
ADMIN = Invoker(user_id=2, name="admin#2", manage_guild=True)


@pytest.fixture
def ctx(engine: Engine) -> CommandContext:
    async def checker(text: str, day: date | None = None) -> list[CheckedClaim]:
        checked_days.append(day)
        return [CheckedClaim("X beats Y", "contradicted", "Y ranks above X.", board="b")]

    checked_days: list[date | None] = []

    async def top_loader(
        board: str,
        day: date,
        open_weights: bool,
        country: str | None,
        limit: int,
        category: str = "full",
        view: str = "raw",
    ) -> TopTable | None:
        if board != "lmarena-text":
            return None
        rows = (TopRow(1, "Gemini-2.5-Pro", 1460, (1455, 1465), 9000, "Google", "US", False),)
        return TopTable(board, date(2025, 8, 4), "arena_score", rows)

    async def validate(url: str) -> FeedCheck:
        if "good" in url:
            return FeedCheck(True, title="Good feed", entries=12)
        return FeedCheck(False, error="not a feed (HTML page)")

    return CommandContext(
        engine=engine,
        feeds=(Feed(name="from-yaml", url="https://yaml.example/feed.xml"),),
        checker=checker,
        top_loader=top_loader,
        validate_feed=validate,
        now=lambda: T0 + timedelta(days=10),
        page_size=2,
        extra={"checked_days": checked_days},
    )


async def test_claims_lists_newest_first_with_pages(ctx: CommandContext, seed: Seeder) -> None:
    a, _ = seed.claim("Qwen2.5-Max ranks #7 on LMArena")
    b, _ = seed.claim("Kimi K2 is the best open model", label="contradicted")
    c, _ = seed.claim("DeepSeek-V3 beats Llama on LMArena")
    first = await claims_command(ctx, MEMBER)
    text = first.embeds[0]["description"]
    assert text.index(f"`{c}`") < text.index(f"`{b}`") and f"`{a}`" not in text
    assert "next: /claims page:2" in first.embeds[0]["footer"]["text"]
    second = await claims_command(ctx, MEMBER, page=2)
    assert f"`{a}`" in second.embeds[0]["description"]
    found = await claims_command(ctx, MEMBER, query="lmarena", verdict="supported")
    assert found.embeds[0]["title"] == "Claims matching “lmarena”, supported"
    contradicted = await claims_command(ctx, MEMBER, verdict="contradicted")
    assert f"`{b}`" in contradicted.embeds[0]["description"]
    none = await claims_command(ctx, MEMBER, query="gemini")
    assert none.content.startswith("No claims found") and none.ephemeral


async def test_claims_bad_input_is_a_clear_message(ctx: CommandContext) -> None:
    bad_date = await claims_command(ctx, MEMBER, since="last tuesday")
    assert bad_date.error and bad_date.ephemeral
    assert bad_date.content == (
        "could not read the date 'last tuesday': use YYYY-MM-DD (e.g. 2025-02-03) "
        "or a duration such as 7d, 24h or 2w"
    )
    bad_verdict = await claims_command(ctx, MEMBER, verdict="true")
    assert bad_verdict.error and bad_verdict.content.startswith("unknown verdict 'true'")
    ok = await claims_command(ctx, MEMBER, since="7d")
    assert not ok.error


async def test_claim_and_why(ctx: CommandContext, seed: Seeder) -> None:
    claim_id, _ = seed.claim(articles=2)
    seed.new_verdict(claim_id, "outdated")
    reply = await claim_command(ctx, MEMBER, claim_id=f"#{claim_id}")
    embed = reply.embeds[0]
    assert embed["title"].startswith("Outdated: ")
    history = next(f for f in embed["fields"] if f["name"] == "Verdicts (2)")
    assert "**Supported**" in history["value"] and "**Outdated**" in history["value"]
    assert sum(f["name"].startswith("outlet-") for f in embed["fields"]) == 2

    why = (await why_command(ctx, MEMBER, claim_id=str(claim_id))).embeds[0]
    names = {f["name"]: f["value"] for f in why["fields"]}
    assert names["Extracted by"] == "rules 1.2"
    assert "“DeepSeek V3” → DeepSeek-V3" in names["Model names"]
    assert "snapshot of 2025-01-29" in names["Snapshot"]
    assert "newest one on or before the claim's date (2025-02-03)" in names["Snapshot"]
    assert "Sentence in outlet-1" in names


async def test_unknown_or_malformed_claim_id(ctx: CommandContext) -> None:
    missing = await claim_command(ctx, MEMBER, claim_id="999")
    assert missing.error and missing.content == "there is no claim 999: find ids with /claims"
    malformed = await why_command(ctx, MEMBER, claim_id="abc")
    assert malformed.error and malformed.content.startswith("'abc' is not a claim id")


async def test_verify_is_ephemeral(ctx: CommandContext) -> None:
    reply = await verify_command(ctx, MEMBER, text="X beats Y on LMArena.")
    assert reply.ephemeral and reply.embeds[0]["title"] == "Contradicted: X beats Y"
    assert reply.content == "1 claim(s) found, checked as of 2025-02-13."
    dated = await verify_command(ctx, MEMBER, text="X beats Y.", date_="2024-08-02")
    assert dated.content == "1 claim(s) found, checked as of 2024-08-02."
    assert ctx.extra["checked_days"] == [date(2025, 2, 13), date(2024, 8, 2)]
    assert (await verify_command(ctx, MEMBER, text="x", date_="last week")).error
    assert (await verify_command(ctx, MEMBER, text="   ")).error
    ctx.checker = None
    assert "not available" in (await verify_command(ctx, MEMBER, text="x")).content


def test_check_json_shape_is_adapted() -> None:
    out = adapt_check_result(
        {
            "claims": [
                {
                    "statement": "A beats B",
                    "verdict": "supported",
                    "quote": "A is ahead of B",
                    "board": "lmarena-text",
                    "as_of": "2025-02-03",
                    "snapshot": "2025-01-29",
                    "snapshot_age_days": 5,
                    "evidence": [{"snapshot": "2025-01-29", "model": "A", "rank": 2}],
                    "explanation": "A ranks 2, B ranks 5.",
                }
            ]
        }
    )
    (claim,) = out
    assert (claim.statement, claim.verdict, claim.board, claim.snapshot, claim.quote) == (
        "A beats B",
        "supported",
        "lmarena-text",
        "2025-01-29",
        "A is ahead of B",
    )
    assert (claim.as_of, claim.snapshot_age_days) == ("2025-02-03", 5)


async def test_leaderboard(ctx: CommandContext) -> None:
    reply = await leaderboard_command(ctx, MEMBER, chart=True)
    embed = reply.embeds[0]
    assert "**Gemini-2.5-Pro** · 1,460 · CI 1,455–1,465 · 9,000 votes" in embed["description"]
    assert reply.file is not None and reply.file.data.startswith(b"\x89PNG")
    assert (await leaderboard_command(ctx, MEMBER, date_="2025-13-45")).error
    # a country by name or code, as the CLI takes it; an unknown one names the valid ones
    unknown = await leaderboard_command(ctx, MEMBER, country="XX")
    assert unknown.error and unknown.ephemeral
    assert (
        unknown.content.startswith("unknown country 'XX': use one of ") and "CN" in unknown.content
    )
    assert not (await leaderboard_command(ctx, MEMBER, country="China")).error
    nothing = await leaderboard_command(ctx, MEMBER, board="nope")
    assert nothing.content.startswith("no nope snapshot on or before")


async def test_sources_need_manage_server(ctx: CommandContext, engine: Engine) -> None:
    refused = await sources_add_command(ctx, MEMBER, name="new", url="https://good.example/rss")
    assert refused.error and refused.content == "/sources add needs the Manage Server permission"
    refused = await sources_remove_command(ctx, MEMBER, name="new")
    assert refused.error and "Manage Server" in refused.content
    with Session(engine) as s:
        assert s.exec(select(Source)).all() == []


async def test_sources_add_validates_then_saves_and_remove(
    ctx: CommandContext, engine: Engine
) -> None:
    bad = await sources_add_command(ctx, ADMIN, name="bad", url="https://bad.example/")
    assert bad.error and "not a feed (HTML page)" in bad.content
    assert (await sources_add_command(ctx, ADMIN, name="x", url="ftp://a")).error
    assert (await sources_add_command(ctx, ADMIN, name="from-yaml", url="https://good.x")).error
    ok = await sources_add_command(ctx, ADMIN, name="good", url="https://good.example/rss")
    assert not ok.error and "12 entries" in ok.content
    listed = (await sources_list_command(ctx, ADMIN)).embeds[0]["description"]
    assert (
        "[from-yaml](https://yaml.example/feed.xml)" in listed
        and "(sources.yaml)" in listed
        and "(Discord)" in listed
    )
    yaml_remove = await sources_remove_command(ctx, ADMIN, name="from-yaml")
    assert yaml_remove.error and "sources.yaml" in yaml_remove.content
    assert not (await sources_remove_command(ctx, ADMIN, name="good")).error
    with Session(engine) as s:
        row = s.exec(select(Source).where(Source.name == "good")).one()
        assert (row.removed_by, row.removed_at) == ("admin#2", ctx.now())
        assert row.disabled_reason is None  # removal is not a failure
    assert "good" not in (await sources_list_command(ctx, ADMIN)).embeds[0]["description"]
    assert (await sources_remove_command(ctx, ADMIN, name="good")).error
    # added again: listed (and polled) again, its row kept
    assert not (
        await sources_add_command(ctx, ADMIN, name="good", url="https://good.example/rss")
    ).error
    assert "good" in (await sources_list_command(ctx, ADMIN)).embeds[0]["description"]
    with Session(engine) as s:
        again = s.exec(select(Source).where(Source.name == "good")).one()
        assert (again.id, again.removed_at, again.removed_by) == (row.id, None, None)


async def test_status_lists_trouble(ctx: CommandContext, engine: Engine) -> None:
    assert (await status_command(ctx, MEMBER)).content == "All sources and destinations are fine."
    with Session(engine) as s:
        s.add(
            Source(
                name="flaky", url="https://f.example", consecutive_failures=3, last_error="timeout"
            )
        )
        s.add(
            DestinationState(
                name="team",
                kind="discord_webhook",
                status="broken",
                broken_reason="HTTP 404: Unknown Webhook",
            )
        )
        s.commit()
    embed = (await status_command(ctx, MEMBER)).embeds[0]
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert "**flaky**: 3 failed polls in a row; last error: timeout" in fields["Sources"]
    assert "HTTP 404: Unknown Webhook" in fields["Alert destinations"]
    # a source removed on purpose is not a problem, whatever its failures
    with Session(engine) as s:
        s.add(Source(name="gone", consecutive_failures=9, removed_at=ctx.now(), removed_by="x"))
        s.commit()
    embed = (await status_command(ctx, MEMBER)).embeds[0]
    assert "gone" not in {f["name"]: f["value"] for f in embed["fields"]}["Sources"]


# --- the discord.py command tree, without a gateway -----------------------------------


def test_command_tree_names_options_and_permissions(ctx: CommandContext) -> None:
    client = discord.Client(intents=discord.Intents.none())
    tree = build_tree(client, ctx)
    payload = {c.name: c.to_dict(tree) for c in tree.get_commands()}
    assert set(payload) == {"claims", "claim", "why", "verify", "leaderboard", "sources", "status"}
    claims_opts = {o["name"]: o for o in payload["claims"]["options"]}
    assert set(claims_opts) == {"query", "verdict", "since", "page"}
    assert not any(o["required"] for o in claims_opts.values())
    assert [c["value"] for c in claims_opts["verdict"]["choices"]][:3] == [
        "supported",
        "contradicted",
        "within_uncertainty",
    ]
    assert [o["name"] for o in payload["claim"]["options"]] == ["id"]
    assert payload["claim"]["options"][0]["required"] is True
    # the same options as `claimwatch leaderboard top`
    assert {o["name"] for o in payload["leaderboard"]["options"]} == {
        "board",
        "category",
        "view",
        "open_weights",
        "country",
        "date",
        "limit",
        "chart",
    }
    lb_opts = {o["name"]: o for o in payload["leaderboard"]["options"]}
    assert lb_opts["board"]["autocomplete"] and lb_opts["country"]["autocomplete"]
    assert lb_opts["category"]["autocomplete"] and payload["claim"]["options"][0]["autocomplete"]
    assert [o["name"] for o in payload["verify"]["options"]] == ["text", "date"]
    sources = payload["sources"]
    assert {o["name"] for o in sources["options"]} == {"list", "add", "remove"}
    manage_guild = discord.Permissions(manage_guild=True).value
    assert int(sources["default_member_permissions"]) == manage_guild == 32
    assert payload["status"]["default_member_permissions"] is None
    assert payload["verify"]["options"][0]["max_length"] == 4000


def test_replies_never_mention_anyone(ctx: CommandContext) -> None:
    from bot.discord.replies import Reply

    kwargs = reply_kwargs(Reply(content="@everyone"))
    mentions = kwargs["allowed_mentions"]
    assert not (mentions.everyone or mentions.users or mentions.roles)


async def test_the_tree_adapts_interactions_to_handlers(ctx: CommandContext) -> None:
    tree = build_tree(discord.Client(intents=discord.Intents.none()), ctx)
    interaction = FakeInteraction(manage_guild=False)
    await invoke(slash(tree, "claim"), interaction, claim_id="abc")
    (sent,) = interaction.response.sent
    assert sent["ephemeral"] is True and sent["content"].startswith("'abc' is not a claim id")
    assert sent["allowed_mentions"].everyone is False
    # a member without Manage Server who reaches /sources add is refused by the handler
    interaction = FakeInteraction(manage_guild=False)
    await invoke(slash(tree, "sources", "add"), interaction, name="n", url="https://good.x/rss")
    assert interaction.response.deferred == {"ephemeral": True, "thinking": True}
    assert "Manage Server" in interaction.followup_sent[0]["content"]
