"""Comparisons whose words are shared between clauses: a subject elided after "but", a
second place after "and", "neither ... nor", a verb phrase said again by its auxiliary
(", as did Z"), and a model placed by a verb ("puts X ahead of Y"). Each is read the way
its words run, negation included."""

from __future__ import annotations

from datetime import date

import pytest

from bot.extract import make_gazetteer
from bot.extract.base import ArticleText
from bot.extract.rules import RulesExtractor

EXTRACTOR = RulesExtractor(make_gazetteer())
DAY = date(2025, 7, 20)

Pair = tuple[str, str, str, bool]


def pairs(text: str, title: str | None = None) -> set[Pair]:
    drafts = EXTRACTOR.extract(ArticleText(text=text, published=DAY, title=title)).drafts
    return {
        (d.model_a, d.model_b, d.relation, d.negated)
        for d in drafts
        if d.type == "pairwise_comparison"
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Grok 4 beats o3 on LMArena but trails Gemini 2.5 Pro.",
            {("Grok 4", "o3", "beats", False), ("Grok 4", "Gemini 2.5 Pro", "trails", False)},
        ),
        (
            "Claude 3.5 Sonnet edges GPT-4o at coding, yet still lags Gemini 1.5 Pro in math.",
            {
                ("Claude 3.5 Sonnet", "GPT-4o", "beats", False),
                ("Claude 3.5 Sonnet", "Gemini 1.5 Pro", "trails", False),
            },
        ),
        (
            "o3 beats GPT-4.5 on LMArena, but doesn't beat Gemini 2.5 Pro.",
            {("o3", "GPT-4.5", "beats", False), ("o3", "Gemini 2.5 Pro", "beats", True)},
        ),
    ],
)
def test_a_verb_after_but_shares_the_first_clauses_subject(text: str, expected: set[Pair]) -> None:
    assert pairs(text) == expected


def test_a_new_subject_after_but_is_its_own() -> None:
    found = pairs("o3 beats GPT-4.5, but Grok 4 still trails Gemini 2.5 Pro.")
    assert found == {
        ("o3", "GPT-4.5", "beats", False),
        ("Grok 4", "Gemini 2.5 Pro", "trails", False),
    }


@pytest.mark.parametrize(
    "text",
    [
        "o3 is ahead of GPT-4.5 and behind Gemini 2.5 Pro on LMArena.",
        "On LMArena, o3 ranks above GPT-4.5 but below Gemini 2.5 Pro.",
    ],
)
def test_a_second_place_of_the_other_direction_keeps_the_subject(text: str) -> None:
    assert pairs(text) == {
        ("o3", "GPT-4.5", "beats", False),
        ("o3", "Gemini 2.5 Pro", "trails", False),
    }


def test_neither_nor_denies_each_subject() -> None:
    assert pairs("Neither GPT-4.5 nor o3 beats Gemini 2.5 Pro on LMArena.") == {
        ("GPT-4.5", "Gemini 2.5 Pro", "beats", True),
        ("o3", "Gemini 2.5 Pro", "beats", True),
    }


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("Grok 4 outscores GPT-4.5 on LMArena, as does o3.", False),
        ("Grok 4 overtook GPT-4.5 in July, and so did o3.", False),
        ("Grok 4 does not beat Gemini 2.5 Pro on LMArena, nor does o3.", True),
        ("Grok 4 didn't beat Gemini 2.5 Pro, and neither did o3.", True),
    ],
)
def test_a_verb_phrase_said_again_by_its_auxiliary(text: str, negated: bool) -> None:
    found = pairs(text)
    assert len(found) == 2
    echoed = [p for p in found if p[0] == "o3"]
    assert len(echoed) == 1 and echoed[0][3] is negated
    assert echoed[0][1] == next(p[1] for p in found if p[0] == "Grok 4")


