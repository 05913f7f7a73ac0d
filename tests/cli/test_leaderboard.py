"""`claimwatch init` loading the bundle, `leaderboard ingest` and `leaderboard top`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar

import pytest
from typer.testing import CliRunner

from bot.cli import leaderboard as commands_leaderboard
from bot.cli.app import app
from store.registry.base import ModelFacts
from tests.leaderboards.leaderboards_support import bundled

runner = CliRunner()


def top(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["leaderboard", "top", "--json", *args])
    assert result.exit_code == 0, result.output
    table = json.loads(result.stdout)
    assert isinstance(table, dict), table
    return table


def test_init_loads_the_bundle_once_and_top_reads_it(cli_env: str) -> None:
    first = runner.invoke(app, ["init"])
    assert first.exit_code == 0, first.output
    # 92 lmarena CSVs + 65 style-control views (69 files have rank_stylectrl, 4 of them
    # dated 2025-07-27 or later) = 157; arena-catalog categories 20+20+20+29 raw and
    # 8+19+20+29 style-control = 165, less the 2 "full" ones of 2025-03-07 where the
    # CSV is kept = 163; open-llm 4; history 98 date rows: 157 + 163 + 4 + 98 = 422
    assert "leaderboards: 422 snapshot(s)" in first.output
    second = runner.invoke(app, ["init"])
    assert "leaderboards: 0 snapshot(s) and 0 entries loaded" in second.output

    # no 2024-08-05 file: the nearest on or before is 2024-08-02, whose line 2 reads
    # 1,Gemini-1.5-Pro-Exp-0801,1300,+6/-5,12672,Google,Proprietary,...
    out = top("--date", "2024-08-05", "--limit", "3")
    assert (out["snapshot"], out["requested"]) == ("2024-08-02", "2024-08-05")
    first_row = out["entries"][0]
    assert first_row["model"] == "Gemini-1.5-Pro-Exp-0801"
    assert (first_row["rank"], first_row["score"], first_row["ci"]) == (1, 1300, [1295, 1306])
    assert first_row["votes"] == 12672
    assert len(out["entries"]) == 3

    # the real registry: the first open model on 2024-08-02 is line 7,
    # 4,Meta-Llama-3.1-405b-Instruct,1262,+6/-7,8454,Meta,Llama 3.1 Community (lines 2-6
    # are all Proprietary)
    out = top("--date", "2024-08-02", "--open-weights", "--limit", "1")
    (llama,) = out["entries"]
    assert (llama["model"], llama["rank"], llama["score"]) == (
        "Meta-Llama-3.1-405b-Instruct",
        4,
        1262,
    )
    assert llama["open_weights"] is True and llama["country"] == "US"

    # arena-catalog categories and views: style-control coding on 2025-12-11
    out = top("--date", "2026-01-01", "--category", "coding", "--view", "style_control")
    assert (out["snapshot"], out["category"], out["view"]) == (
        "2025-12-11",
        "coding",
        "style_control",
    )
    assert out["entries"][0]["rank"] == 1 and out["entries"][0]["votes"] is None

    # another board: open-llm 2024-10-01 is the newest on or before 2024-12-31
    out = top("--board", "open-llm-leaderboard-v2", "--date", "2024-12-31", "--limit", "1")
    assert out["snapshot"] == "2024-10-01" and out["metric"] == "average"
    # 2024-10-01.csv line 2: dfurman/CalmeRys-78B-Orpo-v0.1,50.78,...
    assert out["entries"][0]["model"] == "dfurman/CalmeRys-78B-Orpo-v0.1"
    assert out["entries"][0]["score"] == 50.78


class FakeRegistry:
    """Country from the published organisation, open unless the licence says proprietary."""

    COUNTRIES: ClassVar[dict[str, str]] = {
        "Meta": "US",
        "Google": "US",
        "OpenAI": "US",
        "DeepSeek AI": "CN",
        "Alibaba": "CN",
    }

    def facts(
        self, model: str, organisation: str | None = None, licence: str | None = None
    ) -> ModelFacts:
        closed = licence in (None, "Proprietary")
        return ModelFacts(
            model=model,
            organisation=organisation,
            country=self.COUNTRIES.get(organisation or ""),
            licence_class="proprietary" if closed else "restricted",
        )


def test_ingest_and_top_with_filters(cli_env: str, monkeypatch: pytest.MonkeyPatch) -> None:
    result = runner.invoke(
        app, ["leaderboard", "ingest", str(bundled("lmarena-text-2024-08-02.csv.gz"))]
    )
    assert result.exit_code == 0, result.output
    assert "1 snapshot(s) added" in result.output
    monkeypatch.setattr(commands_leaderboard, "load_registry", FakeRegistry)
    # 2024-08-02.csv, organisation DeepSeek AI / Alibaba and a non-proprietary licence:
    # line 18: 16,Deepseek-v2-API-0628,1221,+6/-6,11144,DeepSeek AI,DeepSeek,...
    # line 29: 26,Qwen2-72B-Instruct,1187,+4/-4,31877,Alibaba,Qianwen LICENSE,...
    out = top("--date", "2024-08-02", "--country", "cn", "--open-weights", "--limit", "2")
    assert [(e["model"], e["rank"]) for e in out["entries"]] == [
        ("Deepseek-v2-API-0628", 16),
        ("Qwen2-72B-Instruct", 26),
    ]
    assert all(e["country"] == "CN" and e["open_weights"] for e in out["entries"])
    # the table output names the snapshot
    table = runner.invoke(app, ["leaderboard", "top", "--date", "2024-08-03", "--limit", "2"])
    assert (
        table.exit_code == 0
        and "lmarena-text · category full · view raw · snapshot 2024-08-02" in table.output
    )
    assert "Gemini-1.5-Pro-Exp-0801" in table.output


def test_ingest_reports_a_bad_file_and_top_before_any_data(cli_env: str, tmp_path: Path) -> None:
    bad = tmp_path / "2024-09-01.csv"
    bad.write_text(
        "rank,model,arena_score,95_pct_ci,votes,organization,license,knowledge_cutoff,url\n"
        "1,A,1300,+5/-5,10,Org,MIT,,\n2,B,1290,+5/-5,ten,Org,MIT,,\n"
    )
    result = runner.invoke(app, ["leaderboard", "ingest", str(bad)])
    assert result.exit_code == 2
    assert f"claimwatch: error: {bad}:3: votes: not a whole number: 'ten'" in result.output
    result = runner.invoke(app, ["leaderboard", "top", "--date", "2024-09-01"])
    assert result.exit_code == 2
    assert result.output == (
        "claimwatch: error: no leaderboard snapshots in the database: run `claimwatch init`\n"
    )
    result = runner.invoke(app, ["leaderboard", "top", "--date", "yesterday"])
    assert result.exit_code == 2 and "--date: not a date" in result.output
