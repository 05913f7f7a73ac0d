"""The root command lists every command without importing it, and runs each one."""

from __future__ import annotations

import inspect

import pytest
from typer.testing import CliRunner

from bot.cli import app as cli_app

runner = CliRunner()


def _first_paragraph(text: str) -> str:
    return " ".join(inspect.cleandoc(text).split("\n\n", 1)[0].split())


@pytest.mark.parametrize("name", list(cli_app.COMMANDS))
def test_each_listed_line_is_the_commands_own_help(name: str) -> None:
    command = cli_app.load_command(name)
    assert command.name == name
    own = command.help or ""
    assert own, f"{name} has no help"
    assert cli_app.COMMANDS[name][2] == _first_paragraph(own)


def test_help_lists_every_command() -> None:
    result = runner.invoke(cli_app.app, ["--help"])
    assert result.exit_code == 0, result.output
    for name in cli_app.COMMANDS:
        assert f" {name} " in result.output


def test_an_unknown_command_is_a_usage_error() -> None:
    result = runner.invoke(cli_app.app, ["nope"])
    assert result.exit_code == 2
    assert "No such command" in result.output


def test_a_group_runs_its_subcommands(cli_env: str) -> None:
    result = runner.invoke(cli_app.app, ["destinations", "reset", "nowhere"])
    # a ClaimwatchError from inside a lazily loaded group: one line, exit 2, no traceback
    assert result.exit_code == 2, result.output
    assert result.output.startswith("claimwatch: error: "), result.output
    assert "nowhere" in result.output