@pytest.mark.parametrize(
    "text",
    [
        # an echo whose own object differs, or of a subject no name gives, says nothing
        "Grok 4 beat GPT-4.5, as did Gemini 2.5 Pro against Claude 3.7 Sonnet.",
        "Grok 4 beat GPT-4.5 on LMArena, as did its predecessor.",
        # a denial cannot be echoed by "as did", nor an assertion by "nor"
        "Grok 4 does not beat GPT-4.5, as did o3.",
    ],
)
def test_an_echo_that_does_not_repeat_the_claim_adds_nothing(text: str) -> None:
    assert all(p[0] == "Grok 4" for p in pairs(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The July refresh puts Grok 4 ahead of o3 and GPT-4.5 on LMArena.",
            {("Grok 4", "o3", "beats", False), ("Grok 4", "GPT-4.5", "beats", False)},
        ),
        (
            "Gemini 2.5 Pro scored 1474 on LMArena, which puts it well ahead of Grok 4.",
            {("Gemini 2.5 Pro", "Grok 4", "beats", False)},
        ),
        (
            "The new numbers leave Llama 4 Maverick far behind DeepSeek-V3.",
            {("Llama 4 Maverick", "DeepSeek-V3", "trails", False)},
        ),
        (
            "Its benchmark results put Qwen2.5-Max level with GPT-4o.",
            {("Qwen2.5-Max", "GPT-4o", "ties", False)},
        ),
        (
            "The refresh does not put Grok 4 above Gemini 2.5 Pro.",
            {("Grok 4", "Gemini 2.5 Pro", "beats", True)},
        ),
    ],
)
def test_a_model_placed_by_a_verb_is_the_comparisons_subject(
    text: str, expected: set[Pair]
) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We put Claude 3.5 Sonnet through its paces, behind closed doors.",
        "Google placed Gemini 2.5 Pro on LMArena ahead of launch.",
    ],
)
def test_placing_words_that_compare_nothing(text: str) -> None:
    assert pairs(text) == set()


def test_placed_ahead_on_a_count_no_board_keeps() -> None:
    text = (
        "Alibaba's Qwen family has passed 600 million downloads, which puts it ahead of "
        "Meta's Llama 3 on that measure."
    )
    assert pairs(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gemini 2.5 Pro delivers much better answers, across the board, than GPT-4.5.",
            {("Gemini 2.5 Pro", "GPT-4.5", "beats", False)},
        ),
        (
            "Llama 4 Maverick is weaker, on most tests, than DeepSeek-V3.",
            {("Llama 4 Maverick", "DeepSeek-V3", "trails", False)},
        ),
        (
            "Qwen2.5-Max shows large gains compared with GPT-4o on math.",
            {("Qwen2.5-Max", "GPT-4o", "beats", False)},
        ),
        (
            "o3 posts a 12% improvement relative to o1 on AIME.",
            {("o3", "o1", "beats", False)},
        ),
        (
            "DeepSeek-R1 is now within striking distance of o1 on LMArena.",
            {("DeepSeek-R1", "o1", "trails", False)},
        ),
    ],
)
def test_comparatives_with_an_aside_or_a_measure_against(text: str, expected: set[Pair]) -> None:
    assert pairs(text) == expected


def test_a_lead_among_a_group_is_a_scope_not_a_side() -> None:
    assert pairs("DeepSeek-R1 leads among open models on LMArena.") == set()


@pytest.mark.parametrize(
    "line",
    [
        "State-of-the-art accuracy, outperforming both GPT-4o and Gemini 1.5 Pro on forms.",
        "Benchmark results: outperforms GPT-4o and Gemini 1.5 Pro on GPQA.",
        "- Strong reasoning performance — beats GPT-4o and Gemini 1.5 Pro on AIME.",
        # the measure's number between the label and the cue
        "Breakthrough performance: 74% overall win rate over GPT-4o and Gemini 1.5 Pro.",
        "Strong accuracy: a 20% relative improvement over GPT-4o and Gemini 1.5 Pro.",
    ],
)
def test_a_feature_lines_label_leaves_the_announced_model_its_subject(line: str) -> None:
    drafts = EXTRACTOR.extract(
        ArticleText(text=line, published=DAY, title="Introducing Mistral Large 2")
    ).drafts
    found = {(d.model_a, d.model_b) for d in drafts if d.type == "pairwise_comparison"}
    assert found == {("Mistral Large 2", "GPT-4o"), ("Mistral Large 2", "Gemini 1.5 Pro")}


