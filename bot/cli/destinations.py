"""`claimwatch destinations list|reset NAME`.

Registered in bot/cli/app.py; the work is bot/repair.py's.
"""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli.common import JsonOpt, SourcesOpt, open_store, print_json
from bot.cli.sources_yaml import sources_file
from bot.repair import destination_rows, reset_destination

destinations_app = typer.Typer(help="Alert destinations: state and repair.", add_completion=False)
_Name = Annotated[str, typer.Argument(help="The name, as sources.yaml gives it.")]


@destinations_app.command("list")
def destinations_list(sources: SourcesOpt = None, as_json: JsonOpt = False) -> None:
    """Each alert destination (and the digest's mail route): state, reason, waiting alerts."""

    rows = destination_rows(open_store(), sources_file(sources))
    if as_json:
        print_json({"destinations": rows})
        return
    for r in rows:
        where = "" if r["configured"] else " (not in sources.yaml)"
        reason = f": {r['reason']}" if r["reason"] else ""
        typer.echo(
            f"{r['name']:<20} {r['kind']:<16} {r['status']}{reason}{where}  "
            f"pending={r['pending']} unconfirmed={r['unconfirmed']} failed={r['failed']}"
        )


@destinations_app.command("reset")
def destinations_reset(name: _Name) -> None:
    """Mark a destination usable again (after fixing it); its waiting alerts go at the next pass."""

    waiting = reset_destination(open_store(), name)
    typer.echo(f"{name}: reset; {waiting} pending alert(s) go out at the next pass")
