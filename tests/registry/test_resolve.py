"""resolve(): names in text -> board models, on real bundled LMArena boards.

Each case names the bundled CSV (store/data/leaderboards/lmarena-text-<date>.csv.gz)
and the rows that decide it (model, score), read from the file by hand.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from store.leaderboards.base import BoardEntry, BoardSnapshot
from store.resolve import board_index, resolve

Board = Callable[[str], list[BoardEntry]]

# (file date, query, status, expected models best first)
CASES: list[tuple[str, str, str, tuple[str, ...]]] = [
    # 2024-08-02: rank 4 "Meta-Llama-3.1-405b-Instruct,1262": the only 405B row that day
    ("2024-08-02", "Llama 3.1 405B", "alias", ("Meta-Llama-3.1-405b-Instruct",)),
    # 2024-08-02: "GPT-4o-2024-05-13,1286"; 08-06 and ChatGPT-4o-latest not listed yet
    ("2024-08-02", "GPT-4o", "alias", ("GPT-4o-2024-05-13",)),
    # 2024-08-02: "Claude 3.5 Sonnet,1271" (undated name)
    ("2024-08-02", "Claude 3.5 Sonnet", "exact", ("Claude 3.5 Sonnet",)),
    # 2024-08-02: "Athene-70b,1245"
    ("2024-08-02", "Athene 70B", "exact", ("Athene-70b",)),
    # 2024-08-02: Gemini-1.5-Pro-Exp-0801 1300, -API-0514 1261, -API-0409-Preview 1257
    (
        "2024-08-02",
        "Gemini 1.5 Pro",
        "family",
        ("Gemini-1.5-Pro-Exp-0801", "Gemini-1.5-Pro-API-0514", "Gemini-1.5-Pro-API-0409-Preview"),
    ),
    # 2024-08-02: only Mistral-Large-2402 is listed; 2407 ("Mistral Large 2") arrives 08-06
    ("2024-08-02", "Mistral Large 2", "not_found", ()),
    # 2025-03-01: "DeepSeek-V3,1318"
    ("2025-03-01", "DeepSeek V3", "exact", ("DeepSeek-V3",)),
    ("2025-03-01", "deepseek-v3", "exact", ("DeepSeek-V3",)),
    # 2025-03-01: "DeepSeek-R1,1363"
    ("2025-03-01", "R1", "alias", ("DeepSeek-R1",)),
    # 2025-03-01: "o1-2024-12-17,1353" (o1-preview and o1-mini are other models)
    ("2025-03-01", "o1", "alias", ("o1-2024-12-17",)),
    # 2025-03-01: ChatGPT-4o-latest (2025-01-29) 1377, GPT-4o-2024-05-13 1285, -08-06 1265
    (
        "2025-03-01",
        "GPT-4o",
        "alias",
        ("ChatGPT-4o-latest (2025-01-29)", "GPT-4o-2024-05-13", "GPT-4o-2024-08-06"),
    ),
    # 2025-03-01: Meta-Llama-3.1-405B-Instruct-bf16 1269, -fp8 1267: one model, two precisions
    (
        "2025-03-01",
        "Llama 3.1 405B",
        "alias",
        ("Meta-Llama-3.1-405B-Instruct-bf16", "Meta-Llama-3.1-405B-Instruct-fp8"),
    ),
    (
        "2025-03-01",
        "Meta Llama 3.1 405B Instruct",
        "alias",
        ("Meta-Llama-3.1-405B-Instruct-bf16", "Meta-Llama-3.1-405B-Instruct-fp8"),
    ),
    # 2025-03-01: Claude 3.5 Sonnet (20241022) 1283, (20240620) 1268
    (
        "2025-03-01",
        "Claude 3.5 Sonnet",
        "alias",
        ("Claude 3.5 Sonnet (20241022)", "Claude 3.5 Sonnet (20240620)"),
    ),
    # 2025-03-01: Qwen2.5-Max 1335, Qwen2.5-plus-1127 1282, Qwen2.5-72B-Instruct 1257,
    # Qwen2.5-Coder-32B-Instruct 1217
    (
        "2025-03-01",
        "Qwen2.5",
        "family",
        ("Qwen2.5-Max", "Qwen2.5-plus-1127", "Qwen2.5-72B-Instruct", "Qwen2.5-Coder-32B-Instruct"),
    ),
    # 2025-03-01: Claude 3.5 Sonnet (20241022) 1283, (20240620) 1268, Haiku (20241022) 1236
    (
        "2025-03-01",
        "Claude 3.5",
        "family",
        (
            "Claude 3.5 Sonnet (20241022)",
            "Claude 3.5 Sonnet (20240620)",
            "Claude 3.5 Haiku (20241022)",
        ),
    ),
    # 2025-03-01: Meta's four Llama 3.1 rows; the Nemotron 70B/51B fine-tunes are not Meta's
    (
        "2025-03-01",
        "Llama 3.1",
        "family",
        (
            "Meta-Llama-3.1-405B-Instruct-bf16",
            "Meta-Llama-3.1-405B-Instruct-fp8",
            "Meta-Llama-3.1-70B-Instruct",
            "Meta-Llama-3.1-8B-Instruct",
        ),
    ),
    # 2025-03-01: Mistral-Large-2407 1251, -2411 1247, -2402 1157
    (
        "2025-03-01",
        "Mistral Large",
        "alias",
        ("Mistral-Large-2407", "Mistral-Large-2411", "Mistral-Large-2402"),
    ),
    # 2025-03-01: "Qwen-Max-0919,1263" is the only Qwen-Max row
    ("2025-03-01", "Qwen Max", "alias", ("Qwen-Max-0919",)),
    # typos and word order: fuzzy
    ("2025-03-01", "Deepsek V3", "fuzzy", ("DeepSeek-V3",)),
    ("2025-03-01", "Claud 3.7 Sonet", "fuzzy", ("Claude 3.7 Sonnet",)),
    # 2025-03-01: Gemini-1.5-Pro-002 1302, -001 1260 (same model, two releases)
    ("2025-03-01", "Gemini Pro 1.5", "fuzzy", ("Gemini-1.5-Pro-002", "Gemini-1.5-Pro-001")),
    # 2025-03-01: "Gemini-2.0-Flash-Thinking-Exp-01-21,1385"
    # the words without a version: the only Gemini Flash Thinking model on the board
    ("2025-03-01", "Gemini Flash Thinking", "alias", ("Gemini-2.0-Flash-Thinking-Exp-01-21",)),
    # not on that board
    ("2025-03-01", "GPT-5", "not_found", ()),
    ("2025-03-01", "Gemini 2.5 Pro", "not_found", ()),  # first listed 2025-03-26
    # Flash-Exp is not listed on 2025-03-01, and Flash-001 / Thinking-Exp are other models
    ("2025-03-01", "gemini-2.0-flash-exp", "not_found", ()),
    # 2025-08-04: DeepSeek-R1-0528 1427, DeepSeek-R1 1372: R1 in two releases, best first
    ("2025-08-04", "R1", "alias", ("DeepSeek-R1-0528", "DeepSeek-R1")),
    ("2025-08-04", "DeepSeek-R1", "exact", ("DeepSeek-R1",)),
    # 2025-08-04: "kimi-k2-0711-preview,1380"
    ("2025-08-04", "Kimi K2", "alias", ("kimi-k2-0711-preview",)),
    ("2025-08-04", "GLM 4.5", "exact", ("GLM-4.5",)),
    ("2025-08-04", "Gemini 2.5 Pro", "exact", ("Gemini-2.5-Pro",)),
    # 2025-08-04: Qwen3-235B-A22B-Instruct-2507 1427 (the July release), Qwen3-235B-A22B 1365
    ("2025-08-04", "Qwen3 235B", "alias", ("Qwen3-235B-A22B-Instruct-2507", "Qwen3-235B-A22B")),
    # 2025-08-04: Gemma-3-27B-it 1357, -12B-it 1335, -4B-it 1293 (Gemma-3n is another line)
    ("2025-08-04", "Gemma 3", "family", ("Gemma-3-27B-it", "Gemma-3-12B-it", "Gemma-3-4B-it")),
    # 2025-08-04: "Claude Opus 4 (20250514)"; "(thinking-16k)" is a different entry
    ("2025-08-04", "Claude Opus 4", "alias", ("Claude Opus 4 (20250514)",)),
]


@pytest.mark.parametrize(("date", "query", "status", "models"), CASES)
def test_resolution_cases(
    board: Board, date: str, query: str, status: str, models: tuple[str, ...]
) -> None:
    result = resolve(query, board(date))
    assert (result.status, result.models) == (status, models), result.how
    assert result.how
    assert result.model == (models[0] if models else None)


@pytest.mark.parametrize(
    ("date", "query", "must_include"),
    [
        # 2025-03-01: Qwen2-72B-Instruct 1187, Qwen2.5-72B-Instruct 1257, Qwen1.5-72B-Chat 1147
        (
            "2025-03-01",
            "Qwen 72B",
            {"Qwen2-72B-Instruct", "Qwen2.5-72B-Instruct", "Qwen1.5-72B-Chat"},
        ),
        # 2025-03-01: Llama-3-70B-Instruct, Llama-2-70B-chat, Llama-3.3-70B-Instruct, ...
        ("2025-03-01", "Llama 70B", {"Llama-3-70B-Instruct", "Llama-2-70B-chat"}),
    ],
)
def test_ambiguous_names_are_never_guessed(
    board: Board, date: str, query: str, must_include: set[str]
) -> None:
    result = resolve(query, board(date))
    assert result.status == "ambiguous", result.how
    assert result.models == ()
    assert result.model is None
    assert must_include <= set(result.candidates)


def test_family_keeps_fine_tunes_of_other_organisations_out(board: Board) -> None:
    # 2025-03-01: Llama-3.1-Nemotron-70B-Instruct (NVIDIA) is a Llama 3.1 fine-tune
    result = resolve("Llama 3.1", board("2025-03-01"))
    assert "Llama-3.1-Nemotron-70B-Instruct" not in result.models
    nemotron = resolve("Nemotron", board("2025-03-01"))
    assert nemotron.status == "family"
    assert nemotron.models[:2] == (
        "Llama-3.1-Nemotron-70B-Instruct",
        "Llama-3.1-Nemotron-51B-Instruct",
    )


def test_a_date_in_the_text_must_be_on_the_board(board: Board) -> None:
    # 2025-08-04 lists ChatGPT-4o-latest (2024-11-20) and (2025-03-26), not a 2024-12-01 one
    day = board("2025-08-04")
    assert resolve("chatgpt-4o-latest-20241120", day).models == ("ChatGPT-4o-latest (2024-11-20)",)
    assert resolve("ChatGPT-4o-latest 2024-12-01", day).status == "not_found"


def test_names_only_and_snapshot_inputs(board: Board) -> None:
    entries = board("2025-03-01")
    names = [e.model for e in entries]  # board order = rank order
    by_name = resolve("Llama 3.1 405B", names)
    assert by_name.models == (
        "Meta-Llama-3.1-405B-Instruct-bf16",
        "Meta-Llama-3.1-405B-Instruct-fp8",
    )
    assert "first listed" in by_name.how
    from datetime import date

    snap = BoardSnapshot(board="lmarena-text", date=date(2025, 3, 1), entries=tuple(entries))
    assert resolve("DeepSeek V3", snap).models == ("DeepSeek-V3",)
    assert board_index(snap) is board_index(entries)


def test_arena_catalog_ids_resolve_on_a_catalog_board() -> None:
    ids = ["deepseek-r1", "qwen3-235b-a22b", "gemma-3-27b-it", "kimi-k2-0711-preview", "glm-4.5"]
    assert resolve("Kimi K2", ids).models == ("kimi-k2-0711-preview",)
    assert resolve("Gemma 3 27B", ids).models == ("gemma-3-27b-it",)
    assert resolve("GLM-4.5", ids).status == "exact"


def test_empty_name() -> None:
    assert resolve("  ", ["GPT-4-0613"]).status == "not_found"
