"""The Discord bot: a sender for `discord_bot` destinations and the slash-command tree.

discord.py runs the gateway and the REST calls. Its HTTP client already honours
Discord's rate limits (per-bucket X-RateLimit headers, 429 retry_after, the global
limit) and retries 5xx a few times; what reaches us is mapped to the dispatcher's
outcomes here. Messages carry a nonce, and discord.py sends `enforce_nonce` with it,
so Discord itself returns the existing message when a send is repeated within a
few minutes of the first. After a crash we first look for the message in the
channel (its footer carries `ref <nonce>`) and only then resend with the same nonce.

The command tree only adapts interactions to the plain handlers in bot/commands.
"""

from __future__ import annotations

import io
import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

import discord
from discord import app_commands

from bot.alerts.discord_payload import discord_content, discord_embeds
from bot.alerts.senders import (
    Delivered,
    Outcome,
    OutgoingMessage,
    RetryLater,
    classify_error,
)
from bot.discord import autocomplete as suggest
from bot.discord.admin import (
    sources_add_command,
    sources_list_command,
    sources_remove_command,
    status_command,
)
from bot.discord.claims import claim_command, claims_command, why_command
from bot.discord.leaderboard import leaderboard_command, validate_top_query
from bot.discord.replies import CommandContext, Invoker, Reply
from bot.discord.verify import verify_command
from bot.logs import event
from store.claims import VERDICTS
from store.errors import ClaimwatchError

log = logging.getLogger(__name__)

HISTORY_SCAN = 50  # recent messages searched for an interrupted send's nonce
UNKNOWN_MESSAGE = 10008


class ChannelAPI(Protocol):
    """The few REST calls the bot sender makes (discord.py in production)."""

    async def post(self, channel_id: int, message: OutgoingMessage, nonce: str) -> str: ...

    async def edit(self, channel_id: int, message_id: str, message: OutgoingMessage) -> str: ...

    async def find(self, channel_id: int, marker: str, limit: int) -> str | None: ...


def _embeds(message: OutgoingMessage) -> list[discord.Embed]:
    return [discord.Embed.from_dict(e) for e in discord_embeds(message)]


class DiscordPyChannels:
    """ChannelAPI over a logged-in discord.py client."""

    def __init__(self, client: discord.Client) -> None:
        self.client = client

    async def _channel(self, channel_id: int) -> Any:
        channel = self.client.get_channel(channel_id)
        return channel or await self.client.fetch_channel(channel_id)

    async def post(self, channel_id: int, message: OutgoingMessage, nonce: str) -> str:
        channel = await self._channel(channel_id)
        sent = await channel.send(
            content=discord_content(message) or None,
            embeds=_embeds(message),
            nonce=nonce,
            allowed_mentions=discord.AllowedMentions.none(),
        )
        return str(sent.id)

    async def edit(self, channel_id: int, message_id: str, message: OutgoingMessage) -> str:
        channel = await self._channel(channel_id)
        partial = channel.get_partial_message(int(message_id))
        await partial.edit(
            content=discord_content(message) or None,
            embeds=_embeds(message),
            allowed_mentions=discord.AllowedMentions.none(),
        )
        return message_id

    async def find(self, channel_id: int, marker: str, limit: int) -> str | None:
        channel = await self._channel(channel_id)
        me = self.client.user
        async for msg in channel.history(limit=limit):
            if me is not None and msg.author.id != me.id:
                continue
            if any(marker in (e.footer.text or "") for e in msg.embeds):
                return str(msg.id)
        return None


def outcome_of(exc: Exception) -> Outcome:
    """A discord.py exception as the dispatcher's outcome."""
    if isinstance(exc, discord.RateLimited):  # longer than discord.py agreed to wait
        return RetryLater(exc.retry_after, f"rate limited for {exc.retry_after:.0f}s")
    if isinstance(exc, discord.HTTPException):
        decided = classify_error(exc.status, exc.code or None, exc.text or str(exc))
        if decided is not None:
            return decided
        return RetryLater(5.0, f"HTTP {exc.status}: {exc.text or exc}")
    # connection reset or timeout: the nonce makes a quick retry safe (enforce_nonce)
    return RetryLater(5.0, f"{type(exc).__name__}: {exc}")


class BotSender:
    kind = "discord_bot"

    def __init__(self, channel_id: int, api: ChannelAPI) -> None:
        self.channel_id = channel_id
        self.api = api

    async def send(self, message: OutgoingMessage, *, nonce: str, replaces: str | None) -> Outcome:
        try:
            if replaces is not None:
                try:
                    # a verdict change edits the original alert: one message per claim
                    return Delivered(await self.api.edit(self.channel_id, replaces, message))
                except discord.NotFound as exc:
                    if exc.code != UNKNOWN_MESSAGE:
                        raise
                    # the original was deleted: post the change as a new message
            return Delivered(await self.api.post(self.channel_id, message, nonce))
        except (discord.DiscordException, OSError, TimeoutError) as exc:
            outcome = outcome_of(exc)
            event(log, "bot.send_failed", channel=self.channel_id, outcome=repr(outcome))
            return outcome

    async def resume(
        self, message: OutgoingMessage, *, nonce: str, replaces: str | None
    ) -> Outcome:
        if replaces is None:
            try:
                found = await self.api.find(self.channel_id, f"ref {nonce}", HISTORY_SCAN)
            except (discord.DiscordException, OSError, TimeoutError) as exc:
                return outcome_of(exc)
            if found is not None:
                return Delivered(found)
        # an edit is idempotent; a post repeats the same nonce (enforce_nonce)
        return await self.send(message, nonce=nonce, replaces=replaces)