def test_a_label_before_a_named_subject_is_no_feature_line() -> None:
    text = "Benchmark results: Grok 4 outperforms GPT-4o on GPQA."
    drafts = EXTRACTOR.extract(
        ArticleText(text=text, published=DAY, title="Introducing Mistral Large 2")
    ).drafts
    assert {(d.model_a, d.model_b) for d in drafts if d.type == "pairwise_comparison"} == {
        ("Grok 4", "GPT-4o")
    }


def test_a_makers_bare_name_before_a_compared_model() -> None:
    text = "DeepSeek-V3 is level with OpenAI GPT-4o and Anthropic Claude 3.5 Sonnet on MMLU."
    assert pairs(text) == {
        ("DeepSeek-V3", "GPT-4o", "ties", False),
        ("DeepSeek-V3", "Claude 3.5 Sonnet", "ties", False),
    }
    # a capitalised word that names no maker is no part of the object
    assert pairs("Qwen2.5-Max beats Foo Llama 3.1 405B on LMArena.") == set()
    # a name with a verb of its own is the next clause's subject, not an object
    text = "DeepSeek-V3 beats GPT-4o, and Anthropic Claude 3.5 Sonnet trails it."
    assert ("DeepSeek-V3", "Claude 3.5 Sonnet", "beats", False) not in pairs(text)


@pytest.mark.parametrize(
    "text",
    [
        "Gemini 2.5 Pro beats GPT-4.5, but behind it sits Grok 3.",
        "Gemini 2.5 Pro beats GPT-4.5 and behind it sits Grok 3.",
        "Gemini 2.5 Pro beats GPT-4.5; just behind them comes Grok 3.",
    ],
)
def test_a_place_fronted_before_its_own_subject_is_no_second_comparison(text: str) -> None:
    assert pairs(text) == {("Gemini 2.5 Pro", "GPT-4.5", "beats", False)}


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("Gemini 2.5 Pro is no better than GPT-4.5 on LMArena.", "beats"),
        ("Grok 3 is no more capable than o3 on LMArena.", "beats"),
        ("Gemini 2.5 Pro is no worse than GPT-4.5 on LMArena.", "trails"),
    ],
)
def test_no_before_a_comparative_denies_it(text: str, relation: str) -> None:
    assert [(p[2], p[3]) for p in pairs(text)] == [(relation, True)]


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("Gemini 2.5 Pro beat GPT-4.5 by 40 points, and Grok 3 by 20.", "beats"),
        ("Gemini 2.5 Pro leads GPT-4.5 by 40 points and Grok 3 by 25 points on LMArena.", "beats"),
        ("o1 trails o3 by 12% on AIME and Grok 3 by 5%.", "trails"),
    ],
)
def test_objects_each_with_a_margin_share_the_verb(text: str, relation: str) -> None:
    found = pairs(text)
    assert {p[1] for p in found} == ({"GPT-4.5", "Grok 3"} if "GPT" in text else {"o3", "Grok 3"})
    assert {p[2] for p in found} == {relation}


