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

from bot.discord.replies import (
    CommandContext,
    CommandError,
    Invoker,
    Reply,
    friendly,
)
from bot.render.cards import Card, Field, escape, link
from bot.sources import _http_url
from store.claims_queries import Trouble, trouble
from store.models import Source

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
REMOVED = "removed from Discord by "


def _require_manager(invoker: Invoker, action: str) -> None:
    if not invoker.manage_guild:
        raise CommandError(f"{action} needs the Manage Server permission")


def _rows(ctx: CommandContext) -> list[Source]:
    with Session(ctx.engine) as session:
        return list(session.exec(select(Source).order_by(col(Source.name))).all())


@friendly
async def sources_list_command(ctx: CommandContext, invoker: Invoker) -> Reply:
    rows: list[Source] = await ctx.db(_rows, ctx)
    by_name = {r.name: r for r in rows}
    lines = []
    for feed in ctx.feeds:
        state = by_name.pop(feed.name, None)
        lines.append(_line(feed.name, feed.location, state, "sources.yaml", feed.enabled))
    for row in by_name.values():
        if row.disabled_reason and row.disabled_reason.startswith(REMOVED):
            continue
        # only a feed added from Discord says so; a row left by a feed since dropped
        # from sources.yaml (or by the demo) is no longer watched
        if row.added_by is None:
            continue
        origin = "Discord" if row.added_by.startswith("discord:") else escape(row.added_by)
        lines.append(_line(row.name, row.url or row.path or "?", row, origin, True))
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


def _save(ctx: CommandContext, name: str, url: str, invoker: Invoker) -> str:
    with Session(ctx.engine) as session:
        row = session.exec(select(Source).where(col(Source.name) == name)).first()
        if row is not None and not (row.disabled_reason or "").startswith(REMOVED):
            raise CommandError(f"a source named {name!r} already exists")
        if row is None:
            row = Source(name=name, url=url)
        row.url, row.path = url, None
        row.added_by = f"discord:{invoker.user_id}"
        row.disabled_reason, row.disabled_at = None, None
        row.consecutive_failures = 0
        session.add(row)
        session.commit()
        return name


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
    await ctx.db(_save, ctx, name, url, invoker)
    title = f" “{escape(check.title)}”" if check.title else ""
    return Reply(
        content=f"Added {escape(name)}{title}: {check.entries} entries read. "
        "Its current entries are a baseline and will not alert.",
        ephemeral=True,
    )


def _remove(ctx: CommandContext, name: str, invoker: Invoker) -> None:
    with Session(ctx.engine) as session:
        row = session.exec(select(Source).where(col(Source.name) == name)).first()
        if row is None or (row.disabled_reason or "").startswith(REMOVED):
            raise CommandError(f"there is no source named {name!r}: see /sources list")
        # rows stay (articles point at them); a removed source is disabled for good
        row.disabled_reason = f"{REMOVED}{invoker.name}"
        row.disabled_at = ctx.now()
        session.add(row)
        session.commit()


@friendly
async def sources_remove_command(ctx: CommandContext, invoker: Invoker, name: str) -> Reply:
    _require_manager(invoker, "/sources remove")
    name = name.strip()
    if any(f.name == name for f in ctx.feeds):
        raise CommandError(
            f"{name!r} comes from sources.yaml: remove it there (Discord can only remove "
            "sources added with /sources add)"
        )
    await ctx.db(_remove, ctx, name, invoker)
    return Reply(content=f"Removed {escape(name)}; it will not be polled again.", ephemeral=True)


def _trouble(ctx: CommandContext) -> list[Trouble]:
    with Session(ctx.engine) as session:
        return [t for t in trouble(session) if not (t.kind == "source" and REMOVED in t.problem)]


@friendly
async def status_command(ctx: CommandContext, invoker: Invoker) -> Reply:
    items: list[Trouble] = await ctx.db(_trouble, ctx)
    if not items:
        return Reply(content="All sources and destinations are fine.")
    groups: dict[str, list[str]] = {}
    for t in items:
        groups.setdefault(t.kind, []).append(f"• **{escape(t.name)}**: {escape(t.problem)}")
    titles = {"source": "Sources", "destination": "Alert destinations", "alerts": "Alerts"}
    fields = tuple(Field(titles.get(k, k), "\n".join(v)) for k, v in groups.items())
    return Reply(cards=(Card(title=f"{len(items)} problem(s)", fields=fields),))
