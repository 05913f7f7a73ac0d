"""The offline extractor's cue families, each with phrasings from real coverage: who is
ranked where, which number is whose, which way a comparison goes."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot.extract import make_gazetteer
from bot.extract.base import ArticleText
from bot.extract.names import Mention
from bot.extract.referents import sharpen_topic
from bot.extract.rules import RulesExtractor, split_sentences

DAY = date(2025, 3, 1)
# As in production: the registry's names plus names the boards list (these four are on
# the bundled LMArena snapshots of 2023-2024).
BOARD_NAMES = ["vicuna-13b", "koala-13b", "openchat-3.5", "llama-2-70b-chat"]
EXTRACTOR = RulesExtractor(make_gazetteer(board_models=BOARD_NAMES))


def claims(text: str, title: str | None = None) -> list[dict[str, Any]]:
    article = ArticleText(text=text, published=DAY, title=title)
    return [d.model_dump(mode="json") for d in EXTRACTOR.extract(article).drafts]


def ranks(text: str, title: str | None = None) -> set[tuple[str, int]]:
    return {(c["model"], c["rank"]) for c in claims(text, title) if c["type"] == "rank_position"}


def scores(text: str) -> set[tuple[str, float]]:
    return {(c["model"], c["value"]) for c in claims(text) if c["type"] == "score_value"}


def pairs(text: str, title: str | None = None) -> set[tuple[str, str, str]]:
    return {
        (c["model_a"], c["model_b"], c["relation"])
        for c in claims(text, title)
        if c["type"] == "pairwise_comparison"
    }


def test_a_ranked_list_gives_every_place() -> None:
    text = (
        "GPT-4 sits in first place with an Elo of 1274, followed by Claude-v1 at 1224 and "
        "GPT-3.5-turbo, third on 1155. Vicuna-13B is fourth with 1083, Koala-13B fifth with "
        "1022."
    )
    assert ranks(text) == {
        ("GPT-4", 1),
        ("Claude-v1", 2),
        ("GPT-3.5-turbo", 3),
        ("Vicuna-13B", 4),
        ("Koala-13B", 5),
    }
    assert scores(text) == {
        ("GPT-4", 1274),
        ("Claude-v1", 1224),
        ("GPT-3.5-turbo", 1155),
        ("Vicuna-13B", 1083),
        ("Koala-13B", 1022),
    }


def test_a_shared_place_and_a_sentence_starting_with_a_lower_case_name() -> None:
    text = (
        "On the Text Arena, three models share rank 1: gemini-2.5-pro (1457), gpt-5-high "
        "(1455) and claude-opus-4.1-thinking-16k (1451). o3-2025-04-16 is ranked 2nd on 1445."
    )
    assert ranks(text) == {
        ("gemini-2.5-pro", 1),
        ("gpt-5-high", 1),
        ("claude-opus-4.1-thinking-16k", 1),
        ("o3-2025-04-16", 2),
    }


def test_a_list_continues_a_place_said_outright() -> None:
    text = (
        "Anthropic's Claude-Opus-4.5-Reasoning won outright on 68.25 points, trailed by "
        "Google's Gemini-3-Pro-Preview at 65.59 and OpenAI's GPT-5.2 at 64.32."
    )
    assert ranks(text) == {
        ("Claude-Opus-4.5-Reasoning", 1),
        ("Gemini-3-Pro-Preview", 2),
        ("GPT-5.2", 3),
    }


def test_beating_the_rest_of_a_group_is_first_in_it() -> None:
    found = claims("Pixtral 12B outperforms open-source alternatives on instruction following.")
    assert [(c["model"], c["rank"], c["within"]) for c in found] == [
        ("Pixtral 12B", 1, {"country": None, "organisation": None, "open_weights": True})
    ]


def test_an_ordered_list_counts_items_it_cannot_name() -> None:
    text = (
        "The new top ten, in order: Qwen/Qwen2-72B-Instruct; Unknown-Thing; 01-ai/Yi-1.5-34B-Chat."
    )
    assert ranks(text) == {("Qwen/Qwen2-72B-Instruct", 1), ("01-ai/Yi-1.5-34B-Chat", 3)}


def test_an_ordered_list_joined_by_and_places_its_last_two_items() -> None:
    text = "The top three on LMArena, in order: Gemini 2.5 Pro, o3 and GPT-4.5."
    assert ranks(text) == {("Gemini 2.5 Pro", 1), ("o3", 2), ("GPT-4.5", 3)}


def test_a_count_of_a_lists_members_places_none_of_them() -> None:
    text = (
        "On LMArena, three of the top five open models are Chinese: DeepSeek-R1-0528, "
        "Qwen3-235B-A22B and GLM-4.5."
    )
    assert ranks(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Grok 4 ranks 3rd overall on LMArena.", {("Grok 4", 3)}),
        ("Grok-3 took back the No. 1 spot with 1412.", {("Grok-3", 1)}),
        ("The leaderboard shows GPT-4 in the No. 1 position.", {("GPT-4", 1)}),
        ("Claude-2 is runner-up at 1195.", {("Claude-2", 2)}),
        ("At the top overall sits Gemini-2.5-pro-preview.", {("Gemini-2.5-pro-preview", 1)}),
        ("Llama 4 Maverick came in second on LM Arena.", {("Llama 4 Maverick", 2)}),
        ("We are pleased to introduce Grok 3, our most advanced model yet.", {("Grok 3", 1)}),
        ("GPT-5.2 achieves state-of-the-art performance on SWE-Bench Pro.", {("GPT-5.2", 1)}),
        ("GPT-5 is in front or at least sharing first place.", {("GPT-5", 1)}),
        ("Claude Opus 5 finds bugs more effectively than any other model.", {("Claude Opus 5", 1)}),
        (
            "Today we release Voxtral 2, our first speech model with state-of-the-art accuracy.",
            {("Voxtral 2", 1)},
        ),
    ],
)
def test_places_in_every_form(text: str, expected: set[tuple[str, int]]) -> None:
    assert ranks(text) == expected


def test_an_announcements_unnamed_feature_line_speaks_of_its_topic() -> None:
    text = "Introducing the best open-source model for coding agents."
    assert ranks(text, title="Devstral 2") == {("Devstral 2", 1)}
    # with no title naming a model, there is no one to give it to
    assert ranks(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "GPT-5.6 Sol scores 83%, compared with 72.5% for GPT-5.5.",
            {("GPT-5.6 Sol", 83), ("GPT-5.5", 72.5)},
        ),
        (
            "Magistral Medium scored 73.6% on AIME2024, and 90% with majority voting.",
            {("Magistral Medium", 73.6), ("Magistral Medium", 90)},
        ),
        ("Llama 3.1 405B scored 1262 on LMArena.", {("Llama 3.1 405B", 1262)}),
        (
            "OpenChat-3.5 posts 1070 and Llama-2-70b-chat 1065 on the arena.",
            {("OpenChat-3.5", 1070), ("Llama-2-70b-chat", 1065)},
        ),
        # shares, margins, money and sizes are not scores
        ("Devstral surpasses GPT-4.1-mini by over 20%.", set()),
        ("Mistral OCR 4 costs $4 per 1,000 pages, with a 50% discount.", set()),
        ("GPT-5.5 Instant produced 52.5% fewer hallucinated claims than GPT-5.3 Instant.", set()),
    ],
)
def test_a_number_belongs_to_the_model_its_words_tie_it_to(
    text: str, expected: set[tuple[str, float]]
) -> None:
    assert scores(text) == expected


def test_paired_numbers_follow_the_comparison_they_back() -> None:
    text = "On agentic tests, Kimi K2 Thinking tops GPT-5: 60.2% to 54.9% on BrowseComp."
    assert scores(text) == {("Kimi K2 Thinking", 60.2), ("GPT-5", 54.9)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sonnet 5 is a strict improvement over Sonnet 4.6.", ("Sonnet 5", "Sonnet 4.6", "beats")),
        (
            "Nemotron-4 340B now places above Llama-3-70B.",
            ("Nemotron-4 340B", "Llama-3-70B", "beats"),
        ),
        (
            "GPT-5.2 Thinking is better at front-end work than GPT-5.1 Thinking.",
            ("GPT-5.2 Thinking", "GPT-5.1 Thinking", "beats"),
        ),
        (
            "Mistral Small 3 is competitive with Llama 3.3 70B.",
            ("Mistral Small 3", "Llama 3.3 70B", "ties"),
        ),
        ("Llama 2 70B falls well short of GPT-4.", ("Llama 2 70B", "GPT-4", "trails")),
        (
            "Mixtral 8x7B matches or outperforms GPT-3.5 on most benchmarks.",
            ("Mixtral 8x7B", "GPT-3.5", "beats"),
        ),
        (
            "Mistral OCR 3 is a significant upgrade compared to Mistral OCR 2.",
            ("Mistral OCR 3", "Mistral OCR 2", "beats"),
        ),
        ("At math DeepSeek V3 now passes GPT-4.", ("DeepSeek V3", "GPT-4", "beats")),
        ("Llama 3 was outperformed by GPT-4o on LMArena.", ("Llama 3", "GPT-4o", "trails")),
        ("Grok 4 edges past Claude Opus 4 on LMArena.", ("Grok 4", "Claude Opus 4", "beats")),
        ("Qwen3 is on a par with GPT-4.1.", ("Qwen3", "GPT-4.1", "ties")),
        (
            "Nemotron-4 340B at times holds its own against GPT-4.",
            ("Nemotron-4 340B", "GPT-4", "ties"),
        ),
    ],
)
def test_comparisons_read_their_direction(text: str, expected: tuple[str, str, str]) -> None:
    assert pairs(text) == {expected}


def test_a_described_other_side_is_kept_as_the_text_wrote_it() -> None:
    text = "Claude Sonnet 5 beats its predecessor on every benchmark."
    assert pairs(text) == {("Claude Sonnet 5", "its predecessor", "beats")}
    # a group is read as a group, not as a described model
    assert pairs("Claude Sonnet 5 beats all other open models.") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gemini 2.5 Pro beats previous Gemini models on LMArena.",
            ("Gemini 2.5 Pro", "previous Gemini models", "beats"),
        ),
        (
            "Llama 3.1 405B outperforms other Llama models on every benchmark.",
            ("Llama 3.1 405B", "other Llama models", "beats"),
        ),
        (
            "Older Qwen versions trail DeepSeek-V3 on LMArena.",
            ("Older Qwen versions", "DeepSeek-V3", "trails"),
        ),
    ],
)
def test_a_family_qualified_as_a_set_is_a_described_side(
    text: str, expected: tuple[str, str, str]
) -> None:
    # not the family, whose best member may be the subject itself
    assert pairs(text) == {expected}
    # unqualified, the family stands for its best member
    assert pairs("Gemini 2.5 Pro beats Llama models on LMArena.") == {
        ("Gemini 2.5 Pro", "Llama", "beats")
    }


def test_it_after_two_named_models_means_neither_not_the_topic() -> None:
    text = "GPT-4o and Claude 3.5 Sonnet are close on LMArena. It beats Gemini 1.5 Pro."
    assert pairs(text, title="Mistral Small 3.1") == set()


def test_a_chain_of_it_sentences_keeps_its_subject() -> None:
    text = (
        "Nemotron-4 340B now places above Llama-3-70B on the arena. "
        "On long queries it is fifth, beating Claude 3 Sonnet. "
        "In sum, it is ahead of Mixtral 8x22B."
    )
    found = pairs(text)
    assert ("Nemotron-4 340B", "Mixtral 8x22B", "beats") in found
    assert ("Nemotron-4 340B", 5) in ranks(text)


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("The gap between open and closed models is shrinking.", "narrowing"),
        ("Open-weight models have erased most of the deficit.", "narrowing"),
        ("Chinese labs have caught up with the US.", "narrowing"),
        ("The edge closed-source labs hold is widening.", "widening"),
        ("Posts say that open source has at last drawn level with closed source.", "narrowing"),
    ],
)
def test_gap_trends_between_groups(text: str, direction: str) -> None:
    trends = [c for c in claims(text) if c["type"] == "trend_gap"]
    assert [t["direction"] for t in trends] == [direction]


def test_a_named_model_makes_a_gap_its_own_not_the_groups() -> None:
    text = (
        "Mistral Small 4 shows a clear advantage over larger open-source peers, a gap that grows."
    )
    assert [c for c in claims(text) if c["type"] == "trend_gap"] == []


def test_the_other_side_of_a_group_comparison_takes_what_it_leaves_unsaid() -> None:
    text = "The best Chinese open model is now ahead of the best American one."
    groups = [(c["group_a"], c["group_b"]) for c in claims(text) if c["type"] == "group_comparison"]
    assert groups == [
        (
            {"country": "CN", "organisation": None, "open_weights": True},
            {"country": "US", "organisation": None, "open_weights": True},
        )
    ]


def test_a_scope_after_a_group_comparison_holds_for_both_sides() -> None:
    text = "China has overtaken the US in open-weight AI models."
    [claim] = claims(text)
    assert claim["relation"] == "overtook"
    assert claim["group_a"]["open_weights"] is True and claim["group_b"]["open_weights"] is True
    assert (claim["group_a"]["country"], claim["group_b"]["country"]) == ("CN", "US")


@pytest.mark.parametrize(
    "text",
    [
        "China's open models pull ahead of America's on LMArena.",
        "Chinese open models now rank above America's on LMArena.",
        "America's best open models now trail China's on LMArena.",
    ],
)
def test_a_countrys_possessive_alone_takes_the_other_sides_kind(text: str) -> None:
    [claim] = [c for c in claims(text) if c["type"] == "group_comparison"]
    sides = {claim["group_a"]["country"], claim["group_b"]["country"]}
    assert sides == {"CN", "US"}
    assert claim["group_a"]["open_weights"] is True and claim["group_b"]["open_weights"] is True


def test_a_makers_possessive_alone_is_no_group() -> None:
    text = "DeepSeek-R1 beats Llama 3.1 405B, which is Meta's, on LMArena."
    assert [c["type"] for c in claims(text)] == ["pairwise_comparison"]


def test_a_scope_later_in_the_clause_holds_for_each_side_that_names_none() -> None:
    for text in (
        "China leads the US on LMArena's open model rankings.",
        "Chinese models lead US models among open models on LMArena.",
    ):
        [claim] = claims(text)
        assert (claim["group_a"]["country"], claim["group_b"]["country"]) == ("CN", "US")
        assert claim["group_a"]["open_weights"] is True and claim["group_b"]["open_weights"] is True
    # a side that names its own openness keeps it
    text = "US closed models lead Chinese models on LMArena's open model rankings."
    [claim] = claims(text)
    assert (claim["group_a"]["open_weights"], claim["group_b"]["open_weights"]) == (False, True)


@pytest.mark.parametrize(
    ("text", "maker"),
    [
        ("Google holds the top spot on LMArena.", "Google"),
        ("OpenAI has reclaimed the lead on the leaderboard.", "OpenAI"),
        ("After months behind, Anthropic now tops the WebDev Arena.", "Anthropic"),
    ],
)
def test_a_maker_in_first_place_leads_the_rest_of_the_field(text: str, maker: str) -> None:
    [claim] = claims(text)
    assert claim["type"] == "group_comparison" and claim["relation"] == "leads"
    assert claim["group_a"]["organisation"] == maker
    assert claim["group_b"] == {**claim["group_a"], "others": True}
    assert claim["mentions"] == [maker]


@pytest.mark.parametrize(
    "text",
    [
        "Google leads the cloud market.",  # no ranking of models
        "Google's Gemini 3 now tops LMArena.",  # the model is the subject
        "Analysts say Google could lead again.",
    ],
)
def test_no_maker_lead_without_a_ranking_or_with_a_model_subject(text: str) -> None:
    assert not [c for c in claims(text) if c["type"] == "group_comparison"]


def test_places_after_a_ranking_of_a_group_are_within_it() -> None:
    text = (
        "LMArena has put out a new list of its ten best open-source models. Kimi K2 sits "
        "at the very top, and DeepSeek-R1 is second. Overall, GPT-5 ranks first."
    )
    within = {
        (c["model"], c["rank"]): c["within"] for c in claims(text) if c["type"] == "rank_position"
    }
    assert within == {
        ("Kimi K2", 1): {"country": None, "organisation": None, "open_weights": True},
        ("DeepSeek-R1", 2): {"country": None, "organisation": None, "open_weights": True},
        ("GPT-5", 1): None,
    }
    # a sentence that ranks nothing ends the list
    text = (
        "LMArena's open-model ranking came out on Monday. The weather was fine. "
        "Kimi K2 sits at the very top."
    )
    assert [c["within"] for c in claims(text)] == [None]


def _places(text: str) -> set[tuple[str, int, str, bool | None, str | None, bool]]:
    return {
        (
            c["model"],
            c["rank"],
            c["op"],
            (c["within"] or {}).get("open_weights"),
            (c["within"] or {}).get("country"),
            c["negated"],
        )
        for c in claims(text)
        if c["type"] == "rank_position"
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The highest-ranked open model is Kimi K2.", ("Kimi K2", 1, "eq", True, None, False)),
        (
            "The top open model on LMArena is now Kimi K2.",
            ("Kimi K2", 1, "eq", True, None, False),
        ),
        (
            "The top open model on LMArena is no longer Kimi K2.",
            ("Kimi K2", 1, "eq", True, None, True),
        ),
        (
            "The leading Chinese model is DeepSeek-R1, well ahead of the rest.",
            ("DeepSeek-R1", 1, "eq", None, "CN", False),
        ),
        (
            "Gemini 2.5 Pro is number one on LMArena.",
            ("Gemini 2.5 Pro", 1, "eq", None, None, False),
        ),
    ],
)
def test_a_place_described_before_its_model(
    text: str, expected: tuple[str, int, str, bool | None, str | None, bool]
) -> None:
    assert _places(text) == {expected}


@pytest.mark.parametrize(
    "text",
    [
        # the description names a model of its own, or more follows the name
        "The best Llama model is still Llama 3.1 405B.",
        "The top open model is Kimi K2's older sibling.",
    ],
)
def test_no_inverted_place_where_the_name_is_not_the_whole_complement(text: str) -> None:
    assert _places(text) == set()


def test_a_makers_best_said_before_its_model() -> None:
    [claim] = claims("Meta's best model on LMArena is now Llama 4 Maverick.")
    assert (claim["model"], claim["within"]["organisation"]) == ("Llama 4 Maverick", "Meta")


def test_the_top_k_of_a_group_is_counted_within_it_for_every_name() -> None:
    text = "Kimi K2, DeepSeek-R1 and Qwen3 are the top three open models on LMArena."
    assert _places(text) == {
        (name, 3, "top_k", True, None, False) for name in ("Kimi K2", "DeepSeek-R1", "Qwen3")
    }
    # a top k of something no board orders gives no place
    assert _places("Kimi K2 is one of the top five coding models.") == set()
    assert _places("Kimi K2 is in the top ten AI models on LMArena.") == {
        ("Kimi K2", 10, "top_k", None, None, False)
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gemini 2.5 Pro outshines GPT-4o on LMArena.", ("Gemini 2.5 Pro", "GPT-4o", "beats")),
        ("Gemini 2.5 Pro outclasses GPT-4o on LMArena.", ("Gemini 2.5 Pro", "GPT-4o", "beats")),
        ("Gemini 2.5 Pro beat out GPT-4o on LMArena.", ("Gemini 2.5 Pro", "GPT-4o", "beats")),
        (
            "Gemini 2.5 Pro wins against GPT-4o in most battles on LMArena.",
            ("Gemini 2.5 Pro", "GPT-4o", "beats"),
        ),
        ("GPT-4o is now behind Gemini 2.5 Pro on LMArena.", ("GPT-4o", "Gemini 2.5 Pro", "trails")),
        (
            "GPT-4o lost its lead to Gemini 2.5 Pro on LMArena.",
            ("GPT-4o", "Gemini 2.5 Pro", "trails"),
        ),
        (
            "GPT-4o ceded the top spot to Gemini 2.5 Pro on LMArena.",
            ("GPT-4o", "Gemini 2.5 Pro", "trails"),
        ),
        (
            "GPT-4o is still catching up to Gemini 2.5 Pro on LMArena.",
            ("GPT-4o", "Gemini 2.5 Pro", "trails"),
        ),
        (
            "Claude Sonnet 5 can match Claude Opus 4.8 on coding.",
            ("Claude Sonnet 5", "Claude Opus 4.8", "ties"),
        ),
        # verbs of winning, with the beaten model right after
        ("Qwen2.5-Max narrowly edges GPT-4o on LMArena.", ("Qwen2.5-Max", "GPT-4o", "beats")),
        ("DeepSeek-R1 crushed o1 on LMArena.", ("DeepSeek-R1", "o1", "beats")),
        ("Gemini 2.5 Pro trounces GPT-4o on LMArena.", ("Gemini 2.5 Pro", "GPT-4o", "beats")),
        ("Gemini 2.5 Pro outstrips GPT-4o on LMArena.", ("Gemini 2.5 Pro", "GPT-4o", "beats")),
        (
            "Grok 3 came out on top against GPT-4o in LMArena's math category.",
            ("Grok 3", "GPT-4o", "beats"),
        ),
        # "not as good as" is below, not "anything but level"
        (
            "Llama 3.1 405B is not as strong as GPT-4o on LMArena.",
            ("Llama 3.1 405B", "GPT-4o", "trails"),
        ),
        (
            "Llama 3.1 405B isn't quite as capable as GPT-4o on LMArena.",
            ("Llama 3.1 405B", "GPT-4o", "trails"),
        ),
    ],
)
def test_comparisons_in_more_verbs(text: str, expected: tuple[str, str, str]) -> None:
    assert pairs(text) == {expected}
    [claim] = claims(text)
    assert not claim["negated"]


def test_a_win_over_one_model_is_no_first_place_and_a_gain_is_no_score() -> None:
    """ "came out on top against X" beats X (no board-wide first place); "improves 12
    points over X" gives a margin, not a score of 12."""
    text = "Grok 3 came out on top against GPT-4o in the math category."
    assert [c["type"] for c in claims(text)] == ["pairwise_comparison"]
    assert claims(text)[0]["category"] == "math"
    assert scores("Claude 3.5 Sonnet improves 12 points over Claude 3 Opus on GPQA.") == set()
    assert scores("GPT-4o rose 8 points on LMArena to 1287.") == {("GPT-4o", 1287.0)}


