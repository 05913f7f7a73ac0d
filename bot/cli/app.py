"""The `claimwatch` Typer app: the root command, `--version`, and every command by name.

A command's module is imported only when that command runs. The modules import
SQLAlchemy and the rest of the project at their top, and `claimwatch --help` and
`--version` must not pay for that (benchmarks/cli_startup.py): click's documented
"lazily loading subcommands" pattern,
https://click.palletsprojects.com/en/stable/complex/#lazily-loading-subcommands

User mistakes (bad sources.yaml, unreachable database, unknown claim id) raise
`ClaimwatchError` and print one line, `claimwatch: error: ...`, exit 2; no traceback.
"""

from __future__ import annotations

import gc
import importlib
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from bot import __version__
from store.errors import ClaimwatchError

# name: (module under bot.cli, its command or Typer group, the line `--help` lists).
# tests/cli/test_app.py holds each line to the command's own docstring.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "init": (
        "service",
        "init",
        "Create or upgrade the database and load the bundled leaderboard snapshots.",
    ),
    "run": (
        "service",
        "run",
        "The service: poll, extract, check, alert, refresh leaderboards, send digests.",
    ),
    "poll": ("sources", "poll_command", "Poll the due feeds once and store new articles."),
    "check": (
        "check",
        "check",
        "Extract and check the claims in one text (plain or HTML) without storing it.",
    ),
    "claims": ("claims", "claims", "Recent or matching claims, newest first."),
    "claim": (
        "claim",
        "claim",
        "One stored claim in full, as /claim shows it: sources, verdicts, evidence.",
    ),
    "why": ("claim", "why", "How a stored claim's verdict was reached, as /why shows it."),
    "digest": (
        "digest",
        "digest",
        "Build the weekly digest: print it, preview it as HTML, or send it.",
    ),
    "demo": (
        "demo",
        "demo",
        "Run the offline demo in its own database: load the bundled snapshots, poll the "
        "bundled feeds once, print the alerts. The configured database is never touched.",
    ),
    "sources": ("sources", "sources_app", "sources.yaml and each source's state."),
    "leaderboard": (
        "leaderboard",
        "leaderboard_app",
        "Leaderboard snapshots: load them and show a board as of a date.",
    ),
    "destinations": (
        "destinations",
        "destinations_app",
        "Alert destinations: state and repair.",
    ),
}


def load_command(name: str) -> Any:
    """The click command (or group) for `name`, its module imported now."""
    module, attribute, _ = COMMANDS[name]
    target = getattr(importlib.import_module(f"bot.cli.{module}"), attribute)
    if not isinstance(target, typer.Typer):
        single = typer.Typer(add_completion=False)
        single.command(name)(target)
        target = single
    command = typer.main.get_command(target)
    command.name = name
    return command


class RootGroup(TyperGroup):
    """Loads a command's module when it runs; ClaimwatchError becomes one line, exit 2."""

    listing = False  # True while `--help` lists the commands

    # ctx is typer's vendored click Context, which typer does not export as a type
    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in COMMANDS:
            return None
        if self.listing:  # the list shows names and one-line helps: nothing to import
            return TyperCommand(cmd_name, help=COMMANDS[cmd_name][2])
        command = load_command(cmd_name)
        _imports_done()
        return command

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self.listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self.listing = False

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ClaimwatchError as exc:
            typer.echo(f"claimwatch: error: {exc}", err=True)
            ctx.exit(2)


app = typer.Typer(
    cls=RootGroup,
    help="Watch AI news for claims about model rankings and check them against leaderboards.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimwatch {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    pass


# Importing a command (SQLAlchemy, SQLModel, pydantic, the project) makes some 130,000
# objects that live as long as the process and almost no garbage, yet the cyclic
# collector walks them again and again while they are made: an eighth of `claims`' and
# a fifth of `check`'s start-up (benchmarks/cli_startup.py). So `main` turns it off until the
# command's module is loaded, then moves what exists to the permanent generation, which
# later collections skip, and turns it back on for the command itself (the pattern
# https://docs.python.org/3/library/gc.html#gc.freeze describes for forking servers).
_collector_paused = False


def _imports_done() -> None:
    global _collector_paused
    if _collector_paused:
        _collector_paused = False
        gc.freeze()
        gc.enable()


def main() -> None:
    global _collector_paused
    if gc.isenabled():
        gc.disable()
        _collector_paused = True
    try:
        app()
    finally:
        _imports_done()  # `--help`, `--version` and usage errors load no command
