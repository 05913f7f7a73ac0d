"""`check_text` and `claimwatch check` end to end: bundled snapshots, the real judge."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bot.checking import prepare_text
from bot.cli.app import app

SEED = Path(__file__).resolve().parent.parent / "data" / "articles" / "seed-ft-open-models.txt"
CLAIM_KEYS = [
    "type",
    "statement",
    "quote",
    "span",
    "board",
    "metric",
    "models",
    "mentions",
    "groups",
    "as_of",
    "hedged",
    "negated",
    "forecast",
    "verdict",
    "reason",
    "snapshot",
    "snapshot_age_days",
    "evidence",
    "latest",
    "explanation",
]
DESIGN_EVIDENCE_KEYS = ["board", "snapshot", "model", "rank", "score", "ci", "votes"]
runner = CliRunner()
BUNDLED = Path(__file__).resolve().parents[2] / "store" / "data" / "leaderboards"


@pytest.fixture
def few_snapshots(cli_env: str) -> str:
    """Two real LMArena snapshots (faster than `init`'s hundred files)."""
    from store import db
    from store.leaderboards.ingest import ingest_paths

    engine = db.make_engine(cli_env)
    names = ("lmarena-text-2025-05-23.csv.gz", "lmarena-text-2025-08-04.csv.gz")
    ingest_paths(engine, [BUNDLED / n for n in names])
    engine.dispose()
    return cli_env


def _seed(tmp_path: Path) -> Path:
    path = tmp_path / "seed.txt"
    path.write_text(SEED.read_text(encoding="utf-8").partition("\n\n")[2], encoding="utf-8")
    return path


def test_check_before_init_says_run_init(cli_env: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(_seed(tmp_path)), "--extractor", "rules"])
    assert result.exit_code == 2
    assert "claimwatch init" in result.output


