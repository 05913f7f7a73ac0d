"""resolve() never turns an unknown product name into another model (audit misfires).

An unknown model is model_not_found, never another model of the same organisation
("Pixtral" is not Mistral-Large-2407), and a name with words the board lacks is not
found ("GPT-4o mini Transcribe" is not GPT-4o-mini). Rows are read from the bundled
CSVs (store/data/leaderboards/lmarena-text-<date>.csv.gz) by hand.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from store.leaderboards.base import BoardEntry
from store.resolve import resolve

Board = Callable[[str], list[BoardEntry]]

# 2024-09-17 Mistral rows: Mistral-Large-2407 1251, Mistral-Large-2402 1157, Mistral Medium
# 1148, Mixtral-8x22b-Instruct-v0.1 1147, Mistral-Next 1125, Mixtral-8x7b-Instruct-v0.1
# 1114, Mistral-7B-Instruct-v0.2 1072, -v0.1 1008: no Pixtral.
# 2025-07-07 Mistral rows: Mistral Medium 3 1370, Mistral-Small-2506 1332,
# Mistral-Small-3.1-24B-Instruct-2503 1271, Mistral-Large-2407 1267, -2411 1265,
# magistral-medium-2506 1258, Mistral-Small-24B-Instruct-2501 1233, Ministral-8B-2410
# 1198, Mistral-Large-2402 1173, Mistral Medium 1164, Mixtral-8x22b-Instruct-v0.1 1163,
# Mixtral-8x7B-Instruct-v0.1 1130, Mistral-7B-Instruct-v0.2 1088, -v0.1 1023;
# GPT-4o-mini-2024-07-18 1288 is the only GPT-4o mini row.
NOT_FOUND: list[tuple[str, str]] = [
    ("2024-09-17", "Pixtral"),
    ("2024-09-17", "Pixtral 12B"),
    ("2025-07-07", "Voxtral"),
    ("2025-07-07", "Voxtral Small"),
    ("2025-07-07", "Codestral"),
    ("2025-07-07", "Devstral"),
    ("2025-07-07", "Mathstral"),
    ("2025-07-07", "Pixtral Large"),
    # "Magistral" is a name of its own, never a misspelling of "Mistral"
    ("2025-07-07", "Magistral Small"),
    # extra words the board lacks are never dropped
    ("2025-07-07", "GPT-4o mini Transcribe"),
    ("2025-07-07", "grok-4-fast-search"),
    ("2025-07-07", "Claude Code"),
]


@pytest.mark.parametrize(("date", "query"), NOT_FOUND)
def test_unknown_product_names_are_not_found(board: Board, date: str, query: str) -> None:
    result = resolve(query, board(date))
    assert result.status == "not_found", result.how
    assert result.models == ()


# (date, query, status, models best first): a family word covers only the members
# whose names carry it.
FAMILY: list[tuple[str, str, str, tuple[str, ...]]] = [
    # 2025-07-07: Mixtral-8x22b 1163, Mixtral-8x7B 1130
    (
        "2025-07-07",
        "Mixtral",
        "family",
        ("Mixtral-8x22b-Instruct-v0.1", "Mixtral-8x7B-Instruct-v0.1"),
    ),
    # 2025-07-07: Ministral-8B-2410 is the only Ministral row
    ("2025-07-07", "Ministral", "alias", ("Ministral-8B-2410",)),
    # 2025-03-01: CodeLlama-34B-instruct 1043, CodeLlama-70B-instruct 1042 (not Llama 3.1)
    ("2025-03-01", "Code Llama", "family", ("CodeLlama-34B-instruct", "CodeLlama-70B-instruct")),
    # the unchanged cases still hold: "GPT-4o mini" is a registry alias
    ("2025-07-07", "GPT-4o mini", "alias", ("GPT-4o-mini-2024-07-18",)),
]


@pytest.mark.parametrize(("date", "query", "status", "models"), FAMILY)
def test_family_words_cover_only_members_that_carry_them(
    board: Board, date: str, query: str, status: str, models: tuple[str, ...]
) -> None:
    result = resolve(query, board(date))
    assert (result.status, result.models) == (status, models), result.how


def test_the_organisation_word_keeps_its_own_models_only(board: Board) -> None:
    # 2025-07-07: "Mistral" names the Mistral-* rows; Mixtral, Ministral and magistral
    # rows are other product lines of the same organisation
    result = resolve("Mistral", board("2025-07-07"))
    assert result.status == "family"
    assert result.models[0] == "Mistral Medium 3"
    assert all(m.lower().startswith("mistral") for m in result.models), result.models
