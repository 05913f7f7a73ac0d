"""Issue 8, test 4: a second instance on one SQLite file is refused in one clear line;
`/healthz` and `/metrics` answer while the service runs; a disabled source is reported.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from bot import metrics
from bot.cli.app import app
from bot.config import Settings
from bot.instance import exclusive_on_sqlite
from bot.pipeline import run_pass, serve_async
from store import db
from tests.service.service_support import (
    HANDWRITTEN,
    T0,
    FeedServer,
    Webhook,
    free_port,
    load_config,
    read_data,
    runtime,
    serve_feeds,
    sources_yaml,
)

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("service_env")]


def test_second_sqlite_instance_is_refused_in_one_line(
    cli_env: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = db.make_engine(cli_env)
    sources = tmp_path / "sources.yaml"
    sources.write_text("feeds: []\n")
    with exclusive_on_sqlite(engine):
        result = CliRunner().invoke(app, ["run", "--once", "--sources", str(sources)])
    if engine.dialect.name == "sqlite":
        assert result.exit_code == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("claimwatch: error: another claimwatch run (")
        assert "SQLite supports one instance" in lines[0] and "use Postgres" in lines[0]
        # once the first instance is gone, the file is free again
        result = CliRunner().invoke(app, ["run", "--once", "--sources", str(sources)])
    # Postgres takes any number of instances (they share work through leases)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("0 alerts sent")
    engine.dispose()


async def test_healthz_and_metrics_answer_while_serving(
    seeded: Engine, feeds: FeedServer, webhook: Webhook
) -> None:
    port = free_port()
    settings = Settings(metrics_port=port)
    config = load_config(sources_yaml(serve_feeds(feeds)))
    rt = runtime(seeded, config, owner="metrics", clock=lambda: T0)
    stop = asyncio.Event()
    service = asyncio.create_task(
        serve_async(seeded, config, settings, stop=stop, rt=rt, every_s=3600)
    )
    base = f"http://127.0.0.1:{port}"
    passes = metrics.PASSES._value.get()  # counters are per process: compare, not equal
    async with httpx.AsyncClient(timeout=5) as client:
        for _ in range(400):  # the first pass runs meanwhile; wait until it is done
            try:
                text = (await client.get(f"{base}/metrics")).text
            except httpx.ConnectError:  # not listening yet
                text = ""
            if _value(text, "claimwatch_passes_total") > passes:
                break
            await asyncio.sleep(0.05)
        health = await client.get(f"{base}/healthz")
        exposed = (await client.get(f"{base}/metrics")).text
        missing = await client.get(f"{base}/nope")
    stop.set()
    await asyncio.wait_for(service, timeout=10)
    assert health.status_code == 200 and health.text.startswith("ok last_pass_age_s=")
    assert missing.status_code == 404
    assert _value(exposed, 'claimwatch_polls_total{outcome="ok"}') >= 6
    assert _value(exposed, 'claimwatch_stored_claims{verdict="supported"}') >= 2
    assert _value(exposed, 'claimwatch_claims_total{verdict="supported"}') >= 2
    assert _value(exposed, 'claimwatch_alerts_total{outcome="sent"}') >= len(webhook.messages)
    assert 'claimwatch_llm_tokens_total{kind="prompt"}' in exposed
    # the alert latency histogram saw this run's alerts (article stored -> alert sent)
    count = _value(exposed, "claimwatch_alert_latency_seconds_count")
    assert count >= len(webhook.messages) >= 3


def _value(exposed: str, name: str) -> float:
    """One sample's value from the Prometheus text format (0 when absent)."""
    for line in exposed.splitlines():
        if line.startswith(name + " "):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_a_source_disabled_by_failures_is_reported(
    seeded: Engine, feeds: FeedServer, webhook: Webhook
) -> None:
    urls = {"gone": feeds.base + "/feeds/gone.xml"}  # 404 every time
    config = load_config(sources_yaml(urls, interval="1m") | {})
    now = [T0]
    rt = runtime(seeded, config, owner="one", clock=lambda: now[0])
    reports = []
    for _ in range(4):  # max_failures is 3 in these tests' sources.yaml
        reports.append(asyncio.run(run_pass(seeded, rt)))
        now[0] += timedelta(hours=2)
    disabled = [r.disabled for r in reports]
    assert disabled[:2] == [[], []]
    assert len(disabled[2]) == 1 and disabled[2][0].startswith("gone (")
    assert "1 sources disabled: gone (" in reports[2].summary()
    assert disabled[3] == []  # said once, when it happens; not polled any more
    assert reports[3].sources == 0
    # the team hears it once, in the alert channel, without a ping
    (notice,) = _source_notices(webhook)
    assert notice["title"] == "Feed disabled: gone"
    assert notice["fields"]["Reason"].startswith("3 consecutive failures, last: ")
    assert "404" in notice["fields"]["Reason"]
    assert notice["allowed_mentions"] == {"parse": []}
    # the feed comes back; the daily probe finds it, and the team hears that once too
    feeds.add("/feeds/gone.xml", read_data(HANDWRITTEN))
    for _ in range(2):
        now[0] += timedelta(days=1, hours=1)
        asyncio.run(run_pass(seeded, rt))
    titles = [m["title"] for m in _source_notices(webhook)]
    assert titles == ["Feed disabled: gone", "Feed recovered: gone"]


def _source_notices(webhook: Webhook) -> list[dict[str, Any]]:
    return [m for m in webhook.messages if str(m["title"]).startswith("Feed ")]