def test_a_denial_before_a_preposition_of_place_denies_the_comparison() -> None:
    [claim] = claims("GPT-4o is no longer ahead of Gemini 2.5 Pro on LMArena.")
    assert (claim["model_a"], claim["model_b"], claim["relation"]) == (
        "GPT-4o",
        "Gemini 2.5 Pro",
        "beats",
    )
    assert claim["negated"]
    [claim] = claims("MiniMax-M1 does not yet match GPT-4o on broad knowledge.")
    assert (claim["relation"], claim["negated"]) == ("ties", True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # whose best: a maker's or a country's, never the board's
        (
            "Llama 4 Maverick is Meta's best model on LMArena.",
            ("Llama 4 Maverick", 1, "eq", None, None, False),
        ),
        (
            "DeepSeek-R1 is China's best model on LMArena.",
            ("DeepSeek-R1", 1, "eq", None, "CN", False),
        ),
        ("Grok 3 is the third-best model on LMArena.", ("Grok 3", 3, "eq", None, None, False)),
        (
            "Grok 3 is the second-highest-ranked open model on LMArena.",
            ("Grok 3", 2, "eq", True, None, False),
        ),
        (
            "Llama 4 Maverick sits outside the top 20 on LMArena.",
            ("Llama 4 Maverick", 20, "not_top_k", None, None, False),
        ),
        (
            "Llama 4 Maverick has dropped out of the top ten on LMArena.",
            ("Llama 4 Maverick", 10, "not_top_k", None, None, False),
        ),
        # a denial of leaving the top places: still in them
        (
            "Llama 4 Maverick has not dropped out of the top ten on LMArena.",
            ("Llama 4 Maverick", 10, "top_k", None, None, False),
        ),
        (
            "Llama 4 Maverick never fell out of the top five on LMArena.",
            ("Llama 4 Maverick", 5, "top_k", None, None, False),
        ),
        (
            "Llama 4 Maverick hasn’t slipped out of the top 20 on LMArena.",
            ("Llama 4 Maverick", 20, "top_k", None, None, False),
        ),
        (
            "Among open models on LMArena, DeepSeek-R1 ranks first.",
            ("DeepSeek-R1", 1, "eq", True, None, False),
        ),
        # the place is the agent's: "dethroned by Y at the top"
        (
            "GPT-4.5 was dethroned by Gemini 2.5 Pro at the top of LMArena.",
            ("Gemini 2.5 Pro", 1, "eq", None, None, False),
        ),
    ],
)
def test_whose_place_and_which(
    text: str, expected: tuple[str, int, str, bool | None, str | None, bool]
) -> None:
    assert _places(text) == {expected}


def test_a_maker_possessive_scopes_the_place_to_that_maker() -> None:
    [claim] = claims("Llama 4 Maverick is Meta's best model on LMArena.")
    assert claim["within"]["organisation"] == "Meta"
    [claim] = claims("GPT-4o is Acme's best model on LMArena.")  # a maker no list knows
    assert claim["within"] is None and claim["metric"] == "own_models"


def test_an_adjective_rival_is_no_tie() -> None:
    assert pairs("Gemini 2.5 Pro beats rival o3 on LMArena.") == {("Gemini 2.5 Pro", "o3", "beats")}
    assert pairs("Gemini 2.5 Pro beats arch-rival o3 on LMArena.") == {
        ("Gemini 2.5 Pro", "o3", "beats")
    }
    assert pairs("Qwen3 can rival o3 on LMArena.") == {("Qwen3", "o3", "ties")}


def test_a_maker_leading_another_maker() -> None:
    [claim] = claims("OpenAI now leads Anthropic on LMArena.")
    assert (claim["group_a"]["organisation"], claim["group_b"]["organisation"]) == (
        "OpenAI",
        "Anthropic",
    )
    assert not claim["group_b"].get("others") and claim["mentions"] == ["OpenAI", "Anthropic"]


@pytest.mark.parametrize(
    "text",
    [
        "Chinese models lead among open models on LMArena.",
        "Chinese labs dominate the open-model rankings on LMArena.",
    ],
)
def test_a_lead_within_a_group_that_no_group_pair_expresses_gives_no_claim(text: str) -> None:
    assert [c for c in claims(text) if c["type"] == "group_comparison"] == []


def test_one_of_n_counts_n() -> None:
    text = "Gemini 2.5 Pro is one of four Google models in the top 10 on LMArena."
    [count] = [c for c in claims(text) if c["type"] == "group_comparison"]
    assert (count["group_a"]["organisation"], count["k"], count["count"]) == ("Google", 10, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Claude Opus 4 ranks first in LMArena's coding category.",
            ("lmarena-text", "coding", "arena_score"),
        ),
        (
            "Claude Opus 4 leads the Chatbot Arena coding leaderboard.",
            ("lmarena-text", "coding", "arena_score"),
        ),
        # a test no bundled board ranks: judged unsupported, never on the arena
        ("o3 tops LiveBench.", (None, None, "livebench")),
    ],
)
def test_a_category_or_a_test_named_with_the_place(
    text: str, expected: tuple[str | None, str | None, str | None]
) -> None:
    [claim] = claims(text)
    assert (claim["board"], claim["category"], claim["metric"]) == expected


@pytest.mark.parametrize(
    ("text", "model"),
    [
        (
            "The latest version of DeepSeek-R1 ranks in the top five.",
            "latest version of DeepSeek-R1",
        ),
    ],
)
def test_a_build_the_words_do_not_pin_down_is_described(text: str, model: str) -> None:
    # never the first release the bare name resolves to
    assert {c["model"] for c in claims(text)} == {model}


def test_its_family_predecessors_are_a_described_side() -> None:
    assert pairs("Gemini 2.5 Flash beats its Gemini predecessors on LMArena.") == {
        ("Gemini 2.5 Flash", "its Gemini predecessors", "beats")
    }


def test_beating_the_next_best_is_first_place() -> None:
    text = "On ARC-AGI 3, Opus 5's score is three times as high as the next-best model."
    assert ("Opus 5", 1) in ranks(text)


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        # first at a task no board's category is: unverifiable, never the overall order
        (
            "Claude 3 Opus consistently comes out ahead on hard logical reasoning.",
            "hard_logical_reasoning",
        ),
        ("Claude 3 Opus leads on long-context RAG.", "long_context_rag"),
        ("Gemini 2.5 Pro dominates the LMArena leaderboard.", "arena_score"),
    ],
)
def test_first_place_at_a_task(text: str, metric: str) -> None:
    [claim] = claims(text)
    assert (claim["rank"], claim["metric"]) == (1, metric)


def test_wins_counted_in_categories_are_no_place() -> None:
    assert ranks("Llama 2 came out ahead in five categories, while GPT-3.5 took coding.") == set()


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("xAI has the most capable AI models in the world.", "unnamed_tasks"),
        ("Google now has the best models on LMArena.", "arena_score"),
        # a headline naming no board: the judge's default board
        ("Google Rules Arena Leaderboards", None),
    ],
)
def test_a_maker_with_the_best_models_leads_the_rest(text: str, metric: str | None) -> None:
    [claim] = claims(text)
    assert claim["type"] == "group_comparison" and claim["group_b"].get("others")
    assert claim["metric"] == metric


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The report also counted China's DeepSeek R1 among the world's top AI systems.",
            ("DeepSeek R1", 10, "top_k", None, None, False),
        ),
        (
            "Analysts put Gemini 2.5 Pro in the top five on LMArena.",
            ("Gemini 2.5 Pro", 5, "top_k", None, None, False),
        ),
    ],
)
def test_the_object_of_a_verb_of_placing_takes_the_place(
    text: str, expected: tuple[str, int, str, bool | None, str | None, bool]
) -> None:
    assert _places(text) == {expected}
    # an object of any other verb does not
    assert _places("Analysts tested Gemini 2.5 Pro in the top five tasks.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Gemini 2.5 Pro leads LMArena with 1470.",
        "Gemini 2.5 Pro, at 1470, leads LMArena.",
    ],
)
def test_a_bare_number_beside_the_board_it_leads_is_its_score(text: str) -> None:
    assert scores(text) == {("Gemini 2.5 Pro", 1470.0)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place said before its name goes to the name after it
        (
            "Gemini 2.5 Pro leads LMArena. In third place is DeepSeek R1.",
            {("Gemini 2.5 Pro", 1), ("DeepSeek R1", 3)},
        ),
        (
            "Gemini 2.5 Pro leads LMArena. In second place: GPT-4o.",
            {("Gemini 2.5 Pro", 1), ("GPT-4o", 2)},
        ),
        # places given "respectively" go to the names in order
        (
            "Grok 3 and Gemini 2.5 Pro rank first and second on LMArena, respectively.",
            {("Grok 3", 1), ("Gemini 2.5 Pro", 2)},
        ),
        (
            "GPT-4o, Claude and Gemini placed first, second and third, respectively.",
            {("GPT-4o", 1), ("Claude", 2), ("Gemini", 3)},
        ),
    ],
)
def test_whose_place_in_a_list(text: str, expected: set[tuple[str, int]]) -> None:
    assert ranks(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a kind of model no group or board describes
        "DeepSeek R1 is the top reasoning model on LMArena.",
        "Among the five models we compared on LMArena, DeepSeek R1 came first.",
        "Among mini models, o3-mini ranks first on LMArena.",
        # a set with something left out
        "Excluding Google's own models, GPT-4.5 is the top model on LMArena.",
        "Apart from DeepSeek's models, Gemma 3 27B is the top open model on LMArena.",
        "Gemma 3 27B is the highest-ranked open model outside China on LMArena.",
    ],
)
def test_no_board_place_within_a_set_no_group_describes(text: str) -> None:
    judged = [
        c for c in claims(text)
        if c["type"] == "rank_position" and c["metric"] in (None, "arena_score")
    ]  # fmt: skip
    assert judged == []


def test_a_possessive_gives_a_number_its_owner() -> None:
    text = "Gemini 2.5 Pro scored 1439 on LMArena, well ahead of GPT-4.5's 1398."
    assert scores(text) == {("Gemini 2.5 Pro", 1439.0), ("GPT-4.5", 1398.0)}


def test_makers_and_single_models_named_by_their_maker() -> None:
    [claim] = claims("OpenAI's models trail xAI's on LMArena.")
    assert (claim["group_a"]["organisation"], claim["group_b"]["organisation"]) == (
        "OpenAI",
        "xAI",
    )
    # "the Google model" is one model, not Google's best
    text = "We compared Gemma 3 27B and Grok 3. The Google model trails the xAI model on LMArena."
    assert [c for c in claims(text) if c["type"] == "group_comparison"] == []


@pytest.mark.parametrize(
    ("text", "metric", "category"),
    [
        (
            "Claude 3.7 Sonnet leads SWE-bench Verified. It beats Gemini 2.5 Pro there.",
            "swe_bench_verified",
            None,
        ),
        (
            "Claude 3.7 Sonnet leads SWE-bench Verified with 70.3%. o3-mini comes second.",
            "swe_bench_verified",
            None,
        ),
        (
            "In LMArena's math category, o3 ranks first. Qwen3-32B ranks second.",
            "arena_score",
            "math",
        ),
        (
            "LMArena's math leaderboard tells a different story. There, Qwen3-32B ranks second.",
            "arena_score",
            "math",
        ),
        # the category as the sentence's subject
        (
            "Creative writing is the one area where Google still leads. Gemini 2.5 Pro "
            "scores 1427 there, ahead of GPT-4.5.",
            None,
            "creative_writing",
        ),
        (
            "Coding, by contrast, remains OpenAI's stronghold. On LMArena, o3 outscores "
            "Gemini 2.5 Pro there.",
            "arena_score",
            "coding",
        ),
    ],
)
def test_a_test_or_category_named_goes_on_in_the_next_ranking_sentence(
    text: str, metric: str, category: str | None
) -> None:
    last = claims(text)[-1]
    assert (last["metric"], last["category"]) == (metric, category)


@pytest.mark.parametrize(
    "text",
    [
        # a new paragraph (a new comment in a thread) names its own category, or none
        "u/a: Claude 3.7 Sonnet is above GPT-4.5 on coding on LMArena.\n\n"
        "u/b: Gemini-2.0-Pro is #1 and it's not close.",
        "In LMArena's math category, o3 ranks first.\n\nQwen3-32B ranks second.",
        # "Elsewhere", "Meanwhile": the sentence leaves the category
        "On LMArena's coding category, GPT-4.5 ranks first. Elsewhere, o3-mini trails "
        "Gemini 2.0 Flash.",
        "In LMArena's math category, o3 ranks first. Meanwhile, Qwen3-32B ranks second.",
    ],
)
def test_a_category_does_not_go_on_past_its_paragraph_or_an_elsewhere(text: str) -> None:
    assert claims(text)[-1]["category"] is None


@pytest.mark.parametrize(
    "text",
    [
        "On LMArena's coding category, Gemini 2.5 Pro ranks first. Meanwhile, GPT-4.5 ranks "
        "second there too.",
        "On LMArena's coding category, Gemini 2.5 Pro ranks first. Meanwhile, in the same "
        "category, Grok 3 ranks second.",
    ],
)
def test_a_meanwhile_pointing_back_keeps_the_category(text: str) -> None:
    assert claims(text)[-1]["category"] == "coding"


def test_a_category_as_subject_reaches_only_a_sentence_that_goes_on_there() -> None:
    text = "Math is where chatbots stumble. Gemini 2.5 Pro scores 1427 on LMArena."
    assert [c["category"] for c in claims(text)] == [None]


def test_a_clause_naming_its_own_test_is_not_on_the_board_another_clause_names() -> None:
    text = (
        "Alibaba says Qwen2.5-Max beats DeepSeek-V3 on Arena-Hard and LiveBench, but on "
        "LMArena the two are close."
    )
    assert [(c["board"], c["metric"]) for c in claims(text)] == [(None, "arena_hard")]
    text = "Qwen2.5-Max beats DeepSeek-V3 on LMArena, and it leads on Arena-Hard too."
    assert ("lmarena-text", "arena_score") in {(c["board"], c["metric"]) for c in claims(text)}


def test_a_sentence_scoping_itself_keeps_its_own_measure() -> None:
    text = "Gemini leads MMLU. On LMArena, GPT-4o ranks second."
    last = claims(text)[-1]
    assert (last["board"], last["metric"]) == ("lmarena-text", "arena_score")


@pytest.mark.parametrize(
    ("text", "board"),
    [
        ("Claude 3.7 Sonnet ranks first on LMArena's WebDev leaderboard.", "lmarena-webdev"),
        ("Gemini 2.5 Pro grounding tops LMArena's new Search Arena.", "lmarena-search"),
    ],
)
def test_an_arena_of_lmarena_is_not_its_text_board(text: str, board: str) -> None:
    assert {c["board"] for c in claims(text)} == {board}


@pytest.mark.parametrize(
    ("text", "margin", "op"),
    [
        ("Gemini 2.5 Pro is about 140 points ahead of GPT-4.5 on LMArena.", 140.0, "approx"),
        ("GPT-4.5 is 100 points behind Gemini 2.5 Pro on LMArena.", 100.0, "approx"),
        ("Gemini 2.5 Pro leads GPT-4.5 by 41 points on LMArena.", 41.0, "approx"),
        ("Gemini 2.5 Pro holds a 40-point lead over GPT-4.5 on LMArena.", 40.0, "approx"),
        ("Gemini 2.5 Pro is more than 30 points ahead of GPT-4.5 on LMArena.", 30.0, "gt"),
        # a percentage is a benchmark's gap, not a board's points
        ("Gemini 2.5 Pro beats GPT-4.5 by 3% on MMLU.", None, "approx"),
    ],
)
def test_a_gap_the_text_gives_is_kept(text: str, margin: float | None, op: str) -> None:
    [claim] = claims(text)
    assert (claim["margin"], claim["margin_op"]) == (margin, op)


@pytest.mark.parametrize(
    ("title", "body", "metric"),
    [
        (
            "o3-mini beats DeepSeek R1",
            "On the AIME 2024 benchmark, OpenAI's model scores 87.3% against R1's 79.8%.",
            "aime",
        ),
        # a test and a board both: the headline's measure is left open
        (
            "Claude 3.7 Sonnet beats Gemini 2.5 Pro",
            "Anthropic's model outscores Google's on SWE-bench Verified, though it trails "
            "on LMArena.",
            "unnamed_tasks",
        ),
    ],
)
def test_a_headline_naming_no_measure_takes_its_first_lines_test(
    title: str, body: str, metric: str
) -> None:
    text = f"{title}\n\n{body}"
    [headline] = [c for c in claims(text, title) if c["quote"] == title]
    assert (headline["board"], headline["metric"]) == (None, metric)


@pytest.mark.parametrize(
    ("text", "views"),
    [
        # each clause's own view
        (
            "Gemini 2.0 Flash doesn't appear in the top ten on LMArena's raw rankings, "
            "though it climbs to eighth when style control is applied.",
            ["raw"],
        ),
        ("In the raw view, Gemini 2.5 Pro ranks second on LMArena.", ["raw"]),
        ("Under style control, Claude Opus 4 ranks first on LMArena.", ["style_control"]),
        # no view named: both are checked
        ("Gemini 2.5 Pro ranks first on LMArena.", [None]),
    ],
)
def test_the_view_is_the_one_the_claims_clause_names(text: str, views: list[str | None]) -> None:
    assert [c["view"] for c in claims(text)] == views


def test_a_relative_clause_keeps_its_view_to_itself() -> None:
    text = (
        "Gemini 2.5 Pro, which ranks third in the raw view, falls to sixth place under "
        "style control on LMArena."
    )
    assert {(c["rank"], c["view"]) for c in claims(text)} == {(3, "raw"), (6, "style_control")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Llama 3.1 405B is the highest-ranked open model from an American company on LMArena.",
            {"country": "US", "organisation": None, "open_weights": True},
        ),
        (
            "Command A is the best model from a Canadian company on LMArena.",
            {"country": "CA", "organisation": None, "open_weights": None},
        ),
        (
            "DeepSeek-R1 is the highest-ranked model released with open weights on LMArena.",
            {"country": None, "organisation": None, "open_weights": True},
        ),
    ],
)
def test_who_made_the_best_model_said_after_it(text: str, expected: dict[str, object]) -> None:
    [claim] = claims(text)
    assert claim["within"] == expected


def test_a_maker_no_group_describes_gives_no_board_place() -> None:
    assert ranks("Grok 3 is the best model from a startup on LMArena.") == set()


def test_an_ordinal_opening_its_clause_places_the_name_after_it() -> None:
    text = "Gemini leads LMArena. Third is OpenAI's o3, followed by ChatGPT-4o."
    assert ranks(text) == {("Gemini", 1), ("OpenAI's o3", 3), ("ChatGPT-4o", 4)}


def test_a_place_said_of_another_variant_is_not_the_names() -> None:
    text = (
        "Claude 3.7 Sonnet sits outside the top 25 in the raw view, at 27th for the thinking "
        "variant."
    )
    assert ("Claude 3.7 Sonnet", 27) not in ranks(text)


def test_places_right_after_the_names_go_in_order() -> None:
    text = "GPT-4.1 and DeepSeek-R1, 11th and 12th on LMArena, trail the leaders."
    assert ranks(text) == {("GPT-4.1", 11), ("DeepSeek-R1", 12)}


def test_a_build_code_in_brackets_is_no_score() -> None:
    assert scores("Gemini 1.5 Pro (0801) is the strongest model on LMArena.") == set()


@pytest.mark.parametrize(
    ("text", "board", "metric"),
    [
        # a maker's word, on its own evaluations
        ("Alibaba says Qwen2.5-Max beats DeepSeek-V3 and GPT-4o.", None, "benchmarks"),
        ("According to Alibaba, Qwen2.5-Max beats DeepSeek-V3.", None, "benchmarks"),
        # unless it names a board
        ("Alibaba says Qwen2.5-Max beats DeepSeek-V3 on LMArena.", "lmarena-text", "arena_score"),
    ],
)
def test_a_makers_claim_is_on_its_own_evaluations(
    text: str, board: str | None, metric: str
) -> None:
    assert {(c["board"], c["metric"]) for c in claims(text)} == {(board, metric)}


