"""Shutdown within SHUTDOWN_BOUND_S (10 s) whatever downstream does.

`claimwatch run` runs as a real subprocess; in each case one kind of downstream hangs
(a feed that never answers, a leaderboard dripping a byte a second, an LLM server
that never answers, a webhook that never answers, an SMTP server that never greets),
and in the last every one of them hangs at once. SIGTERM arrives while the service
is waiting on it; the process must exit 0 within the bound, with no traceback.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import Session

from bot.pipeline import SHUTDOWN_BOUND_S
from store import db
from store.models import Article, Source, utcnow
from tests.faults.faults_support import HostileHTTP, HungSMTP

pytestmark = pytest.mark.slow
MEASURED: dict[str, float] = {}


@pytest.fixture
def hostile() -> Iterator[HostileHTTP]:
    server = HostileHTTP()
    yield server
    server.close()


@pytest.fixture
def smtp() -> Iterator[HungSMTP]:
    server = HungSMTP()
    yield server
    server.close()


@pytest.fixture
def db_file(sqlite_template: Path, tmp_path: Path) -> str:
    path = tmp_path / "claimwatch.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


def seed_article(url: str) -> None:
    """One article waiting for extraction: ranking language the gate lets through."""
    engine = db.make_engine(url)
    with Session(engine) as s:
        source = Source(name="wire", url="https://example.com/wire.xml")
        s.add(source)
        s.flush()
        assert source.id is not None
        s.add(
            Article(
                source_id=source.id,
                dedupe_key="a1",
                url="https://example.com/a1",
                title="DeepSeek-V3 overtakes Llama-3.1-405B on the LMArena leaderboard",
                content="DeepSeek-V3 now ranks #7 on LMArena, ahead of Llama-3.1-405B.",
                content_hash="0" * 64,
                published_at=utcnow(),
                baseline=False,
            )
        )
        s.commit()
    engine.dispose()


def seed_disabled_feed(url: str) -> None:
    """A feed disabled after failures: the pass owes every destination a notice."""
    engine = db.make_engine(url)
    with Session(engine) as s:
        s.add(
            Source(
                name="dead",
                url="https://example.com/dead.xml",
                consecutive_failures=10,
                disabled_reason="http_500: HTTP 500 (10 failures in a row)",
                disabled_at=utcnow(),
                last_polled_at=utcnow(),
                next_poll_at=utcnow() + timedelta(days=1),
            )
        )
        s.commit()
    engine.dispose()


def run_service(url: str, sources: str, tmp: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    path = tmp / "sources.yaml"
    path.write_text(sources)
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("OPENAI_", "DISCORD_", "SMTP_", "CLAIMWATCH_"))
    }
    environ = clean | {
        "CLAIMWATCH_DATABASE_URL": url,
        "CLAIMWATCH_SOURCES": str(path),
        "CLAIMWATCH_DATA_DIR": str(tmp),
        "CLAIMWATCH_LOG_LEVEL": "INFO",
    }
    return subprocess.Popen(
        [str(Path(sys.executable).with_name("claimwatch")), "run"],
        env=environ | env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def stop_when(
    service: subprocess.Popen[bytes], waiting: Callable[[], bool], what: str
) -> tuple[float, str]:
    deadline = time.monotonic() + 40
    while not waiting():
        if service.poll() is not None or time.monotonic() > deadline:
            service.kill()
            _, err = service.communicate()
            raise AssertionError(f"never waited on {what}:\n{err.decode()[-3000:]}")
        time.sleep(0.05)
    time.sleep(0.5)  # well inside the hung call
    service.send_signal(signal.SIGTERM)
    sent = time.monotonic()
    try:
        _, err = service.communicate(timeout=SHUTDOWN_BOUND_S + 20)
    finally:
        if service.poll() is None:
            service.kill()
    return time.monotonic() - sent, err.decode()


def feeds_yaml(hostile: HostileHTTP, feed: str | None = None, board: str | None = None) -> str:
    text = "settings: {allow_private_networks: true}\n"
    if feed:
        text += f"feeds:\n  - {{name: wire, url: '{hostile.url(feed)}'}}\n"
    if board:
        text += (
            f"leaderboards:\n  - {{name: lb, board: lmarena-text, url: '{hostile.url(board)}',"
            " format: lmarena_csv}\n"
        )
    return text


WEBHOOK = (
    "destinations:\n  - {name: team, kind: discord_webhook, webhook_env: CLAIMWATCH_TEST_HOOK}\n"
)
DIGEST = "digest: {recipients: [team@example.com], weekday: monday, time: '00:00'}\n"


def _check(case: str, elapsed: float, log: str, service: subprocess.Popen[bytes]) -> None:
    MEASURED[case] = round(elapsed, 2)
    print(f"shutdown after SIGTERM, {case} hung: {elapsed:.2f}s")
    assert service.returncode == 0, log[-3000:]
    assert "Traceback" not in log, log[-3000:]
    assert "service.stopped" in log
    assert elapsed < SHUTDOWN_BOUND_S, f"{case}: {elapsed:.1f}s\n{log[-2000:]}"


def test_hung_feed(db_file: str, hostile: HostileHTTP, tmp_path: Path) -> None:
    service = run_service(db_file, feeds_yaml(hostile, feed="/hang/feed"), tmp_path, {})
    elapsed, log = stop_when(service, lambda: "/hang/feed" in hostile.hits, "the feed")
    _check("feed", elapsed, log, service)


def test_dripping_leaderboard(db_file: str, hostile: HostileHTTP, tmp_path: Path) -> None:
    service = run_service(db_file, feeds_yaml(hostile, board="/drip"), tmp_path, {})
    elapsed, log = stop_when(service, lambda: "/drip" in hostile.hits, "the leaderboard")
    _check("leaderboard", elapsed, log, service)


def test_hung_llm(db_file: str, hostile: HostileHTTP, tmp_path: Path) -> None:
    seed_article(db_file)
    env = {"OPENAI_BASE_URL": hostile.url("/hang/v1"), "CLAIMWATCH_LLM_MODEL": "hung-model"}
    service = run_service(db_file, feeds_yaml(hostile), tmp_path, env)
    elapsed, log = stop_when(
        service, lambda: any(h.startswith("/hang/v1/") for h in hostile.hits), "the LLM"
    )
    _check("llm", elapsed, log, service)


def test_hung_webhook(db_file: str, hostile: HostileHTTP, tmp_path: Path) -> None:
    seed_disabled_feed(db_file)
    sources = (
        "settings: {allow_private_networks: true}\n"
        "feeds:\n  - {name: dead, url: 'https://example.com/dead.xml'}\n" + WEBHOOK
    )
    env = {"CLAIMWATCH_TEST_HOOK": hostile.url("/hang/webhook")}
    service = run_service(db_file, sources, tmp_path, env)
    elapsed, log = stop_when(
        service, lambda: any(h.startswith("/hang/webhook") for h in hostile.hits), "the webhook"
    )
    _check("webhook", elapsed, log, service)


def test_hung_smtp(db_file: str, smtp: HungSMTP, tmp_path: Path) -> None:
    env = {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(smtp.port), "SMTP_SECURITY": "none"}
    service = run_service(db_file, DIGEST, tmp_path, env)
    elapsed, log = stop_when(service, lambda: bool(smtp.conns), "the SMTP server")
    _check("smtp", elapsed, log, service)


def test_everything_hung_at_once(
    db_file: str, hostile: HostileHTTP, smtp: HungSMTP, tmp_path: Path
) -> None:
    seed_article(db_file)
    seed_disabled_feed(db_file)
    sources = (
        feeds_yaml(hostile, board="/drip")
        + f"feeds:\n  - {{name: wire, url: '{hostile.url('/hang/feed')}'}}\n"
        "  - {name: dead, url: 'https://example.com/dead.xml'}\n" + WEBHOOK + DIGEST
    )
    env = {
        "CLAIMWATCH_TEST_HOOK": hostile.url("/hang/webhook"),
        "OPENAI_BASE_URL": hostile.url("/hang/v1"),
        "CLAIMWATCH_LLM_MODEL": "hung-model",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp.port),
        "SMTP_SECURITY": "none",
    }
    service = run_service(db_file, sources, tmp_path, env)
    elapsed, log = stop_when(service, lambda: "/hang/feed" in hostile.hits, "the first hang")
    _check("all", elapsed, log, service)
