"""`run --once` and `poll` exit codes and summaries tell the truth about failed sources."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from bot.cli.app import app

runner = CliRunner()


def _sources(tmp_path: Path) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(
        "feeds:\n"
        "  - {name: gone-a, path: missing-a.xml}\n"
        "  - {name: gone-b, path: missing-b.xml}\n"
        "destinations:\n  - {name: terminal, kind: terminal}\n",
        encoding="utf-8",
    )
    return path


def test_run_once_with_every_poll_failed_exits_1_and_says_so(cli_env: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", "--once", "--sources", str(_sources(tmp_path))])
    assert result.exit_code == 1, result.output
    summary = result.stdout.strip().splitlines()[0]
    assert summary.startswith("polled 2 sources (2 failed), 0 new or updated articles")
    assert "failed polls: gone-a (file_error), gone-b (file_error)" in summary


def test_poll_exit_codes(cli_env: str, tmp_path: Path) -> None:
    path = _sources(tmp_path)
    result = runner.invoke(app, ["poll", "--sources", str(path)])
    assert result.exit_code == 1, result.output
    assert "polled 2 sources: 0 fetched, 0 unchanged, 2 failed" in result.output
    # a usage or configuration mistake is 2
    assert runner.invoke(app, ["poll", "--sources", str(tmp_path / "none.yaml")]).exit_code == 2
    assert runner.invoke(app, ["poll", "--bogus"]).exit_code == 2


def test_run_once_all_fine_exits_0(cli_env: str, tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text("feeds: []\ndestinations:\n  - {name: terminal, kind: terminal}\n")
    result = runner.invoke(app, ["run", "--once", "--sources", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("polled 0 sources, 0 new or updated articles")