@pytest.mark.parametrize(
    "text",
    [
        # "LMArena" is the board, not the lab that made Vicuna
        "xAI tops the LMArena leaderboard.",
        "Chinese models now lead the LMArena leaderboard.",
    ],
)
def test_a_board_name_is_no_maker(text: str) -> None:
    [claim] = claims(text)
    assert claim["group_b"].get("others") and claim["group_b"]["organisation"] != "LMSYS"


@pytest.mark.parametrize(
    "text",
    [
        # places among a group no board's top k counts
        "Nine of the top ten open models on LMArena are Chinese.",
        "Among open models on LMArena, Chinese labs take the top seven places.",
        "Two of the top three open models on LMArena are from DeepSeek.",
        # first among a group, said of a maker: no pair of groups states it
        "Meta holds the top spot among open models on LMArena.",
        # one group inside the other
        "Chinese open models now lead the open-weights rankings on LMArena.",
    ],
)
def test_group_claims_within_a_group_give_no_board_claim(text: str) -> None:
    assert [c for c in claims(text) if c["type"] == "group_comparison"] == []


@pytest.mark.parametrize(
    "text",
    [
        "LMArena published its ten best open models. GLM-4.5 sits at the very top.",
        "Among open models, the picture is different. GLM-4.5 ranks first.",
    ],
)
def test_more_ways_to_set_up_a_ranking_of_a_group(text: str) -> None:
    [claim] = claims(text)
    assert claim["within"] == {"country": None, "organisation": None, "open_weights": True}


def test_an_exclusion_after_who_made_it() -> None:
    assert ranks("Grok 4 is the best model from a US lab other than Google on LMArena.") == set()


@pytest.mark.parametrize(
    ("text", "margin", "gap"),
    [
        ("Chinese open models lead US open models on LMArena by 150 points.", 150.0, None),
        (
            "The gap between US and Chinese models on LMArena has narrowed to just 10 points.",
            None,
            10.0,
        ),
    ],
)
def test_a_groups_gap_or_a_trends_end_is_kept(
    text: str, margin: float | None, gap: float | None
) -> None:
    [claim] = claims(text)
    assert (claim.get("margin"), claim.get("gap")) == (margin, gap)


def test_a_group_comparison_on_benchmarks_is_not_the_boards() -> None:
    text = "According to Epoch AI, US models still lead Chinese models on most benchmarks."
    [claim] = claims(text)
    assert (claim["board"], claim["metric"]) == (None, "benchmarks")


def test_a_trends_starting_level_dates_its_start_not_the_claim() -> None:
    text = (
        "Over the past year, Chinese models have closed the gap with US models on LMArena, "
        "from roughly 90 points in December 2024 to about 41 points now."
    )
    [claim] = claims(text)
    assert (claim["as_of"], claim["period_start"]) == (DAY.isoformat(), "2024-12-31")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kimi K2 is the new leading open-weights model on LMArena.",
            ("Kimi K2", 1, "eq", True, None, False),
        ),
        (
            "DeepSeek-R1-0528 is the No. 1 open model on LMArena.",
            ("DeepSeek-R1-0528", 1, "eq", True, None, False),
        ),
    ],
)
def test_leading_and_number_one_keep_their_kind(
    text: str, expected: tuple[str, int, str, bool | None, str | None, bool]
) -> None:
    assert _places(text) == {expected}


@pytest.mark.parametrize(
    "text",
    [
        "Chinese models take nine of the top ten open-model places on LMArena.",
        "Outside China, o3 is the best model on LMArena.",
        "Leaving Gemini aside, o3 leads LMArena.",
    ],
)
def test_places_among_kinds_said_in_other_words(text: str) -> None:
    board_wide = [
        c for c in claims(text)
        if c["type"] in ("rank_position", "group_comparison") and not c.get("within")
    ]  # fmt: skip
    assert board_wide == []


@pytest.mark.parametrize(
    ("text", "model"),
    [
        (
            "DeepSeek-R1, in its May update, sits third on LMArena.",
            "DeepSeek-R1, in its May update",
        ),
        (
            "The thinking version of Claude 3.7 Sonnet ranks 39th on LMArena.",
            "thinking version of Claude 3.7 Sonnet",
        ),
        (
            "Claude Opus 4 in its thinking variant is 14th on LMArena.",
            "Claude Opus 4 in its thinking variant",
        ),
        # a non-thinking mode is most often the name's own entry
        ("Grok 4.1 in its non-reasoning mode ranks #2 on LMArena.", "Grok 4.1"),
    ],
)
def test_builds_named_after_the_name(text: str, model: str) -> None:
    assert {c["model"] for c in claims(text)} == {model}


def test_category_words_and_the_overall_reset() -> None:
    assert claims("When it comes to coding, o3 tops LMArena.")[0]["category"] == "coding"
    assert claims("For maths prompts, o3 ranks first on LMArena.")[0]["category"] == "math"
    text = "o3 tops LMArena in coding. In the overall ranking, however, it is third."
    assert {(c["rank"], c["category"]) for c in claims(text)} == {(1, "coding"), (3, None)}


def test_more_list_places_and_no_score_from_a_distance() -> None:
    assert ranks("On LMArena, Kimi K2 and DeepSeek-R1 sit 12th and 14th.") == {
        ("Kimi K2", 12),
        ("DeepSeek-R1", 14),
    }
    text = "The distance between Gemini 2.5 Pro and its nearest rival, Grok 4, is 36 points."
    assert scores(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Look only at open-weights models on LMArena. Kimi K2 is fourth among them.",
        "Here are LMArena's top open-weights models. Kimi K2 comes in fourth.",
    ],
)
def test_a_ranking_narrowed_to_a_group_before(text: str) -> None:
    [claim] = claims(text)
    assert (claim["rank"], claim["within"]["open_weights"]) == (4, True)


def test_a_bare_best_of_a_group_sets_up_no_ranking() -> None:
    text = "The best open models now rival closed ones. GPT-5 ranks first on LMArena."
    assert [c["within"] for c in claims(text) if c["type"] == "rank_position"] == [None]


def test_a_fronted_scope_before_two_groups() -> None:
    text = "On LMArena's open-weights leaderboard, Chinese labs now outrank their American rivals."
    [claim] = claims(text)
    assert (claim["group_a"]["open_weights"], claim["group_b"]["open_weights"]) == (True, True)


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("For multilingual translation, GPT-4.5 ranks first.", "multilingual_translation"),
        # a discourse marker is no task
        ("For example, Devstral surpasses GPT-4.1-mini by over 20%.", None),
    ],
)
def test_a_fronted_task(text: str, metric: str | None) -> None:
    assert {c["metric"] for c in claims(text)} == {metric}


def test_an_unpinned_build_gives_no_claim() -> None:
    # the resolver reads "updated DeepSeek-R1" as the first release
    assert claims("The updated DeepSeek-R1 now ranks third on LMArena.") == []


def test_a_possessive_build_is_described() -> None:
    text = "Llama 4 Maverick's experimental chat version ranks second on LMArena."
    assert {c["model"] for c in claims(text)} == {"Llama 4 Maverick's experimental chat version"}


def test_it_after_a_described_subject_is_not_the_topic() -> None:
    text = (
        "The released Maverick debuted in 35th place on LMArena. It ranks behind "
        "DeepSeek-V3 and Gemma 3 27B."
    )
    assert pairs(text, title="Llama 4 launch") == set()
    assert pairs(text.replace("The released Maverick", "Llama 4 Maverick"), title="Llama 4 launch")


@pytest.mark.parametrize(
    ("text", "view"),
    [
        (
            "Claude 3.5 Sonnet is 13th in the raw table but seventh with style control on LMArena.",
            "raw",
        ),
        ("Once style is accounted for, Llama 3.1 405B climbs to 15th on LMArena.", "style_control"),
    ],
)
def test_views_in_more_words(text: str, view: str) -> None:
    first = claims(text)[0]
    assert (first["view"], first["forecast"]) == (view, False)


@pytest.mark.parametrize(
    ("text", "model"),
    [
        (
            "Claude 3.7 Sonnet in extended-thinking mode now ranks sixth under style control "
            "on LMArena.",
            "Claude 3.7 Sonnet in extended-thinking mode",
        ),
        ("By contrast, the original GPT-4o now sits 34th on LMArena.", "original GPT-4o"),
    ],
)
def test_more_builds_described(text: str, model: str) -> None:
    assert {c["model"] for c in claims(text)} == {model}


@pytest.mark.parametrize(
    "text",
    [
        "Alibaba's Qwen3 and Zhipu's GLM series followed DeepSeek's lead with permissive licences.",
        "The open-weights top five runs: 1. DeepSeek-R1.",
        "Gemini 2.5 Flash-Lite sits near the top ten on LMArena.",
    ],
)
def test_no_place_from_a_lead_followed_a_heading_or_near(text: str) -> None:
    decided = [c for c in claims(text) if c["type"] in ("rank_position", "group_comparison")]
    assert decided == []


def test_the_model_a_clause_picks_out_is_not_the_articles() -> None:
    text = "Meta released Llama 4. The model Meta actually released now ranks 39th on LMArena."
    assert ranks(text, title="Llama 4 Maverick") == set()
    # the article's model, written "the model", still is
    text = "Meta released Llama 4 Maverick. The model now ranks 39th on LMArena."
    assert ranks(text, title="Llama 4 Maverick") == {("Llama 4 Maverick", 39)}


def test_a_board_word_used_as_an_adjective_names_no_board() -> None:
    text = "Grok 3 knocked Gemini 2.0 Flash, the previous arena leader on 1385, off the top."
    assert {c["board"] for c in claims(text)} == {None}


def test_abbreviations_do_not_end_a_sentence() -> None:
    spans = split_sentences("Grok-3 took back the No. 1 spot. It beat GPT-4.5 vs. o1 too.")
    assert [s.text for s in spans] == [
        "Grok-3 took back the No. 1 spot.",
        "It beat GPT-4.5 vs. o1 too.",
    ]


# -- objects the gazetteer does not list, and list items with their numbers ------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Granite 4 clearly outperforms OpenAI Whisper on noisy audio.",
            {("Granite 4", "OpenAI Whisper", "beats")},
        ),
        (
            "Gemma 3 beats Phi-4, Zephyr Orca 7B and Qwen2.5 7B on reasoning.",
            {
                ("Gemma 3", "Phi-4", "beats"),
                ("Gemma 3", "Zephyr Orca 7B", "beats"),
                ("Gemma 3", "Qwen2.5 7B", "beats"),
            },
        ),
        (
            "In blind tests Kimi K2 is on par with Nova Sonic Pro.",
            {("Kimi K2", "Nova Sonic Pro", "ties")},
        ),
    ],
)
def test_an_unlisted_name_where_an_object_stands_is_kept(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a board, a benchmark's acronym, a quality: no model is named
        "Kimi K2 topped Zapier's AutomationBench leaderboard last week.",
        "Kimi K2 leads USAMO with 61.9%.",
        "Kimi K2 approaches Opus-level quality at a fraction of the cost.",
        # an organisation, a country, a month
        "Kimi K2 beats OpenAI on price.",
        "Kimi K2 overtook China's previous record in March.",
        # "the best Ractor server": an adjective, not the verb "bests"
        "Kimi K2 aims to be the best Ractor server.",
    ],
)
def test_an_unlisted_object_must_look_like_a_product(text: str) -> None:
    assert pairs(text) == set()


def test_each_item_of_an_object_list_may_carry_its_number_or_an_aside() -> None:
    assert pairs(
        "Yi-34B achieved 71.2, surpassing Falcon-180B's score of 70.4 and Mixtral 8x7B's "
        "score of 68.0."
    ) == {("Yi-34B", "Falcon-180B", "beats"), ("Yi-34B", "Mixtral 8x7B", "beats")}
    assert pairs(
        "Qwen-72B finished ahead of Meta's Llama 2, the chat version included, as well as "
        "TII's Falcon-40B and models like Yi-34B."
    ) == {
        ("Qwen-72B", "Llama 2", "beats"),
        ("Qwen-72B", "Falcon-40B", "beats"),
        ("Qwen-72B", "Yi-34B", "beats"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On MATH, Gemma 2 27B scored 42.3% against 51.9% for Google's Gemini 1.5 Pro.",
            ("Gemma 2 27B", "Gemini 1.5 Pro", "trails"),
        ),
        (
            "On GPQA, o3 reaches 83.3%, followed closely by Gemini 2.5 Pro at 83.0%.",
            ("o3", "Gemini 2.5 Pro", "beats"),
        ),
        (
            "Grok 3 outperforms or matches much larger models like Yi-Lightning 2 on coding.",
            ("Grok 3", "Yi-Lightning 2", "beats"),
        ),
    ],
)
def test_two_numbers_side_by_side_and_the_stronger_of_two_verbs(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in pairs(text)


# -- places: superlatives with a maker or a name after them, places shared afterwards --


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Today we ship Grok 5, xAI's smartest model built for agents.", ("Grok 5", 1)),
        ("Meet GPT-5.5, our smartest and most intuitive to use model yet.", ("GPT-5.5", 1)),
        ("The API now serves our best coding model, Devstral 2.", ("Devstral 2", 1)),
        ("Gemini 2.5 Flash establishes a new cost-effective frontier.", ("Gemini 2.5 Flash", 1)),
        ("Claude 3.5 Sonnet has taken first place on the Chatbot Arena.", ("Claude 3.5 Sonnet", 1)),
    ],
)
def test_first_place_in_more_forms(text: str, expected: tuple[str, int]) -> None:
    assert expected in ranks(text)


@pytest.mark.parametrize(
    "text",
    [
        # a maker's range of models, or a list headed by a superlative: no one model's place
        "Mistral AI's best models are now on Vertex AI.",
        "Yi-34B trails the leading models: GPT-4 gets 86%, Claude 2 about 78%.",
        "Gemini 1.5 Pro passed OpenAI's leading models, finishing above GPT-4o.",
    ],
)
def test_a_plural_superlative_gives_no_first_place(text: str) -> None:
    assert not {r for r in ranks(text) if r[1] == 1 and r[0] != "Gemini 1.5 Pro"}
    assert ("Gemini 1.5 Pro", 1) not in ranks(text)


def test_a_place_shared_after_its_models_and_a_tie_list_with_scores() -> None:
    assert ranks(
        "GPT-4o is 3rd with 1290, while Llama-3-70B (1208) and Qwen2-72B (1187) share 7th."
    ) >= {("GPT-4o", 3), ("Llama-3-70B", 7), ("Qwen2-72B", 7)}
    assert ranks(
        "Three models tie at rank 2: Gemini-1.5-Pro with 1300, plus GPT-4-Turbo and "
        "Claude-3-Opus, each at 1295."
    ) == {("Gemini-1.5-Pro", 2), ("GPT-4-Turbo", 2), ("Claude-3-Opus", 2)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a size stands for the one model of that size the article named before
        (
            "Meta shipped Llama 3.1 405B in July. On the arena the 405B model ranks 4th.",
            ("Llama 3.1 405B", 4),
        ),
        (
            "Our tests covered Falcon 180B. Its 180B version placed 9th among open models.",
            ("Falcon 180B", 9),
        ),
    ],
)
def test_a_size_refers_back_to_the_model_of_that_size(text: str, expected: tuple[str, int]) -> None:
    assert expected in ranks(text)


