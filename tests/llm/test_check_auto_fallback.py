"""`claimwatch check --extractor auto` with an LLM endpoint that refuses connections:
the command answers from the offline rules at once, instead of failing."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli.app import app

BUNDLED = Path(__file__).resolve().parents[2] / "store" / "data" / "leaderboards"
TEXT = "On LMArena, GLM-4.5 now ranks third with a score of 1427 and beats Qwen3-235B-A22B."


def test_check_auto_with_a_dead_endpoint_uses_the_rules(
    cli_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store import db
    from store.leaderboards.ingest import ingest_paths

    engine = db.make_engine(cli_env)
    ingest_paths(engine, [BUNDLED / "lmarena-text-2025-08-04.csv.gz"])
    engine.dispose()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{port}/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("CLAIMWATCH_LLM_MODEL", "m")
    result = CliRunner().invoke(
        app,
        ["check", "-", "--published", "2025-08-05", "--json", "--extractor", "auto"],
        input=TEXT,
    )
    assert result.exit_code == 0, result.output
    claims = json.loads(result.stdout)["claims"]
    assert claims and all(c["verdict"] for c in claims)
