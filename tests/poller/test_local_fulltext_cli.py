"""`path:` sources, full text with trafilatura, and the poll / sources commands."""

from __future__ import annotations

import gzip
import json
import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

import bot.poller
from bot.cli.app import app
from bot.config import Settings
from tests.poller.poller_support import (
    GOOD_ITEMS,
    T0,
    FeedServer,
    Resp,
    article_rows,
    make_config,
    poll,
    rss,
    script,
    source_row,
)

FEEDS = Path(__file__).resolve().parent.parent / "data" / "feeds"


async def test_path_source_reads_gz_and_skips_unchanged(
    engine: Engine, app_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = tmp_path / "deepseek.xml.gz"
    shutil.copy(sorted((FEEDS / "deepseek-news").glob("*.gz"))[0], feed)
    config = make_config({"name": "local", "path": str(feed)})
    report = await poll(engine, config, app_settings)
    assert report.sources[0].status == "ok" and report.sources[0].new == 12
    parsed: list[bytes] = []
    monkeypatch.setattr(bot.poller, "parse_feed", lambda b, **kw: parsed.append(b))
    report = await poll(engine, config, app_settings, now=T0 + timedelta(hours=1))
    assert report.sources[0].status == "unchanged" and parsed == []
    # touched but identical content: the hash says unchanged, still nothing parsed
    os.utime(feed, (1, 1))
    report = await poll(engine, config, app_settings, now=T0 + timedelta(hours=2))
    assert report.sources[0].status == "unchanged" and parsed == []


async def test_missing_file_is_a_stored_failure(
    engine: Engine, app_settings: Settings, tmp_path: Path
) -> None:
    config = make_config({"name": "local", "path": str(tmp_path / "nope.xml")})
    await poll(engine, config, app_settings)
    row = source_row(engine, "local")
    assert row.last_status == "file_error" and "nope.xml" in (row.last_error or "")


ARTICLE = (
    "<html><head><title>Kimi K2</title></head><body><nav>menu</nav><article><h1>Kimi K2</h1>"
    + "".join(
        f"<p>Paragraph {i}: Kimi K2 is the new leading open-weights model on the board, "
        "ahead of DeepSeek-V3 by a clear margin in every category we looked at.</p>"
        for i in range(6)
    )
    + "</article><footer>footer</footer></body></html>"
).encode()


async def test_full_text_extracted_or_summary_kept(
    engine: Engine, server: FeedServer, app_settings: Settings
) -> None:
    items = [
        {"title": "ok", "link": server.url("/a1"), "guid": "1", "description": "short summary"},
        {"title": "broken", "link": server.url("/a2"), "guid": "2", "description": "kept summary"},
    ]
    server.routes["/f"] = script(Resp(200, rss(items)))
    server.routes["/a1"] = script(Resp(200, ARTICLE, {"Content-Type": "text/html"}))
    server.routes["/a2"] = script(Resp(500))
    config = make_config(
        {"name": "f", "url": server.url("/f"), "full_text": True, "baseline": False}
    )
    await poll(engine, config, app_settings)
    rows = {a.title: a for a in article_rows(engine, "f")}
    assert "Paragraph 5: Kimi K2 is the new leading" in (rows["ok"].content or "")
    assert "menu" not in (rows["ok"].content or "")
    assert rows["broken"].content is None and rows["broken"].summary == "kept summary"


def _write_sources(tmp_path: Path, url: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(
        "settings: {allow_private_networks: true}\n"
        f"feeds:\n  - {{name: good, url: '{url}'}}\n"
        "  - {name: local, path: missing.xml}\n"
    )
    return path


def test_cli_poll_and_sources(
    cli_env: str, server: FeedServer, tmp_path: Path, db_url: str
) -> None:
    from store import db

    engine = db.make_engine(db_url)
    db.upgrade(engine)
    server.routes["/good"] = script(Resp(200, rss(GOOD_ITEMS)))
    path = _write_sources(tmp_path, server.url("/good"))
    runner = CliRunner()
    result = runner.invoke(app, ["poll", "--sources", str(path)])
    # exit 1: a source failed (the missing file); its line says why
    assert result.exit_code == 1, result.output
    assert "good" in result.output and "new=3" in result.output
    assert "file_error" in result.output
    assert "polled 2 sources: 1 fetched, 0 unchanged, 1 failed; 3 new articles" in result.output

    result = runner.invoke(app, ["sources", "check", "--sources", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    rows = {r["name"]: r for r in data["feeds"]}
    assert rows["good"]["entries_stored"] == 3 and rows["good"]["problems"] == []
    assert any("no such file" in p for p in rows["local"]["problems"])

    result = runner.invoke(app, ["sources", "list", "--sources", str(path), "--json"])
    listed = {r["name"]: r for r in json.loads(result.stdout)["feeds"]}
    assert listed["good"]["last_status"] == "ok" and listed["good"]["entries_stored"] == 3

    result = runner.invoke(app, ["poll", "--sources", str(path), "--source", "nope"])
    assert result.exit_code == 2 and "no feed named 'nope'" in result.output
    engine.dispose()


def test_cli_sources_check_reports_bad_yaml(cli_env: str, tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text("feeds:\n  - {name: x, url: 'ftp://nope'}\n")
    result = CliRunner().invoke(app, ["sources", "check", "--sources", str(path)])
    assert result.exit_code == 2 and "sources.yaml:2" in result.output


def test_bundled_offline_examples_parse() -> None:
    from bot.feeds.parse import parse_feed
    from bot.sources import load_sources

    root = Path(__file__).resolve().parents[2]
    config = load_sources(root / "examples" / "offline-sources.yaml")
    for feed in config.feeds:
        assert feed.path is not None and feed.path.is_file(), feed.name
        assert parse_feed(gzip.decompress(feed.path.read_bytes())).entries, feed.name
