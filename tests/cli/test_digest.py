"""`claimwatch digest` through the Typer app, in process, against the test database."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from bot.cli.app import app
from bot.digest import deliver
from store import db
from tests.digest.digest_support import WEEK, SmtpServer, fake_facts, seed_all

runner = CliRunner()


@pytest.fixture
def seeded(cli_env: str, monkeypatch: pytest.MonkeyPatch) -> Engine:
    monkeypatch.setattr(deliver, "registry_facts", lambda: fake_facts)
    engine = db.make_engine(cli_env)
    seed_all(engine)
    return engine


def sources_with(tmp_path: Path, recipients: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(f"digest:\n  recipients: {recipients}\n", encoding="utf-8")
    return path


def test_preview_writes_html_and_chart_and_sends_nothing(seeded: Engine, tmp_path: Path) -> None:
    out = tmp_path / "out" / "digest.html"
    result = runner.invoke(app, ["digest", "--week", WEEK, "--preview", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists() and (tmp_path / "out" / "digest-chart.png").exists()
    assert 'src="digest-chart.png"' in out.read_text(encoding="utf-8")
    assert "subject: claimwatch digest 2025-W31: 5 new claims" in result.output


def test_plain_run_prints_the_text_digest(seeded: Engine) -> None:
    result = runner.invoke(app, ["digest", "--week", WEEK])
    assert result.exit_code == 0, result.output
    assert "Kimi K2 is the best open-weights model on LMArena text" in result.output
    assert "LEADERBOARD MOVES" in result.output


@pytest.mark.parametrize("week", ["2025-31", "2021-W53"])
def test_bad_week_is_one_line_error(seeded: Engine, week: str) -> None:
    result = runner.invoke(app, ["digest", "--week", week])
    assert result.exit_code == 2
    assert result.output.startswith("claimwatch: error: ")
    assert "Traceback" not in result.output


def test_send_needs_recipients(seeded: Engine, tmp_path: Path) -> None:
    path = sources_with(tmp_path, "[]")
    result = runner.invoke(app, ["digest", "--week", WEEK, "--send", "--sources", str(path)])
    assert result.exit_code == 2 and "recipients" in result.output


def test_send_goes_once(
    seeded: Engine, tmp_path: Path, smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    smtp_server.start()
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", str(smtp_server.port))
    monkeypatch.setenv("SMTP_SECURITY", "none")
    path = sources_with(tmp_path, "[team@example.com]")
    args = ["digest", "--week", WEEK, "--send", "--sources", str(path)]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "digest 2025-W31: sent" in first.output
    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    assert "already sent" in second.output
    assert [m.rcpt_tos for m in smtp_server.handler.messages] == [["team@example.com"]]


def test_one_shot_send_that_fails_promises_no_retry(
    seeded: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    from bot.digest import deliver

    with socket.socket() as sock:  # a port with nothing listening: connection refused
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setattr(deliver, "IN_CALL_WAITS", (0.0, 0.0))
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", str(port))
    monkeypatch.setenv("SMTP_SECURITY", "none")
    path = sources_with(tmp_path, "[team@example.com]")
    result = runner.invoke(app, ["digest", "--week", WEEK, "--send", "--sources", str(path)])
    assert result.exit_code == 1, result.output
    line = result.output.strip().splitlines()[-1]
    assert line.startswith("digest 2025-W31: not sent (")
    assert "will retry" not in line and "next try" not in line
    assert line.endswith(
        "run `claimwatch digest --send` again, or leave it to a running `claimwatch run`"
    )