def test_a_size_named_by_two_models_refers_to_neither() -> None:
    text = "Both Llama 3.1 405B and Hermes 3 405B were tested. The 405B model ranks 4th."
    assert not any(r[1] == 4 for r in ranks(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Google's Gemini-3-Pro-Preview scored 65.59. Qwen3-Max-Thinking, on 60.61 overall, "
            "drew level with the Google model on mathematical reasoning.",
            ("Qwen3-Max-Thinking", "Gemini-3-Pro-Preview", "ties"),
        ),
        (
            "OpenAI released GPT-5 in August. Claude Opus 4.1 still trails OpenAI's model on "
            "LMArena.",
            ("Claude Opus 4.1", "GPT-5", "trails"),
        ),
        (
            "Kimi K2 launched last week. The Moonshot model now beats GPT-4.1 on LMArena.",
            ("Kimi K2", "GPT-4.1", "beats"),
        ),
    ],
)
def test_a_makers_model_is_the_one_model_of_that_maker_named_before(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in pairs(text)


@pytest.mark.parametrize(
    "text",
    [
        # two models of that maker: neither
        "Gemini 2.5 Pro and Gemini 2.5 Flash both improved. DeepSeek-R1 beat the Google model "
        "on math.",
        # none named before
        "DeepSeek-R1 beat the Google model on math.",
    ],
)
def test_a_makers_model_names_no_model_when_the_text_does_not_settle_which(text: str) -> None:
    assert not {p for p in pairs(text) if p[1].startswith("Gemini")}


@pytest.mark.parametrize(
    "text",
    [
        "Gemini 2.5 Pro led in March. Google's model, Gemini 3 Pro, now beats GPT-5 on LMArena.",
        "Gemini 2.5 Pro led in March. Gemini 3 Pro, Google's model, now beats GPT-5 on LMArena.",
    ],
)
def test_a_makers_model_beside_a_name_of_that_maker_describes_it(text: str) -> None:
    assert pairs(text) == {("Gemini 3 Pro", "GPT-5", "beats")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Llama 3.1 70B is now statistically indistinguishable from GPT-4o on LMArena.",
            {("Llama 3.1 70B", "GPT-4o", "ties")},
        ),
        (
            "Qwen3-Max is in the same league as Claude Opus 4 on coding.",
            {("Qwen3-Max", "Claude Opus 4", "ties")},
        ),
        (
            "Gemini 2.5 Flash keeps pace with o4-mini on math.",
            {("Gemini 2.5 Flash", "o4-mini", "ties")},
        ),
        ("Kimi K2 trades blows with GPT-4.1 on coding.", {("Kimi K2", "GPT-4.1", "ties")}),
        (
            "DeepSeek-R1 briefly drew level with the best U.S. model in February 2025.",
            {("DeepSeek-R1", "the best U.S. model", "ties")},
        ),
        (
            "Mistral Small 3 performs at the level of Llama 3.3 70B.",
            {("Mistral Small 3", "Llama 3.3 70B", "ties")},
        ),
        (
            "Mistral Small 3 is roughly equivalent to GPT-4o mini.",
            {("Mistral Small 3", "GPT-4o mini", "ties")},
        ),
        (
            "Mistral Small 3 offers similar quality to GPT-4o mini.",
            {("Mistral Small 3", "GPT-4o mini", "ties")},
        ),
        (
            "Mistral Small 3 scores within a point of GPT-4o mini on MMLU.",
            {("Mistral Small 3", "GPT-4o mini", "trails")},
        ),
        # keeping pace with something that is no model
        ("Gemini 2.5 Flash kept pace with demand during the launch.", set()),
        ("Mistral Small 3 is equivalent to 3x its size.", set()),
        ("Mistral Small 3 uses similar performance tricks as its predecessor.", set()),
    ],
)
def test_more_ways_of_saying_two_models_are_level(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert pairs(text) == expected


def test_not_in_the_same_league_says_no_way() -> None:
    found = [c for c in claims("Mistral Large is not in the same league as GPT-4o.")]
    assert [(c["model_a"], c["model_b"], c["relation"], c["negated"]) for c in found] == [
        ("Mistral Large", "GPT-4o", "ties", True)
    ]


def test_a_size_reference_compares_like_a_name() -> None:
    text = "We tried Llama 2 70B first. The 70B model falls short of GPT-4 on coding."
    assert ("Llama 2 70B", "GPT-4", "trails") in pairs(text)


@pytest.mark.parametrize(
    "text",
    [
        "Deepseek V3 is out. Our model beats GPT-4o on math.",
        "Deepseek V3 is out. Our new model beats GPT-4o on math.",
        "Deepseek V3 is out. On math our latest model beats GPT-4o.",
    ],
)
def test_our_model_refers_to_the_article_s_model(text: str) -> None:
    assert ("Deepseek V3", "GPT-4o", "beats") in pairs(text)


def test_our_models_is_many_and_names_no_one_model() -> None:
    assert not pairs("Deepseek V3 is out. Our models beat GPT-4o on math.")


def test_a_title_s_short_name_is_the_one_variant_the_article_names() -> None:
    title = "Codestral, our coding model"
    text = "Codestral 22B ships under a new licence. Weights are online. It beats GPT-3.5."
    assert ("Codestral 22B", "GPT-3.5", "beats") in pairs(text, title=title)
    names = [Mention(0, 0, n, "model") for n in ("Codestral 22B", "Codestral Mamba 7B")]
    assert sharpen_topic("Codestral", names) == "Codestral"  # two variants: neither
    assert sharpen_topic("Codestral", names[:1]) == "Codestral 22B"


@pytest.mark.parametrize(
    "text",
    [
        "On SWE-bench, Kimi K2 posts 65.8%, 3.1 points ahead of GPT-4.1.",
        "Grok 4 sits at 1420 Elo on LMArena, 12 points behind Gemini 2.5 Pro.",
        "On GPQA, o3 scores 83%, 4.5% higher than Claude 4 Opus.",
    ],
)
def test_a_distance_from_another_model_is_no_score(text: str) -> None:
    values = {v for _, v in scores(text)}
    assert values and not values & {3.1, 12.0, 4.5}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a distance from another model says which is ahead
        (
            "Kimi K2 posts 1420 on LMArena, 15 points above Qwen3-235B.",
            ("Kimi K2", "Qwen3-235B", "beats"),
        ),
        (
            "Grok 4 sits at 1420 Elo, 12 points behind Gemini 2.5 Pro.",
            ("Grok 4", "Gemini 2.5 Pro", "trails"),
        ),
        ("o3 holds a margin of 9 points over Claude 4 Opus.", ("o3", "Claude 4 Opus", "beats")),
        (
            "Claude 4 Opus has a 40-point lead over GPT-4.1 on LMArena.",
            ("Claude 4 Opus", "GPT-4.1", "beats"),
        ),
        # the one model named above it, or the only one it is behind
        ("GLM-4.5 is third, with only GPT-5 above it.", ("GLM-4.5", "GPT-5", "trails")),
        (
            "DeepSeek V3 is behind only Gemini 2.5 Pro on the arena.",
            ("DeepSeek V3", "Gemini 2.5 Pro", "trails"),
        ),
    ],
)
def test_a_distance_or_an_only_one_ahead_gives_the_direction(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in pairs(text)


def test_a_repeated_preposition_joins_the_next_object_and_no_other_does() -> None:
    assert pairs("Qwen2-72B finished above Llama-3 and also above Mixtral 8x7B.") == {
        ("Qwen2-72B", "Llama-3", "beats"),
        ("Qwen2-72B", "Mixtral 8x7B", "beats"),
    }
    found = pairs("Qwen2-72B finished ahead of Llama-3 and behind GPT-4o.")
    assert ("Qwen2-72B", "GPT-4o", "beats") not in found


def _trends(text: str) -> list[tuple[str, tuple[Any, ...]]]:
    out = []
    for c in claims(text):
        if c["type"] == "trend_gap":
            sides = tuple((g["country"], g["open_weights"]) for g in c["subjects"])
            out.append((c["direction"], sides))
    return out


@pytest.mark.parametrize(
    ("text", "direction", "sides"),
    [
        # a margin that says how it changed, with no gap word
        (
            "Open models now trail closed ones by 3 points, down from 12 points last year.",
            "narrowing",
            {(None, True), (None, False)},
        ),
        (
            "US models lead Chinese ones by 40 Elo, up from 20 in January.",
            "widening",
            {("US", None), ("CN", None)},
        ),
        # both sides in one modifier
        (
            "The open-versus-closed difference fell to 4% this spring.",
            "narrowing",
            {(None, True), (None, False)},
        ),
        (
            "The open vs. closed gap has widened again.",
            "widening",
            {(None, True), (None, False)},
        ),
        # a group named twice is one side; the other is the group it is measured against
        (
            "America leads, but the difference is closing: U.S. models now beat Chinese "
            "ones by a hair.",
            "narrowing",
            {("US", None), ("CN", None)},
        ),
    ],
)
def test_gap_trends_without_a_gap_verb(text: str, direction: str, sides: set[Any]) -> None:
    found = _trends(text)
    assert len(found) == 1, found
    assert found[0][0] == direction
    assert set(found[0][1]) == sides


def test_a_margin_between_two_models_is_no_group_trend() -> None:
    assert _trends("GPT-4o leads Claude 3.5 Sonnet by 5 points, down from 9 in May.") == []


def test_an_unlisted_subject_needs_a_model_s_shape() -> None:
    text = "On OmniDocBench, Parsa 4 achieves a score of 91.5 and beats GPT-4o."
    assert ("Parsa 4", 91.5) in {
        (c["model"], c["value"])
        for c in claims(text, title="Parsa 4")
        if c["type"] == "score_value"
    }
    assert ("Parsa 4", "GPT-4o", "beats") in pairs(text, title="Introducing Parsa 4")
    # no title naming it: a product word with a version is still a model's shape
    assert ("Parsa 4", "GPT-4o", "beats") in pairs(text, title="Document AI news")
    # a version-numbered thing of another kind is not
    assert not pairs("Level 2 beats GPT-4o on XP.", title="Path of Exile levels")
    assert not pairs("RTX 5090 beats GPT-4o on watts.", title="GPU review")


def test_a_time_is_no_unlisted_subject() -> None:
    text = "Since January 2026, the best open models lead by four months on our index."
    assert not [c for c in claims(text, title="January 2026 index") if c.get("model")]


def test_a_description_given_a_name_compares_with_the_name() -> None:
    text = "Kimi K2.6 is a clear step up over its predecessor, Kimi K2.5, on agentic coding."
    assert pairs(text) == {("Kimi K2.6", "Kimi K2.5", "beats")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Qwen3 and GLM-4.5 reach 71.2% and 68.4% respectively.",
            {("Qwen3", 71.2), ("GLM-4.5", 68.4)},
        ),
        (
            "Gemini 2.5 Pro, GPT-4.1 and Claude 4 Opus score 86.2%, 83.1% and 84% on MMLU "
            "respectively.",
            {("Gemini 2.5 Pro", 86.2), ("GPT-4.1", 83.1), ("Claude 4 Opus", 84.0)},
        ),
        # one model, two numbers: the numbers are its own
        (
            "Magistral Small scored 70.7% and 83.3% respectively.",
            {("Magistral Small", 70.7), ("Magistral Small", 83.3)},
        ),
    ],
)
def test_scores_given_respectively_follow_the_names_order(
    text: str, expected: set[tuple[str, float]]
) -> None:
    assert scores(text) == expected


def test_a_benchmark_s_version_and_a_change_over_time_are_no_scores() -> None:
    text = "GPT-5.2 leads on SWE-Bench Pro and Terminal-Bench 2.0, benchmarks of agentic work."
    assert 2.0 not in {v for _, v in scores(text)}
    rising = "GPT-5.2's score is 9% higher than GPT-5.1's, rising from 59.1% to 68.4%."
    assert ("GPT-5.1", 68.4) not in scores(rising)
    assert ("GPT-5.2", 59.1) not in scores(rising)


def test_a_participle_speaks_of_the_pronoun_subject_of_its_sentence() -> None:
    text = (
        "Qwen3 is our new model. It beats GPT-4o across all tasks, and achieves strong "
        "results on long documents and Chinese benchmarks, surpassing Claude 3.5 Sonnet."
    )
    assert ("Qwen3", "Claude 3.5 Sonnet", "beats") in pairs(text)


def test_a_competitive_price_compares_nothing() -> None:
    assert not pairs("Grok 4 comes at a very competitive cost compared to other leading models.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a lead owned by a name, or kept by it
        (
            "GPT-4o's lead over Claude 3.5 Sonnet shrank to 5 points.",
            ("GPT-4o", "Claude 3.5 Sonnet", "beats"),
        ),
        (
            "Claude 3.5 Sonnet keeps a small edge over GPT-4o in writing.",
            ("Claude 3.5 Sonnet", "GPT-4o", "beats"),
        ),
        # two names joined as the subject of a tie
        (
            "Gemini 2.5 Pro and GPT-4.5 are statistically tied on LMArena.",
            ("Gemini 2.5 Pro", "GPT-4.5", "ties"),
        ),
        # the other side fronted
        (
            "Compared with Llama 3 70B, Qwen2-72B scores higher on MMLU.",
            ("Qwen2-72B", "Llama 3 70B", "beats"),
        ),
        (
            "Compared to GPT-4o, Llama 3.1 70B is weaker at coding.",
            ("Llama 3.1 70B", "GPT-4o", "trails"),
        ),
        # losing to, and a place behind
        (
            "In a head-to-head, Llama 3.1 405B lost to GPT-4o.",
            ("Llama 3.1 405B", "GPT-4o", "trails"),
        ),
        (
            "DeepSeek V3 is now the second-best model behind GPT-4o.",
            ("DeepSeek V3", "GPT-4o", "trails"),
        ),
    ],
)
def test_more_ways_to_say_who_is_ahead(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in pairs(text)


@pytest.mark.parametrize(
    "text",
    [
        "GPT-4o's lead over Claude 3.5 Sonnet has vanished.",
        "GPT-4o's edge over Claude 3.5 Sonnet is gone this month.",
        "Compared with Llama 3 70B, Qwen2-72B scores higher on MMLU but lower on code.",
        "Compared with Llama 3 70B, Qwen2-72B is cheaper to serve.",
    ],
)
def test_a_lost_lead_or_a_mixed_comparison_gives_no_direction(text: str) -> None:
    assert not pairs(text)


def test_beating_every_model_of_a_size_is_first_in_that_size_class_only() -> None:
    found = [
        c
        for c in claims("Zephyr 7B outperforms all 7B models on MT-Bench.")
        if c["type"] == "rank_position"
    ]
    assert [(c["model"], c["rank"], c["category"]) for c in found] == [
        ("Zephyr 7B", 1, "size_class")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Claude 4 Sonnet shows a lower rate of undesirable behaviors than Claude 3.7 Sonnet.",
            {("Claude 4 Sonnet", "Claude 3.7 Sonnet", "beats")},
        ),
        (
            "GPT-4.1 has a higher error rate than GPT-4o on long documents.",
            {("GPT-4.1", "GPT-4o", "trails")},
        ),
        (
            "GPT-5.5 Instant produced 52.5% fewer hallucinated claims than GPT-5.3 Instant.",
            {("GPT-5.5 Instant", "GPT-5.3 Instant", "beats")},
        ),
        (
            "Gemma 3 27B makes more mistakes than Gemini 2.0 Flash.",
            {("Gemma 3 27B", "Gemini 2.0 Flash", "trails")},
        ),
        ("Gemini 2.5 Flash has lower latency than GPT-4o.", set()),
        ("Mistral Small 3 has fewer parameters than Llama 3.3 70B.", set()),
        (
            "Mistral Small 3 is less capable than Llama 3.3 70B.",
            {("Mistral Small 3", "Llama 3.3 70B", "trails")},
        ),
    ],
)
def test_a_comparative_of_a_measure_where_less_is_better_reads_the_other_way(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # speed or price is what is compared: no ranking
        ("GPT-5.5 matches GPT-5.4 per-token latency in real-world serving.", set()),
        ("Gemini 2.5 Flash beats GPT-4o on price.", set()),
        # the cost is said besides the win
        (
            "Gemini 2.5 Flash beats GPT-4o at lower cost.",
            {("Gemini 2.5 Flash", "GPT-4o", "beats")},
        ),
        (
            "Gemini 2.5 Flash matches GPT-4o for a fraction of the price.",
            {("Gemini 2.5 Flash", "GPT-4o", "ties")},
        ),
    ],
)
def test_a_price_said_beside_a_comparison_is_no_price_comparison(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Terra 2 performs just above Fable 5 on the index.", ("Terra 2", "Fable 5", "beats")),
        ("On CursorBench it’s just under Fable 5.", ("Claude Opus 5", "Fable 5", "trails")),
        ("On SWE-bench it scores slightly below GPT-5.5.", ("Claude Opus 5", "GPT-5.5", "trails")),
        ("GPT-5.6 Sol comes within one point of Fable 5.", ("GPT-5.6 Sol", "Fable 5", "trails")),
        ("It is within a few points of Gemini 3 Pro.", ("Claude Opus 5", "Gemini 3 Pro", "trails")),
    ],
)
def test_a_place_word_after_a_verb_of_performing(text: str, expected: tuple[str, str, str]) -> None:
    assert pairs(text, title="Claude Opus 5 is here") == {expected}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Claude Opus 5 comes close to the frontier intelligence of Claude Fable 5.",
            ("Claude Opus 5", "Claude Fable 5", "trails"),
        ),
        (
            "Sonnet 5 is out. Its performance is close to that of Opus 4.8, at lower prices.",
            ("Sonnet 5", "Opus 4.8", "trails"),
        ),
    ],
)
def test_an_object_named_through_what_it_has(text: str, expected: tuple[str, str, str]) -> None:
    assert pairs(text) == {expected}


def test_a_second_it_after_an_earlier_object_is_still_the_subject() -> None:
    text = (
        "OthersideAI introduced Reflection 70B, and Matt Shumer billed it as fast. He said it "
        "could go toe to toe with Claude 3.5 Sonnet, and claimed it outscored GPT-4o on MMLU."
    )
    assert pairs(text, title="Reflection 70B: a cautionary tale") == {
        ("Reflection 70B", "Claude 3.5 Sonnet", "ties"),
        ("Reflection 70B", "GPT-4o", "beats"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GPT-4.5 came out first in every category on LM Arena.", ("GPT-4.5", 1)),
        ("Kimi K2 scored 61.50 on SuperCLUE for fourth overall.", ("Kimi K2", 4)),
        ("Grok 4 is tied for first on LMArena.", ("Grok 4", 1)),
    ],
)
def test_places_said_with_came_out_tied_for_and_for(text: str, expected: tuple[str, int]) -> None:
    assert expected in ranks(text)


def test_for_the_first_time_is_no_place() -> None:
    assert not ranks("Grok 4 shipped for the first time in July.")


# -- families of phrasings read by the structure around the cue ----------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gemini 2.5 Pro holds third place worldwide at 1460 Elo.", ("Gemini 2.5 Pro", 3)),
        ("Claude Opus 4 claimed second on the coding board.", ("Claude Opus 4", 2)),
        ("Grok 4 leads GPQA with 88.9%.", ("Grok 4", 1)),
        ("Gemini 2.5 Pro leads our internal long-context evaluation.", ("Gemini 2.5 Pro", 1)),
        ("Qwen3-235B leads the field among open models.", ("Qwen3-235B", 1)),
        ("Kimi K2 led code generation by a wide margin with 53.33.", ("Kimi K2", 1)),
    ],
)
def test_a_place_held_or_a_test_led_is_a_rank(text: str, expected: tuple[str, int]) -> None:
    assert expected in ranks(text)


def test_leading_a_named_model_is_a_comparison_not_a_rank() -> None:
    text = "Gemini 2.5 Pro leads GPT-4.1 on LMArena."
    assert ranks(text) == set()
    assert pairs(text) == {("Gemini 2.5 Pro", "GPT-4.1", "beats")}


def test_names_trailing_behind_with_trail_the_subject() -> None:
    text = (
        "On the Intelligence Index, Kimi K2 is the highest-ranked open model, with "
        "GLM-4.5 and DeepSeek-V3.1 not far behind."
    )
    found = [c for c in claims(text) if c["type"] == "pairwise_comparison"]
    assert {(c["model_a"], c["model_b"], c["relation"]) for c in found} == {
        ("GLM-4.5", "Kimi K2", "trails"),
        ("DeepSeek-V3.1", "Kimi K2", "trails"),
    }
    # "not far" says how far behind, not whether
    assert not any(c["negated"] for c in found)


def test_it_as_the_object_is_the_other_name_of_the_sentence() -> None:
    text = (
        "Testers find gpt-oss-120b the smartest American open model, although DeepSeek R1 "
        "and Qwen3 235B still rank above it."
    )
    assert {
        ("DeepSeek R1", "gpt-oss-120b", "beats"),
        ("Qwen3 235B", "gpt-oss-120b", "beats"),
    } <= pairs(text)


def test_a_reported_clause_has_its_own_subject() -> None:
    assert pairs("Here, we find that Devstral outperforms GPT-4.1-mini on SWE-bench.") == {
        ("Devstral", "GPT-4.1-mini", "beats")
    }


def test_names_listed_after_all_other_models_are_each_beaten() -> None:
    text = (
        "Grok-1 displayed strong results, surpassing all other models in its compute "
        "class, including ChatGPT-3.5 and Inflection-1."
    )
    assert ("Grok-1", 1) in ranks(text)
    assert {("Grok-1", "ChatGPT-3.5", "beats"), ("Grok-1", "Inflection-1", "beats")} <= pairs(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Claude Opus 4 delivers near GPT-5 intelligence.", ("Claude Opus 4", "GPT-5", "trails")),
        (
            "DeepSeek V3.1 is within 38 Elo points of GPT-5 on LMArena.",
            ("DeepSeek V3.1", "GPT-5", "trails"),
        ),
        ("GPT-5 comes in behind Grok 4 on ARC-AGI.", ("GPT-5", "Grok 4", "trails")),
        (
            "Devstral 2 shows a clear advantage over DeepSeek V3.2.",
            ("Devstral 2", "DeepSeek V3.2", "beats"),
        ),
        (
            "On this benchmark Claude Opus 4 more than doubles GPT-4.1's score.",
            ("Claude Opus 4", "GPT-4.1", "beats"),
        ),
    ],
)
def test_comparisons_by_nearness_distance_and_multiples(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in pairs(text)


def test_the_article_model_described_stands_for_it() -> None:
    text = "This newest model outperforms GPT-4o on every coding benchmark."
    assert pairs(text, title="Mistral Large 2 is here") == {("Mistral Large 2", "GPT-4o", "beats")}


@pytest.mark.parametrize(
    "text",
    [
        "DeepSeek's app jumps to No. 1 in app stores, passing ChatGPT.",
        "On pricing, Mistral Medium 3 beats DeepSeek-V3 in every tier.",
    ],
)
def test_rankings_of_apps_and_prices_are_no_model_claims(text: str) -> None:
    assert claims(text) == []


def _counts(text: str) -> set[tuple[str | None, bool | None, int, int]]:
    return {
        (c["group_a"]["country"], c["group_a"]["open_weights"], c["k"], c["count"])
        for c in claims(text)
        if c["type"] == "group_comparison" and c.get("count") is not None
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The update put three open-weight models inside the top 10.", (None, True, 10, 3)),
        ("It is the sole open-source entry inside the top ten.", (None, True, 10, 1)),
        ("Three of the top ten models are Chinese.", ("CN", None, 10, 3)),
        ("Half of the top ten firms on the rankings are Chinese.", ("CN", None, 10, 5)),
        ("The first four places all go to models developed in China.", ("CN", None, 4, 4)),
        ("None of the top 10 are open models.", (None, True, 10, 0)),
        ("The top three spots on LMArena are all held by Chinese models.", ("CN", None, 3, 3)),
        ("Chinese models sweep the top three spots on the leaderboard.", ("CN", None, 3, 3)),
        ("Open models now take the first two places.", (None, True, 2, 2)),
    ],
)
def test_a_groups_number_of_places_in_a_top_k(
    text: str, expected: tuple[str | None, bool | None, int, int]
) -> None:
    assert _counts(text) == {expected}


@pytest.mark.parametrize(
    "text",
    [
        # no one group: the count belongs to two makers together
        "All five top slots on the board now belong to either Google or OpenAI.",
        # "the top ten ... are mostly": no number of places
        "The top ten models are mostly American.",
        # places among a group: no board's top k counts them
        "Chinese models take the top four places among open models on LMArena.",
        "Chinese labs hold four of the top ten spots on LMArena's open model leaderboard.",
    ],
)
def test_no_count_where_the_text_gives_no_one_groups_number(text: str) -> None:
    assert _counts(text) == set()


def test_a_size_alone_stands_for_the_model_of_that_size() -> None:
    text = (
        "OpenAI released gpt-oss-120b and gpt-oss-20b. The 120B outscores o3-mini but "
        "lands below o4-mini."
    )
    assert {("gpt-oss-120b", "o3-mini", "beats"), ("gpt-oss-120b", "o4-mini", "trails")} <= pairs(
        text
    )
    # a size qualifying a noun is no model
    assert pairs("OpenAI released gpt-oss-120b. The 120B models beat o3-mini.") <= {
        ("gpt-oss-120b", "o3-mini", "beats")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In the blind test Qwen3-Max came out ahead of rivals such as GPT-5 and Claude 4.",
            {("Qwen3-Max", "GPT-5", "beats"), ("Qwen3-Max", "Claude 4", "beats")},
        ),
        (
            "Reflection 70B could go toe to toe with Claude 3.5 Sonnet, its maker said.",
            {("Reflection 70B", "Claude 3.5 Sonnet", "ties")},
        ),
    ],
)
def test_verbs_with_particles_and_idioms(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= pairs(text)


def test_a_pronoun_after_a_fronted_phrase_keeps_the_previous_subject() -> None:
    text = (
        "Grok 4 sets a new high on ARC-AGI. On the agentic Vending-Bench, it dominates, "
        "vastly outpacing Claude Opus 4."
    )
    assert ("Grok 4", "Claude Opus 4", "beats") in pairs(text)


def test_one_models_numbers_set_against_several_others() -> None:
    text = "Qwen3-Max gets 64.6 on SuperGPQA versus 62.6 for Qwen3-235B and 59.8 for DeepSeek-V3.1."
    assert {
        ("Qwen3-Max", "Qwen3-235B", "beats"),
        ("Qwen3-Max", "DeepSeek-V3.1", "beats"),
    } <= pairs(text)


def test_a_standings_list_is_no_set_of_comparisons() -> None:
    text = (
        "GPT-4 sits in first place with an Elo of 1274, followed by Claude-v1 at 1224 and "
        "GPT-3.5-turbo, third on 1155."
    )
    assert pairs(text) == set()


def test_names_coordinated_under_a_plural_superlative_hold_the_top_places() -> None:
    text = "GPT-5.2 Pro and GPT-5.2 Thinking are our strongest models yet for science."
    found = {(c["model"], c["rank"], c["op"]) for c in claims(text) if c["type"] == "rank_position"}
    assert found == {("GPT-5.2 Pro", 2, "top_k"), ("GPT-5.2 Thinking", 2, "top_k")}


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("We launched GLM-4.6, a state-of-the-art coding model.", "GLM-4.6"),
        ("Grok 3 has leading performance across academic benchmarks.", "Grok 3"),
        ("On BixBench, GPT-5.2 achieved leading performance among models.", "GPT-5.2"),
    ],
)
def test_leading_performance_and_an_appositive_superlative_are_first_place(
    text: str, model: str
) -> None:
    assert (model, 1) in ranks(text)


