"""`claimwatch destinations list|reset NAME` and `claimwatch sources reset NAME`.

Registered in bot/cli/app.py; the work is bot/repair.py's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

_SourcesOpt = Annotated[
    Path | None,
    typer.Option(
        "--sources",
        help="The sources file (default: $CLAIMWATCH_SOURCES or ./sources.yaml).",
        show_default=False,
    ),
]
_JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
_Name = Annotated[str, typer.Argument(help="The name, as sources.yaml gives it.")]


def destinations_list(sources: _SourcesOpt = None, as_json: _JsonOpt = False) -> None:
    """Each alert destination (and the digest's mail route): state, reason, waiting alerts."""
    from bot.cli.common import open_store, print_json, sources_file
    from bot.repair import destination_rows

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


def destinations_reset(name: _Name) -> None:
    """Mark a destination usable again (after fixing it); its waiting alerts go at the next pass."""
    from bot.cli.common import open_store
    from bot.repair import reset_destination

    waiting = reset_destination(open_store(), name)
    typer.echo(f"{name}: reset; {waiting} pending alert(s) go out at the next pass")


def sources_reset(name: _Name) -> None:
    """Clear a source's failures, backoff and disabled state; it is polled at the next pass."""
    from bot.cli.common import open_store
    from bot.repair import reset_source

    reset_source(open_store(), name)
    typer.echo(f"{name}: reset; polled at the next pass")
