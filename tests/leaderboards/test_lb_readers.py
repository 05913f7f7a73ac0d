"""Each reader on the real bundled files. Expected values are read off the files by
hand; the row each number comes from is quoted next to it."""

from __future__ import annotations

from datetime import date

import pytest

from store.leaderboards.readers import READERS
from tests.leaderboards.leaderboards_support import entry, parse, snap


def test_registry_has_one_reader_per_format() -> None:
    assert set(READERS) == {
        "lmarena-csv",
        "arena-catalog-json",
        "open-llm-v2-csv",
        "elo-history-csv",
    }


# --- lmarena-csv ------------------------------------------------------------------


def test_lmarena_arena_elo_header_and_ci() -> None:
    # 2024-06-19.csv: rank,model,arena_elo,95_pct_ci,votes,organization,license,...
    # line 2: 1,GPT-4o-2024-05-13,1287,+3/-3,42046,OpenAI,Proprietary,2023/10,...
    # line 3: 2,Gemini-Advanced-0514,1267,+3/-4,34382,Google,Proprietary,Online,...
    parsed = parse("lmarena-text-2024-06-19.csv.gz")
    assert parsed.format == "lmarena-csv"
    assert [s.view for s in parsed.snapshots] == ["raw"]  # no rank_stylectrl column yet
    raw = snap(parsed)
    assert raw.board == "lmarena-text" and raw.date == date(2024, 6, 19)
    gpt = raw.entries[0]
    assert (gpt.model, gpt.rank, gpt.score, gpt.votes) == ("GPT-4o-2024-05-13", 1, 1287, 42046)
    assert (gpt.ci_lower, gpt.ci_upper) == (1284, 1290)
    assert (gpt.organisation, gpt.licence) == ("OpenAI", "Proprietary")
    gemini = entry(raw, "Gemini-Advanced-0514")
    # "+3/-4": upper = score + 3, lower = score - 4
    assert (gemini.ci_lower, gemini.score, gemini.ci_upper) == (1263, 1267, 1270)


def test_lmarena_arena_score_header_without_style_rank() -> None:
    # 2024-07-18.csv: rank,model,arena_score,95_pct_ci,...
    # line 2: 1,GPT-4o-2024-05-13,1287,+3/-4,62251,OpenAI,Proprietary,...
    parsed = parse("lmarena-text-2024-07-18.csv.gz")
    assert [s.view for s in parsed.snapshots] == ["raw"]
    gpt = entry(snap(parsed), "GPT-4o-2024-05-13")
    assert (gpt.rank, gpt.ci_lower, gpt.ci_upper, gpt.votes) == (1, 1283, 1290, 62251)


def test_lmarena_before_2025_07_27_has_published_rank_and_style_view() -> None:
    # 2025-07-18.csv: rank,rank_stylectrl,model,arena_score,95_pct_ci,votes,...
    # line 4: 2,3,Grok-4-0709,1443,+7/-8,5725,xAI,Proprietary,...
    # line 7: 4,7,DeepSeek-R1-0528,1424,+5/-5,14514,DeepSeek,MIT,...
    # line 10: 8,3,GPT-4.5-Preview,1413,+5/-5,15271,OpenAI,...
    parsed = parse("lmarena-text-2025-07-18.csv.gz")
    raw, style = snap(parsed), snap(parsed, view="style_control")
    grok = entry(raw, "Grok-4-0709")
    assert (grok.rank, grok.score, grok.ci_lower, grok.ci_upper) == (2, 1443, 1435, 1450)
    assert entry(raw, "DeepSeek-R1-0528").rank == 4
    assert entry(style, "Grok-4-0709").rank == 3
    assert entry(style, "DeepSeek-R1-0528").rank == 7
    gpt45 = entry(style, "GPT-4.5-Preview")
    assert gpt45.rank == 3 and gpt45.score is None and gpt45.ci_lower is None
    assert gpt45.licence == "Proprietary"
    assert len(raw.entries) == len(style.entries)
    ranks = [e.rank for e in style.entries if e.rank is not None]
    assert len(ranks) == len(style.entries)  # every row ranked
    assert ranks == sorted(ranks)  # style view listed best first


