"""`claimwatch claim ID`, `claimwatch why ID`, `claims --json` and the terminal alert,
through the real Typer app and the real renderers."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session
from typer.testing import CliRunner

from bot.alerts.discord_payload import discord_embeds
from bot.alerts.messages import build_alert
from bot.alerts.terminal import TerminalSender
from bot.cli.app import app
from bot.render.evidence import as_html, as_markdown, read_evidence
from tests.alerts.alerts_support import Seeder, view

runner = CliRunner()


def test_claim_and_why_print_what_the_slash_commands_show(cli_env: str, seed: Seeder) -> None:
    claim_id, _ = seed.claim()
    out = runner.invoke(app, ["claim", str(claim_id)])
    assert out.exit_code == 0, out.output
    text = out.stdout
    assert text.startswith("Supported: DeepSeek-V3 ranks above Llama-3.1-405B on LMArena text")
    # the seeded judgement (alerts_support.judgement): evidence grouped and worded
    assert "Evidence: lmarena-text · snapshot 2025-01-29 (5 days before the" in text
    assert "DeepSeek-V3 (claimed leader): rank 9 · score 1,318" in text
    assert f"claimwatch why {claim_id}" in text and "/claim" not in text
    why = runner.invoke(app, ["why", f"#{claim_id}"])
    assert why.exit_code == 0, why.output
    assert "“DeepSeek V3” → DeepSeek-V3" in why.stdout
    assert "lmarena-text snapshot of 2025-01-29" in why.stdout


def test_claim_unknown_and_malformed_ids_are_one_line_errors(cli_env: str) -> None:
    out = runner.invoke(app, ["claim", "999"])
    assert out.exit_code == 2
    assert out.output.strip() == (
        "claimwatch: error: there is no claim 999: find ids with `claimwatch claims`"
    )
    out = runner.invoke(app, ["why", "abc"])
    assert out.exit_code == 2 and "is not a claim id" in out.output
    out = runner.invoke(app, ["claims", "12"])
    assert out.exit_code == 2
    assert "for one claim use `claimwatch claim 12` (or `why 12`)" in out.output


def test_claims_json_has_verdict_reason_explanation_and_evidence(
    cli_env: str, seed: Seeder
) -> None:
    claim_id, _ = seed.claim()
    data = json.loads(runner.invoke(app, ["claims", "--json"]).stdout)
    (row,) = data["claims"]
    assert row["id"] == claim_id and row["verdict"] == "supported"
    assert row["explanation"] == "DeepSeek-V3 ranks 9th, above Llama-3.1-405B at 14th."
    assert row["reason"] is None and row["snapshot"] == "2025-01-29"
    assert [e["model"] for e in row["evidence"]] == [
        "DeepSeek-V3",
        "Meta-Llama-3.1-405B-Instruct",
    ]
    assert row["latest"]["snapshot"] == "2025-08-04"
    one = json.loads(runner.invoke(app, ["claim", str(claim_id), "--json"]).stdout)
    assert one["evidence"] == row["evidence"] and one["statement"] == row["statement"]


async def test_terminal_alert_at_80_columns(engine: Engine, seed: Seeder) -> None:
    claim_id, verdict_id = seed.claim(
        title="A very long article title " * 6, statement="DeepSeek-V3 ranks above Llama " * 5
    )
    with Session(engine) as s:
        claim = view(s, claim_id)
    message = build_alert(claim, verdict_id, ref="r1", changed=False, today=date(2025, 8, 14))
    buf = io.StringIO()
    await TerminalSender(buf).send(message, nonce="n", replaces=None)
    lines = buf.getvalue().splitlines()
    # every line fits 80 columns except an unbreakable URL
    assert all(len(line) <= 80 or "://" in line for line in lines), lines
    assert lines[0] == "-" * 72
    assert (
        lines[-1]
        == f"claim {claim_id} · more: claimwatch claim {claim_id} · claimwatch why {claim_id}"
    )
    text = buf.getvalue()
    assert "Supported on the newest snapshot, 2025-08-04 (10 days old):" in text
    assert "  DeepSeek-V3 (claimed leader): rank 9 · score 1,318 · 95% CI 1,313–1,323 ·" in text
    assert "**" not in text and "\\" not in text
    # webhook-only teams read the footer: it names the shell commands too
    footer = discord_embeds(message)[0]["footer"]["text"]
    assert f"claimwatch claim {claim_id}" in footer and footer.endswith("ref r1")


HOSTILE_EVIDENCE = {
    "snapshot": "2025-01-29",
    "evidence": [
        {
            "board": "lmarena-text",
            "snapshot": "2025-01-29",
            "view": "raw",
            "model": "**evil** @everyone <script>alert(1)</script> [x](http://e.example)",
            "rank": 1,
            "score": 1336.8351196768551,
            "ci": None,
            "votes": None,
            "role": "model_a",
        }
    ],
}


def test_evidence_from_a_board_is_inert_in_discord_and_html() -> None:
    reading = read_evidence(HOSTILE_EVIDENCE, {"relation": "beats"}, as_of=date(2025, 2, 3))
    (md,) = as_markdown(reading)
    line = md.lines[0]
    assert line.startswith("**\\*\\*evil\\*\\* @\u200beveryone \\<script\\>")
    assert "\\[x\\]\\(http://e.example\\)" in line
    # absent values (CI, votes) are left out; the score is rounded as LMArena prints it
    assert line.endswith("(claimed leader): rank 1 · score 1,337")
    (html,) = as_html(reading)
    assert "<script>" not in html.lines[0] and "&lt;script&gt;" in html.lines[0]
    assert html.title == (
        "Evidence: lmarena-text · raw ratings · snapshot 2025-01-29 (5 days before the claim)"
    )


HOSTILE_STATEMENT = "GLM-4.5 [/bold] ranks [red]#1[/red] [sic] [link=https://e.example]x"


def test_claims_table_prints_statements_as_written(cli_env: str, seed: Seeder) -> None:
    seed.claim(HOSTILE_STATEMENT)
    out = runner.invoke(app, ["claims"])
    assert out.exit_code == 0, out.output
    assert HOSTILE_STATEMENT in out.stdout
    claim = runner.invoke(app, ["claim", "1"])
    assert claim.exit_code == 0 and claim.stdout.startswith(f"Supported: {HOSTILE_STATEMENT}")


def test_sources_list_prints_names_and_errors_as_written(cli_env: str, tmp_path: Path) -> None:
    from store import db
    from store.models import Source

    path = tmp_path / "sources.yaml"
    path.write_text("feeds:\n  - {name: 'x', url: 'https://x.example/feed'}\n", encoding="utf-8")
    engine = db.make_engine(cli_env)
    with Session(engine) as s:
        s.add(Source(name="x", url="https://x.example/feed", last_status="[/bold] [sic]"))
        s.commit()
    engine.dispose()
    out = runner.invoke(app, ["sources", "list", "--sources", str(path)], env={"COLUMNS": "200"})
    assert out.exit_code == 0, out.output
    assert "[/bold] [sic]" in out.stdout