def test_a_new_clause_after_a_margin_is_no_object() -> None:
    found = pairs("Gemini 2.5 Pro beat GPT-4.5 by 40 points, and Grok 3 beat o3 by 10.")
    assert found == {
        ("Gemini 2.5 Pro", "GPT-4.5", "beats", False),
        ("Grok 3", "o3", "beats", False),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In blind tests, raters preferred Claude 3.5 Sonnet over GPT-4o in 61% of matchups.",
            {("Claude 3.5 Sonnet", "GPT-4o", "beats", False)},
        ),
        (
            "Arena voters favoured Gemini 2.5 Pro over GPT-4.5 and Grok 3.",
            {
                ("Gemini 2.5 Pro", "GPT-4.5", "beats", False),
                ("Gemini 2.5 Pro", "Grok 3", "beats", False),
            },
        ),
        (
            "In side-by-side votes, users did not prefer Llama 4 Maverick to DeepSeek-V3.",
            {("Llama 4 Maverick", "DeepSeek-V3", "beats", True)},
        ),
    ],
)
def test_the_model_judges_preferred_beats_the_other(text: str, expected: set[Pair]) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a choice, not a judged result
        "Most developers prefer GPT-4o over Claude 3.5 Sonnet.",
        "In blind tests we preferred Gemini 2.5 Pro over GPT-4.5 for its lower price.",
        "Qwen has 300 million monthly active users, which puts it ahead of Llama 3.",
    ],
)
def test_a_preference_or_a_place_no_judged_result_gives(text: str) -> None:
    assert pairs(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a denial after "but" goes with the elided subject
        (
            "With a gap of about 5 points, MiniMax-M1 is competitive but does not yet match the "
            "very best models on broad knowledge.",
            {("MiniMax-M1", "the very best models", "ties", True)},
        ),
        (
            "Grok 4 is strong but has yet to beat Gemini 2.5 Pro on LMArena.",
            {("Grok 4", "Gemini 2.5 Pro", "beats", True)},
        ),
        (
            "Grok 4 is fast but fails to match Gemini 2.5 Pro on coding.",
            {("Grok 4", "Gemini 2.5 Pro", "ties", True)},
        ),
    ],
)
def test_a_denied_verb_after_but_shares_the_first_subject(text: str, expected: set[Pair]) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a participle after a comma or "while", however long the clause before it
        (
            "GPT-5.5 sets a new standard for intelligence and efficiency, achieving "
            "state-of-the-art results across coding, knowledge work, cybersecurity, and science "
            "while outperforming Claude Opus 4.6 at lower cost.",
            ("GPT-5.5", "Claude Opus 4.6", "beats", False),
        ),
        # "enough to"
        (
            "Google's Gemma 3 in its 27B size handles images as well as text, offers a 128K "
            "context window, and carries an LMArena Elo of 1338, enough to outrank Llama 3.1 405B.",
            ("Gemma 3", "Llama 3.1 405B", "beats", False),
        ),
        # a place right after the number it is measured by
        (
            "In addition to placing first in our human preferences, Mistral OCR 3 achieves the top "
            "overall score on the public OlmOCRBench (85.20) and leads our internal multilingual "
            "evaluation at 98.1, ahead of Gemini 2.5 Pro.",
            ("Mistral OCR 3", "Gemini 2.5 Pro", "beats", False),
        ),
        # a relative clause on the noun predicated of the subject
        (
            "Mistral Small 3.1 is the first open source model that not only matches but surpasses "
            "Gemma 3 27B on every benchmark we ran.",
            ("Mistral Small 3.1", "Gemma 3 27B", "beats", False),
        ),
    ],
)
def test_a_verb_without_a_subject_of_its_own_speaks_of_the_clauses(
    text: str, expected: Pair
) -> None:
    assert expected in pairs(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On the downside, it ships under the Gemma License rather than Apache, has no "
            "thinking mode, and lags purpose-built reasoning models on math tests.",
            {("Gemma 3 27B", "purpose-built reasoning models", "trails", False)},
        ),
        (
            "It is cheap to run, supports 140 languages out of the box and beats Llama 3.1 405B "
            "on LMArena.",
            {("Gemma 3 27B", "Llama 3.1 405B", "beats", False)},
        ),
        # a relative clause between: its verb list is the clause's
        (
            "It ships under a custom license that limits commercial use by the largest "
            "companies in the world and beats Llama 3.1 405B on LMArena.",
            set(),
        ),
    ],
)
def test_a_list_of_verbs_shares_its_leading_pronoun(text: str, expected: set[Pair]) -> None:
    assert pairs(text, title="Gemma 3 27B review") == expected


