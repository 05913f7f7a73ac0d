"""`claimwatch poll` and `claimwatch sources list|check|reset`: the feeds and their state.

Registered in bot/cli/app.py.
"""

from __future__ import annotations

import asyncio
import ipaddress
from typing import Annotated, Any
from urllib.parse import urlsplit

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from bot.active_feeds import with_active_feeds
from bot.cli.common import JsonOpt, SourcesOpt, open_store, print_json, settings
from bot.cli.sources_yaml import sources_file
from bot.poller import poll_due
from bot.repair import reset_source
from bot.sources import Feed, SourcesFile
from store.errors import ClaimwatchError
from store.queries import destination_states, source_states

sources_app = typer.Typer(help="sources.yaml and each source's state.", add_completion=False)
_Name = Annotated[str, typer.Argument(help="The name, as sources.yaml gives it.")]


def poll_command(
    sources: SourcesOpt = None,
    source: Annotated[
        list[str] | None,
        typer.Option("--source", help="Poll only this source (now, due or not); repeatable."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Poll every enabled source now, due or not.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Poll the due feeds once and store new articles."""

    engine = open_store()
    # the feeds of sources.yaml and those added with /sources add, as the service polls
    config = with_active_feeds(engine, sources_file(sources))
    report = asyncio.run(poll_due(engine, config, settings(), only=source or None, force=force))
    if as_json:
        print_json(
            {
                "sources": [
                    {
                        "name": s.name,
                        "status": s.status,
                        "error": s.error,
                        "warning": s.warning,
                        "entries": s.entries,
                        "new": s.new,
                        "updated": s.updated,
                        "next_poll_at": s.next_poll_at,
                        "events": list(s.events),
                    }
                    for s in report.sources
                ],
                "new_article_ids": report.new_article_ids,
                "updated_article_ids": report.updated_article_ids,
                "summary": report.summary(),
            }
        )
        raise typer.Exit(1 if report.failed else 0)
    for s in report.sources:
        typer.echo(s.line())
    if not report.sources:
        typer.echo("no source is due (use --force or --source NAME to poll now)")
    typer.echo(report.summary())
    # 0 all fine, 1 some sources failed (their lines above say why)
    raise typer.Exit(1 if report.failed else 0)


def static_problems(feed: Feed, config: SourcesFile) -> list[str]:
    """What can be told about a source without the network."""
    problems: list[str] = []
    if feed.path is not None:
        if not feed.path.is_file():
            problems.append(f"no such file: {feed.path}")
    elif feed.url is not None and not config.settings.allow_private_networks:
        host = urlsplit(feed.url).hostname or ""
        try:
            ip = ipaddress.ip_address(host)
        except ValueError:
            ip = None
        if host == "localhost" or (ip is not None and not ip.is_global):
            problems.append(
                f"{host} is a private or loopback address: refused unless "
                "settings.allow_private_networks is true"
            )
    return problems


@sources_app.command("check")
def sources_check(sources: SourcesOpt = None, as_json: JsonOpt = False) -> None:
    """Validate sources.yaml and report each source's state."""

    path = sources or settings().sources_file
    config = sources_file(sources)  # raises with file:line on any problem
    states: dict[str, dict[str, Any]] = {}
    db_note = None
    try:
        engine = open_store()
        states = {r["name"]: r for r in source_states(engine, [f.name for f in config.feeds])}
    except ClaimwatchError as exc:
        db_note = f"state unknown: {exc}"
    rows: list[dict[str, Any]] = []
    for feed in config.feeds:
        state = states.get(feed.name, {})
        problems = static_problems(feed, config)
        if state.get("disabled_reason"):
            problems.append(f"disabled: {state['disabled_reason']}")
        elif state.get("consecutive_failures"):
            problems.append(
                f"{state['consecutive_failures']} consecutive failures: {state.get('last_error')}"
            )
        rows.append(
            {
                "name": feed.name,
                "location": feed.location,
                "enabled": feed.enabled,
                "interval_s": feed.interval,
                "full_text": feed.full_text,
                "baseline": feed.baseline,
                "max_age_days": feed.max_age_days,
                "last_status": state.get("last_status") or "never polled",
                "last_polled_at": state.get("last_polled_at"),
                "next_poll_at": state.get("next_poll_at"),
                "consecutive_failures": state.get("consecutive_failures", 0),
                "entries_stored": state.get("entries_stored", 0),
                "problems": problems,
            }
        )
    if as_json:
        print_json({"file": str(path), "valid": True, "database": db_note, "feeds": rows})
        return
    typer.echo(
        f"{path}: valid: {len(config.feeds)} feeds, {len(config.leaderboards)} leaderboards, "
        f"{len(config.destinations)} destinations"
    )
    if db_note:
        typer.echo(db_note)
    for row in rows:
        status = "ok" if not row["problems"] else "; ".join(row["problems"])
        enabled = "" if row["enabled"] else " (not enabled)"
        typer.echo(
            f"{row['name']:<28} {row['last_status']:<16} entries={row['entries_stored']:<5} "
            f"{status}{enabled}"
        )


@sources_app.command("list")
def sources_list(sources: SourcesOpt = None, as_json: JsonOpt = False) -> None:
    """Each feed (sources.yaml and /sources add) and each alert destination, with its state."""

    engine = open_store()
    config = with_active_feeds(engine, sources_file(sources))
    states = {r["name"]: r for r in source_states(engine, [f.name for f in config.feeds])}
    feeds: list[dict[str, Any]] = [
        {"name": feed.name, "location": feed.location, "enabled": feed.enabled}
        | {k: v for k, v in states.get(feed.name, {}).items() if k != "name"}
        for feed in config.feeds
    ]
    known = destination_states(engine)
    destinations = [
        {"name": d.name, "kind": d.kind}
        | known.get(d.name, {"status": "ok", "broken_reason": None})
        for d in config.destinations
    ]
    if as_json:
        print_json({"feeds": feeds, "destinations": destinations})
        return

    # names, locations and errors come from files and servers: plain text, never markup
    table = Table("name", "location", "status", "failures", "last poll", "next poll", "entries")
    for row in feeds:
        status = row.get("disabled_reason") and f"disabled: {row['disabled_reason']}"
        table.add_row(
            Text(row["name"]),
            Text(row["location"]),
            Text(status or row.get("last_status") or "never polled"),
            str(row.get("consecutive_failures", 0)),
            str(row.get("last_polled_at") or "-"),
            str(row.get("next_poll_at") or "-"),
            str(row.get("entries_stored", 0)),
        )
    console = Console()
    console.print(table)
    dest_table = Table("destination", "kind", "status")
    for d in destinations:
        reason = f": {d['broken_reason']}" if d.get("broken_reason") else ""
        dest_table.add_row(Text(d["name"]), d["kind"], Text(f"{d['status']}{reason}"))
    console.print(dest_table)


@sources_app.command("reset")
def sources_reset(name: _Name) -> None:
    """Clear a source's failures, backoff and disabled state; it is polled at the next pass."""

    reset_source(open_store(), name)
    typer.echo(f"{name}: reset; polled at the next pass")