# --- slash commands ----------------------------------------------------------------


def invoker_of(interaction: discord.Interaction[Any]) -> Invoker:
    perms = interaction.permissions
    return Invoker(
        user_id=interaction.user.id,
        name=str(interaction.user),
        manage_guild=bool(interaction.guild is not None and perms.manage_guild),
    )


def reply_kwargs(reply: Reply) -> dict[str, Any]:
    kwargs: dict[str, Any] = {
        "embeds": [discord.Embed.from_dict(e) for e in reply.embeds],
        "ephemeral": reply.ephemeral,
        "allowed_mentions": discord.AllowedMentions.none(),
    }
    if reply.content:
        kwargs["content"] = reply.content
    if reply.file is not None:
        kwargs["file"] = discord.File(io.BytesIO(reply.file.data), filename=reply.file.filename)
    return kwargs


async def respond(interaction: discord.Interaction[Any], reply: Reply) -> None:
    kwargs = reply_kwargs(reply)
    if interaction.response.is_done():
        await interaction.followup.send(**kwargs)
    else:
        await interaction.response.send_message(**kwargs)


Handler = Callable[..., Awaitable[Reply]]
Suggest = Callable[..., Awaitable[list[tuple[str, str]]]]


def error_reply(interaction: discord.Interaction[Any], error: Exception) -> Reply:
    """What an interaction that failed is answered: the user's mistake in their words,
    anything else as a short message with an id to find it in the log."""
    original = getattr(error, "original", None) or error
    if isinstance(original, ClaimwatchError):
        return Reply.refuse(str(original))
    if isinstance(error, app_commands.TransformerError | app_commands.CheckFailure):
        return Reply.refuse(str(error))
    ref = uuid.uuid4().hex[:10]
    command = interaction.command.qualified_name if interaction.command else "?"
    log.error(
        "bot.command_failed command=%s ref=%s error=%r",
        command,
        ref,
        original,
        exc_info=(type(original), original, original.__traceback__),
    )
    return Reply.refuse(f"Something went wrong, logged as {ref}.")


async def answer_error(interaction: discord.Interaction[Any], error: Exception) -> None:
    """tree.on_error: every failed interaction gets an answer, never a 15-minute
    "thinking..." (a deferred one is answered by a follow-up)."""
    reply = error_reply(interaction, error)
    try:
        await respond(interaction, reply)
    except discord.DiscordException as exc:  # the interaction expired or was deleted
        event(log, "bot.error_reply_failed", logging.WARNING, error=repr(exc))


def choices(pairs: list[tuple[str, str]]) -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name=name, value=value) for name, value in pairs]


