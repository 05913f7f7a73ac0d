"""How writers' spellings are read: dates in any form, parentheses, version words,
owners and organisation prefixes (store/registry/mentions.py, names.py)."""

from __future__ import annotations

import pytest

from store.registry import load_registry
from store.registry.mentions import clean, forms
from store.registry.names import parts, release_date, same_release
from store.resolve import resolve


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0801", (None, 8, 1)),
        ("08-01", (None, 8, 1)),
        ("2024-08-01", (2024, 8, 1)),
        ("20240801", (2024, 8, 1)),
        ("August 2024", (2024, 8, None)),
        ("May 2024", (2024, 5, None)),
        ("08-2024", (2024, 8, None)),
        ("2407", (2024, 7, None)),  # Mistral-Large-2407: YYMM, the first pair is no month
        ("202412", (2024, 12, None)),
    ],
)
def test_release_dates_in_every_form(text: str, expected: tuple[object, ...]) -> None:
    assert release_date(parts(f"Model X {text}").stamps) == expected


def test_a_build_number_is_not_a_date() -> None:
    assert release_date(parts("Gemini-1.5-Pro-002").stamps) is None
    assert not same_release(parts("Gemini 1.5 Pro 0801"), parts("Gemini-1.5-Pro-002"))


def test_a_month_matches_a_full_date_of_that_month_only() -> None:
    board = parts("GPT-4o-2024-05-13")
    assert same_release(parts("GPT-4o May 2024"), board)
    assert not same_release(parts("GPT-4o August 2024"), board)


def test_single_digits_in_a_row_are_one_version() -> None:
    assert parts("claude-opus-4-5-20251101").tokens == ("claude", "opus", "4.5")
    assert parts("Claude Opus 5").tokens == ("claude", "opus", "5")


@pytest.mark.parametrize(
    ("mention", "cleaned"),
    [
        ("Meta’s Llama 4 Maverick", "Llama 4 Maverick"),
        ("DeepSeek's R1", "R1"),
        ("the October Claude 3.5 Sonnet", "October Claude 3.5 Sonnet"),
        ("Gemini 1.5 Pro (Experimental 0801)", "Gemini 1.5 Pro (Exp 0801)"),
        ("Llama 3.1–405B", "Llama 3.1-405B"),
        ("GPT-4o (August '24)", "GPT-4o (August 2024)"),
        # a possessive that is not an owner stays: it may be part of a name
        ("Bob's Model", "Bob's Model"),
    ],
)
def test_clean(mention: str, cleaned: str) -> None:
    assert clean(mention, load_registry()) == cleaned


def test_forms_turn_version_words_into_qualifiers() -> None:
    reg = load_registry()
    new = forms("Claude 3.5 Sonnet (new)", reg)
    assert new[0].text == "Claude 3.5 Sonnet" and new[0].newest
    lean = forms("Grok 4.1 (non-reasoning)", reg)
    assert lean[0].text == "Grok 4.1" and lean[0].no_reasoning
    assert forms("Cohere Command A", reg)[0].text == "Command A"


# Names as the 2024-11-15 and 2025-12-11 boards list them (bundled CSV / catalog).
SONNETS = ["Claude 3.5 Sonnet (20241022)", "Claude 3.5 Sonnet (20240620)", "Claude 3 Sonnet"]
GROKS = ["grok-4.1-thinking", "grok-4.1", "grok-4-fast-reasoning", "grok-4-fast-chat"]


def test_new_keeps_the_newest_dated_variant() -> None:
    assert resolve("Claude-3.5 Sonnet (new)", SONNETS).models == ("Claude 3.5 Sonnet (20241022)",)
    assert resolve("Claude 3.5 Sonnet", SONNETS).model == "Claude 3.5 Sonnet (20241022)"


def test_non_reasoning_drops_the_thinking_builds() -> None:
    assert resolve("Grok 4.1 (non-reasoning)", GROKS).models == ("grok-4.1",)
    assert resolve("Grok 4 Fast (non-reasoning)", GROKS).models == ("grok-4-fast-chat",)


def test_a_board_name_of_two_names_answers_to_each() -> None:
    board = ["chocolate (Early Grok-3)", "Claude Opus 4 (thinking-16k)", "Claude Opus 4 (20250514)"]
    assert resolve("chocolate", board).models == ("chocolate (Early Grok-3)",)
    assert resolve("Early Grok-3", board).models == ("chocolate (Early Grok-3)",)
    # a build in parentheses is not a second name
    assert not resolve("thinking-16k", board).found


def test_a_channel_in_parentheses_is_not_a_second_name() -> None:
    board = ["Gemini Pro (Dev API)", "Gemini Pro"]
    assert not resolve("Dev API", board).found


def test_a_size_in_parentheses_is_never_another_size() -> None:
    board = ["Hermes-3-Llama-3.1-70B", "DeepSeek-V3-0324"]
    assert not resolve("Hermes 3 (405B)", board).found
    assert resolve("Deepseek-V3-0324 (671B)", board).models == ("DeepSeek-V3-0324",)
    # a size alone in parentheses is not another name ("405B" is a registry alias)
    assert not resolve("Hermes 3 (405B)", ["Meta-Llama-3.1-405B-Instruct"]).found
