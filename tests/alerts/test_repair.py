"""Operator repair: a broken webhook recovers when its URL changes (no bot needed), and
`claimwatch destinations list|reset` / `sources reset` put things back in service."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from typer.testing import CliRunner

from bot.alerts.dispatcher import dispatch_pending
from bot.alerts.outbox import enqueue_alerts
from bot.cli.app import app
from bot.config import Settings
from bot.pipeline import make_runtime
from bot.sources import parse_sources
from store.models import Alert, Claim, DestinationState, Source, Verdict
from tests.alerts.alerts_support import T0, FakeDiscord, Scripted, Seeder, fetch

SOURCES = """
destinations:
  - {name: team, kind: discord_webhook, webhook_env: CLAIMWATCH_TEST_HOOK}
"""


def enqueue(engine: Engine, seed: Seeder, n: int) -> None:
    config = parse_sources(SOURCES)
    for _ in range(n):
        claim_id, verdict_id = seed.claim()
        with Session(engine) as s:
            enqueue_alerts(
                s, fetch(s, Claim, claim_id), fetch(s, Verdict, verdict_id), None,
                config.destinations, now=T0,
            )  # fmt: skip
            s.commit()


def statuses(engine: Engine) -> list[str]:
    with Session(engine) as s:
        return [a.status for a in s.exec(select(Alert).order_by(col(Alert.id))).all()]


def state(engine: Engine) -> DestinationState:
    with Session(engine) as s:
        return s.exec(select(DestinationState).where(DestinationState.name == "team")).one()


async def test_a_broken_webhook_recovers_when_its_url_changes(
    engine: Engine, seed: Seeder, discord_server: FakeDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = parse_sources(SOURCES)
    bad_url = discord_server.url.replace("secret-token", "revoked-token")
    monkeypatch.setenv("CLAIMWATCH_TEST_HOOK", bad_url)
    enqueue(engine, seed, 3)
    discord_server.script = [Scripted(401, {"message": "401: Unauthorized", "code": 0})]
    rt = make_runtime(engine, config, Settings())
    report = await dispatch_pending(engine, rt.senders, now=T0)
    assert "team" in report.broken and state(engine).status == "broken"
    assert statuses(engine) == ["pending"] * 3

    # a restart with the same (bad) URL: still broken, no request wasted on it
    rt = make_runtime(engine, config, Settings())
    await dispatch_pending(engine, rt.senders, now=T0 + timedelta(minutes=1))
    assert len(discord_server.requests) == 1 and state(engine).status == "broken"

    # the operator fixes the URL and restarts: no bot, no command, it just works
    monkeypatch.setenv("CLAIMWATCH_TEST_HOOK", discord_server.url)
    rt = make_runtime(engine, config, Settings())
    assert state(engine).status == "ok"
    report = await dispatch_pending(engine, rt.senders, now=T0 + timedelta(minutes=2))
    assert report.sent == 3 and statuses(engine) == ["sent"] * 3
    assert len(discord_server.messages) == 3


def test_cli_lists_and_resets_a_broken_destination(
    cli_env: str, engine: Engine, seed: Seeder, tmp_path: Path
) -> None:
    sources = tmp_path / "sources.yaml"
    sources.write_text(SOURCES)
    enqueue(engine, seed, 2)
    with Session(engine) as s:
        s.add(DestinationState(name="team", kind="discord_webhook", status="broken",
                               broken_reason="HTTP 401: Unauthorized"))  # fmt: skip
        for alert in s.exec(select(Alert)).all():
            alert.next_attempt_at = T0 + timedelta(days=30)
            s.add(alert)
        s.commit()
    runner = CliRunner()
    listed = runner.invoke(app, ["destinations", "list", "--sources", str(sources), "--json"])
    assert listed.exit_code == 0, listed.output
    [row] = json.loads(listed.output)["destinations"]
    assert (row["name"], row["status"], row["pending"]) == ("team", "broken", 2)
    assert "401" in row["reason"]
    text = runner.invoke(app, ["destinations", "list", "--sources", str(sources)])
    assert "team" in text.output and "broken: HTTP 401" in text.output

    reset = runner.invoke(app, ["destinations", "reset", "team"])
    assert reset.exit_code == 0 and "2 pending alert(s)" in reset.output
    assert state(engine).status == "ok" and state(engine).broken_reason is None
    with Session(engine) as s:
        # due again now, not in 30 days
        assert all(a.next_attempt_at is None for a in s.exec(select(Alert)))
    unknown = runner.invoke(app, ["destinations", "reset", "nope"])
    assert unknown.exit_code == 2 and "no destination named 'nope'" in unknown.output


def test_cli_resets_a_disabled_source(cli_env: str, engine: Engine, seed: Seeder) -> None:
    seed.source("flaky")
    with Session(engine) as s:
        row = s.exec(select(Source).where(Source.name == "flaky")).one()
        row.consecutive_failures = 10
        row.disabled_reason = "http_500: HTTP 500 (10 failures in a row)"
        row.disabled_at = T0
        row.next_poll_at = T0 + timedelta(days=1)
        row.last_error = "HTTP 500"
        s.add(row)
        s.commit()
    result = CliRunner().invoke(app, ["sources", "reset", "flaky"])
    assert result.exit_code == 0, result.output
    with Session(engine) as s:
        row = s.exec(select(Source).where(Source.name == "flaky")).one()
    assert (row.consecutive_failures, row.disabled_reason, row.disabled_at) == (0, None, None)
    assert row.next_poll_at is None  # due at the next pass
    missing = CliRunner().invoke(app, ["sources", "reset", "nope"])
    assert missing.exit_code == 2 and "no source named 'nope'" in missing.output
