"""Format detection from content, and malformed files rejected whole with file and line."""

from __future__ import annotations

import gzip
import json
from datetime import date

import pytest

from store.errors import ClaimwatchError
from store.leaderboards.readers import LeaderboardFormatError, detect_format, parse_bytes
from tests.leaderboards.leaderboards_support import bundled

HEADER = (
    "rank,rank_stylectrl,model,arena_score,95_pct_ci,votes,organization,license,"
    "knowledge_cutoff,url\n"
)
GOOD = "1,1,Gemini-2.5-Pro,1474,+5/-4,19209,Google,Proprietary,Unknown,http://x\n"
GOOD2 = "2,2,Grok-4-0709,1443,+7/-8,5725,xAI,Proprietary,Unknown,http://y\n"


def test_detects_format_from_content_despite_a_misleading_name() -> None:
    # real lmarena CSV content under a name that says catalog JSON
    data = bundled("lmarena-text-2024-08-02.csv.gz").read_bytes()
    parsed = parse_bytes(data, "leaderboard-text-2024-08-02.json")
    assert parsed.format == "lmarena-csv"
    # real catalog JSON (gzipped) named like a CSV: still detected as catalog
    data = bundled("leaderboard-text-2025-05-24.json.gz").read_bytes()
    assert parse_bytes(data, "open-llm-2025-05-24.csv").format == "arena-catalog-json"
    # the history CSV named like an LMArena CSV; its dates come from the rows
    data = bundled("lmarena-history-result.csv.gz").read_bytes()
    parsed = parse_bytes(data, "2024-07-01.csv")
    assert parsed.format == "elo-history-csv" and parsed.snapshots[0].date == date(2023, 5, 8)
    # open-llm content named like the history file
    data = bundled("open-llm-leaderboard-v2-2025-03-21.csv.gz").read_bytes()
    assert parse_bytes(data, "result-2025-03-21.csv").format == "open-llm-v2-csv"


def test_gzip_is_transparent_and_not_by_name() -> None:
    plain = (HEADER + GOOD).encode()
    a = parse_bytes(plain, "2025-07-01.csv.gz")  # named .gz, not gzip
    b = parse_bytes(gzip.compress(plain), "2025-07-01.csv")  # gzip, not named so
    assert a.snapshots == b.snapshots


def test_unknown_content_is_rejected() -> None:
    with pytest.raises(LeaderboardFormatError, match=r"^notes-2025-01-01.txt:1: not a known"):
        parse_bytes(b"hello\nworld\n", "notes-2025-01-01.txt")
    with pytest.raises(LeaderboardFormatError, match="not a known"):
        detect_format('[{"name": "GPT-4o"}]', "scatterplot-data.json")


@pytest.mark.parametrize(
    ("body", "line", "reason"),
    [
        # bad CI on the third line
        (HEADER + GOOD + "2,2,Grok-4-0709,1443,5/8,5725,xAI,P,U,http://y\n", 3, "95_pct_ci"),
        # non-numeric score
        (HEADER + GOOD + "2,2,Grok-4-0709,high,+7/-8,5725,xAI,P,U,http://y\n", 3, "arena_score"),
        # non-numeric rank
        (HEADER + GOOD2 + "x,2,Grok,1443,+7/-8,5725,xAI,P,U,http://y\n", 3, "rank"),
        # truncated row (fewer fields than the header)
        (HEADER + GOOD + "2,2,Grok-4-0709,1443\n", 3, "expected 10 fields"),
        # missing column
        (HEADER.replace("votes,", "") + "1,1,A,1474,+5/-4,Google,P,U,http://x\n", 1, "'votes'"),
    ],
)
def test_malformed_lmarena_csv_names_file_line_and_reason(
    body: str, line: int, reason: str
) -> None:
    with pytest.raises(LeaderboardFormatError) as info:
        parse_bytes(body.encode(), "data/2025-07-01.csv")
    err = info.value
    assert isinstance(err, ClaimwatchError)
    assert (err.file, err.line) == ("data/2025-07-01.csv", line)
    assert reason in err.reason
    assert str(err).startswith(f"data/2025-07-01.csv:{line}: ")


def test_truncated_gzip_is_rejected() -> None:
    data = bundled("lmarena-text-2025-01-07.csv.gz").read_bytes()
    with pytest.raises(LeaderboardFormatError, match="truncated or corrupt gzip") as info:
        parse_bytes(data[: len(data) // 2], "2025-01-07.csv.gz")
    assert info.value.file == "2025-01-07.csv.gz"


def test_catalog_errors_point_at_the_model() -> None:
    doc: dict[str, dict[str, dict[str, object]]] = {
        "full": {"a": {"rating": 1300, "rating_q025": 1290, "rating_q975": 1310}}
    }
    doc["full"]["b"] = {"rating": "high", "rating_q025": 1280, "rating_q975": 1300}
    text = json.dumps(doc, indent=1)
    with pytest.raises(LeaderboardFormatError) as info:
        parse_bytes(text.encode(), "leaderboard-text-2025-06-01.json")
    # line of the "b" key in the indented document
    lines = text.splitlines()
    assert info.value.line == lines.index('  "b": {') + 1 == 8
    assert "full.b.rating" in info.value.reason
    broken = text[:-20]
    with pytest.raises(LeaderboardFormatError, match="not valid JSON"):
        parse_bytes(broken.encode(), "leaderboard-text-2025-06-01.json")


def test_history_non_numeric_cell_and_bad_date() -> None:
    head = ",gpt-4,claude-v1\n"
    with pytest.raises(LeaderboardFormatError) as info:
        parse_bytes((head + "20230508,1274.2,0.0\n20230522,n/a,1224.7\n").encode(), "r.csv")
    assert (info.value.line, info.value.reason) == (3, "gpt-4: not a number: 'n/a'")
    with pytest.raises(LeaderboardFormatError) as info:
        parse_bytes((head + "20230508,1274.2,0.0\n20231399,1.0,2.0\n").encode(), "r.csv")
    assert info.value.line == 3 and "not a date" in info.value.reason


def test_a_file_without_a_date_needs_one() -> None:
    with pytest.raises(LeaderboardFormatError, match="no snapshot date"):
        parse_bytes((HEADER + GOOD).encode(), "lmarena_text.csv")
    parsed = parse_bytes((HEADER + GOOD).encode(), "lmarena_text.csv", date_hint=date(2025, 8, 9))
    assert parsed.snapshots[0].date == date(2025, 8, 9)
