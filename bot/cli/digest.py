"""`claimwatch digest [--week YYYY-Www] [--preview FILE.html] [--send]`.

Without --preview or --send it prints the plain-text digest: a dry run that touches
no mail server and writes nothing. --send goes through the same exactly-once path as
the service, so a week already sent is not sent again.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer

from bot.cli import common as cli
from bot.cli.sources_yaml import sources_file
from bot.digest import deliver
from bot.digest.build import build_digest
from bot.digest.deliver import DigestOutcome
from bot.digest.render import render_text
from bot.digest.schedule import current_complete_week, week_monday
from store.errors import ClaimwatchError
from store.models import utcnow


def digest(
    week: Annotated[
        str | None,
        typer.Option(
            "--week",
            help="The ISO week, e.g. 2025-W31 (default: the newest complete week).",
            show_default=False,
        ),
    ] = None,
    preview: Annotated[
        Path | None,
        typer.Option(
            "--preview",
            help="Write the HTML here and the chart beside it (FILE-chart.png); send nothing.",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    send: Annotated[
        bool, typer.Option("--send", help="Send it now to the digest recipients (once per week).")
    ] = False,
    sources: cli.SourcesOpt = None,
) -> None:
    """Build the weekly digest: print it, preview it as HTML, or send it."""

    now = utcnow()
    period = week or current_complete_week(now)
    week_monday(period)  # a bad label is one clear error before anything else
    engine = cli.open_store()
    if preview is not None:
        html, png, rendered = deliver.write_preview(engine, period, preview, now=now)
        typer.echo(f"wrote {html}" + (f" and {png}" if png else " (no chart: see the page)"))
        typer.echo(f"subject: {rendered.subject}")
    if send:
        config = sources_file(sources)
        if not config.digest.recipients:
            raise ClaimwatchError(
                "sources.yaml has no digest recipients: add them under digest: recipients:"
            )

        outcome = asyncio.run(
            deliver.send_digest(engine, config, cli.settings(), period, now=now, manual=True)
        )
        typer.echo(one_shot_summary(outcome))
        if outcome.status in ("failed", "retry"):
            raise typer.Exit(1)
    if preview is None and not send:
        data = build_digest(engine, period, facts=deliver.registry_facts(), now=now)
        typer.echo(render_text(data), nl=False)


def one_shot_summary(outcome: DigestOutcome) -> str:
    """The outcome of a `digest --send`, which tries once and exits: it promises no
    retry of its own (a running `claimwatch run` does retry a transient failure)."""
    if outcome.status != "retry":
        return outcome.summary()
    reason = (outcome.detail or "").split("; next try after", 1)[0] or "a transient error"
    return (
        f"digest {outcome.period}: not sent ({reason}); run `claimwatch digest --send` again, "
        "or leave it to a running `claimwatch run`"
    )
