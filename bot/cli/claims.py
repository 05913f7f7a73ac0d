"""`claimwatch claims [search TEXT] [--verdict V] [--since D] [--json]`: /claims from a
shell, in the same words. One claim (`claim ID`, `why ID`) is bot/cli/claim.py, which
loads the cards that this listing does not need. Registered in bot/cli/app.py."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from sqlmodel import Session

from bot.claim_filters import CommandError, parse_since, parse_verdict
from bot.cli.common import open_store, print_json
from store.claims_queries import ClaimPage, ClaimView, claim_view, search_claims
from store.errors import ClaimwatchError
from store.models import utcnow


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

    words = list(words or [])
    if words and words[0].lstrip("#").isdigit():
        number = words[0].lstrip("#")
        raise ClaimwatchError(f"for one claim use `claimwatch claim {number}` (or `why {number}`)")
    if words and words[0] != "search":
        raise ClaimwatchError(f"unknown claims action {words[0]!r}: use `claims search TEXT`")
    query = " ".join(words[1:]) or None
    try:
        label = parse_verdict(verdict)
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
        with Session(engine) as session:
            for row in rows:
                view = claim_view(session, row["id"])
                if view is not None:
                    row.update(claim_details(view))
        print_json({"page": page, "has_more": result.has_more, "claims": rows})
        return
    if not rows:
        typer.echo("no claims found")
        return

    # rich takes some 15 ms to import; `--json` and an empty page do without it
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table("id", "verdict", "statement", "as of", "first seen")
    for r in rows:
        table.add_row(
            str(r["id"]),
            r["verdict"] or "-",
            Text(r["statement"]),  # an article's words: never markup
            r["as_of"],
            r["first_seen_at"][:16],
        )
    Console(width=160).print(table)
    if result.has_more:
        typer.echo(f"more: --page {page + 1}")


def claim_details(view: ClaimView) -> dict[str, Any]:
    """What /claim shows, as JSON: the verdict with its reason, explanation, evidence,
    the names as the text wrote them, and the quotes."""
    current = view.latest_verdict
    judgement = current.judgement if current is not None else {}
    mentions = getattr(view, "mentions", None) or (view.data or {}).get("mentions")
    return {
        "reason": current.reason if current else None,
        "explanation": current.explanation if current else None,
        "snapshot": judgement.get("snapshot"),
        "snapshot_age_days": judgement.get("snapshot_age_days"),
        "evidence": judgement.get("evidence") or [],
        "latest": judgement.get("latest"),
        "mentions": list(mentions) if mentions is not None else None,
        "quotes": [a.quote for a in view.appearances],
        "sources": [{"outlet": a.outlet, "title": a.title, "url": a.url} for a in view.appearances],
    }