def test_lmarena_from_2025_07_27_rank_stylectrl_is_the_raw_rank() -> None:
    # 2025-07-27.csv (rank = row position, rank_stylectrl = CI rank of raw scores):
    # line 4: 3,2,Grok-4-0709,1438,+6/-6,9270,...
    # line 12: 11,6,chocolate (Early Grok-3),1412,+6/-6,13837,...
    # lines 195-196: the same Yi-34B-Chat row twice
    parsed = parse("lmarena-text-2025-07-27.csv.gz")
    assert [s.view for s in parsed.snapshots] == ["raw"]  # no style-control view any more
    raw = parsed.snapshots[0]
    assert entry(raw, "Grok-4-0709").rank == 2
    assert entry(raw, "chocolate (Early Grok-3)").rank == 6
    assert entry(raw, "Yi-34B-Chat").rank == 182  # "194,182,Yi-34B-Chat,1134,..."
    # the 2025-07-27 file has 260 data rows, one of them the duplicate
    assert len(raw.entries) == 259


# --- arena-catalog-json --------------------------------------------------------


def test_catalog_categories_bounds_and_interval_rank() -> None:
    # leaderboard-text-2025-12-11.json, "full" (29 categories, 282 models in full):
    # gemini-3-pro            1486.60 [1480.40, 1492.80]
    # gemini-2.5-pro          1464.46 [1461.02, 1467.90]
    # grok-4.1-thinking       1451.21 [1445.12, 1457.30]
    # claude-opus-4-5-20251101 1446.43 [1439.40, 1453.46]
    parsed = parse("leaderboard-text-2025-12-11.json.gz")
    assert parsed.format == "arena-catalog-json"
    assert len(parsed.snapshots) == 29
    assert {"full", "coding", "math", "chinese"} <= {s.category for s in parsed.snapshots}
    assert all(s.view == "raw" and s.date == date(2025, 12, 11) for s in parsed.snapshots)
    full = snap(parsed)
    assert len(full.entries) == 282
    top = full.entries[0]
    assert top.model == "gemini-3-pro" and top.rank == 1
    assert top.ci_lower == pytest.approx(1480.4026895976556)
    assert top.ci_upper == pytest.approx(1492.8027344568852)
    assert top.score == pytest.approx(1486.6027120272704)
    # 1 model (gemini-3-pro, lower 1480.40) is surely above gemini-2.5-pro (upper 1467.90)
    assert entry(full, "gemini-2.5-pro").rank == 2
    # grok-4.1-thinking (upper 1457.30): gemini-3-pro and gemini-2.5-pro (lower 1461.02)
    assert entry(full, "grok-4.1-thinking").rank == 3
    # claude-opus-4-5 (upper 1453.46): grok-4.1-thinking's lower 1445.12 overlaps -> tie
    assert entry(full, "claude-opus-4-5-20251101").rank == 3
    assert top.organisation is None and top.licence is None  # the catalog has neither


def test_catalog_style_control_view_from_file_kind() -> None:
    # leaderboard-text-style-control-2025-11-05.json, "math":
    # claude-opus-4-1-20250805-thinking-16k 1479.70 [1452.83, 1506.56] (best rating)
    parsed = parse("leaderboard-text-style-control-2025-11-05.json.gz")
    assert {s.view for s in parsed.snapshots} == {"style_control"}
    math = snap(parsed, view="style_control", category="math")
    best = math.entries[0]
    assert best.model == "claude-opus-4-1-20250805-thinking-16k" and best.rank == 1
    assert best.score == pytest.approx(1479.6960500414236)


# --- open-llm-v2-csv -----------------------------------------------------------