def test_a_number_in_brackets_after_its_benchmark_is_the_subjects_score() -> None:
    assert {("Grok 4", 88.9), ("Grok 4", 100)} <= scores(
        "Grok 4 does well on GPQA (88.9) and AIME (100)."
    )


def test_beating_the_rest_of_the_field_is_first_place() -> None:
    text = "Notably, Grok 4 Fast significantly outperforms its peers in its weight class."
    assert ("Grok 4 Fast", 1) in ranks(text)
    assert pairs(text) == set()
    # named rivals stay comparisons
    assert ("Grok 4 Fast", "GPT-5", "beats") in pairs(
        "Grok 4 Fast outperforms rivals such as GPT-5 on LMArena."
    )


@pytest.mark.parametrize(
    "text",
    [
        # the superlative is the yardstick of a comparison, not the subject's place
        "In Cline, Devstral 2 delivers a success rate on par with the best closed models.",
        # a superlative of what a lab builds with, not of a model
        "Grok 4 was trained with our state-of-the-art reinforcement learning framework.",
    ],
)
def test_superlatives_that_rank_no_model(text: str) -> None:
    assert ranks(text) == set()


def test_a_number_after_since_is_no_score() -> None:
    assert scores("Claude Opus 5 is the biggest leap in the Opus family since 4.5.") == set()


def test_a_second_described_list_joins_the_objects() -> None:
    text = (
        "Mistral Medium 3 also surpasses leading open models such as Llama 4 Maverick and "
        "enterprise models such as Command A."
    )
    assert {
        ("Mistral Medium 3", "Llama 4 Maverick", "beats"),
        ("Mistral Medium 3", "Command A", "beats"),
    } <= pairs(text)


def test_two_numbers_against_each_other_after_a_comparison_are_its_sides() -> None:
    text = "On ARC-AGI, GPT-5 comes in behind xAI's Grok 4: 65.7% against 66.7% on version 1."
    assert scores(text) == {("GPT-5", 65.7), ("Grok 4", 66.7)}


def test_both_at_one_number_gives_each_its_score() -> None:
    text = (
        "On the leaderboard Qwen3-Max sits far above Claude Opus 4 and DeepSeek-V3, both at 49.8."
    )
    assert {("Claude Opus 4", 49.8), ("DeepSeek-V3", 49.8)} <= scores(text)


def test_yet_behind_it_is_the_other_way_round() -> None:
    text = (
        "Per the leak, Llama 3.1 is ahead of GPT-4o on GSM8K and BoolQ, yet behind it on HumanEval."
    )
    assert pairs(text) == {("Llama 3.1", "GPT-4o", "beats"), ("Llama 3.1", "GPT-4o", "trails")}


def test_a_model_placed_as_it_takes_the_place() -> None:
    text = "Kimi K2 Thinking is out. The reviewer ranked it 13th for non-agentic work."
    assert ("Kimi K2 Thinking", 13) in ranks(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Pixtral 12B is no longer maintained and has been replaced by Pixtral Large.",
            ("Pixtral 12B", "Pixtral Large", "trails"),
        ),
        (
            "Voxtral TTS also performs at parity with the quality of ElevenLabs v3.",
            ("Voxtral TTS", "ElevenLabs v3", "ties"),
        ),
        (
            "GPT-5.5 shows strong gains over GPT-4o on BrowseComp.",
            ("GPT-5.5", "GPT-4o", "beats"),
        ),
        (
            "Voxtral TTS widens the quality gap to Gemini 2.5 Flash in this setting.",
            ("Voxtral TTS", "Gemini 2.5 Flash", "beats"),
        ),
    ],
)
def test_replacement_parity_gains_and_a_widening_gap(
    text: str, expected: tuple[str, str, str]
) -> None:
    found = [c for c in claims(text) if c["type"] == "pairwise_comparison"]
    assert [(c["model_a"], c["model_b"], c["relation"]) for c in found] == [expected]
    assert not found[0]["negated"]  # "no longer maintained" is another predicate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the fewest where less is better
        ("Grok 4.3 has the lowest hallucination rate among frontier models.", ("Grok 4.3", 1)),
        ("Gemini 2.5 Pro records the fewest errors on the test.", ("Gemini 2.5 Pro", 1)),
        # "unparalleled" and "leading" said of what a leaderboard ranks
        ("Grok 3 has unparalleled world knowledge and performance.", ("Grok 3", 1)),
        ("Mistral Large 2 has leading text-only understanding.", ("Mistral Large 2", 1)),
        # performing best, and better than every earlier model
        ("Mixtral 8x22B performs best among open models in coding tasks.", ("Mixtral 8x22B", 1)),
        ("GPT-5.2 is better at long tasks than any previous model.", ("GPT-5.2", 1)),
        # a leader described, a test topped, dominated or headed
        ("Gemini 3 Pro is the undisputed benchmark leader.", ("Gemini 3 Pro", 1)),
        ("Grok 4 dominates Vending-Bench.", ("Grok 4", 1)),
        ("Grok 4 topped LMArena in July.", ("Grok 4", 1)),
        ("Claude Opus 4.6 heads the FLTEval table.", ("Claude Opus 4.6", 1)),
    ],
)
def test_first_place_as_marketing_and_news_say_it(text: str, expected: tuple[str, int]) -> None:
    assert ranks(text) == {expected}


@pytest.mark.parametrize(
    "text",
    [
        "Mistral 3 offers unmatched customization for enterprises.",
        "Gemma 3 has the lowest latency of any model we tried.",
        "Grok 4 was the former leader on LMArena.",
    ],
)
def test_first_place_words_about_what_no_board_ranks(text: str) -> None:
    assert not ranks(text)


def test_a_family_joined_to_a_word_is_a_model_name() -> None:
    text = "GPT‑Rosalind achieves leading performance on BixBench among published models."
    assert ranks(text, title="Introducing GPT‑Rosalind") == {("GPT‑Rosalind", 1)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # where a score moved to is the model's score now; where it came from is not said
        ("Leanstral 1.5 lifts pass@1 on FLTEval from 21.9 to 28.9.", {("Leanstral 1.5", 28.9)}),
        ("GPT-5.2 Thinking improved, rising from 59.1% to 68.4%.", {("GPT-5.2 Thinking", 68.4)}),
        # a whole number on a named test, or in brackets after a name in a scores text
        ("gpt-oss-120b gets 58 on our Intelligence Index.", {("gpt-oss-120b", 58.0)}),
        (
            "On the leaderboard it trails DeepSeek R1 0528 (59) and Qwen3 235B 2507 (64).",
            {("DeepSeek R1 0528", 59.0), ("Qwen3 235B 2507", 64.0)},
        ),
        # having, holding, going beyond a score
        (
            "DeepSeek-V3 sits at 1318 Elo, and o1-2024-12-17 has 1352.",
            {
                ("DeepSeek-V3", 1318.0),
                ("o1-2024-12-17", 1352.0),
            },
        ),
        ("Claude 4.6 Opus has now gone beyond 1500 Elo.", {("Claude 4.6 Opus", 1500.0)}),
    ],
)
def test_scores_moved_to_on_a_test_bracketed_or_held(
    text: str, expected: set[tuple[str, float]]
) -> None:
    assert scores(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Gemma 3 (27B) was trained on 14 trillion tokens.",
        "Qwen3 has 8 experts active per token.",
        "The gap between them grew from 12 to 30 on the leaderboard.",
    ],
)
def test_numbers_that_are_no_model_score(text: str) -> None:
    assert not scores(text)


def test_a_benchmark_named_like_a_model_is_no_model() -> None:
    text = "Grok 4 sets a new state of the art for closed models on ARC-AGI V2 with 15.9%."
    assert scores(text) == {("Grok 4", 15.9)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Codestral 25.08 delivers measurable upgrades over prior versions.",
            ("Codestral 25.08", "prior versions", "beats"),
        ),
        (
            "Grok-1.5V is competitive with existing frontier multimodal models in many domains.",
            ("Grok-1.5V", "existing frontier multimodal models", "ties"),
        ),
        (
            "On ARC-AGI 3, Opus 5’s score is three times as high as the next-best model.",
            ("Opus 5", "the next-best model", "beats"),
        ),
        (
            "Compared to its predecessor, Grok-2 is more intuitive and steerable.",
            ("Grok-2", "its predecessor", "beats"),
        ),
        (
            "Compared to the previous production model in traffic, Grok 4.1 is preferred "
            "64.78% of the time.",
            ("Grok 4.1", "the previous production model", "beats"),
        ),
    ],
)
def test_an_other_side_described_not_named(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in pairs(text)


def test_a_fronted_description_needs_a_direction() -> None:
    assert not pairs("Compared to its predecessor, Grok-2 uses the same tokenizer.")


def test_them_as_object_means_the_names_given_before() -> None:
    text = (
        "While models like GLM-5 and Kimi K2.5 struggle to scale, Leanstral outperforms them both."
    )
    assert pairs(text, title="Introducing Leanstral") == {
        ("Leanstral", "GLM-5", "beats"),
        ("Leanstral", "Kimi K2.5", "beats"),
    }


def test_a_maker_before_a_listed_rival() -> None:
    text = (
        "Qwen3.5-Max-Preview earned top marks. In the blind evaluation it came out ahead of "
        "rivals such as OpenAI's GPT5.4 and Anthropic's Claude4.5."
    )
    assert pairs(text) == {
        ("Qwen3.5-Max-Preview", "GPT5.4", "beats"),
        ("Qwen3.5-Max-Preview", "Claude4.5", "beats"),
    }


def test_top_marks_and_a_score_given_with_it() -> None:
    text = (
        "Alibaba's Qwen3.5-Max-Preview earned top marks in LMArena's newest results, released "
        "March 20, with a score of 1464."
    )
    assert ranks(text) == {("Qwen3.5-Max-Preview", 1)}
    assert scores(text) == {("Qwen3.5-Max-Preview", 1464.0)}


def test_scores_beside_names_after_a_comparison_and_an_it_clause() -> None:
    text = (
        "Qwen3-Max is out. On Arena-Hard v2 it posts 86.1, well clear of DeepSeek (61.5) and "
        "Kimi K2 (66.1), and on LiveBench it holds 79.3 against 74.6 for Claude and 71.3 for "
        "DeepSeek."
    )
    assert scores(text) == {
        ("Qwen3-Max", 86.1),
        ("DeepSeek", 61.5),
        ("Kimi K2", 66.1),
        ("Qwen3-Max", 79.3),
        ("Claude", 74.6),
        ("DeepSeek", 71.3),
    }
    assert {("Qwen3-Max", "DeepSeek", "beats"), ("Qwen3-Max", "Kimi K2", "beats")} <= pairs(text)


def test_a_decimal_between_a_name_and_its_score_is_no_sentence_end() -> None:
    text = "gpt-oss-120b (117B total, 5.1B active parameters) gets 58 on our Intelligence Index."
    assert scores(text) == {("gpt-oss-120b", 58.0)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Codestral Embed sets a new standard in this domain.", ("Codestral Embed", 1)),
        (
            "Claude Opus 4.6 currently sets the pace for software-engineering work.",
            ("Claude Opus 4.6", 1),
        ),
    ],
)
def test_a_product_noun_in_a_name_and_setting_the_pace(
    text: str, expected: tuple[str, int]
) -> None:
    assert ranks(text) == {expected}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Shieldstral matches models up to 7x its size on text safety.",
            ("Shieldstral", "models up to 7x its size", "ties"),
        ),
        (
            "Mistral Small 3 performs competitively with open weight models three times its size.",
            ("Mistral Small 3", "open weight models three times its size", "ties"),
        ),
        (
            "Grok 4 Fast is efficient, enabling it to surpass much larger models on search tasks.",
            ("Grok 4 Fast", "much larger models", "beats"),
        ),
    ],
)
def test_a_plural_described_without_a_determiner(text: str, expected: tuple[str, str, str]) -> None:
    assert pairs(text, title="Shieldstral") == {expected}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mistral OCR 3 outperforms both enterprise document processing solutions as well "
            "as AI-native OCR solutions.",
            {"enterprise document processing solutions", "AI-native OCR solutions"},
        ),
        (
            "Claude Opus 4 outperforms existing commercial solutions and open-source tools on "
            "SWE-bench Verified.",
            {"existing commercial solutions", "open-source tools"},
        ),
        # two sides sharing their head noun
        (
            "Grok 4 beats both commercial and academic systems on the benchmark.",
            {"commercial systems", "academic systems"},
        ),
        (
            "Grok 4 outperforms even dedicated, state-of-the-art transcription models on accuracy.",
            {"dedicated, state-of-the-art transcription models"},
        ),
        ("GPT-5 beats the best published baseline by 4 points.", {"the best published baseline"}),
        (
            "Gemini 2.5 Pro surpasses a number of larger models on MMMU.",
            {"a number of larger models"},
        ),
        ("Gemini 2.5 Pro beats its predecessor significantly on coding.", {"its predecessor"}),
    ],
)
def test_kinds_of_system_are_described_sides(text: str, expected: set[str]) -> None:
    assert {b for _, b, rel in pairs(text) if rel == "beats"} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mistral Medium 3 comes close to its very large and much slower competitors in coding.",
            ("Mistral Medium 3", "its very large and much slower competitors", "trails"),
        ),
        (
            "DeepSeek-V3 trails some of its much larger competitors on math.",
            ("DeepSeek-V3", "some of its much larger competitors", "trails"),
        ),
    ],
)
def test_a_described_side_with_many_modifiers(text: str, expected: tuple[str, str, str]) -> None:
    assert pairs(text) == {expected}


@pytest.mark.parametrize(
    "text",
    [
        # cut short of what it describes: "the best system" is not what is beaten
        "GPT-5 beats the best system using depth by 4.5 points.",
        # a ranking of a group, not a side
        "Qwen2-72B now leads the company's ranking of open-source models.",
        # groups, never shared out as described sides
        "Grok 4 beats both open and closed models on LMArena.",
        "Grok 4 beats both Chinese and American models on LMArena.",
    ],
)
def test_no_described_side_cut_short_or_made_of_groups(text: str) -> None:
    assert not {p for p in pairs(text) if not p[1][:1].isupper()}


def test_a_description_heading_a_list_of_names_is_no_side() -> None:
    text = (
        "Codestral Embed outperforms leading code embedders in the market today: Halcyon Code 3 "
        "and Cohere Embed v4.0."
    )
    assert not {p for p in pairs(text) if "embedders" in p[1]}


@pytest.mark.parametrize(
    "text",
    [
        "GPT-5 edges past rivals from Google, Anthropic and xAI.",
        "Foreign models still lead as Chinese rivals narrow the gap.",
    ],
)
def test_no_described_side_from_function_words_or_makers(text: str) -> None:
    assert not {p for p in pairs(text) if p[1].endswith(("rivals", "models"))}


def test_a_side_after_than_is_the_words_after_it_only() -> None:
    text = "GPT-5.5 solves more tasks in a single pass than previous models."
    assert pairs(text) == {("GPT-5.5", "previous models", "beats")}


def test_the_model_an_author_releases_is_what_it_means_next() -> None:
    text = (
        "We release Mixtral 8x7B Instruct alongside Mixtral 8x7B. This model has been optimised "
        "for instruction following. On MT-Bench, it reaches a score of 8.30, making it the best "
        "open-source model."
    )
    assert scores(text) == {("Mixtral 8x7B Instruct", 8.3)}
    assert ranks(text) == {("Mixtral 8x7B Instruct", 1)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The WebDev Arena lists GPT-5 (high) first with 1481.", ("GPT-5 (high)", 1)),
        ("The reviewer ranked Grok 4 13th on LMArena.", ("Grok 4", 13)),
        ("The lab ranked GPT-4o 2nd.", ("GPT-4o", 2)),
    ],
)
def test_a_model_placed_by_someone_else(text: str, expected: tuple[str, int]) -> None:
    assert ranks(text) == {expected}


def test_a_place_number_is_no_benchmark() -> None:
    [claim] = claims("Claude Opus 4 is at No. 3.")
    assert claim["rank"] == 3 and claim["metric"] is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Grok 3 became the first model to break 1400 on LMArena.", ("Grok 3", 1400.0, "gt")),
        (
            "Gemini 3 Pro is the first to pass 1,500 Elo on LMArena.",
            ("Gemini 3 Pro", 1500.0, "gt"),
        ),
        ("Claude 4.6 Opus has now gone beyond 1500 Elo.", ("Claude 4.6 Opus", 1500.0, "gt")),
        ("Claude Opus 4 scored 72.5% on SWE-bench.", ("Claude Opus 4", 72.5, "eq")),
    ],
)
def test_a_score_broken_or_passed_is_a_floor(text: str, expected: tuple[str, float, str]) -> None:
    found = {
        (c["model"], c["value"], c["comparator"])
        for c in claims(text)
        if c["type"] == "score_value"
    }
    assert found == {expected}


def test_at_the_top_of_a_board_written_as_one_word() -> None:
    assert ranks("GPT-4.5 debuted at the top of LMArena.") == {("GPT-4.5", 1)}


def test_a_forecast_to_top_a_board_is_a_forecast_rank() -> None:
    [claim] = claims("Gemini 2.5 Pro is likely to top LMArena next month.")
    assert (claim["model"], claim["rank"], claim["forecast"]) == ("Gemini 2.5 Pro", 1, True)


def test_a_first_place_held_briefly_is_dated() -> None:
    [claim] = claims("Gemini 2.5 Pro was briefly the top model on LMArena in January.")
    assert (claim["model"], claim["rank"], claim["as_of"]) == ("Gemini 2.5 Pro", 1, "2025-01-31")


def test_no_model_beating_a_model_puts_it_first_among_the_kind_named() -> None:
    assert ranks("No other model outperforms Gemini 2.5 Pro on LMArena.") == {("Gemini 2.5 Pro", 1)}
    [claim] = claims("No open model comes close to DeepSeek-R1.")
    assert (claim["model"], claim["rank"]) == ("DeepSeek-R1", 1)
    assert claim["within"]["open_weights"] is True


@pytest.mark.parametrize(
    ("text", "country", "open_weights", "count", "k"),
    [
        ("Chinese labs hold four of the top ten spots on LMArena.", "CN", None, 4, 10),
        ("Open models take three of the top ten places on LMArena.", None, True, 3, 10),
    ],
)
def test_a_group_holding_places_of_a_top_k(
    text: str, country: str | None, open_weights: bool | None, count: int, k: int
) -> None:
    [claim] = claims(text)
    assert claim["type"] == "group_comparison" and claim["aggregate"] == "count_in_top_k"
    assert (claim["count"], claim["k"]) == (count, k)
    assert (claim["group_a"]["country"], claim["group_a"]["open_weights"]) == (
        country,
        open_weights,
    )


def test_a_lead_regained_over_a_rival_is_a_comparison_not_first_place() -> None:
    text = "Gemini 3 Pro took back the lead over GPT-5.1."
    assert pairs(text) == {("Gemini 3 Pro", "GPT-5.1", "beats")}
    assert ranks(text) == set()
    [claim] = claims("American models have regained the lead over Chinese ones.")
    assert claim["type"] == "group_comparison" and claim["relation"] == "leads"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("DeepSeek's R1 beats OpenAI's o1.", ["DeepSeek's R1", "OpenAI's o1"]),
        ("R1 trails o1 on LMArena.", ["R1", "o1"]),
        ("4o beats Claude 3.5 Sonnet.", ["4o", "Claude 3.5 Sonnet"]),
        ("Tongyi Qianwen 2.5-Max ranks seventh.", ["Tongyi Qianwen 2.5-Max"]),
        ("通义千问 ranks seventh.", ["通义千问"]),
        # a product's name written before the model's own: the model's name stands
        ("Alibaba's 通义千问 Qwen2.5-Max ranks seventh.", ["Qwen2.5-Max"]),
        ("Command R+ trails DSv3.", ["Command R+", "DSv3"]),
        ("Cohere Command A trails Mistral Medium 3.", ["Cohere Command A", "Mistral Medium 3"]),
        ("gemini-3-pro 1486 in fifth.", ["gemini-3-pro"]),
    ],
)
def test_names_as_the_registry_writes_them(text: str, names: list[str]) -> None:
    assert [m.text for m in EXTRACTOR.gaz.models(text)] == names