@pytest.mark.slow
def test_check_json_on_the_seed_article(cli_env: str, tmp_path: Path) -> None:
    assert runner.invoke(app, ["init"]).exit_code == 0
    path = _seed(tmp_path)
    result = runner.invoke(
        app, ["check", str(path), "--published", "2025-08-05", "--extractor", "rules", "--json"]
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    # the bundled data ends 2025-12: a check of an August 2025 article needs no warning
    assert list(out) == ["published", "claims"] and out["published"] == "2025-08-05"
    text = path.read_text(encoding="utf-8")
    for claim in out["claims"]:
        assert list(claim) == CLAIM_KEYS
        assert text[claim["span"][0] : claim["span"][1]] == claim["quote"]
        assert set(claim["latest"]) == {"snapshot", "verdict", "reason", "evidence"}
        for ev in claim["evidence"]:
            # DESIGN.md's keys first, then everything else the judge recorded (view, role...)
            assert list(ev)[:7] == DESIGN_EVIDENCE_KEYS
            assert ev["view"] in ("raw", "style_control")
            # never a snapshot after the claim's date for the as-of verdict
            assert ev["snapshot"] <= claim["as_of"]
    group = next(c for c in out["claims"] if c["type"] == "group_comparison")
    assert group["groups"] == [
        {"country": "CN", "open_weights": True},
        {"country": "US", "open_weights": True},
    ]
    assert group["verdict"] in (
        "supported",
        "contradicted",
        "within_uncertainty",
        "partially_supported",
        "outdated",
    )
    assert group["evidence"], group["explanation"]


def test_check_as_of_overrides_every_claim_and_table_output(
    few_snapshots: str, tmp_path: Path
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("GLM-4.5 ranks #3 on LMArena. Kimi K2.6: The new leading open weights model")
    result = runner.invoke(
        app,
        [
            "check",
            str(path),
            "--published",
            "2025-08-05",
            "--as-of",
            "2025-06-01",
            "--extractor",
            "rules",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    claims = json.loads(result.stdout)["claims"]
    assert len(claims) == 2 and {c["as_of"] for c in claims} == {"2025-06-01"}
    table = runner.invoke(
        app, ["check", str(path), "--published", "2025-08-05", "--extractor", "rules"]
    )
    assert table.exit_code == 0 and "GLM-4.5" in table.stdout and "verdict" in table.stdout


def test_check_reads_stdin_and_html(few_snapshots: str) -> None:
    html = (
        "<html><head><title>Kimi K2.6: The new leading open weights model</title></head>"
        "<body><nav>Home | News</nav><article><p>Moonshot released Kimi K2.6 today.</p>"
        "</article></body></html>"
    )
    result = runner.invoke(
        app,
        ["check", "-", "--published", "2026-04-21", "--json", "--extractor", "rules"],
        input=html,
    )
    assert result.exit_code == 0, result.output
    (claim,) = json.loads(result.stdout)["claims"]
    assert claim["type"] == "rank_position" and "<" not in claim["quote"]


def test_bad_dates_are_one_line_errors(cli_env: str, tmp_path: Path) -> None:
    path = _seed(tmp_path)
    for option in ("--published", "--as-of"):
        result = runner.invoke(app, ["check", str(path), option, "March 5"])
        assert result.exit_code == 2
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert lines == [
            f"claimwatch: error: {option}: not a date: 'March 5' (expected YYYY-MM-DD)"
        ]


def test_prepare_text_reduces_html_and_keeps_plain_text() -> None:
    assert prepare_text("plain <3 text") == "plain <3 text"
    page = "<html><body><p>One &amp; two.</p><script>x()</script></body></html>"
    assert prepare_text(page) == "One & two."


async def test_discord_verify_uses_the_real_checker(few_snapshots: str) -> None:
    """/verify's production checker: extraction and the judge over the stored snapshots."""
    from bot.discord.verify import default_checker
    from store import db

    engine = db.make_engine(few_snapshots)
    checker = default_checker(engine)
    found = await checker("On LMArena, Gemini-2.5-Pro ranks #1 as of August 2025.")
    engine.dispose()
    assert len(found) == 1
    # lmarena-text-2025-08-04.csv: rank 1, Gemini-2.5-Pro, 1470 +5/-5; the next, 1446
    assert found[0].verdict == "supported", found[0].explanation
    assert found[0].snapshot == "2025-08-04"


HOSTILE = (
    "GLM-4.5 ranks #3 on LMArena, it said [/bold] [red]nothing[/red] [sic] "
    "[raw ratings] [link=https://evil.example]x[/link]."
)


def test_check_never_reads_article_text_as_markup(few_snapshots: str) -> None:
    """Article text reaches the terminal as it was written: no markup error, nothing
    dropped ("[sic]", "[raw ratings]" and Rich's own tags all print as typed)."""
    result = runner.invoke(
        app,
        ["check", "-", "--published", "2025-08-05", "--extractor", "rules"],
        input=HOSTILE,
        env={"COLUMNS": "80"},
    )
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    for typed in ("[/bold]", "[red]nothing[/red]", "[sic]", "[link=https://evil.example]"):
        assert typed in out, typed
    assert "\x1b[" not in result.stdout  # no colour codes when not a terminal


def test_check_table_fits_80_columns_with_evidence_below(few_snapshots: str) -> None:
    result = runner.invoke(
        app,
        ["check", "-", "--published", "2025-08-05", "--extractor", "rules"],
        input="DeepSeek-V3 beats Llama-3.1-405B on LMArena.",
        env={"COLUMNS": "80"},
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80
    text = result.stdout
    # lmarena-text-2025-08-04.csv: DeepSeek-V3 rank 33 score 1357.58..., printed as the
    # board publishes it (a whole number), never with its float noise or a "None"
    assert "1317" not in text and "None" not in text
    assert "Evidence: lmarena-text · raw ratings · snapshot 2025-08-04" in " ".join(text.split())
    assert "(claimed leader)" in text and "(compared with)" in text
    assert "model_a" not in text and "model_b" not in text


def test_check_says_when_the_data_is_stale(few_snapshots: str) -> None:
    result = runner.invoke(
        app,
        ["check", "-", "--published", "2026-03-01", "--extractor", "rules"],
        input="GLM-4.5 ranks #3 on LMArena.",
    )
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert first.startswith("warning: newest lmarena-text snapshot 2025-08-04 is ")
    assert first.endswith("run `claimwatch leaderboard refresh`")
    js = runner.invoke(
        app,
        ["check", "-", "--published", "2026-03-01", "--extractor", "rules", "--json"],
        input="GLM-4.5 ranks #3 on LMArena.",
    )
    assert "claimwatch leaderboard refresh" in json.loads(js.stdout)["warnings"][0]


async def test_discord_verify_takes_a_date_and_names_the_snapshot_and_its_age(
    few_snapshots: str,
) -> None:
    from datetime import UTC, datetime

    from bot.discord.replies import CommandContext, Invoker
    from bot.discord.verify import default_checker, verify_command
    from store import db

    engine = db.make_engine(few_snapshots)
    ctx = CommandContext(
        engine=engine,
        checker=default_checker(engine),
        now=lambda: datetime(2026, 3, 1, tzinfo=UTC),
    )
    me = Invoker(user_id=1, name="me")
    text = "On LMArena, Gemini-2.5-Pro ranks #1."
    dated = await verify_command(ctx, me, text=text, date_="2025-08-05")
    assert dated.content == "1 claim(s) found, checked as of 2025-08-05."
    fields = {f["name"]: f["value"] for f in dated.embeds[0]["fields"]}
    assert fields["Checked against"] == "lmarena-text, snapshot 2025-08-04 (1 day before the claim)"
    # today (2026-03-01) the newest data is too old: the answer says what to run
    today = await verify_command(ctx, me, text=text)
    head, warning = today.content.splitlines()
    assert head == "1 claim(s) found, checked as of 2026-03-01."
    assert warning.startswith("warning: newest lmarena-text snapshot 2025-08-04 is 209 days old")
    assert warning.endswith("run `claimwatch leaderboard refresh`")
    fields = {f["name"]: f["value"] for f in today.embeds[0]["fields"]}
    assert "None" not in str(today.embeds[0])
    assert fields["Checked against"] == "no lmarena-text snapshot usable on 2026-03-01"
    engine.dispose()


def _one_claim(tmp_path: Path, text: str) -> dict[str, Any]:
    """The one claim `check --json` finds in `text`, as of August 2025."""
    path = tmp_path / "a.txt"
    path.write_text(text)
    result = runner.invoke(
        app, ["check", str(path), "--published", "2025-08-05", "--extractor", "rules", "--json"]
    )
    assert result.exit_code == 0, result.output
    [claim] = json.loads(result.stdout)["claims"]
    return dict(claim)


@pytest.mark.parametrize(
    "text",
    [
        "DeepSeek's R1 trails Gemini 2.5 Pro on LMArena.",
        "R1 trails Gemini 2.5 Pro on LMArena.",
    ],
)
def test_a_nickname_and_a_makers_possessive_resolve_to_the_model(
    few_snapshots: str, tmp_path: Path, text: str
) -> None:
    """ "R1" and "DeepSeek's R1" are DeepSeek-R1 (the registry's alias), not the whole
    DeepSeek family; on the August 2025 board Gemini 2.5 Pro is above it."""
    claim = _one_claim(tmp_path, text)
    assert claim["mentions"][0] in ("DeepSeek's R1", "R1")
    assert claim["models"][0].startswith("DeepSeek-R1"), claim["models"]
    assert claim["verdict"] == "supported", claim["explanation"]


@pytest.mark.parametrize(
    "text",
    [
        "Tongyi Qianwen 2.5-Max trails Gemini 2.5 Pro on LMArena.",
        "Qwen 2.5-Max trails Gemini 2.5 Pro on LMArena.",
    ],
)
def test_a_chinese_product_name_and_a_spaced_name_resolve_to_the_model(
    few_snapshots: str, tmp_path: Path, text: str
) -> None:
    claim = _one_claim(tmp_path, text)
    assert claim["models"][0] == "Qwen2.5-Max", claim["models"]
    assert claim["verdict"] == "supported", claim["explanation"]


def test_a_dated_build_in_brackets_resolves_to_that_build(
    few_snapshots: str, tmp_path: Path
) -> None:
    """The note in brackets is part of the name the extractor reads, so the resolver
    keeps that build rather than the best-scored of its siblings."""
    claim = _one_claim(tmp_path, "Claude 3.5 Sonnet (20240620) trails Gemini 2.5 Pro on LMArena.")
    assert claim["mentions"][0] == "Claude 3.5 Sonnet (20240620)"
    assert "20240620" in claim["models"][0], claim["models"]


def _claims(tmp_path: Path, text: str) -> list[dict[str, Any]]:
    path = tmp_path / "a.txt"
    path.write_text(text)
    result = runner.invoke(
        app, ["check", str(path), "--published", "2025-08-05", "--extractor", "rules", "--json"]
    )
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout)["claims"])


def test_a_number_is_judged_on_the_measure_named_beside_it(
    few_snapshots: str, tmp_path: Path
) -> None:
    """The arena's Elo is checked against the arena; the MT-Bench score in the same
    sentence is no arena score (judging it there would contradict a true claim)."""
    claims = _claims(
        tmp_path, "Gemini 2.5 Pro heads LMArena with 1470 Elo and an MT-Bench score of 9.32."
    )
    scores = {c["statement"]: c for c in claims if c["type"] == "score_value"}
    elo = next(c for c in scores.values() if "1470" in c["statement"])
    mt_bench = next(c for c in scores.values() if "9.32" in c["statement"])
    assert elo["verdict"] == "supported", elo["explanation"]
    assert mt_bench["metric"] == "mt_bench"
    assert (mt_bench["verdict"], mt_bench["reason"]) == ("unverifiable", "unsupported_metric")


def test_a_build_date_in_a_name_does_not_date_the_claim(few_snapshots: str, tmp_path: Path) -> None:
    """o3-2025-04-16 shares third place on the August 2025 board; the date in its name
    is when it was built, not when the text says it ranks (no snapshot is that old)."""
    [claim] = _claims(tmp_path, "o3-2025-04-16 ranks 3rd on LMArena.")
    assert claim["as_of"] == "2025-08-05"
    assert claim["verdict"] == "supported", claim["explanation"]


def test_a_short_name_is_judged_as_the_model_the_article_named_in_full(
    few_snapshots: str, tmp_path: Path
) -> None:
    """ "Maverick" alone is ambiguous on the board; the article named Llama 4 Maverick."""
    [claim] = _claims(
        tmp_path,
        "Meta released Llama 4 Maverick on Saturday.\n\nMaverick trails Gemini 2.5 Pro on LMArena.",
    )
    assert claim["mentions"] == ["Maverick", "Gemini 2.5 Pro"]
    assert claim["models"][0].startswith("Llama-4-Maverick"), claim["models"]
    assert claim["verdict"] == "supported", claim["explanation"]


def test_a_makers_models_leading_the_board_are_judged_against_everyone_else(
    few_snapshots: str, tmp_path: Path
) -> None:
    """On the August 2025 board Google's Gemini 2.5 Pro is first: Google's models lead
    the rest; China's open models do not."""
    claims = _claims(
        tmp_path, "Google's models lead LMArena.\n\nChinese open models now dominate LMArena."
    )
    verdicts = {c["mentions"][0]: c["verdict"] for c in claims}
    assert verdicts == {"Google's models": "supported", "Chinese open models": "contradicted"}


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("R1-0528 trails Gemini 2.5 Pro on LMArena.", "DeepSeek-R1-0528"),
        ("o4 mini trails Gemini 2.5 Pro on LMArena.", "o4-mini-2025-04-16"),
        ("GPT-4o mini trails Gemini 2.5 Pro on LMArena.", "GPT-4o-mini-2024-07-18"),
    ],
)
def test_names_written_with_a_dated_build_or_a_spaced_tier(
    few_snapshots: str, tmp_path: Path, text: str, model: str
) -> None:
    claim = _one_claim(tmp_path, text)
    assert claim["models"][0] == model, claim["explanation"]
    assert claim["verdict"] == "supported", claim["explanation"]
