"""`claimwatch sources list`: feeds from the file and from Discord, destinations' health."""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa
from typer.testing import CliRunner

from bot.active_feeds import with_active_feeds
from bot.cli.app import app
from bot.sources import parse_sources
from store.db import session_scope
from store.models import DestinationState, Source, utcnow

SOURCES = """
feeds:
  - {name: lab, url: "https://example.com/feed.xml"}
destinations:
  - {name: terminal, kind: terminal}
  - {name: team, kind: discord_webhook, webhook_env: TEAM_WEBHOOK}
"""


def test_feeds_added_from_discord_are_polled_until_removed(engine: sa.Engine) -> None:
    config = parse_sources(SOURCES)
    with session_scope(engine) as s:
        s.add(Source(name="added", url="https://example.org/rss", added_by="discord:42"))
        s.add(
            Source(
                name="gone",
                url="https://example.net/rss",
                added_by="discord:42",
                removed_at=utcnow(),
                removed_by="ann",
            )
        )
        s.add(Source(name="old-yaml-feed", url="https://example.edu/rss"))
    merged = with_active_feeds(engine, config)
    assert [f.name for f in merged.feeds] == ["lab", "added"]
    assert merged.feeds[1].url == "https://example.org/rss" and merged.feeds[1].baseline


def test_sources_list_shows_feeds_and_broken_destinations(cli_env: str, tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(SOURCES)
    runner = CliRunner()
    assert runner.invoke(app, ["init"]).exit_code == 0
    engine = sa.create_engine(cli_env.replace("postgresql://", "postgresql+psycopg://"))
    with session_scope(engine) as s:
        s.add(
            DestinationState(
                name="team",
                kind="discord_webhook",
                status="broken",
                broken_reason="404 Unknown Webhook (10015)",
            )
        )
    engine.dispose()
    result = runner.invoke(app, ["sources", "list", "--sources", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [f["name"] for f in data["feeds"]] == ["lab"]
    assert data["destinations"] == [
        {"name": "terminal", "kind": "terminal", "status": "ok", "broken_reason": None},
        {
            "name": "team",
            "kind": "discord_webhook",
            "status": "broken",
            "broken_reason": "404 Unknown Webhook (10015)",
        },
    ]
    table = runner.invoke(app, ["sources", "list", "--sources", str(path)])
    assert "broken: 404 Unknown Webhook" in table.output