def test_a_brand_that_is_no_alias_is_no_model() -> None:
    assert EXTRACTOR.gaz.models("Alibaba Cloud said so; the F1 car is fast.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Grok 4 dominates with $4694.15 net worth, ahead of Claude Opus 4 ($2077.41, 1412 units).",
        "| ChatGPT answers without errors (no search) | 88.0% | - | 87.3% |",
        "GPT-5.2 Pro crosses 90%, improving from 87% by o3-preview last year.",
    ],
)
def test_a_number_nearer_another_owner_is_not_the_names(text: str) -> None:
    assert not {v for m, v in scores(text) if m in ("Claude Opus 4", "ChatGPT") or v == 87.0}


@pytest.mark.parametrize(
    "text",
    [
        "We believe the greatest opportunity for AI is in biology, with Fable 5 leading.",
        "Grok-1 is only surpassed by models trained with far more compute.",
    ],
)
def test_no_superlative_of_ai_and_no_bare_models_side(text: str) -> None:
    assert not ranks(text) and not pairs(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Box and Zoom observed GPT-5.2 demonstrates state-of-the-art tool calling.",
            ("GPT-5.2", 1),
        ),
        (
            "Cognition and Warp say GPT-5.2 delivers state-of-the-art agentic coding.",
            ("GPT-5.2", 1),
        ),
    ],
)
def test_a_reported_clause_without_that_has_its_own_subject(
    text: str, expected: tuple[str, int]
) -> None:
    assert ranks(text) == {expected}


def test_an_apposition_describes_the_name_it_follows() -> None:
    text = (
        "We are excited to release an early preview of Grok-2, a significant step forward "
        "from our previous model Grok-1.5."
    )
    assert pairs(text) == {("Grok-2", "Grok-1.5", "beats")}


def test_numbers_attached_to_an_object_are_the_objects() -> None:
    text = (
        "Among open models, DeepSeek-R1 leads with an Arena Elo of 1362 (MMLU 90.8), ahead of "
        "DeepSeek-V3 at 1318 (MMLU 88.5) and Qwen2.5-72B-Instruct at 1257."
    )
    assert scores(text) == {
        ("DeepSeek-R1", 1362.0),
        ("DeepSeek-R1", 90.8),
        ("DeepSeek-V3", 1318.0),
        ("DeepSeek-V3", 88.5),
        ("Qwen2.5-72B-Instruct", 1257.0),
    }


def test_a_margin_in_percentage_points_is_no_score() -> None:
    text = "Claude Opus 5 is out. On protein tasks (here, it scores 7.7 percentage points higher)."
    assert not scores(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("GPT-4o (August '24) ranks third on LMArena.", "GPT-4o (August '24)"),
        ("Claude 3.5 Sonnet (new) beats GPT-4o on coding.", "Claude 3.5 Sonnet (new)"),
        ("Llama 3 (70B) scores 82% on MMLU.", "Llama 3 (70B)"),
        ("GPT-4 (MT-Bench 8.99, MMLU 86.4) leads.", "GPT-4"),
        ("Gemini-2.5-Pro (1405) leads.", "Gemini-2.5-Pro"),
    ],
)
def test_a_build_note_in_brackets_is_part_of_the_name(text: str, name: str) -> None:
    assert EXTRACTOR.gaz.models(text)[0].text == name


def test_a_listed_object_may_take_the_and_a_description() -> None:
    text = "Gemini-Exp-1114 is out. It finished above GPT-4o and the o1-preview reasoning model."
    assert pairs(text) == {
        ("Gemini-Exp-1114", "GPT-4o", "beats"),
        ("Gemini-Exp-1114", "o1-preview", "beats"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the model a verb moves into a place holds it
        (
            "GPT-4o takes #1 on LMArena, knocking Gemini 1.5 Pro to #2.",
            {("GPT-4o", 1), ("Gemini 1.5 Pro", 2)},
        ),
        (
            "GPT-4o took first place, pushing Claude 3.5 Sonnet down to third.",
            {("GPT-4o", 1), ("Claude 3.5 Sonnet", 3)},
        ),
        # the place is the subject's, not that of the model it sits behind
        (
            "On LMArena, Gemini 2.0 Flash Thinking sits just behind GPT-4.5 in fourth place.",
            {("Gemini 2.0 Flash Thinking", 4)},
        ),
        # a clause about no model gives nobody a place
        ("Llama 3.1 405B trails DeepSeek-V3, and no American open model is in the top ten.", set()),
        # a list below the top three is not the top three
        (
            "Below the top three, the board is crowded: GPT-4o mini, Llama 3.1 405B and GPT-4 "
            "Turbo are separated by only a handful of points.",
            set(),
        ),
    ],
)
def test_a_place_goes_to_the_model_the_words_give_it(
    text: str, expected: set[tuple[str, int]]
) -> None:
    assert ranks(text) == expected


def test_a_fronted_scope_ends_where_the_clause_turns() -> None:
    text = (
        "Among Chinese labs, Alibaba's Qwen2-72B remains the highest-ranked, though it sits "
        "outside the top 15."
    )
    outside = [c for c in claims(text) if c["op"] == "not_top_k"]
    assert [(c["model"], c["rank"], c["within"]) for c in outside] == [("Qwen2-72B", 15, None)]


@pytest.mark.parametrize(
    "text",
    [
        'HN thread: "DeepSeek-R1 is out" (1,412 points).',
        "The DeepSeek-R1 thread on LMArena's Discord got 1,412 points and 873 comments.",
        "Gemini 2.5 Pro is #1 on LMArena by a huge margin, like 40 points over the next model.",
    ],
)
def test_votes_on_a_post_and_a_margin_are_no_scores(text: str) -> None:
    assert scores(text) == set()


def test_a_task_narrowed_below_a_category_is_judged_on_no_board() -> None:
    """ "at real coding" is no board's coding category, nor the overall order."""
    [claim] = claims("DeepSeek-R1 beats Claude 3.5 Sonnet at real coding.")
    assert (claim["board"], claim["metric"], claim["category"]) == (None, "real_coding", None)
    [claim] = claims("DeepSeek-R1 beats Claude 3.5 Sonnet at coding.")
    assert claim["category"] == "coding"


def test_a_superlative_after_a_comparison_verb_is_what_is_compared_with() -> None:
    """ "leads the best open model" names the other side, not the subject's place."""
    text = "On LMArena, the best closed model, ChatGPT-4o-latest, leads the best open model."
    places = [(c["model"], c["within"]) for c in claims(text) if c["type"] == "rank_position"]
    assert places == [
        ("ChatGPT-4o-latest", {"country": None, "organisation": None, "open_weights": False})
    ]


def test_a_sentence_may_start_with_a_camel_case_maker() -> None:
    text = "On Chatbot Arena, Llama 3.1 405B trails o1-preview. xAI's Grok-2 sits ahead of GPT-4o."
    assert pairs(text) == {
        ("Llama 3.1 405B", "o1-preview", "trails"),
        ("Grok-2", "GPT-4o", "beats"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a second place said of a model already placed is the name's right before it
        (
            "xAI's Grok-2 sits at fifth with 1294, ahead of Claude 3.5 Sonnet at seventh.",
            {("Grok-2", 5), ("Claude 3.5 Sonnet", 7)},
        ),
        # or nobody's, when the words name no model there
        (
            "Gemini 2.0 Pro ranks fourth on LMArena, and its Flash sibling is eighth.",
            {("Gemini 2.0 Pro", 4)},
        ),
        # the place of a new clause is its subject's
        (
            "On LMArena, GPT-4.5 is right behind Gemini, and DeepSeek V3 (March 24) ranks fifth.",
            {("DeepSeek V3", 5)},
        ),
        (
            "On LMArena, the November ChatGPT-4o is right behind Gemini, and the full o1 ranks "
            "sixth.",
            {("o1", 6)},
        ),
        # places set apart by the view, or shared, stay
        (
            "Gemini 2.5 Pro, which ranks third in the raw view, falls to sixth place under "
            "style control on LMArena.",
            {("Gemini 2.5 Pro", 3), ("Gemini 2.5 Pro", 6)},
        ),
        (
            "Grok 4 shares first place with Gemini 2.5 Pro on LMArena.",
            {("Grok 4", 1), ("Gemini 2.5 Pro", 1)},
        ),
    ],
)
def test_one_place_for_each_model_and_each_place_for_its_name(
    text: str, expected: set[tuple[str, int]]
) -> None:
    assert ranks(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "DeepSeek-R1 is second only to o1 among reasoning models on LMArena.",
        "Among models under 30 billion parameters, Gemma 2 27B ranks first on LMArena.",
    ],
)
def test_a_place_among_a_set_no_group_describes_is_no_board_place(text: str) -> None:
    assert ranks(text) == set()


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        (
            "An experimental version of Llama 4 Maverick ranked second on LMArena, just behind "
            "Gemini 2.5 Pro, with a score of 1417.",
            "experimental version of Llama 4 Maverick",
        ),
        (
            "DeepSeek-R1 is seventh on LMArena, two places below ChatGPT-4o-latest, scoring 1363.",
            "DeepSeek-R1",
        ),
        ("WizardLM 70B is a hair above Vicuna-33B with 1090 on the arena.", "Vicuna-33B"),
    ],
)
def test_a_number_past_the_comma_after_a_compared_model_is_the_subjects(
    text: str, owner: str
) -> None:
    assert {m for m, _ in scores(text)} == {owner}


def test_each_half_of_a_contrast_keeps_its_own_view_and_category() -> None:
    text = "Claude 3.7 Sonnet ranks 34th on LMArena, but with style control it jumps to 14th."
    assert {(c["rank"], c["view"]) for c in claims(text)} == {(34, None), (14, "style_control")}
    text = "On LMArena, Claude 3.7 Sonnet is sixth in coding; overall it is 13th."
    assert {(c["rank"], c["category"]) for c in claims(text)} == {(6, "coding"), (13, None)}


@pytest.mark.parametrize(
    "text",
    [
        "On LMArena, o3 ranks first in coding and third overall.",
        "On LMArena, o3 ranks third overall and first in coding.",
        "On LMArena, o3 is first in coding, but only third overall.",
        # the second place's words end with its clause
        "On LMArena, o3 is third overall and first in coding; GPT-4.5 is just behind it overall.",
    ],
)
def test_a_second_place_with_its_verb_left_out_keeps_its_own_category(text: str) -> None:
    assert {
        (c["model"], c["rank"], c["category"]) for c in claims(text) if c["type"] == "rank_position"
    } == {("o3", 1, "coding"), ("o3", 3, None)}


def test_a_later_clause_keeps_no_category_from_a_second_place() -> None:
    text = (
        "o1-preview is fourth overall and first in math; o1-mini is just behind it overall "
        "but beats o1-preview in coding."
    )
    compared = {c["category"] for c in claims(text) if c.get("model_b") == "o1-preview"}
    assert compared  # the comparison is read at all
    assert compared <= {None, "coding"}


def test_a_category_set_before_the_first_clause_holds_for_every_half() -> None:
    text = (
        "In the coding category, Gemini 2.5 Pro is first, but Claude 3.7 Sonnet isn't in "
        "the top ten."
    )
    assert {(c["model"], c["category"]) for c in claims(text)} == {
        ("Gemini 2.5 Pro", "coding"),
        ("Claude 3.7 Sonnet", "coding"),
    }
    # after a label too
    text = "Bonus: in the coding category, Gemini 2.5 Pro is first, but o3 isn't in the top five."
    assert {c["category"] for c in claims(text)} == {"coding"}
    # unless a half says "overall"
    text = "In coding, Gemini 2.5 Pro is first, but overall it is second."
    assert {(c["rank"], c["category"]) for c in claims(text)} == {(1, "coding"), (2, None)}


def test_a_category_in_someone_elses_quoted_words_does_not_carry() -> None:
    text = (
        "\u201cThe gap in coding is even larger,\u201d LMArena wrote on X.\n\n"
        "On LMArena, DeepSeek-R1 trails Gemini-2.0-Pro by more than 15 points."
    )
    assert [c["category"] for c in claims(text)] == [None]


def test_a_build_code_in_brackets_is_no_score_beside_the_models_score() -> None:
    assert scores("On LMArena, Gemini 2.0 Flash Thinking (1219) is third with 1363.") == {
        ("Gemini 2.0 Flash Thinking", 1363.0)
    }


def test_the_arena_is_lmarena_and_ends_a_board_said_before() -> None:
    text = (
        "Hugging Face's Open LLM Leaderboard is now dominated by Qwen fine-tunes. On the "
        "Arena, though, Gemma 2 27B ranks above Llama 3 70B."
    )
    assert [c["board"] for c in claims(text) if c["type"] == "pairwise_comparison"] == [
        "lmarena-text"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On LMArena, Gemini-2.5-Pro and Grok-4-0709 score 1470 and 1434.",
            {("Gemini-2.5-Pro", 1470.0), ("Grok-4-0709", 1434.0)},
        ),
        (
            "On LMArena the top two are Gemini-2.5-Pro and o3, with 1470 and 1428 points.",
            {("Gemini-2.5-Pro", 1470.0), ("o3", 1428.0)},
        ),
    ],
)
def test_as_many_numbers_as_names_go_in_order(text: str, expected: set[tuple[str, float]]) -> None:
    assert scores(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Claude 3.7 Sonnet sits 13th in the overall ranking, though it ranks higher in "
            "the coding category.",
            {(13, None)},
        ),
        (
            "Claude 3.7 Sonnet ranks fourth in the coding category, though it sits 13th in the "
            "overall ranking.",
            {(4, "coding"), (13, None)},
        ),
        (
            "Claude 3.7 Sonnet is 13th on LMArena but climbs higher in the coding category.",
            {(13, None)},
        ),
        # an aside's "overall" is the aside's own place
        (
            "Mistral Large 3 debuts at #2 in the OSS non-reasoning models category (#6 amongst "
            "OSS models overall) on the LMArena leaderboard.",
            {(2, "oss_non_reasoning_models"), (6, None)},
        ),
    ],
)
def test_a_category_stays_in_its_half_of_a_contrast(
    text: str, expected: set[tuple[int, str | None]]
) -> None:
    assert {(c["rank"], c["category"]) for c in claims(text)} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On LMArena, DeepSeek-V3 does not beat Gemini-Exp-1206 and trails o1.",
            {
                ("DeepSeek-V3", "Gemini-Exp-1206", "beats", True),
                ("DeepSeek-V3", "o1", "trails", False),
            },
        ),
        (
            "DeepSeek leads and Meta trails: Llama 4 Maverick sits below Gemma 3 27B on LMArena.",
            {("Llama 4 Maverick", "Gemma 3 27B", "trails", False)},
        ),
    ],
)
def test_each_verb_keeps_its_own_subject_and_denial(
    text: str, expected: set[tuple[str, str, str, bool]]
) -> None:
    found = {
        (c["model_a"], c["model_b"], c["relation"], c["negated"])
        for c in claims(text)
        if c["type"] == "pairwise_comparison"
    }
    assert found == expected


def test_a_count_needs_a_group_and_the_open_race_is_among_open_models() -> None:
    assert claims("OpenAI has only one model in the top five on LMArena.") == []
    [claim] = claims("On LMArena, US labs lead the open-weights race.")
    assert claim["group_a"]["open_weights"] is True and claim["group_b"] == {
        "country": None,
        "organisation": None,
        "open_weights": True,
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "after X": second; "apart from X": first of a set no group describes
        (
            "Qwen2.5-Max is the best Chinese model on LMArena after DeepSeek-R1.",
            {("Qwen2.5-Max", 2)},
        ),
        ("Qwen2.5-Max is the best Chinese model on LMArena apart from DeepSeek-R1.", set()),
        ("Kimi K2 is the best open model after its July update.", {("Kimi K2", 1)}),
        # a maker written only as a possessive is no model ("DeepSeek's ... model")
        ("Meanwhile V3, DeepSeek's non-reasoning model, has slipped to 11th on LMArena.", set()),
    ],
)
def test_first_but_one_and_a_makers_possessive(text: str, expected: set[tuple[str, int]]) -> None:
    assert ranks(text) == expected


def test_a_name_with_a_verb_of_its_own_starts_the_next_clause() -> None:
    text = (
        "On LMArena, Gemini 1.5 Pro trails Claude 3.5 Sonnet, and Claude 3 Opus trails GPT-4 Turbo."
    )
    assert pairs(text) == {
        ("Gemini 1.5 Pro", "Claude 3.5 Sonnet", "trails"),
        ("Claude 3 Opus", "GPT-4 Turbo", "trails"),
    }


def test_numbers_after_names_and_their_verb_go_in_order_but_not_to_objects() -> None:
    assert scores("Gemini 2.5 Pro and GLM-4.5 lead LMArena, with 1470 and 1434 points.") == {
        ("Gemini 2.5 Pro", 1470.0),
        ("GLM-4.5", 1434.0),
    }
    assert scores("GPT-4o beats Claude 3.5 Sonnet and Gemini 1.5 Pro, with 1287 and 1271.") == set()


def test_a_sentence_begun_with_it_goes_on_speaking_of_it() -> None:
    text = (
        "DeepSeek-V3-0324 is eighth on LMArena. It is just 77 points behind the leader, "
        "Gemini 2.5 Pro Preview 05-06, and it outranks GPT-4.1."
    )
    assert ("DeepSeek-V3-0324", "GPT-4.1", "beats") in pairs(text)
    assert not any(a == "Gemini 2.5 Pro Preview 05-06" for a, _, _ in pairs(text))


def test_a_category_goes_on_into_a_sentence_about_it() -> None:
    text = (
        "In the coding category, Claude 3.7 Sonnet is 22nd on LMArena. Even with style "
        "control it is sixth, not first."
    )
    assert {(c["rank"], c["category"]) for c in claims(text)} >= {(6, "coding")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "as" opening a clause with its own subject and verb
        (
            "Kimi K2 became the top open model on LMArena as Grok 4 landed in the top three.",
            {("Kimi K2", 1), ("Grok 4", 3)},
        ),
    ],
)
def test_as_can_open_a_clause_of_its_own(text: str, expected: set[tuple[str, int]]) -> None:
    assert ranks(text) == expected


def test_a_name_set_off_after_a_prepositions_object_is_no_subject() -> None:
    text = (
        "GPT-4o mini is tied for first place with its bigger sibling, GPT-4o, and sits ahead "
        "of Anthropic's Claude 3.5 Sonnet."
    )
    assert pairs(text) == {("GPT-4o mini", "Claude 3.5 Sonnet", "beats")}
    # a fronted phrase is no object: its name is the subject
    assert scores("With the official harness, GPT-5.6 Sol scored 13.3% on the ARC-AGI-3 set.") == {
        ("GPT-5.6 Sol", 13.3)
    }


def test_a_fronted_scene_is_no_task() -> None:
    [claim] = claims("In the latest update, Gemini 2.5 Pro ranks first.")
    assert claim["metric"] is None
    [claim] = claims("For multilingual translation, GPT-4o ranks first.")
    assert claim["metric"] == "multilingual_translation"


@pytest.mark.parametrize(
    ("text", "rank"),
    [
        (
            "Claude 3.5 Sonnet \u2013 widely regarded as the best model for programming \u2013 "
            "is fourth on LMArena.",
            4,
        ),
        ("Grok 3, which xAI bills as the best model in the world, ranks second on LMArena.", 2),
        ("Gemini 1.5 Pro, touted as the strongest model yet, sits in third place on LMArena.", 3),
        # alone, the reputation is the claim (its claimant the one who gave it)
        ("Its founder billed Reflection 70B as the most capable open-source model.", 1),
    ],
)
def test_a_reputation_beside_the_sentences_own_place_is_not_the_place(text: str, rank: int) -> None:
    assert [c["rank"] for c in claims(text) if c["type"] == "rank_position"] == [rank]


def test_the_same_name_restated_in_brackets_is_one_subject() -> None:
    text = (
        "Zhipu's newly released GLM-4.5 (智谱清言 GLM-4.5) has climbed to second place on LMArena."
    )
    assert ranks(text) == {("GLM-4.5", 2)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a participle after an adverb or a determiner describes the name
        ("The recently launched Grok 4 ranks third on LMArena.", {("Grok 4", 3)}),
        ("xAI's just-released Grok 4 ranks third on LMArena.", {("Grok 4", 3)}),
        # a singular verb agrees with the last name only
        ("Meta released Llama 3.1 405B and GPT-4o ranks first on LMArena.", {("GPT-4o", 1)}),
    ],
)
def test_who_the_place_belongs_to_by_the_words_around_the_name(
    text: str, expected: set[tuple[str, int]]
) -> None:
    assert ranks(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a denial earlier in the clause is not on "dropped out"
        (
            "Claude 3 Opus couldn't keep up and dropped out of the top ten on LMArena.",
            {("Claude 3 Opus", 10, "not_top_k")},
        ),
        # "a lead of 20 points", "a lead role": no first place
        ("GPT-4o holds a lead of 20 points over Claude 3 Opus on LMArena.", set()),
        ("GPT-4o took a lead role in LMArena's new vision track.", set()),
    ],
)
def test_places_the_words_do_not_give(text: str, expected: set[tuple[str, int, str]]) -> None:
    assert {
        (c["model"], c["rank"], c["op"]) for c in claims(text) if c["type"] == "rank_position"
    } == expected


