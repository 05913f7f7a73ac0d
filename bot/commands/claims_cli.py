"""`claimwatch claims [search TEXT] [--verdict V] [--since D] [--json]`: the /claims query
from a shell. Registered in bot/cli.py."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from store.errors import ClaimwatchError


def claims(
    words: Annotated[
        list[str] | None,
        typer.Argument(
            help="`search TEXT...` to match words in the claim (all by default).",
            show_default=False,
        ),
    ] = None,
    verdict: Annotated[
        str | None, typer.Option(help="Only claims whose current verdict is this.")
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="First seen on or after: YYYY-MM-DD, or 7d / 24h / 2w.")
    ] = None,
    page: Annotated[int, typer.Option(min=1, help="Page number.")] = 1,
    limit: Annotated[int, typer.Option(min=1, max=500, help="Claims per page.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Recent or matching claims, newest first."""
    # Imported here, not at the top: bot.cli registers this command at start-up.
    from sqlmodel import Session

    from bot.cli import open_store, print_json
    from bot.commands.claims import check_verdict
    from bot.commands.replies import CommandError, parse_since
    from store.claims_queries import ClaimPage, search_claims
    from store.models import utcnow

    words = list(words or [])
    if words and words[0] != "search":
        raise ClaimwatchError(f"unknown claims action {words[0]!r}: use `claims search TEXT`")
    query = " ".join(words[1:]) or None
    try:
        label = check_verdict(verdict)
        when = parse_since(since, now=utcnow())
    except CommandError as exc:
        raise ClaimwatchError(str(exc)) from None
    engine = open_store()
    with Session(engine) as session:
        result: ClaimPage = search_claims(
            session, query, verdict=label, since=when, page=page, page_size=limit
        )
    rows: list[dict[str, Any]] = [
        {
            "id": c.id,
            "verdict": c.current_verdict,
            "statement": c.statement,
            "type": c.type,
            "board": c.board,
            "as_of": c.as_of.isoformat(),
            "first_seen_at": c.first_seen_at.isoformat(),
        }
        for c in result.items
    ]
    if as_json:
        print_json({"page": page, "has_more": result.has_more, "claims": rows})
        return
    if not rows:
        typer.echo("no claims found")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "verdict", "statement", "as of", "first seen")
    for r in rows:
        table.add_row(
            str(r["id"]), r["verdict"] or "-", r["statement"], r["as_of"], r["first_seen_at"][:16]
        )
    Console(width=160).print(table)
    if result.has_more:
        typer.echo(f"more: --page {page + 1}")
