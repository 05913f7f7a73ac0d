"""The command line, sources.yaml validation, settings and logging."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli.app import app
from bot.config import Settings
from bot.logs import SecretFilter, event
from bot.sources import load_sources, parse_duration, parse_sources
from store.errors import ClaimwatchError

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert re.fullmatch(r"claimwatch \d+\.\d+\.\d+\n", result.output)


def test_init_is_idempotent(cli_env: str) -> None:
    first = runner.invoke(app, ["init"])
    assert first.exit_code == 0, first.output
    second = runner.invoke(app, ["init"])
    assert second.exit_code == 0, second.output
    assert "database ready" in second.output


def test_init_creates_the_default_data_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("CLAIMWATCH_DATABASE_URL", raising=False)
    monkeypatch.setenv("CLAIMWATCH_DATA_DIR", str(tmp_path / "fresh"))
    result = runner.invoke(app, ["init"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "fresh" / "claimwatch.db").is_file()


def test_commands_before_init_say_to_run_init(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CLAIMWATCH_DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    result = runner.invoke(app, ["sources", "list", "--sources", str(ROOT / "sources.yaml")])
    assert result.exit_code == 2
    assert "run `claimwatch init`" in result.output
    assert "Traceback" not in result.output


def test_missing_data_directory_is_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CLAIMWATCH_DATABASE_URL", f"sqlite:///{tmp_path / 'gone' / 'x.db'}")
    result = runner.invoke(app, ["sources", "list", "--sources", str(ROOT / "sources.yaml")])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
    assert "does not exist" in result.output


def test_unreachable_database_is_one_line_and_hides_the_password(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CLAIMWATCH_DATABASE_URL", "postgresql://u:s3cretpw@127.0.0.1:1/db")
    result = runner.invoke(app, ["init"])
    assert result.exit_code == 2
    assert "cannot connect to database" in result.output
    assert "s3cretpw" not in result.output


def test_malformed_sources_file_is_one_line_with_its_line_number(
    cli_env: str, tmp_path: Path
) -> None:
    bad = tmp_path / "sources.yaml"
    bad.write_text(
        "feeds:\n  - name: ok\n    url: https://example.com/feed\n"
        "  - name: broken\n    url: gopher://example.com\n"
    )
    runner.invoke(app, ["init"])
    result = runner.invoke(app, ["sources", "list", "--sources", str(bad)])
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"claimwatch: error: {bad}:5: feeds[1].url: not an http(s) URL"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("feeds: [\n", "sources.yaml:2: not valid YAML"),
        ("feedz: []\n", "sources.yaml:1: feedz: unknown setting"),
        ("feeds:\n  - name: a\n", "sources.yaml:2: feeds[0]: give exactly one of url or path"),
        (
            "feeds:\n  - {name: a, url: 'https://x.org', interval: soon}\n",
            "sources.yaml:2: feeds[0].interval: not a duration",
        ),
        (
            "destinations:\n  - {name: d, kind: discord_webhook}\n",
            "sources.yaml:2: destinations[0]: a discord_webhook destination needs webhook_env",
        ),
        (
            "feeds:\n  - {name: a, url: 'https://x.org'}\n  - {name: a, path: f.xml}\n",
            "sources.yaml:1: feeds: the name 'a' is used twice",
        ),
        ("digest:\n  recipients: [not-an-address]\n", "sources.yaml:2: digest.recipients"),
        ("- just\n- a list\n", "sources.yaml: the top level must be a mapping"),
    ],
)
def test_sources_errors_name_line_and_path(text: str, expected: str) -> None:
    with pytest.raises(ClaimwatchError) as info:
        parse_sources(text)
    assert str(info.value).startswith(expected), str(info.value)


def test_shipped_sources_files_are_valid() -> None:
    shipped = load_sources(ROOT / "sources.yaml")
    assert 10 <= len(shipped.feeds) <= 20
    assert all(f.url and f.url.startswith("https://") for f in shipped.feeds)
    offline = load_sources(ROOT / "examples" / "offline-sources.yaml")
    assert offline.feeds and all(f.path is not None for f in offline.feeds)


def test_durations() -> None:
    assert parse_duration("15m") == 900
    assert parse_duration("1d") == 86400
    assert parse_duration(90) == 90
    for out_of_range in ("0s", 30, "8d", 10**23):
        with pytest.raises(ValueError):
            parse_duration(out_of_range)


def test_secrets_are_masked_in_settings_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-abcdef123456")
    monkeypatch.setenv("DISCORD_TOKEN", "discord-token-xyz789")
    monkeypatch.setenv("CLAIMWATCH_DATABASE_URL", "postgresql://u:dbpass999@h/db")
    settings = Settings()
    shown = repr(settings) + str(settings.model_dump())
    for secret in ("sk-test-abcdef123456", "discord-token-xyz789", "dbpass999"):
        assert secret not in shown
    assert "dbpass999" not in settings.database_url_masked
    assert set(settings.secret_values()) >= {"sk-test-abcdef123456", "dbpass999"}


def test_secrets_are_masked_in_logs(caplog: pytest.LogCaptureFixture) -> None:
    log = logging.getLogger("claimwatch.test")
    caplog.handler.addFilter(SecretFilter(["https://discord.com/api/webhooks/1/tok3n"]))
    with caplog.at_level(logging.INFO):
        event(log, "alert.failed", url="https://discord.com/api/webhooks/1/tok3n", error="x y")
    # another test's logging setup may already mask the token by its shape (bot.logs):
    # either way the secret is gone and the rest of the line is kept
    message = caplog.records[0].getMessage()
    assert "tok3n" not in message and "***" in message
    assert message.startswith("alert.failed url=") and message.endswith('error="x y"')