@pytest.mark.parametrize(
    "text",
    [
        # an echo after another clause repeats that clause, not the comparison
        "GPT-4o beat Llama 3 70B on LMArena, while Meta's newest release stumbled, as did "
        "Claude 3 Opus.",
        # a place fronted before its own named subject
        "GPT-4o leads Llama 3 70B on LMArena, and behind Gemini 1.5 Pro sits Claude 3 Opus.",
    ],
)
def test_a_later_clause_gives_the_first_subject_no_second_comparison(text: str) -> None:
    assert {(p[0], p[1]) for p in pairs(text)} == {("GPT-4o", "Llama 3 70B")}


@pytest.mark.parametrize(
    "question",
    ["And GPT-4o mini?", "What about GPT-4o mini?", "And 4o-mini?", "GPT-4o mini, then?"],
)
def test_it_after_a_short_question_is_the_model_asked_about(question: str) -> None:
    text = f"Grok 2 is strong. {question} It ranks ahead of Claude 3 Opus on LMArena."
    [(a, b, rel)] = pairs(text)
    assert (a.replace("-", " "), b, rel) == ("4o mini", "Claude 3 Opus", "beats") or (
        a == "GPT-4o mini" and (b, rel) == ("Claude 3 Opus", "beats")
    )


def test_it_after_a_question_about_an_unknown_name_is_nobody_known() -> None:
    # the name asked about is not one any list knows: "it" is not the earlier model
    found = pairs("Grok 2 is strong. And the new Zorblax? It ranks ahead of Claude 3 Opus.")
    assert not any(a == "Grok 2" for a, _, _ in found)
    # a question with no name in it leaves "it" as it was
    assert pairs("Grok 2 is strong. Is that all? It ranks ahead of Claude 3 Opus on LMArena.") == {
        ("Grok 2", "Claude 3 Opus", "beats")
    }


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("4o-mini beats Claude 3 Opus on LMArena.", "4o-mini"),
        ("R1-Zero beats Claude 3 Opus on LMArena.", "R1-Zero"),
        ("R1-0528 beats Claude 3 Opus on LMArena.", "R1-0528"),
    ],
)
def test_a_short_name_joined_to_its_next_word_by_a_hyphen(text: str, name: str) -> None:
    assert {a for a, _, _ in pairs(text)} == {name}


@pytest.mark.parametrize("text", ["The 4o-based agent beats o1.", "V3-style models beat o1."])
def test_a_short_name_with_a_describing_suffix_is_no_name(text: str) -> None:
    assert pairs(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "On LMArena, Gemma 3 27B is outranked only by larger models such as DeepSeek-R1.",
        "On LMArena, Gemma 3 27B was narrowly beaten by DeepSeek-R1.",
        "On LMArena, Gemma 3 27B was beaten just by DeepSeek-R1.",
    ],
)
def test_a_passive_with_an_adverb_before_by(text: str) -> None:
    assert pairs(text) == {("Gemma 3 27B", "DeepSeek-R1", "trails")}


@pytest.mark.parametrize(("which", "tied"), [("latter", "DeepSeek-V3"), ("former", "Gemma 3 27B")])
def test_the_former_and_the_latter(which: str, tied: str) -> None:
    text = f"On LMArena, Gemma 3 27B beats DeepSeek-V3, and the {which} is tied with QwQ-32B."
    assert pairs(text) == {("Gemma 3 27B", "DeepSeek-V3", "beats"), (tied, "QwQ-32B", "ties")}


@pytest.mark.parametrize(
    "text",
    [
        "Llama 3.1 405B is the highest-ranked model with openly downloadable weights on LMArena.",
        "Llama 3.1 405B is the best model whose weights are public on LMArena.",
        "Llama 3.1 405B is the best model you can run yourself.",
        "DeepSeek-V3 is the best model made in China on LMArena.",
    ],
)
def test_a_place_within_a_set_no_group_phrase_reads_is_not_board_wide(text: str) -> None:
    assert ranks(text) == set()


def test_a_place_within_a_set_a_group_phrase_reads() -> None:
    [claim] = claims("Llama 3.1 405B is the highest-ranked model with open weights on LMArena.")
    assert (claim["rank"], claim["within"]["open_weights"]) == (1, True)


def test_a_dotted_version_after_a_short_name_is_not_that_name() -> None:
    assert pairs("On LMArena, V3.1 beats Kimi K2.") == set()


@pytest.mark.parametrize(
    "lead",
    ["At the same time,", "At the top,", "At the moment,", "In other words,", "On balance,"],
)
def test_a_fronted_time_or_aside_is_no_task(lead: str) -> None:
    [claim] = claims(f"{lead} Qwen2.5-Max ranks above DeepSeek-V3.")
    assert claim["metric"] is None


@pytest.mark.parametrize(
    ("lead", "category"),
    [("In coding,", "coding"), ("On the math side,", "math"), ("In creative writing,", None)],
)
def test_a_fronted_task_still_scopes_the_claim(lead: str, category: str | None) -> None:
    [claim] = claims(f"{lead} Qwen2.5-Max ranks above DeepSeek-V3 on LMArena.")
    assert claim["category"] == (category or "creative_writing")


def test_the_arena_written_small_is_lmarena_where_a_place_is_on_it() -> None:
    [claim] = claims("On the arena, Qwen2.5-Max ranks above DeepSeek-V3.")
    assert claim["board"] == "lmarena-text"
    # the figure of speech is not LMArena
    found = claims("In the AI arena, Qwen2.5-Max beats DeepSeek-V3.")
    assert all(c["board"] != "lmarena-text" for c in found)


@pytest.mark.parametrize(
    "text",
    [
        "Llama 2 70B Chat, Vicuna 33B and Zephyr 7B were the open models to beat on the Chatbot "
        "Arena, and no Chinese open model came close to them.",
        "GPT-4o led the arena, but every Chinese model trailed it.",
    ],
)
def test_a_later_clause_with_a_quantified_subject_borrows_no_name(text: str) -> None:
    assert pairs(text) == set()


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "Claude 3.7 Sonnet is good. But 3.5 Sonnet still beats GPT-4o on LMArena.",
            ("Claude 3.5 Sonnet", "GPT-4o", "beats"),
        ),
        (
            "Gemini 2.0 Pro and Claude 3 Opus are good. The 1.5 Pro beats GPT-4o on LMArena.",
            ("Gemini 1.5 Pro", "GPT-4o", "beats"),
        ),
    ],
)
def test_a_version_written_without_its_family(text: str, pair: tuple[str, str, str]) -> None:
    assert pairs(text) == {pair}


def test_a_version_whose_tier_two_families_share_is_nobodys() -> None:
    text = "Gemini 2.0 Pro and Claude 3 Pro are here. 1.5 Pro beats GPT-4o on LMArena."
    assert pairs(text) == set()


def test_a_fronted_places_object_is_no_subject_of_the_next() -> None:
    # a fragment: who sits below is the previous line's model, never DeepSeek-R1
    text = "Claude 3.7 Sonnet. Below DeepSeek-R1 on LMArena, and below Gemma 3 27B too."
    assert not any(a == "DeepSeek-R1" for a, _, _ in pairs(text))
    text = "Claude 3.7 Sonnet sits below DeepSeek-R1 on LMArena, and below Gemma 3 27B too."
    assert pairs(text) == {
        ("Claude 3.7 Sonnet", "DeepSeek-R1", "trails"),
        ("Claude 3.7 Sonnet", "Gemma 3 27B", "trails"),
    }


# -- a superlative written beside a name: as its modifier or in an apposition --


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("Mistral Vibe is powered by the state-of-the-art Devstral 2 model family.", "Devstral 2"),
        ("Our new agent runs on Mistral's best-in-class Codestral model.", "Codestral"),
        ("The top-ranked Gemini 2.5 Pro now sits 40 points clear of the pack.", "Gemini 2.5 Pro"),
        ("The app is built on the industry-leading GPT-4o, the company said.", "GPT-4o"),
        (
            "Along with Pixtral Large, Mistral Large, our state-of-the-art text model, is updated.",
            "Mistral Large",
        ),
        (
            "Images come from Flux 1.1 Pro, currently the leading image generation model.",
            "Flux 1.1 Pro",
        ),
        (
            "Even Qwen3.5-397B-A17B, the strongest OSS competitor shown, needs 4 passes.",
            "Qwen3.5-397B-A17B",
        ),
        (
            "Today we release Voxtral Transcribe 2, two speech-to-text models with "
            "state-of-the-art transcription quality.",
            "Voxtral Transcribe 2",
        ),
    ],
)
def test_a_superlative_beside_a_name_is_its_first_place(text: str, model: str) -> None:
    found = [c for c in claims(text) if c["type"] == "rank_position"]
    assert [(c["model"], c["rank"], c["negated"]) for c in found] == [(model, 1, False)]


def test_an_oss_superlative_is_first_among_open_models() -> None:
    found = claims("Even Qwen3.5-397B-A17B, the strongest OSS competitor shown, needs 4 passes.")
    assert found[0]["within"] == {"country": None, "organisation": None, "open_weights": True}


@pytest.mark.parametrize(
    "text",
    [
        "Grok 3, which ranked first on LMArena in March, is now third.",
        "Grok 3, which led in March, is now third on LMArena.",
    ],
)
def test_a_place_after_a_relative_clause_is_the_names(text: str) -> None:
    found = {(c["model"], c["rank"], c["as_of"]) for c in claims(text)}
    assert ("Grok 3", 3, "2025-03-01") in found


def test_a_verb_after_a_relative_clause_is_the_names() -> None:
    text = "Grok 3, which debuted in February, now trails Gemini 2.5 Pro on LMArena."
    assert pairs(text) == {("Grok 3", "Gemini 2.5 Pro", "trails")}


def test_a_question_about_a_comparison_puts_no_name_forward() -> None:
    text = (
        "R1-0528 is DeepSeek's May refresh. Beats o3 on the arena? No, it trails o3, but it "
        "clearly beats DeepSeek-V3-0324."
    )
    assert not any(a == "o3" for a, _, _ in pairs(text))


@pytest.mark.parametrize(
    "text",
    [
        "DeepSeek's new model is out. It beats Kimi K2 on LMArena.",
        "DeepSeek's August hybrid is new. It beats Kimi K2 on LMArena.",
    ],
)
def test_it_after_a_makers_unnamed_model_is_not_the_family(text: str) -> None:
    assert pairs(text) == set()


def test_it_after_a_makers_named_model_is_that_model() -> None:
    assert {a for a, _, _ in pairs("DeepSeek's R1 is out. It beats Kimi K2 on LMArena.")} == {
        "DeepSeek's R1"
    }


@pytest.mark.parametrize(
    "text",
    [
        # the superlative is what the subject is measured against
        "Voxtral beats the state-of-the-art Whisper large-v3 on every benchmark.",
        "Voxtral outperforms the industry-leading Whisper large-v3.",
        # the superlative describes results, not the model
        "We compare it with the state-of-the-art GPT-4o results from last year.",
        # a denial of the clause, not of the name's description
        "It was not the state-of-the-art GPT-4o that won, but Claude.",
        # "top-ranked" after a maker's possessive: its own range, loosely said
        "Google's top-ranked Gemini 2.5 Pro is available now.",
    ],
)
def test_a_superlative_before_a_name_that_places_no_model(text: str) -> None:
    described = {"Whisper large-v3", "GPT-4o", "Gemini 2.5 Pro"}
    assert not {m for m, _ in ranks(text)} & described


# -- a second place with its verb left out: after "and", or in an aside --


@pytest.mark.parametrize(
    ("text", "places"),
    [
        (
            "AICodeKing ranked Kimi K2 Thinking 13th for non-agentic work and 10th for agentic "
            "work.",
            {("Kimi K2 Thinking", 13), ("Kimi K2 Thinking", 10)},
        ),
        ("GPT-4o ranks 3rd in coding and 1st overall on LMArena.", {("GPT-4o", 3), ("GPT-4o", 1)}),
        ("Qwen3 ranks fourth in coding (No. 9 overall) on LMArena.", {("Qwen3", 4), ("Qwen3", 9)}),
        (
            "Mistral Large 3 debuts at #2 in the OSS non-reasoning category (#6 amongst OSS "
            "models overall) on the LMArena leaderboard.",
            {("Mistral Large 3", 2), ("Mistral Large 3", 6)},
        ),
        (
            "Kimi K2 is 5th for coding, and Qwen3 is 7th for writing and 2nd for math.",
            {("Kimi K2", 5), ("Qwen3", 7), ("Qwen3", 2)},
        ),
    ],
)
def test_a_second_place_without_its_verb_is_the_first_places_model(
    text: str, places: set[tuple[str, int]]
) -> None:
    assert ranks(text) == places


def test_an_aside_place_among_a_group_is_within_it() -> None:
    found = claims(
        "Mistral Large 3 debuts at #2 in the OSS non-reasoning category (#6 amongst OSS "
        "models overall) on the LMArena leaderboard."
    )
    sixth = next(c for c in found if c["rank"] == 6)
    assert sixth["within"] == {"country": None, "organisation": None, "open_weights": True}
    assert sixth["category"] is None


@pytest.mark.parametrize(
    "text",
    [
        # a set no group's facts describe: not read as a place on the board
        "Qwen3 ranks fourth in coding (No. 2 among reasoning models).",
        # another model named in between owns what follows
        "Qwen3 ranks fourth in coding, behind GPT-4o (No. 2 overall).",
    ],
)
def test_an_aside_place_that_is_not_the_first_places_model(text: str) -> None:
    assert ("Qwen3", 2) not in ranks(text)


# -- a score said before its subject, or after a second verb of the same subject --


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("With 86.4% on MMLU, GPT-4 leads the pack.", {("GPT-4", 86.4)}),
        ("Scoring 1,400 on LMArena, Grok 3 took first place.", {("Grok 3", 1400)}),
        ("At 1,310 Elo, Claude 3 Opus is now the top model.", {("Claude 3 Opus", 1310)}),
        (
            "At over 81% accuracy on MMLU and 150 tokens/s latency, Mistral Small 3 is the most "
            "efficient model of its category.",
            {("Mistral Small 3", 81)},
        ),
    ],
)
def test_a_fronted_score_is_the_subjects(text: str, expected: set[tuple[str, float]]) -> None:
    assert scores(text) == expected


def test_a_fronted_score_keeps_its_comparator_and_test() -> None:
    found = claims("At over 81% accuracy on MMLU, Mistral Small 3 is the most efficient model.")
    score = next(c for c in found if c["type"] == "score_value")
    assert (score["comparator"], score["metric"]) == ("gt", "mmlu")


@pytest.mark.parametrize(
    "text",
    [
        "With 40% of the votes, GPT-4o was the crowd favourite.",
        "At 2.5 seconds per answer, GPT-4o is the fastest.",
        # the clause's subject is not the model
        "At 1,400, the bar Grok 3 cleared was high.",
        "With 90% on GSM8K, it is clear that Llama 3 is strong.",
    ],
)
def test_a_fronted_number_that_is_no_subjects_score(text: str) -> None:
    assert scores(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kimi-K2.5-Thinking scored 61.50 for fourth overall and led code generation by a "
            "wide margin with 53.33.",
            {("Kimi-K2.5-Thinking", 61.5), ("Kimi-K2.5-Thinking", 53.33)},
        ),
        (
            "GPT-5 scored 74.9% on SWE-bench Verified and led MMLU-Pro with 88%.",
            {("GPT-5", 74.9), ("GPT-5", 88)},
        ),
        # another subject, or a pronoun's clause, takes the second number
        (
            "GPT-5 scored 74.9% on SWE-bench Verified and Claude Opus 4.1 trailed at 74.5%.",
            {("GPT-5", 74.9), ("Claude Opus 4.1", 74.5)},
        ),
        (
            "GPT-5 scored 74.9% on SWE-bench Verified and its successor landed at 80%.",
            {("GPT-5", 74.9)},
        ),
    ],
)
def test_a_second_verbs_number_is_the_same_subjects(
    text: str, expected: set[tuple[str, float]]
) -> None:
    assert scores(text) == expected


def test_a_second_verbs_number_is_measured_by_its_own_test() -> None:
    found = claims("GPT-5 scored 74.9% on SWE-bench Verified and topped Aider Polyglot at 88%.")
    second = next(c for c in found if c["type"] == "score_value" and c["value"] == 88)
    assert second["metric"] != "swe_bench_verified"
    found = claims("GPT-5 scored 74.9% on SWE-bench Verified and led MMLU-Pro with 88%.")
    second = next(c for c in found if c["type"] == "score_value" and c["value"] == 88)
    assert second["metric"] == "mmlu_pro"


def test_an_error_rate_on_a_test_is_measured_by_it() -> None:
    found = claims("At approximately 4% word error rate on FLEURS, Voxtral is the cheapest.")
    assert [(c["model"], c["value"], c["metric"]) for c in found if c["type"] == "score_value"] == [
        ("Voxtral", 4, "fleurs")
    ]


# -- an absolute clause: "..., with X taking the top spot" --


@pytest.mark.parametrize(
    ("text", "places"),
    [
        (
            "Chinese labs dominate the open rankings, with Qwen3 taking the top spot.",
            {("Qwen3", 1)},
        ),
        (
            "The arena was reshuffled this week, with Gemini 2.5 Pro climbing to first place and "
            "GPT-4.5 falling to third.",
            {("Gemini 2.5 Pro", 1), ("GPT-4.5", 3)},
        ),
        (
            "Open models closed the gap, with DeepSeek-R1 ranking sixth overall.",
            {("DeepSeek-R1", 6)},
        ),
        (
            "The crown went to GPT-4o, with Claude 3 Opus trailing in second place.",
            {("Claude 3 Opus", 2)},
        ),
    ],
)
def test_the_name_of_an_absolute_clause_holds_its_place(
    text: str, places: set[tuple[str, int]]
) -> None:
    assert places <= ranks(text)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # "with" a preposition: its name is no subject
        ("DeepSeek-V3 ties with GPT-4o according to LMArena, ranking seventh.", ("DeepSeek-V3", 7)),
        (
            "DeepSeek-V3 was tested with GPT-4o using the same prompts and ranks seventh.",
            ("DeepSeek-V3", 7),
        ),
    ],
)
def test_a_name_after_with_as_a_preposition_is_no_subject(
    text: str, place: tuple[str, int]
) -> None:
    assert ranks(text) == {place}


# -- a new best said with a verb: "raises the bar", "scores our new high" --


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("Claude 3.5 Sonnet raises the bar on SWE-bench Verified.", "Claude 3.5 Sonnet"),
        ("Gemini 2.5 Pro posted a new record of 1,470 on LMArena.", "Gemini 2.5 Pro"),
        ("Mistral OCR 3 advances the state of the art in document understanding.", "Mistral OCR 3"),
        ("On SWE-bench Verified, GPT-5.2 Thinking scores our new high of 80%.", "GPT-5.2 Thinking"),
    ],
)
def test_a_new_best_said_with_a_verb_is_first_place(text: str, model: str) -> None:
    assert (model, 1) in ranks(text)


def test_our_new_high_is_first_among_the_makers_own_models() -> None:
    found = claims("On SWE-bench Verified, GPT-5.2 Thinking scores our new high of 80%.")
    place = next(c for c in found if c["type"] == "rank_position")
    assert place["metric"] == "own_models"


@pytest.mark.parametrize(
    "text",
    [
        "Our research team raises the bar for safety evaluations.",
        # a denial and a forecast are never read as a plain first place
        "Claude 3.5 Sonnet does not raise the bar on SWE-bench Verified.",
        "Claude 3.5 Sonnet could raise the bar on SWE-bench Verified.",
        # "pushing the frontier" moves it, and need not lead it
        "GPT-4.5 pushes the frontier of unsupervised learning.",
    ],
)
def test_a_new_best_that_places_no_model(text: str) -> None:
    assert not [c for c in claims(text) if c["type"] == "rank_position" and not c["negated"]]


# -- places said with idioms: a crown, the runner-up spot, the model to beat, a top-N --


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Gemini 2.5 Pro took the crown on LMArena.", ("Gemini 2.5 Pro", 1, "eq")),
        ("Gemini 2.5 Pro reclaims the throne on LMArena.", ("Gemini 2.5 Pro", 1, "eq")),
        ("Gemini 2.5 Pro remains the model to beat on LMArena.", ("Gemini 2.5 Pro", 1, "eq")),
        ("Claude Opus 4 secured the runner-up spot on LMArena.", ("Claude Opus 4", 2, "eq")),
        ("Grok 4 finished as runner-up on LMArena.", ("Grok 4", 2, "eq")),
        ("DeepSeek-R1 cracked the top 5 on LMArena.", ("DeepSeek-R1", 5, "top_k")),
        ("DeepSeek-R1 climbed into the top ten on LMArena.", ("DeepSeek-R1", 10, "top_k")),
        ("DeepSeek-R1 is a top-five model on LMArena.", ("DeepSeek-R1", 5, "top_k")),
        ("The #1-ranked Gemini 2.5 Pro is available now.", ("Gemini 2.5 Pro", 1, "eq")),
    ],
)
def test_a_place_said_with_an_idiom(text: str, place: tuple[str, int, str]) -> None:
    found = [
        (c["model"], c["rank"], c["op"], c["negated"])
        for c in claims(text)
        if c["type"] == "rank_position"
    ]
    assert found == [(*place, False)]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Gemini 2.5 Pro is not the model to beat on LMArena.", (1, "eq", True)),
        ("Gemini 2.5 Pro is no longer the model to beat on LMArena.", (1, "eq", True)),
        ("DeepSeek-R1 is not a top-five model on LMArena.", (5, "not_top_k", False)),
    ],
)
def test_a_denied_idiom_is_read_denied(text: str, place: tuple[int, str, bool]) -> None:
    found = [(c["rank"], c["op"], c["negated"]) for c in claims(text)]
    assert found == [place]