def build_tree(
    client: discord.Client, ctx: CommandContext
) -> app_commands.CommandTree[discord.Client]:
    """The real command tree: names, options and permissions as Discord sees them."""
    tree: app_commands.CommandTree[discord.Client] = app_commands.CommandTree(client)
    tree.on_error = answer_error  # type: ignore[method-assign]
    verdict_choices = [app_commands.Choice(name=v.replace("_", " "), value=v) for v in VERDICTS]

    async def run(
        interaction: discord.Interaction[Any],
        handler: Handler,
        *,
        defer: bool = False,
        ephemeral: bool = False,
        **options: Any,
    ) -> None:
        if defer:  # slow work: Discord wants an answer within 3 seconds
            await interaction.response.defer(ephemeral=ephemeral, thinking=True)
        await respond(interaction, await handler(ctx, invoker_of(interaction), **options))

    @tree.command(name="claims", description="Recent or matching claims, newest first")
    @app_commands.describe(
        query="Words to look for in the claim",
        verdict="Only claims with this verdict",
        since="Only claims first seen since: YYYY-MM-DD, or 7d / 24h / 2w",
        page="Page number (10 claims a page)",
    )
    @app_commands.choices(verdict=verdict_choices)
    async def claims(
        interaction: discord.Interaction[Any],
        query: str | None = None,
        verdict: str | None = None,
        since: str | None = None,
        page: app_commands.Range[int, 1, 10_000] = 1,
    ) -> None:
        await run(interaction, claims_command, query=query, verdict=verdict, since=since, page=page)

    async def claim_choices(
        interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return choices(await suggest.claim_ids(ctx, current))

    async def board_choices(
        interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return choices(await suggest.boards(ctx, current))

    async def category_choices(
        interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        board = getattr(interaction.namespace, "board", None)
        return choices(await suggest.categories(ctx, current, board))

    async def country_choices(
        interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return choices(await suggest.countries(ctx, current))

    @tree.command(name="claim", description="One claim in full: sources, verdicts, evidence")
    @app_commands.describe(claim_id="The claim's number, as shown in alerts")
    @app_commands.rename(claim_id="id")
    @app_commands.autocomplete(claim_id=claim_choices)
    async def claim(interaction: discord.Interaction[Any], claim_id: str) -> None:
        await run(interaction, claim_command, claim_id=claim_id)

    @tree.command(name="why", description="How a claim's verdict was reached")
    @app_commands.describe(claim_id="The claim's number, as shown in alerts")
    @app_commands.rename(claim_id="id")
    @app_commands.autocomplete(claim_id=claim_choices)
    async def why(interaction: discord.Interaction[Any], claim_id: str) -> None:
        await run(interaction, why_command, claim_id=claim_id)

    @tree.command(name="verify", description="Check the ranking claims in a sentence or paragraph")
    @app_commands.describe(
        text="The sentence or paragraph to check",
        date="Check as of this date, YYYY-MM-DD (default today)",
    )
    async def verify(
        interaction: discord.Interaction[Any],
        text: app_commands.Range[str, 1, 4000],
        date: str | None = None,
    ) -> None:
        await run(interaction, verify_command, defer=True, ephemeral=True, text=text, date_=date)

    @tree.command(name="leaderboard", description="The top models on a leaderboard")
    @app_commands.describe(
        board="Board (default lmarena-text)",
        category="Category, e.g. coding (default full)",
        view="raw or style-controlled ratings (default raw)",
        open_weights="Only models with released weights",
        country="Only models from this country, e.g. CN",
        date="As of this date, YYYY-MM-DD (default today)",
        limit="How many models (1-25, default 10)",
        chart="Attach a chart image",
    )
    @app_commands.choices(
        view=[
            app_commands.Choice(name="raw ratings", value="raw"),
            app_commands.Choice(name="style-controlled ratings", value="style_control"),
        ]
    )
    @app_commands.autocomplete(
        board=board_choices, category=category_choices, country=country_choices
    )
    async def leaderboard(
        interaction: discord.Interaction[Any],
        board: str | None = None,
        category: str | None = None,
        view: str | None = None,
        open_weights: bool = False,
        country: str | None = None,
        date: str | None = None,
        limit: app_commands.Range[int, 1, 25] = 10,
        chart: bool = False,
    ) -> None:
        options: dict[str, Any] = {
            "board": board,
            "category": category,
            "view": view,
            "open_weights": open_weights,
            "country": country,
            "date_": date,
            "limit": limit,
        }
        try:  # a mistake is answered at once and privately, before the public "thinking"
            await validate_top_query(ctx, **options)
        except ClaimwatchError as exc:
            await respond(interaction, Reply.refuse(str(exc)))
            return
        await run(interaction, leaderboard_command, defer=True, chart=chart, **options)

    # Discord applies default_permissions to a whole top-level command, so /sources
    # list is also hidden from members without Manage Server; /status is for everyone.
    sources = app_commands.Group(
        name="sources",
        description="The feeds claimwatch watches",
        default_permissions=discord.Permissions(manage_guild=True),
        guild_only=True,
    )

    @sources.command(name="list", description="Every source and its state")
    async def sources_list(interaction: discord.Interaction[Any]) -> None:
        await run(interaction, sources_list_command)

    @sources.command(name="add", description="Watch a new feed (needs Manage Server)")
    @app_commands.describe(name="A short name for the feed", url="The feed's http(s) URL")
    async def sources_add(interaction: discord.Interaction[Any], name: str, url: str) -> None:
        await run(interaction, sources_add_command, defer=True, ephemeral=True, name=name, url=url)

    @sources.command(name="remove", description="Stop watching a feed (needs Manage Server)")
    @app_commands.describe(name="The source's name, as /sources list shows it")
    async def sources_remove(interaction: discord.Interaction[Any], name: str) -> None:
        await run(interaction, sources_remove_command, name=name)

    tree.add_command(sources)

    @tree.command(name="status", description="Sources and alert destinations in trouble")
    async def status(interaction: discord.Interaction[Any]) -> None:
        await run(interaction, status_command)

    return tree


class ClaimwatchBot(discord.Client):
    """The gateway client: slash commands, plus the channel access bot senders use.

    Needs no privileged intent: slash commands arrive as interactions, and a bot
    always sees its own messages' embeds (used to find an interrupted send).
    """

    def __init__(self, ctx: CommandContext, *, sync_guild: int | None = None) -> None:
        intents = discord.Intents.none()
        intents.guilds = True  # channel cache for sending alerts
        super().__init__(intents=intents, allowed_mentions=discord.AllowedMentions.none())
        self.tree = build_tree(self, ctx)
        self.sync_guild = sync_guild

    async def setup_hook(self) -> None:
        if self.sync_guild is not None:
            # a guild sync shows changes at once (handy while developing)
            guild = discord.Object(id=self.sync_guild)
            self.tree.copy_global_to(guild=guild)
            await self.tree.sync(guild=guild)
        else:
            await self.tree.sync()  # global commands can take a while to appear
        event(log, "bot.commands_synced", guild=self.sync_guild)