@pytest.mark.parametrize(
    "text",
    [
        # the subject of a clause set before the main one
        "After Gemini 2.5 Pro launched, Google's shares rose, outperforming rivals.",
        "After Gemini 2.5 Pro launched, Google's shares rose, outperforming Nvidia's.",
        # a place after a clause with no number is a time ("arrived ..., ahead of Y")
        "Grok 3 arrived in February with a large compute budget, a new reasoning mode and a "
        "voice feature for paying subscribers in the United States and Europe, ahead of GPT-4.5.",
        # "enough to" with no side
        "Claude 3.7 Sonnet was released by Anthropic in February to wide acclaim from "
        "developers, enough to beat expectations.",
    ],
)
def test_no_subject_from_another_clause_or_a_time(text: str) -> None:
    drafts = EXTRACTOR.extract(ArticleText(text=text, published=DAY)).drafts
    assert not [d for d in drafts if d.type in ("pairwise_comparison", "rank_position")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mistral Small 3.1 is the first open source model that not only meets, but in fact "
            "surpasses, the performance of leading small proprietary models.",
            {("Mistral Small 3.1", "leading small proprietary models", "beats", False)},
        ),
        (
            "Gemma 3 27B matches, and in many cases exceeds, GPT-4o on coding.",
            {("Gemma 3 27B", "GPT-4o", "beats", False)},
        ),
        (
            "Grok 4 keeps pace with, and often beats, Gemini 2.5 Pro on math.",
            {("Grok 4", "Gemini 2.5 Pro", "beats", False)},
        ),
        # "if not" hedges the stronger verb: no more than a rival, and no denial
        ("Gemma 3 27B rivals, if not surpasses, Claude 3.5 Sonnet on math.", set()),
    ],
)
def test_the_second_verb_of_a_pair_set_off_by_commas_takes_the_object_after_them(
    text: str, expected: set[Pair]
) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Behind Gemini 2.5 Pro sits o3 on LMArena.", {("o3", "Gemini 2.5 Pro", "trails", False)}),
        (
            "Just behind Gemini 2.5 Pro are o3 and Claude Opus 4.",
            {
                ("o3", "Gemini 2.5 Pro", "trails", False),
                ("Claude Opus 4", "Gemini 2.5 Pro", "trails", False),
            },
        ),
        (
            "Gemini 2.5 Pro leads LMArena with 1460. Behind it sits o3, at 1420.",
            {("o3", "Gemini 2.5 Pro", "trails", False)},
        ),
        (
            "Ahead of GPT-4.5 now sits Gemini 2.5 Pro.",
            {("Gemini 2.5 Pro", "GPT-4.5", "beats", False)},
        ),
        # a place before a clause with a subject of its own, or a place of something else
        ("Behind Gemini 2.5 Pro, OpenAI has been busy shipping o3.", set()),
        ("Behind Gemini 2.5 Pro's success is a huge TPU fleet.", set()),
    ],
)
def test_a_place_set_before_its_verb_is_its_subjects(text: str, expected: set[Pair]) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Claude 3.5 Sonnet proved superior to GPT-4o on coding.",
            ("Claude 3.5 Sonnet", "GPT-4o", "beats", False),
        ),
        (
            "Llama 2 70B proved inferior to GPT-4 on coding.",
            ("Llama 2 70B", "GPT-4", "trails", False),
        ),
        ("Llama 2 70B is clearly inferior to GPT-4.", ("Llama 2 70B", "GPT-4", "trails", False)),
        (
            "Claude 3.5 Sonnet emerged ahead of GPT-4o on coding.",
            ("Claude 3.5 Sonnet", "GPT-4o", "beats", False),
        ),
        (
            "Claude 3.5 Sonnet was the clear winner over GPT-4o on coding.",
            ("Claude 3.5 Sonnet", "GPT-4o", "beats", False),
        ),
        (
            "Claude 3.5 Sonnet was preferred to GPT-4o in blind tests.",
            ("Claude 3.5 Sonnet", "GPT-4o", "beats", False),
        ),
        (
            "Llama 2 70B stood behind GPT-4 on the leaderboard.",
            ("Llama 2 70B", "GPT-4", "trails", False),
        ),
    ],
)
def test_more_verbs_of_a_found_quality_or_a_win(text: str, expected: Pair) -> None:
    assert pairs(text) == {expected}