@pytest.mark.parametrize(
    "text",
    [
        "Meta made a top-10 hire for its AI lab.",
        # the crown of a category is not the board's
        "Claude 3.5 Sonnet takes the coding crown on LMArena.",
    ],
)
def test_idioms_that_place_no_model_overall(text: str) -> None:
    assert not [c for c in claims(text) if c["type"] == "rank_position" and c["category"] is None]


# -- a number with a percent sign is no version; a test's name makes a score's context --


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On MMLU, GPT-4 scores 86.4% and Claude 3 Opus 86.8%.",
            {("GPT-4", 86.4), ("Claude 3 Opus", 86.8)},
        ),
        ("Llama 3.1 405B, with an MMLU of 88.6, rivals GPT-4o.", {("Llama 3.1 405B", 88.6)}),
        ("Gemini 2.5 Pro, with a GPQA of 84%, leads the pack.", {("Gemini 2.5 Pro", 84)}),
        # a version stays the name's
        ("Claude Opus 4.8 scores 80% on SWE-bench.", {("Claude Opus 4.8", 80)}),
    ],
)
def test_a_percent_after_a_name_is_its_score(text: str, expected: set[tuple[str, float]]) -> None:
    assert scores(text) == expected


def test_a_name_does_not_take_a_percent_as_its_version() -> None:
    gaz = make_gazetteer(board_models=BOARD_NAMES)
    assert [m.text for m in gaz.models("and Claude 3 Opus 86.8% on MMLU")] == ["Claude 3 Opus"]
    assert [m.text for m in gaz.models("GPT-4 86.4% here")] == ["GPT-4"]


# -- "it" after a maker put out one model: "xAI released Grok 3, and it ..." --


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "Elon Musk's xAI released an early Grok 3 build nicknamed 'Chocolate', and it went "
            "straight to No. 1 on the lmarena Chatbot Arena.",
            ("Grok 3", 1),
        ),
        (
            "OpenAI launched GPT-4.5 last week, and it quickly rose to first place on LMArena.",
            ("GPT-4.5", 1),
        ),
        ("Google released Gemma 3, and it ranks ninth on LMArena.", ("Gemma 3", 9)),
    ],
)
def test_it_after_a_release_is_the_model_released(text: str, place: tuple[str, int]) -> None:
    assert ranks(text) == {place}


def test_it_after_a_release_of_two_models_is_neither() -> None:
    text = "Google released Gemma 3 alongside Gemini 2.0 Flash, and it ranks ninth on LMArena."
    assert ranks(text) == set()


# -- "the top model" as a superlative; "one of the best models" is near the top only --


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Gemini 2.5 Pro, the top model on LMArena, is now free.", ("Gemini 2.5 Pro", 1, "eq")),
        ("Gemini 2.5 Pro, LMArena's top model, is now free.", ("Gemini 2.5 Pro", 1, "eq")),
        (
            "Gemini 2.5 Pro posts the top overall score on MMLU-Pro (85.2).",
            ("Gemini 2.5 Pro", 1, "eq"),
        ),
        ("Gemini 2.5 Pro is one of the best models on LMArena.", ("Gemini 2.5 Pro", 10, "top_k")),
        ("Gemini 2.5 Pro is one of the top models on LMArena.", ("Gemini 2.5 Pro", 10, "top_k")),
        ("Grok 4.3 is one of the strongest models available today.", ("Grok 4.3", 10, "top_k")),
        # a count of places stays a count
        ("Gemini 2.5 Pro is among the top 10 models on LMArena.", ("Gemini 2.5 Pro", 10, "top_k")),
    ],
)
def test_the_top_model_and_one_of_the_best(text: str, place: tuple[str, int, str]) -> None:
    found = [(c["model"], c["rank"], c["op"]) for c in claims(text) if c["type"] == "rank_position"]
    assert found == [place]


def test_the_top_model_of_a_board_is_the_boards_first() -> None:
    found = claims("Gemini 2.5 Pro, LMArena's top model, is now free.")
    assert (found[0]["board"], found[0]["metric"]) == ("lmarena-text", "arena_score")


@pytest.mark.parametrize(
    "text",
    [
        "Gemini 2.5 Pro is a top-tier model.",
        "Gemini 2.5 Pro trails the top model, GPT-4.5, on LMArena.",
    ],
)
def test_a_top_that_gives_the_subject_no_first_place(text: str) -> None:
    assert ("Gemini 2.5 Pro", 1) not in ranks(text)


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("First place on LMArena now belongs to Gemini 2.5 Pro.", "Gemini 2.5 Pro"),
        ("The top spot in the WebDev Arena went to Claude 3.7 Sonnet.", "Claude 3.7 Sonnet"),
    ],
)
def test_a_first_place_on_a_board_given_to_a_model(text: str, model: str) -> None:
    found = [c for c in claims(text) if c["type"] == "rank_position"]
    assert [(c["model"], c["rank"], c["negated"]) for c in found] == [(model, 1, False)]
    assert found[0]["board"] is not None


# -- each of two places keeps its own task and its own scope --


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a task no board's category is: the place is at that task, never the overall order
        (
            "Kimi K2 is 5th for coding, and Qwen3 is 7th for writing and 2nd for math.",
            {
                ("Kimi K2", 5, "coding", None),
                ("Qwen3", 7, None, "writing"),
                ("Qwen3", 2, "math", None),
            },
        ),
        (
            "AICodeKing ranked Kimi K2 Thinking 13th for non-agentic work and 10th for agentic "
            "work.",
            {
                ("Kimi K2 Thinking", 13, None, "non_agentic_work"),
                ("Kimi K2 Thinking", 10, None, "agentic_work"),
            },
        ),
    ],
)
def test_each_of_two_places_keeps_its_own_task(
    text: str, expected: set[tuple[str, int, str | None, str | None]]
) -> None:
    found = {(c["model"], c["rank"], c["category"], c["metric"]) for c in claims(text)}
    assert found == expected


@pytest.mark.parametrize(
    "text",
    [
        # "overall" with the group right after it: the place is counted among the group
        "DeepSeek-V3 ranks second overall among open models on LMArena.",
        "DeepSeek-V3 ranks second overall among open models on LMArena and tenth on the "
        "full board.",
    ],
)
def test_a_place_overall_among_a_group_is_within_it(text: str) -> None:
    [second] = [c for c in claims(text) if c.get("rank") == 2]
    assert (second["within"] or {}).get("open_weights") is True


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("Qwen3 is first in the world and third among open models.", (1, None), (3, True)),
        ("Kimi K2 is fifth on LMArena and first among open models.", (5, None), (1, True)),
        ("Qwen3 is fourth overall and first among open models.", (4, None), (1, True)),
        # "overall" keeps the first place off the group named after it
        (
            "DeepSeek-R1 ranks fourth overall and first among open models on LMArena.",
            (4, None),
            (1, True),
        ),
    ],
)
def test_a_group_after_a_second_place_scopes_only_that_place(
    text: str, first: tuple[int, bool | None], second: tuple[int, bool | None]
) -> None:
    found = {
        (c["rank"], (c["within"] or {}).get("open_weights"))
        for c in claims(text)
        if c["type"] == "rank_position"
    }
    assert found == {first, second}


@pytest.mark.parametrize(
    "text",
    [
        "GPT-4.5 keeps its grip on second place on LMArena.",
        "Gemini 1.5 Pro Experimental keeps its grip on the runner-up spot on LMArena.",
        "Llama 3.1 405B keeps its grip on the open-model crown on LMArena.",
    ],
)
def test_a_grip_on_another_place_is_not_first(text: str) -> None:
    assert all(rank != 1 or c["within"] for c in claims(text) if (rank := c.get("rank")))


@pytest.mark.parametrize(
    ("text", "views"),
    [
        (
            "Claude 3.5 Sonnet ranks 8th with style control (13th overall) on LMArena.",
            {(8, "style_control"), (13, None)},
        ),
        ("Claude 3.5 Sonnet ranks 13th on LMArena (No. 8 with style control).", {(13, None)}),
    ],
)
def test_a_place_in_brackets_has_its_own_view(
    text: str, views: set[tuple[int, str | None]]
) -> None:
    assert {(c["rank"], c["view"]) for c in claims(text) if c["type"] == "rank_position"} == views


@pytest.mark.parametrize(
    "text",
    [
        "Nearly every one of the top ten models on LMArena is American.",
        "China's DeepSeek-R1 beat every American model except Gemini on LMArena.",
    ],
)
def test_nearly_all_or_all_but_one_is_no_groups_whole(text: str) -> None:
    assert [c for c in claims(text) if c["type"] == "group_comparison"] == []


@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("Qwen3 is 7th for writing on LMArena.", (None, "writing")),
        ("Qwen3 is 7th for agentic work.", (None, "agentic_work")),
        ("Qwen3 is 7th for creative writing on LMArena.", ("creative_writing", "arena_score")),
        # times are no tasks
        ("Qwen3 is 7th for now on LMArena.", (None, "arena_score")),
        ("Qwen3 is first for the second week on LMArena.", (None, "arena_score")),
    ],
)
def test_a_place_for_a_task_is_at_that_task(text: str, task: tuple[str | None, str]) -> None:
    [claim] = claims(text)
    assert (claim["category"], claim["metric"]) == task


def test_two_places_joined_by_and_each_keep_their_view() -> None:
    text = "Claude 3.5 Sonnet ranks 13th overall and 8th with style control on LMArena."
    assert {(c["rank"], c["view"]) for c in claims(text)} == {(13, None), (8, "style_control")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a small move past a name, as news tells a leaderboard's changes
        ("GPT-5 slipped past Claude Opus 4.1 on LMArena.", ("GPT-5", "Claude Opus 4.1", "beats")),
        ("Grok 4 inched ahead of GPT-5 on LMArena.", ("Grok 4", "GPT-5", "beats")),
        ("GPT-5 nosed ahead of Gemini 2.5 Pro on LMArena.", ("GPT-5", "Gemini 2.5 Pro", "beats")),
        ("Qwen3 outshone Llama 4 on LMArena.", ("Qwen3", "Llama 4", "beats")),
        # a gain measured against the other side, the tests said between
        (
            "Llama 2 70B gains 5 points on MMLU and 8 on BBH relative to Llama 1 65B.",
            ("Llama 2 70B", "Llama 1 65B", "beats"),
        ),
        (
            "Qwen3 gained 3 points over DeepSeek V3 on LMArena.",
            ("Qwen3", "DeepSeek V3", "beats"),
        ),
        (
            "Pixtral 12B shows a 20% relative improvement in IF-Eval and MT-Bench over "
            "the nearest open model.",
            ("Pixtral 12B", "the nearest open model", "beats"),
        ),
    ],
)
def test_moves_and_gains_past_another_model(text: str, expected: tuple[str, str, str]) -> None:
    assert pairs(text) == {expected}
    assert not any(c["negated"] for c in claims(text))


@pytest.mark.parametrize(
    "text",
    [
        # a mark or a time passed is no model
        "Grok 4 slipped past the 1400 mark on LMArena.",
        "Gemini 2.5 Pro gained 20 points over the past month on LMArena.",
        "The model shows a big improvement in reasoning over the past year.",
    ],
)
def test_a_move_past_no_model_compares_nothing(text: str) -> None:
    assert pairs(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a family's word qualified as a set of its models is no family
        (
            "Claude Sonnet 5 outperforms previous Sonnet models on agentic coding.",
            {("Claude Sonnet 5", "previous Sonnet models", "beats")},
        ),
        # a set bounded by size is no first place among all the rest
        (
            "Kimi K3 beats open models up to 7x its size on SWE-bench.",
            {("Kimi K3", "open models up to 7x its size", "beats")},
        ),
        # the field beaten is a first place, no pair besides
        ("Grok Imagine consistently outperforms competitors across key evaluation metrics.", set()),
    ],
)
def test_described_sides_of_more_kinds(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert pairs(text) == expected


def test_a_bounded_field_is_no_side_and_a_bounded_set_no_first_place() -> None:
    # "peers in its weight class": first of a class no board lists, no side
    assert pairs("Grok 4 Fast significantly outperforms peers in its weight class.") == set()
    assert ranks("Kimi K3 beats open models up to 7x its size on SWE-bench.") == set()


def test_names_after_an_unlisted_one_in_a_list_are_objects_not_subjects() -> None:
    # "Phi-3.5 Vision" is one of the beaten, never the one improving on another model
    text = (
        "Pixtral 12B is out. It substantially outperforms Qwen2-VL 7B, Zorvision 7B and "
        "Phi-3.5 Vision in instruction following, with a 20% relative improvement over "
        "the nearest open model."
    )
    assert all(a != "Phi-3.5 Vision" for a, _, _ in pairs(text))


def test_a_pronoun_of_an_earlier_clause_is_not_the_subject_after_a_semicolon() -> None:
    text = (
        "Meta's table shows each Llama 2 size improving on its Llama 1 counterpart; the 70B "
        "model gains 5 points on MMLU relative to Llama 1 65B."
    )
    assert pairs(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # built on with gains: better than what it builds on
        (
            "Claude Sonnet 5 builds on Claude Sonnet 4.6 with big improvements in coding.",
            {("Claude Sonnet 5", "Claude Sonnet 4.6", "beats")},
        ),
        (
            "Grok 5 is here, building on its predecessor with meaningful gains in reasoning.",
            {("Grok 5", "its predecessor", "beats")},
        ),
        # a place taken away, said in the passive
        (
            "Gemini 3 Pro was knocked off the top spot by Claude Opus 4.5.",
            {("Gemini 3 Pro", "Claude Opus 4.5", "trails")},
        ),
        (
            "DeepSeek V3.2 is still no match for GPT-5 on reasoning.",
            {("DeepSeek V3.2", "GPT-5", "trails")},
        ),
        # a list of names ending in a described one
        (
            "Codestral Embed outperforms Voyage Code 3 and OpenAI’s large embedding model.",
            {
                ("Codestral Embed", "Voyage Code 3", "beats"),
                ("Codestral Embed", "OpenAI’s large embedding model", "beats"),
            },
        ),
        # ... but a group at the end is a group, no described side
        (
            "Kimi K3 beats GPT-5 and other open models on SWE-bench.",
            {("Kimi K3", "GPT-5", "beats")},
        ),
    ],
)
def test_more_comparisons_of_the_news(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # built on without gains said: no comparison
        "GPT-5.2 builds on capabilities introduced in GPT-5.1 with a new tool.",
        "Gemini 3 Pro builds on Gemini 2.5 Pro, with gains in latency.",
    ],
)
def test_building_on_without_gains_compares_nothing(text: str) -> None:
    assert pairs(text) == set()


def test_a_failed_dethroning_is_denied() -> None:
    [claim] = claims("Claude Opus 4.5 failed to dethrone Gemini 3 Pro on LMArena.")
    assert (claim["model_a"], claim["model_b"], claim["relation"]) == (
        "Claude Opus 4.5",
        "Gemini 3 Pro",
        "beats",
    )
    assert claim["negated"]


@pytest.mark.parametrize(
    "text",
    [
        "Despite the hype, Llama 4 Maverick did not come close to GPT-4o on LMArena.",
        "Llama 4 Maverick no longer comes close to GPT-4o on LMArena.",
    ],
)
def test_not_coming_close_is_further_behind_not_level_or_ahead(text: str) -> None:
    [claim] = claims(text)
    assert (claim["model_a"], claim["model_b"], claim["relation"]) == (
        "Llama 4 Maverick",
        "GPT-4o",
        "trails",
    )
    assert not claim["negated"]


def test_a_denied_trail_stays_denied() -> None:
    [claim] = claims("Llama 4 Maverick does not trail GPT-4o on LMArena.")
    assert claim["relation"] == "trails"
    assert claim["negated"]


@pytest.mark.parametrize(
    "text",
    [
        "Gemini 3 Pro performs competitively with GPT-5 and with Claude Opus 4.1.",
        "Gemini 3 Pro is comparable to GPT-5 and to Claude Opus 4.1.",
    ],
)
def test_a_level_preposition_repeated_joins_the_next_object(text: str) -> None:
    assert pairs(text) == {
        ("Gemini 3 Pro", "GPT-5", "ties"),
        ("Gemini 3 Pro", "Claude Opus 4.1", "ties"),
    }


def test_a_repeated_preposition_of_another_clause_joins_nothing() -> None:
    text = "Gemini 3 Pro beats GPT-5 and with Claude Opus 4.1 it shares the lead."
    assert ("Gemini 3 Pro", "Claude Opus 4.1", "beats") not in pairs(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quality given to the name after a verb of judging: that name is the subject
        (
            "Reviewers rated Claude Opus 4.5 better than GPT-5.1 on long tasks.",
            ("Claude Opus 4.5", "GPT-5.1", "beats"),
        ),
        (
            "Testers judged Gemini 3 Pro stronger than GPT-5 at coding.",
            ("Gemini 3 Pro", "GPT-5", "beats"),
        ),
        ("Gemini 3 Pro was rated above GPT-5 by users.", ("Gemini 3 Pro", "GPT-5", "beats")),
    ],
)
def test_a_name_judged_is_the_subject_of_its_comparison(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert pairs(text) == {expected}


def test_a_name_that_judges_is_no_subject_of_the_quality() -> None:
    # GPT-5 rates; the comparison after "and" is Gemini 3 Pro's
    text = "GPT-5 rated Claude Opus 4.5 highly, and Gemini 3 Pro beats GPT-5."
    assert pairs(text) == {("Gemini 3 Pro", "GPT-5", "beats")}


@pytest.mark.parametrize(
    "text",
    [
        "Claude Opus 4.5 gained 12 points over Christmas on LMArena.",
        "Claude Opus 4.5 gained 12 points over Easter weekend on LMArena.",
        "Claude Opus 4.5 shows a big improvement over Thanksgiving on LMArena.",
    ],
)
def test_a_gain_over_a_holiday_is_a_time_not_a_model(text: str) -> None:
    assert pairs(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a measure with words of its own before "than"
        (
            "GPT-5.5 solves more tasks end-to-end in a single pass than GPT-5.4.",
            {("GPT-5.5", "GPT-5.4", "beats")},
        ),
        (
            "Sonnet 5 has a much lower ability to perform cybersecurity tasks than "
            "Claude Opus 4.8.",
            {("Sonnet 5", "Claude Opus 4.8", "trails")},
        ),
        (
            "Gemini 3 Pro produced fewer hallucinations across all of the tests than GPT-5.",
            {("Gemini 3 Pro", "GPT-5", "beats")},
        ),
        # what is spent, counted or paid ranks nothing; another clause is no measure's
        ("GPT-5.5 uses more tokens on hard reasoning problems than GPT-5.4.", set()),
        ("GPT-5.5 has lower latency on long prompts than GPT-5.4.", set()),
        ("GPT-5.5 solves more tasks and GPT-5.4 solves fewer than Claude.", set()),
    ],
)
def test_a_comparative_measure_in_several_words(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # level with another model, said by what is alike
        (
            "Mistral Small 3 achieves results similar to Llama 3.3 70B.",
            {("Mistral Small 3", "Llama 3.3 70B", "ties")},
        ),
        (
            "Mistral Small 3 scores in line with Llama 3.3 70B.",
            {("Mistral Small 3", "Llama 3.3 70B", "ties")},
        ),
        # a level named after a model is that model's
        (
            "Mistral Small 3 delivers GPT-4o-level performance.",
            {("Mistral Small 3", "GPT-4o", "ties")},
        ),
        (
            "Mistral Small 3 reaches Claude 3.5 Sonnet-level coding on SWE-bench.",
            {("Mistral Small 3", "Claude 3.5 Sonnet", "ties")},
        ),
        (
            "Mistral Small 3 brings o3-class reasoning to phones.",
            {("Mistral Small 3", "o3", "ties")},
        ),
        # near that level is below it
        (
            "Mistral Small 3 offers near GPT-4o-level performance.",
            {("Mistral Small 3", "GPT-4o", "trails")},
        ),
        # a level of no model, or of a price, is no comparison
        ("Mistral Small 3 delivers frontier-level performance at a low price.", set()),
        ("Mistral Small 3 offers GPT-4o-level pricing.", set()),
    ],
)
def test_level_with_another_model_in_more_words(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert pairs(text) == expected