def test_open_llm_2024_header() -> None:
    # 2024-07-16.csv: 238 rows; line 2 is the best average:
    # 💬,Qwen/Qwen2-72B-Instruct,42.49,79.89,0.8,57.48,0.7,...,48.92,0.54,...,other,...
    # line 3: meta-llama/Meta-Llama-3-70B-Instruct,36.18,... hub_license llama3
    # lines 12-13: Qwen/Qwen1.5-110B and abacusai/Smaug-72B-v0.1 both 29.56, 10 rows above
    parsed = parse("open-llm-leaderboard-v2-2024-07-16.csv.gz")
    assert parsed.format == "open-llm-v2-csv"
    board = parsed.snapshots[0]
    assert board.board == "open-llm-leaderboard-v2" and board.metric == "average"
    assert len(board.entries) == 238
    qwen = board.entries[0]
    assert (qwen.model, qwen.rank, qwen.score, qwen.licence) == (
        "Qwen/Qwen2-72B-Instruct",
        1,
        42.49,
        "other",
    )
    assert qwen.extra["ifeval"] == 79.89 and qwen.extra["ifeval_raw"] == 0.8
    assert qwen.extra["mmlu_pro"] == 48.92 and qwen.extra["mmlu_pro_raw"] == 0.54
    assert qwen.extra["precision"] == "bfloat16"
    llama = entry(board, "meta-llama/Meta-Llama-3-70B-Instruct")
    assert (llama.rank, llama.licence) == (2, "llama3")
    assert entry(board, "Qwen/Qwen1.5-110B").rank == 11
    assert entry(board, "abacusai/Smaug-72B-v0.1").rank == 11


def test_open_llm_2025_header() -> None:
    # 2025-01-01.csv (model_name/model_average_score layout), 2695 rows; best average:
    # line 703: MaziyarPanahi/calme-3.2-instruct-78b,...,52.0184433947031,...,
    #   MATH Level 5,0.399546827794562,39.9546827794562,...  hub licence "other"
    # line 2: 0-hero/Matter-0.2-7B-DPO ... 8.8056563672085 ... IFEval,0.330279214705869,
    #   33.0279214705869 ... apache-2.0; 2262 rows have a higher average
    board = parse("open-llm-leaderboard-v2-2025-01-01.csv.gz").snapshots[0]
    assert len(board.entries) == 2695
    best = board.entries[0]
    assert (best.model, best.rank, best.licence) == (
        "MaziyarPanahi/calme-3.2-instruct-78b",
        1,
        "other",
    )
    assert best.score == pytest.approx(52.0184433947031)
    assert best.extra["math_lvl_5_raw"] == pytest.approx(0.399546827794562)
    assert best.extra["math_lvl_5"] == pytest.approx(39.9546827794562)
    matter = entry(board, "0-hero/Matter-0.2-7B-DPO")
    assert matter.rank == 2263 and matter.licence == "apache-2.0"
    assert matter.extra["ifeval"] == pytest.approx(33.0279214705869)
    assert matter.extra["ifeval_raw"] == pytest.approx(0.330279214705869)


# --- elo-history-csv -----------------------------------------------------------


def test_elo_history_rows_and_zeros() -> None:
    # result.csv: header ",snowflake-arctic-instruct,qwen1.5-7b-chat,..." (227 models),
    # 98 date rows 20230508 .. 20250227. Row 20230508 rates 13 models (the rest 0.0):
    # gpt-4 1274.1856580388371 best, llama-13b 826.9986466683627 worst.
    parsed = parse("lmarena-history-result.csv.gz")
    assert parsed.format == "elo-history-csv"
    snaps = parsed.snapshots
    assert len(snaps) == 98
    assert snaps[0].date == date(2023, 5, 8) and snaps[-1].date == date(2025, 2, 27)
    first = snaps[0]
    assert first.board == "lmarena-history" and first.metric == "elo"
    assert len(first.entries) == 13  # the 0.0 cells are not entries
    assert first.entries[0].model == "gpt-4" and first.entries[0].rank == 1
    assert first.entries[0].score == pytest.approx(1274.1856580388371)
    worst = entry(first, "llama-13b")
    assert worst.rank == 13 and worst.score == pytest.approx(826.9986466683627)
    assert all(e.score and e.score > 0 for s in snaps for e in s.entries)
    # 20240629: gpt-4o-2024-05-13 1287.02 leads 114 rated models
    june = next(s for s in snaps if s.date == date(2024, 6, 29))
    assert len(june.entries) == 114 and june.entries[0].model == "gpt-4o-2024-05-13"
