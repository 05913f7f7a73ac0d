"""`claimwatch claim ID` and `claimwatch why ID`: /claim and /why from a shell, the same
cards printed as plain text. Registered in bot/cli/app.py."""

from __future__ import annotations

from typing import Annotated

import typer
from sqlmodel import Session

from bot.claim_filters import CommandError, parse_claim_id
from bot.cli.claims import claim_details
from bot.cli.common import open_store, print_json
from bot.discord.claims import why_card
from bot.render.cards import claim_card, to_text
from store.claims_queries import ClaimView, claim_view
from store.errors import ClaimwatchError


def _load(claim_id: str) -> ClaimView:
    try:
        number = parse_claim_id(claim_id)
    except CommandError as exc:
        raise ClaimwatchError(str(exc)) from None
    engine = open_store()
    with Session(engine) as session:
        view = claim_view(session, number)
    if view is None:
        raise ClaimwatchError(f"there is no claim {number}: find ids with `claimwatch claims`")
    return view


IdArg = Annotated[str, typer.Argument(help="The claim's number, as alerts show it.")]
_JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def claim(claim_id: IdArg, as_json: _JsonOpt = False) -> None:
    """One stored claim in full, as /claim shows it: sources, verdicts, evidence."""

    view = _load(claim_id)
    if as_json:
        summary = {
            "id": view.id,
            "verdict": view.current_verdict,
            "statement": view.statement,
            "type": view.type,
            "board": view.board,
            "as_of": view.as_of.isoformat(),
        }
        print_json(summary | claim_details(view))
        return
    typer.echo(to_text(claim_card(view)), nl=False)


def why(claim_id: IdArg) -> None:
    """How a stored claim's verdict was reached, as /why shows it."""

    typer.echo(to_text(why_card(_load(claim_id))), nl=False)
