"""Places and scores as news and lab posts word them: a place said with how near the
one above it is, a place one past the only models named above, first place on each of
several named tests, and a bare number that its words call a score."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot.extract import consistent_drafts, make_gazetteer
from bot.extract.base import ArticleText
from bot.extract.rules import RulesExtractor

DAY = date(2025, 6, 1)
EXTRACTOR = RulesExtractor(make_gazetteer())


def claims(text: str) -> list[dict[str, Any]]:
    article = ArticleText(text=text, published=DAY)
    drafts = consistent_drafts(EXTRACTOR.extract(article).drafts, article)
    return [d.model_dump(mode="json") for d in drafts]


def ranks(text: str) -> set[tuple[str, int, bool]]:
    return {
        (c["model"], c["rank"], c["negated"])
        for c in claims(text)
        if c["type"] == "rank_position" and c["op"] == "eq"
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Grok 4 is a close second on LMArena.", ("Grok 4", 2)),
        ("Claude Opus 4 finished a distant third on LMArena.", ("Claude Opus 4", 3)),
        ("On LMArena, GPT-5 leads, with Grok 4 a close second.", ("Grok 4", 2)),
        ("DeepSeek R1 came in a respectable fifth on LMArena.", ("DeepSeek R1", 5)),
        ("Grok 4 was a close second to GPT-5 on LMArena.", ("Grok 4", 2)),
        ("Gemini 2.5 Pro won, and Grok 4, a distant fourth, trailed Claude Opus 4.", ("Grok 4", 4)),
    ],
)
def test_a_place_said_with_how_near_the_one_above_is(text: str, expected: tuple[str, int]) -> None:
    assert (*expected, False) in ranks(text)


@pytest.mark.parametrize(
    "text",
    [
        # "second to none" is no second place; "first to ship" is a time, not a place
        "Grok 4 is second to none on LMArena.",
        "Grok 4 is the first to ship a two-million-token context window.",
        "Grok 4 was a close second to none.",
    ],
)
def test_no_place_from_words_that_only_look_like_one(text: str) -> None:
    assert ranks(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Qwen3 now ranks behind only Gemini 2.5 Pro on LMArena.", ("Qwen3", 2)),
        ("On LMArena, Qwen3 trails only GPT-5 and Gemini 2.5 Pro.", ("Qwen3", 3)),
        ("Claude Opus 4 sits only behind OpenAI's GPT-5 on LMArena.", ("Claude Opus 4", 2)),
        (
            "On LMArena, DeepSeek R1 is beaten only by GPT-5, Grok 4 and Gemini 2.5 Pro.",
            ("DeepSeek R1", 4),
        ),
        ("In coding, Qwen3 trails only GPT-5.", ("Qwen3", 2)),
    ],
)
def test_a_place_one_past_the_only_models_above(text: str, expected: tuple[str, int]) -> None:
    assert (*expected, False) in ranks(text)


@pytest.mark.parametrize(
    "text",
    [
        # the models above are not all named: no count, no place
        "Qwen3 trails only GPT-5 and a handful of Gemini models on LMArena.",
        "Qwen3 ranks behind only OpenAI and Google on LMArena.",
        "Qwen3 lags only slightly behind GPT-5.",
    ],
)
def test_no_place_when_the_models_above_are_not_counted(text: str) -> None:
    assert ranks(text) == set()


@pytest.mark.parametrize(
    ("text", "model", "metrics"),
    [
        (
            "GPT-5.6 Sol sets new state-of-the-art results on Terminal-Bench 2.1 and DeepSWE.",
            "GPT-5.6 Sol",
            {"terminal_bench", "deepswe"},
        ),
        (
            "Qwen3 delivers state-of-the-art results on LiveCodeBench and Humanity's Last Exam.",
            "Qwen3",
            {"livecodebench", "hle"},
        ),
        (
            "GPT-5.2-Codex achieves state-of-the-art performance on SWE-Bench Pro and "
            "Terminal-Bench 2.0, benchmarks designed to test agentic work.",
            "GPT-5.2-Codex",
            {"swe_bench", "terminal_bench"},
        ),
    ],
)
def test_state_of_the_art_on_named_tests_is_first_on_each(
    text: str, model: str, metrics: set[str]
) -> None:
    found = {(c["model"], c["metric"]) for c in claims(text) if c["type"] == "rank_position"}
    assert found == {(model, m) for m in metrics}


def test_state_of_the_art_among_a_group_is_first_within_it_on_each_test() -> None:
    text = "Qwen3 sets a new state of the art on MMLU, GPQA and AIME among open models."
    found = [c for c in claims(text) if c["type"] == "rank_position"]
    assert {c["metric"] for c in found} == {"mmlu", "gpqa", "aime"}
    assert all(c["within"]["open_weights"] is True for c in found)


@pytest.mark.parametrize(
    "text",
    [
        # a set no group describes: no place on any test's whole order
        "Grok 3 delivers state-of-the-art results across diverse academic benchmarks among "
        "non reasoning models.",
        "Qwen3 sets a new state of the art on MMLU and GPQA among non-thinking models.",
    ],
)
def test_state_of_the_art_among_an_unknown_kind_is_no_place(text: str) -> None:
    assert [c for c in claims(text) if c["type"] == "rank_position"] == []


def test_a_list_after_state_of_the_art_names_only_tests() -> None:
    # "Alibaba and Meta said": makers, not tests
    text = "Qwen3 is state of the art on MMLU, Alibaba and Meta said."
    found = {c["metric"] for c in claims(text) if c["type"] == "rank_position"}
    assert found == {"mmlu"}


@pytest.mark.parametrize(
    ("text", "model", "value"),
    [
        (
            "On the Artificial Analysis Coding Agent Index, GPT-5.6 Sol sets a new state of "
            "the art at 80, 2.8 points above Fable 5.",
            "GPT-5.6 Sol",
            80.0,
        ),
        ("Qwen3 achieves a score of 62 on Humanity's Last Exam.", "Qwen3", 62.0),
    ],
)
def test_a_bare_number_its_words_call_a_score(text: str, model: str, value: float) -> None:
    found = [c for c in claims(text) if c["type"] == "score_value"]
    assert [(c["model"], c["value"]) for c in found] == [(model, value)]
    # the number is the score, never the scope of the first place
    assert all(c.get("metric") != "80" for c in claims(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gemini 2.5 Pro sits atop LMArena.", ("Gemini 2.5 Pro", 1)),
        ("Gemini 2.5 Pro retained second place on LMArena.", ("Gemini 2.5 Pro", 2)),
        ("Claude Opus 4 kept its third place on LMArena.", ("Claude Opus 4", 3)),
        ("Grok 4 regained second place on LMArena this week.", ("Grok 4", 2)),
        ("GPT-4.5 held onto first place on LMArena.", ("GPT-4.5", 1)),
    ],
)
def test_a_place_kept_or_won_back(text: str, expected: tuple[str, int]) -> None:
    assert (*expected, False) in ranks(text)


def test_a_place_not_kept_is_denied() -> None:
    text = "Gemini 2.5 Pro failed to retain first place on LMArena."
    assert ranks(text) == {("Gemini 2.5 Pro", 1, True)}


@pytest.mark.parametrize(
    ("text", "value", "comparator"),
    [
        # a mark not reached is a score below it, never the mark itself
        ("Gemini 2.5 Pro nearly hit 1,500 on LMArena.", 1500.0, "lt"),
        ("Gemini 2.5 Pro almost reached 1,500 on LMArena.", 1500.0, "lt"),
        ("Gemini 2.5 Pro fell just short of 90% on MMLU.", 90.0, "lt"),
        ("Gemini 2.5 Pro narrowly missed 90% on MMLU.", 90.0, "lt"),
        # a mark passed is a score above it
        ("Gemini 2.5 Pro broke 1,400 on LMArena.", 1400.0, "gt"),
        ("Gemini 2.5 Pro crossed the 1,400 mark on LMArena.", 1400.0, "gt"),
        ("Gemini 2.5 Pro topped 1,400 points on LMArena.", 1400.0, "gt"),
        # "nearly" before the number itself is about that number
        ("Gemini 2.5 Pro scored nearly 1,500 on LMArena.", 1500.0, "approx"),
    ],
)
def test_a_mark_reached_passed_or_missed(text: str, value: float, comparator: str) -> None:
    found = [
        (c["model"], c["value"], c["comparator"])
        for c in claims(text)
        if c["type"] == "score_value"
    ]
    assert found == [("Gemini 2.5 Pro", value, comparator)]


@pytest.mark.parametrize(
    ("text", "model"),
    [
        # the apposition places the name it follows, even a comparison's object
        ("Qwen3 outperforms GPT-4o, the leading model on LMArena.", "GPT-4o"),
        ("Qwen3 trails Gemini 2.5 Pro, the best model on LMArena.", "Gemini 2.5 Pro"),
        (
            "Qwen3 matches Gemini 2.5 Pro, currently the strongest model on LMArena.",
            "Gemini 2.5 Pro",
        ),
    ],
)
def test_a_superlative_set_beside_a_compared_name_places_it(text: str, model: str) -> None:
    assert (model, 1, False) in ranks(text)


@pytest.mark.parametrize(
    "text",
    [
        # the superlative is the yardstick, or a former holder's
        "Qwen3 outperforms GPT-4o, the previous state-of-the-art model.",
        "Qwen3 beats the best open models, including Llama 4.",
    ],
)
def test_a_superlative_that_is_only_the_yardstick_places_no_one(text: str) -> None:
    assert ranks(text) == set()


def test_both_models_are_the_two_the_sentence_before_listed() -> None:
    text = (
        "Alibaba released Qwen3 and Qwen3-Coder on Monday. Both models rank in the top ten "
        "on LMArena."
    )
    found = {(c["model"], c["rank"], c["op"]) for c in claims(text)}
    assert found == {("Qwen3", 10, "top_k"), ("Qwen3-Coder", 10, "top_k")}


@pytest.mark.parametrize(
    "text",
    [
        # the count said is not the count listed
        "Google released Gemini 2.5 Pro, Gemini 2.5 Flash and Gemma 3. Both models rank in "
        "the top ten on LMArena.",
        # no list: two names set apart by a verb
        "OpenAI compared GPT-5 with o3. Both models are in the top five on LMArena.",
        # other models than the ones listed
        "Google released Gemini 2.5 Pro and Gemini 2.5 Flash. Rival models from OpenAI rank "
        "first on LMArena.",
    ],
)
def test_no_plural_referent_without_one_list_of_that_many(text: str) -> None:
    assert ranks(text) == set() and not [c for c in claims(text) if c.get("op") == "top_k"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Google released Gemini 2.5 Pro and Gemini 2.5 Flash. Both models beat GPT-4o on "
            "LMArena.",
            {("Gemini 2.5 Pro", "GPT-4o", "beats"), ("Gemini 2.5 Flash", "GPT-4o", "beats")},
        ),
        (
            "Mistral released Ministral 3B and Ministral 8B. These models outperform Llama 3.1 8B.",
            {
                ("Ministral 3B", "Llama 3.1 8B", "beats"),
                ("Ministral 8B", "Llama 3.1 8B", "beats"),
            },
        ),
        (
            "Google released Gemini 2.5 Pro and Gemini 2.5 Flash. Both trail GPT-5 on LMArena.",
            {("Gemini 2.5 Pro", "GPT-5", "trails"), ("Gemini 2.5 Flash", "GPT-5", "trails")},
        ),
        # two names a verb sets apart are no list "both" can mean
        ("OpenAI compared GPT-5 with o3. Both models beat Claude Opus 4.", set()),
    ],
)
def test_a_plural_referent_compares_each_model_listed(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    found = {
        (c["model_a"], c["model_b"], c["relation"])
        for c in claims(text)
        if c["type"] == "pairwise_comparison"
    }
    assert found == expected


def within(text: str) -> set[tuple[str, int, str | None]]:
    found = set()
    for c in claims(text):
        if c["type"] == "rank_position":
            group = c["within"] or {}
            kind = "open" if group.get("open_weights") else group.get("country")
            found.add((c["model"], c["rank"], kind))
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gemini 2.5 Pro is now the No. 2 model on LMArena.", ("Gemini 2.5 Pro", 2, None)),
        ("Qwen3 is the No. 3 open model on LMArena.", ("Qwen3", 3, "open")),
        ("Qwen3 is the #4 Chinese model on LMArena.", ("Qwen3", 4, "CN")),
    ],
)
def test_a_numbered_place_before_a_kind_is_within_it(
    text: str, expected: tuple[str, int, str | None]
) -> None:
    assert within(text) == {expected}


def test_a_numbered_place_within_an_unknown_kind_is_no_place() -> None:
    assert within("Qwen3 is the No. 2 reasoning model on LMArena.") == set()


def test_a_tie_for_a_place_gives_both_sides_that_place() -> None:
    text = "Gemini 2.5 Pro and GPT-5 are tied for first on LMArena."
    assert ranks(text) == {("Gemini 2.5 Pro", 1, False), ("GPT-5", 1, False)}


def test_the_object_of_a_place_said_beside_it_is_not_given_that_place() -> None:
    # "just behind GPT-4.5 in fourth place": the fourth place is the subject's only
    text = "Gemini 2.5 Pro sits just behind GPT-4.5 in fourth place on LMArena."
    assert ranks(text) == {("Gemini 2.5 Pro", 4, False)}
