"""`claimwatch claims` through the real Typer app."""

from __future__ import annotations

import json

from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from bot.cli.app import app
from tests.alerts.alerts_support import Seeder


def test_claims_search_json(cli_env: str, engine: Engine, seed: Seeder) -> None:
    a, _ = seed.claim("Qwen2.5-Max ranks #7 on LMArena")
    b, _ = seed.claim("Kimi K2 is the best open model", label="contradicted")
    result = CliRunner().invoke(app, ["claims", "search", "qwen2.5", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [c["id"] for c in data["claims"]] == [a] and data["has_more"] is False
    result = CliRunner().invoke(app, ["claims", "--verdict", "contradicted", "--json"])
    assert [c["id"] for c in json.loads(result.output)["claims"]] == [b]


def test_claims_bad_input(cli_env: str) -> None:
    result = CliRunner().invoke(app, ["claims", "--since", "yesterday-ish"])
    assert result.exit_code == 2
    assert "could not read the date 'yesterday-ish'" in result.output
    result = CliRunner().invoke(app, ["claims", "find", "x"])
    assert result.exit_code == 2 and "use `claims search TEXT`" in result.output
