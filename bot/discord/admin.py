"""/sources list|add|remove and /status: what claimwatch watches and what is broken.

Adding and removing need "Manage Server". Discord's `default_permissions` hides the
command group from other members, but a server admin can override that in the
server's integration settings, so each handler checks the permission again.
Feeds added here are stored as `sources` rows (sources.yaml stays read-only); a feed
from sources.yaml cannot be removed from Discord, only by editing the file.
"""

from __future__ import annotations

import re

from sqlmodel import Session, col, select

from bot.active_feeds import active_feeds
from bot.claim_filters import CommandError
from bot.discord.replies import (
    CommandContext,
    Invoker,
    Reply,
    friendly,
)
from bot.render.cards import Card, Field, escape, link
from bot.sources import Feed, _http_url
from store.models import Source
from store.sources import add_feed, remove_feed
from store.trouble import Troubles, troubles

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


def _require_manager(invoker: Invoker, action: str) -> None:
    if not invoker.manage_guild:
        raise CommandError(f"{action} needs the Manage Server permission")


def _listing(ctx: CommandContext) -> tuple[tuple[Feed, ...], dict[str, Source]]:
    feeds = active_feeds(ctx.engine, ctx.feeds)
    with Session(ctx.engine) as session:
        rows = session.exec(select(Source).where(col(Source.name).in_([f.name for f in feeds])))
        return feeds, {r.name: r for r in rows}


@friendly
async def sources_list_command(ctx: CommandContext, invoker: Invoker) -> Reply:
    feeds, rows = await ctx.db(_listing, ctx)
    listed = {f.name for f in ctx.feeds}
    lines = []
    for feed in feeds:
        state = rows.get(feed.name)
        if feed.name in listed:
            origin = "sources.yaml"
        else:
            added_by = state.added_by if state is not None else None
            origin = (
                "Discord" if (added_by or "").startswith("discord:") else escape(added_by or "?")
            )
        lines.append(_line(feed.name, feed.location, state, origin, feed.enabled))
    if not lines:
        return Reply(content="No sources yet: add one with /sources add.", ephemeral=True)
    return Reply(
        cards=(Card(title=f"Sources ({len(lines)})", description="\n".join(lines)),),
        ephemeral=True,
    )


def _line(name: str, location: str, state: Source | None, origin: str, enabled: bool) -> str:
    if not enabled:
        status = "disabled in sources.yaml"
    elif state is None:
        status = "never polled"
    elif state.disabled_reason:
        status = f"disabled: {escape(state.disabled_reason)}"
    else:
        status = escape(state.last_status or "never polled")
        if state.consecutive_failures:
            status += f", {state.consecutive_failures} failure(s)"
    shown = link(escape(name), location) if location.startswith("http") else escape(name)
    return f"• {shown} ({origin}): {status}"


@friendly
async def sources_add_command(ctx: CommandContext, invoker: Invoker, name: str, url: str) -> Reply:
    _require_manager(invoker, "/sources add")
    name, url = name.strip(), url.strip()
    if not NAME.match(name):
        raise CommandError(
            f"{name!r} is not a usable name: letters, digits, '.', '_' and '-', at most 100"
        )
    if any(f.name == name for f in ctx.feeds):
        raise CommandError(f"{name!r} is already in sources.yaml")
    try:
        _http_url(url)
    except ValueError:
        raise CommandError(f"{url!r} is not an http(s) URL") from None
    if ctx.validate_feed is None:
        raise CommandError("adding sources is not available (no feed validator installed)")
    check = await ctx.validate_feed(url)
    if not check.ok:
        raise CommandError(f"{url} is not a feed claimwatch can read: {check.error or 'unknown'}")
    if not await ctx.db(add_feed, ctx.engine, name, url, added_by=f"discord:{invoker.user_id}"):
        raise CommandError(f"a source named {name!r} already exists")
    title = f" “{escape(check.title)}”" if check.title else ""
    return Reply(
        content=f"Added {escape(name)}{title}: {check.entries} entries read. "
        "Its current entries are a baseline and will not alert.",
        ephemeral=True,
    )


@friendly
async def sources_remove_command(ctx: CommandContext, invoker: Invoker, name: str) -> Reply:
    _require_manager(invoker, "/sources remove")
    name = name.strip()
    if any(f.name == name for f in ctx.feeds):
        raise CommandError(
            f"{name!r} comes from sources.yaml: remove it there (Discord can only remove "
            "sources added with /sources add)"
        )
    # the row stays (articles point at it); a removed source is never polled again
    if not await ctx.db(remove_feed, ctx.engine, name, removed_by=invoker.name, now=ctx.now()):
        raise CommandError(f"there is no source named {name!r}: see /sources list")
    return Reply(content=f"Removed {escape(name)}; it will not be polled again.", ephemeral=True)


@friendly
async def status_command(ctx: CommandContext, invoker: Invoker) -> Reply:
    found: Troubles = await ctx.db(troubles, ctx.engine)
    if not found:
        return Reply(content="All sources and destinations are fine.")
    groups = (
        ("Sources", [(t.name, t.problem) for t in found.sources]),
        ("Alert destinations", [(t.name, t.problem) for t in found.destinations]),
        ("Alerts", [(t.destination, t.problem) for t in found.alerts]),
        ("Digests", [(t.period, t.problem) for t in found.digests]),
    )
    fields = tuple(
        Field(
            title, "\n".join(f"• **{escape(name)}**: {escape(problem)}" for name, problem in rows)
        )
        for title, rows in groups
        if rows
    )
    return Reply(cards=(Card(title=f"{len(found)} problem(s)", fields=fields),))