@pytest.mark.parametrize(
    "text",
    ["Users preferred to use GPT-4o for writing.", "The winner over the weekend was GPT-4o."],
)
def test_a_preference_or_a_winner_of_nothing_ranked(text: str) -> None:
    assert pairs(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # more of what is bad is worse, less of it better
        (
            "Compared to GPT-4o, Llama 3 70B makes more errors on math.",
            ("Llama 3 70B", "GPT-4o", "trails", False),
        ),
        (
            "Compared to GPT-4o, Llama 3 70B hallucinates more often.",
            ("Llama 3 70B", "GPT-4o", "trails", False),
        ),
        (
            "Compared with GPT-4o, Llama 3 70B has a higher error rate.",
            ("Llama 3 70B", "GPT-4o", "trails", False),
        ),
        (
            "Compared to Llama 2, Mixtral 8x7B presents less bias on the BBQ benchmark.",
            ("Mixtral 8x7B", "Llama 2", "beats", False),
        ),
        (
            "Compared with GPT-4o, Llama 3 70B makes fewer mistakes.",
            ("Llama 3 70B", "GPT-4o", "beats", False),
        ),
        # "better" says its own way whatever it is better at
        (
            "Compared with GPT-4o, Llama 3 70B is better at avoiding errors.",
            ("Llama 3 70B", "GPT-4o", "beats", False),
        ),
    ],
)
def test_a_fronted_comparison_of_a_bad_measure_reads_the_other_way(
    text: str, expected: Pair
) -> None:
    assert pairs(text) == {expected}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Claude 3.5 Sonnet has a 60% win rate against GPT-4o.", "beats"),
        ("Claude 3.5 Sonnet has a 40% win rate against GPT-4o.", "trails"),
        ("Claude 3.5 Sonnet has a 50% win rate over GPT-4o.", "ties"),
        ("Claude 3.5 Sonnet posts a 35% overall win rate over GPT-4o.", "trails"),
    ],
)
def test_a_win_rate_says_which_way_by_its_share(text: str, expected: str) -> None:
    assert {(p[0], p[1], p[2]) for p in pairs(text)} == {("Claude 3.5 Sonnet", "GPT-4o", expected)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Claude 3.5 Sonnet surpasses its predecessor Claude 3 Opus.",
            ("Claude 3.5 Sonnet", "Claude 3 Opus", "beats", False),
        ),
        (
            "Claude 3.5 Sonnet is just shy of GPT-4o on LMArena.",
            ("Claude 3.5 Sonnet", "GPT-4o", "trails", False),
        ),
        (
            "Claude 3.5 Sonnet is a close second to GPT-4o on LMArena.",
            ("Claude 3.5 Sonnet", "GPT-4o", "trails", False),
        ),
        (
            "Claude 3.5 Sonnet is outclassed by GPT-4o on math.",
            ("Claude 3.5 Sonnet", "GPT-4o", "trails", False),
        ),
        (
            "Claude 3.5 Sonnet comes in just under GPT-4o.",
            ("Claude 3.5 Sonnet", "GPT-4o", "trails", False),
        ),
    ],
)
def test_more_ways_of_trailing_and_a_named_predecessor(text: str, expected: Pair) -> None:
    assert pairs(text) == {expected}


def test_shy_of_a_number_is_no_comparison() -> None:
    assert pairs("Claude 3.5 Sonnet is just shy of 1300 points.") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Grok 4.6 produces stronger first passes on visual and interactive projects than "
            "Grok 4.5.",
            {("Grok 4.6", "Grok 4.5", "beats", False)},
        ),
        (
            "Grok 4.6 produces stronger first passes on visual and interactive projects than we "
            "typically saw with Grok 4.5.",
            {("Grok 4.6", "Grok 4.5", "beats", False)},
        ),
        (
            "Grok 4.6 is more accurate at long-context retrieval across every length we tried "
            "than Gemini 2.5 Pro.",
            {("Grok 4.6", "Gemini 2.5 Pro", "beats", False)},
        ),
        # a clause between the comparative and "than" is another comparison's
        ("Grok 4.6 is better, which surprised analysts more than GPT-5 did.", set()),
        ("Grok 4.6 gets better results in tests run by the company than expected.", set()),
    ],
)
def test_a_comparative_with_a_long_head_before_than(text: str, expected: set[Pair]) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a release ahead of another is earlier, not better
        ("Grok 3 arrived in February, ahead of GPT-4.5.", set()),
        ("Claude 3.5 Sonnet shipped in June, just ahead of Llama 3.1 405B.", set()),
        # unless the sentence ranks or scores, or a verb of standing says the place
        (
            "Grok 3 launched in February, well ahead of GPT-4.5 on LMArena.",
            {("Grok 3", "GPT-4.5", "beats", False)},
        ),
        (
            "Grok 3 launched in February and now sits ahead of GPT-4.5.",
            {("Grok 3", "GPT-4.5", "beats", False)},
        ),
        (
            "Grok 3 was released with 1402 points, ahead of GPT-4.5.",
            {("Grok 3", "GPT-4.5", "beats", False)},
        ),
    ],
)
def test_a_release_ahead_of_another_is_a_time(text: str, expected: set[Pair]) -> None:
    assert pairs(text) == expected
