"""Group comparisons and gaps between groups as news, blogs and analyst notes write
them: sides named by country, licence or maker, possessives with no noun after them
("OpenAI's best", "America's"), a gap that moved ("narrowed", "closed the gap") told
apart from how near two sides stand ("a narrow lead", "isn't even close", "by a wide
margin"), and a side the text leaves unsaid."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot.extract import make_gazetteer
from bot.extract.base import ArticleText
from bot.extract.rules import RulesExtractor
from store.claims import Group

EXTRACTOR = RulesExtractor(make_gazetteer())
DAY = date(2025, 8, 20)
CN, US = Group(country="CN"), Group(country="US")
OPEN, CLOSED = Group(open_weights=True), Group(open_weights=False)
GOOGLE, OPENAI = Group(organisation="Google"), Group(organisation="OpenAI")


def _drafts(text: str) -> list[Any]:
    return EXTRACTOR.extract(ArticleText(text=text, published=DAY)).drafts


def trends(text: str) -> list[tuple[Group, Group, str, bool, bool]]:
    return [
        (*d.subjects, d.direction, d.negated, d.forecast)
        for d in _drafts(text)
        if d.type == "trend_gap"
    ]


def groups(text: str) -> list[tuple[Group, Group, str, bool, bool]]:
    return [
        (d.group_a, d.group_b, d.relation, d.negated, d.forecast)
        for d in _drafts(text)
        if d.type == "group_comparison"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "US labs hold a narrow lead on LMArena.",
        "GPT-4o isn't even close; it trails both Chinese models by a wide margin.",
        "Chinese labs now hold a narrow lead over US labs on LMArena.",
        "Open models are a close second to closed ones on LMArena, by a slim margin.",
        "The race between Chinese and US models on LMArena is close.",
        "US models lead Chinese ones by a comfortable margin on LMArena.",
    ],
)
def test_how_near_two_sides_stand_is_no_gap_that_moved(text: str) -> None:
    assert trends(text) == []


@pytest.mark.parametrize(
    ("text", "a", "b", "direction"),
    [
        ("Chinese labs have closed the gap with US labs on LMArena.", CN, US, "narrowing"),
        (
            "The gap between open and closed models narrowed from 47 to 36 points.",
            CLOSED,
            OPEN,
            "narrowing",
        ),
        (
            "Open-weight models have narrowed the gap with proprietary ones.",
            OPEN,
            CLOSED,
            "narrowing",
        ),
        ("The open vs. closed gap has begun to close.", OPEN, CLOSED, "narrowing"),
        (
            "Closed models have pulled away from open ones on LMArena since March.",
            CLOSED,
            OPEN,
            "widening",
        ),
        ("American models' lead over Chinese ones has widened on LMArena.", US, CN, "widening"),
    ],
)
def test_a_gap_that_moved_is_still_read(text: str, a: Group, b: Group, direction: str) -> None:
    assert trends(text) == [(a, b, direction, False, False)]


def test_a_side_left_unsaid_is_the_rest_unless_the_article_names_the_other_country() -> None:
    # nobody named: the rest of the field, not a country the text never names
    assert trends("Chinese models have caught up on LMArena.") == [
        (CN, CN.rest(), "narrowing", False, False)
    ]
    assert trends("The American edge on LMArena fell to 20 points.") == [
        (US, US.rest(), "narrowing", False, False)
    ]
    named = "The US still leads on most tests. Chinese models have caught up on LMArena."
    assert trends(named) == [(CN, US, "narrowing", False, False)]
    # open against closed needs no naming: the two make up the field
    assert trends("Open models have caught up on LMArena.") == [
        (OPEN, CLOSED, "narrowing", False, False)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The gap between open and closed models is unlikely to close this year.",
        "The gap between open and closed models is not expected to narrow this year.",
        "Open models are expected to close the gap with closed ones by 2026.",
    ],
)
def test_a_gap_forecast_is_no_fact(text: str) -> None:
    [(_, _, _, _, forecast)] = trends(text)
    assert forecast


@pytest.mark.parametrize(
    ("text", "a", "b", "relation"),
    [
        ("Google's best model now beats OpenAI's best on LMArena.", GOOGLE, OPENAI, "leads"),
        ("OpenAI's best still trails Google's on LMArena.", OPENAI, GOOGLE, "trails"),
        (
            "Meta's models lag behind Google's on LMArena.",
            Group(organisation="Meta"),
            GOOGLE,
            "trails",
        ),
        ("China's best now trails America's best by 30 points on LMArena.", CN, US, "trails"),
        # a maker named after a group keeps its own country
        (
            "Chinese open models now lead OpenAI's on LMArena.",
            Group(country="CN", open_weights=True),
            Group(organisation="OpenAI", open_weights=True),
            "leads",
        ),
    ],
)
def test_a_possessive_with_no_noun_after_it_is_a_side(
    text: str, a: Group, b: Group, relation: str
) -> None:
    assert groups(text) == [(a, b, relation, False, False)]


@pytest.mark.parametrize(
    ("text", "relation", "negated", "forecast"),
    [
        (
            "Chinese open models could soon overtake American ones on LMArena.",
            "overtook",
            False,
            True,
        ),
        (
            "Chinese open models may eventually overtake US ones on LMArena.",
            "overtook",
            False,
            True,
        ),
        ("Chinese open models have led US ones on LMArena since August.", "leads", False, False),
        (
            "Chinese open models have finally overtaken US ones on LMArena.",
            "overtook",
            False,
            False,
        ),
        ("Chinese open models have not yet overtaken US ones on LMArena.", "overtook", True, False),
    ],
)
def test_a_group_verb_with_its_adverbs_and_tenses(
    text: str, relation: str, negated: bool, forecast: bool
) -> None:
    [(a, b, rel, neg, fc)] = groups(text)
    assert (a.country, b.country, rel, neg, fc) == ("CN", "US", relation, negated, forecast)


@pytest.mark.parametrize(
    "text",
    [
        "The strongest open model from China beats every US open model on LMArena.",
        "The top Chinese open model is now ahead of all American open models on LMArena.",
    ],
)
def test_every_model_of_another_group_is_that_groups_best(text: str) -> None:
    assert groups(text) == [
        (
            Group(country="CN", open_weights=True),
            Group(country="US", open_weights=True),
            "leads",
            False,
            False,
        )
    ]


def test_all_other_models_of_ones_own_group_is_no_second_group() -> None:
    assert groups("Chinese open models beat all other open models on LMArena.") == []


def periods(text: str) -> list[tuple[str, date | None]]:
    return [(d.direction, d.period_start) for d in _drafts(text) if d.type == "trend_gap"]


@pytest.mark.parametrize(
    ("text", "start"),
    [
        # a period back from the text's date, not a past the text leaves undated
        (
            "In the past six months, Chinese models have closed much of the gap with US ones.",
            date(2025, 2, 21),
        ),
        ("Over the past year the open-closed gap on LMArena has shrunk.", date(2024, 8, 20)),
        # where the gap began, said with no unit, dates the start and not the claim
        (
            "The distance between the best open and the best closed model is now 20 points, "
            "down from 60 a year ago.",
            date(2024, 8, 20),
        ),
        (
            "The difference between Chinese and US models on LMArena is now 40 points, "
            "up from 20 in January.",
            date(2025, 1, 31),
        ),
        ("Over the past few months the open-closed gap on LMArena has shrunk.", None),
        (
            "The gap between the best Chinese and the best US model narrowed from about 60 "
            "points last August to roughly 35 points now.",
            date(2024, 8, 31),
        ),
    ],
)
def test_a_gaps_period_back_from_now(text: str, start: date | None) -> None:
    [(_, found)] = periods(text)
    assert found == start
    assert all(d.as_of == DAY for d in _drafts(text))


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("The open-closed gap on LMArena has shrunk to just 15 points.", "narrowing"),
        (
            "The distance between open and closed models is now 20 points, down from 60.",
            "narrowing",
        ),
        ("The spread between Chinese and US models is 40 points, up from 20.", "widening"),
    ],
)
def test_a_gap_by_other_words(text: str, direction: str) -> None:
    assert [d for d, _ in periods(text)] == [direction]


@pytest.mark.parametrize(
    "text",
    [
        "The gap between open and closed models is narrow.",
        "The gap between Chinese and US models is narrow on LMArena.",
    ],
)
def test_a_narrow_gap_is_its_size_not_its_move(text: str) -> None:
    assert trends(text) == []


def test_a_gap_expected_to_narrow_is_a_forecast() -> None:
    [(_, _, direction, _, forecast)] = trends(
        "The gap between open and closed models is expected to narrow."
    )
    assert (direction, forecast) == ("narrowing", True)


def test_a_named_side_keeps_its_country_in_the_open_rankings() -> None:
    assert groups("Chinese AI models have overtaken US models in the open-source rankings.") == [
        (
            Group(country="CN", open_weights=True),
            Group(country="US", open_weights=True),
            "overtook",
            False,
            False,
        )
    ]


FR = Group(country="FR")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "French models trail both American and Chinese ones on LMArena.",
            [(FR, US, "trails"), (FR, CN, "trails")],
        ),
        (
            "Mistral's models lag behind both US and Chinese models on LMArena.",
            [
                (Group(organisation="Mistral"), US, "trails"),
                (Group(organisation="Mistral"), CN, "trails"),
            ],
        ),
        (
            "American and Chinese open models now beat French ones on LMArena.",
            [
                (
                    Group(country="US", open_weights=True),
                    Group(country="FR", open_weights=True),
                    "leads",
                ),
                (
                    Group(country="CN", open_weights=True),
                    Group(country="FR", open_weights=True),
                    "leads",
                ),
            ],
        ),
    ],
)
def test_sides_joined_by_and_are_compared_each(
    text: str, expected: list[tuple[Group, Group, str]]
) -> None:
    assert [(a, b, rel) for a, b, rel, _, _ in groups(text)] == expected


def test_a_country_that_modifies_another_is_no_second_side() -> None:
    # "US-trained Chinese models": one side, the nearest country's
    assert [(a, b) for a, b, *_ in groups("US-trained Chinese models now beat French ones.")] == [
        (CN, FR)
    ]


@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        ("Open models now match closed ones on LMArena.", OPEN, CLOSED),
        ("Open-source models are now on par with proprietary ones on LMArena.", OPEN, CLOSED),
        ("Chinese models are now neck and neck with US models on LMArena.", CN, US),
        ("Chinese models finally match US ones on LMArena.", CN, US),
        (
            "Open-weight systems such as Meta's Llama 3.1 now rival closed ones on reasoning.",
            OPEN,
            CLOSED,
        ),
    ],
)
def test_a_tie_said_to_be_new_is_a_gap_that_closed(text: str, a: Group, b: Group) -> None:
    assert trends(text) == [(a, b, "narrowing", False, False)]
    assert groups(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # a tie said plainly is no move; a denied one says nothing of the gap
        "Open models rival closed ones on LMArena.",
        "Open models do not yet match closed ones on LMArena.",
        "Open models are now no match for closed ones on LMArena.",
    ],
)
def test_a_tie_not_said_to_be_new_is_no_gap(text: str) -> None:
    assert trends(text) == []


def test_examples_of_a_group_before_its_verb_leave_the_group_the_subject() -> None:
    text = "Chinese open models such as Qwen3 and DeepSeek-R1 have overtaken US ones on LMArena."
    assert groups(text) == [
        (
            Group(country="CN", open_weights=True),
            Group(country="US", open_weights=True),
            "overtook",
            False,
            False,
        )
    ]


ANTHROPIC, XAI = Group(organisation="Anthropic"), Group(organisation="xAI")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anthropic has fallen behind OpenAI on LMArena.", [(ANTHROPIC, OPENAI, "trails")]),
        (
            "Anthropic has fallen behind OpenAI and Google on LMArena.",
            [(ANTHROPIC, OPENAI, "trails"), (ANTHROPIC, GOOGLE, "trails")],
        ),
        (
            "Anthropic now trails OpenAI, Google and xAI on LMArena.",
            [
                (ANTHROPIC, OPENAI, "trails"),
                (ANTHROPIC, GOOGLE, "trails"),
                (ANTHROPIC, XAI, "trails"),
            ],
        ),
        ("Google has retaken the lead on LMArena.", [(GOOGLE, GOOGLE.rest(), "leads")]),
        ("Google keeps its grip on Chatbot Arena this month.", [(GOOGLE, GOOGLE.rest(), "leads")]),
    ],
)
def test_makers_compared_each_and_a_makers_lead_kept(
    text: str, expected: list[tuple[Group, Group, str]]
) -> None:
    assert [(a, b, rel) for a, b, rel, _, _ in groups(text)] == expected


def test_a_model_keeping_its_grip_on_a_board_is_first() -> None:
    drafts = _drafts("Gemini 2.5 Pro keeps its grip on the LMArena leaderboard.")
    assert [(d.model, d.rank) for d in drafts if d.type == "rank_position"] == [
        ("Gemini 2.5 Pro", 1)
    ]


@pytest.mark.parametrize(
    ("text", "open_weights"),
    [
        ("Chinese models reportedly lead US ones on LMArena's open leaderboard.", True),
        ("Chinese models lead US ones in the open-model rankings on LMArena.", True),
        # an aside after the comparison names another ranking, not this one's
        ("Chinese models lead US ones on LMArena, topping the open leaderboard too.", None),
    ],
)
def test_a_ranking_of_open_models_named_after_the_sides_scopes_both(
    text: str, open_weights: bool | None
) -> None:
    [(a, b, *_)] = groups(text)
    assert (a.open_weights, b.open_weights) == (open_weights, open_weights)


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        # at its smallest or largest: a move, and "never" denies nothing
        ("The gap between Chinese and US models on LMArena has never been smaller.", "narrowing"),
        ("The open-closed gap has never been smaller on LMArena.", "narrowing"),
        ("The gap between open and closed models has never been wider.", "widening"),
        ("The US lead over China on LMArena has never been bigger.", "widening"),
        # another thing's size, in a clause of its own
        (
            "The gap between open and closed models is closing, and the stakes have never "
            "been bigger.",
            "narrowing",
        ),
    ],
)
def test_a_gap_never_so_small_or_large(text: str, direction: str) -> None:
    assert [(d, neg) for _, _, d, neg, _ in trends(text)] == [(direction, False)]


def test_most_of_a_year_dates_a_past_comparison_at_that_year() -> None:
    [draft] = _drafts("Chinese models were ahead of US ones on LMArena for most of 2024.")
    assert draft.as_of == date(2024, 12, 31)


def test_every_one_of_the_top_k_is_all_of_them() -> None:
    drafts = _drafts("Every one of the top five models on LMArena is American.")
    assert [(d.group_a, d.k, d.count) for d in drafts] == [(US, 5, 5)]
    drafts = _drafts("Three of the top five models on LMArena are Chinese.")
    assert [(d.group_a, d.k, d.count) for d in drafts] == [(CN, 5, 3)]


@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        ("China's DeepSeek-R1 beat every American model on LMArena.", CN, US),
        (
            "The Chinese model Kimi K2 now beats all American open models on LMArena.",
            Group(country="CN", open_weights=True),
            Group(country="US", open_weights=True),
        ),
    ],
)
def test_a_model_of_a_named_country_ahead_of_every_model_of_another(
    text: str, a: Group, b: Group
) -> None:
    assert groups(text) == [(a, b, "leads", False, False)]


@pytest.mark.parametrize(
    "text",
    [
        # no country said for the model
        "DeepSeek-R1 outperforms every US open model on LMArena.",
        # its own country's models: a place within them, not two groups
        "China's Kimi K2 outperforms every Chinese open model on LMArena.",
        # neither says where the two bests stand
        "China's Kimi K2 does not beat every US model on LMArena.",
        "China's Kimi K2 trails every US model on LMArena.",
    ],
)
def test_a_model_against_every_model_of_a_group_needs_a_win_and_a_country(text: str) -> None:
    assert groups(text) == []


def test_possessive_sides_joined_by_and_are_compared_each() -> None:
    text = "Anthropic's models trail both OpenAI's and Google's on LMArena."
    assert [(a, b) for a, b, *_ in groups(text)] == [(ANTHROPIC, OPENAI), (ANTHROPIC, GOOGLE)]
    # a side that begins a clause of its own is no second object
    text = "Chinese models beat US ones, and European models trail them on LMArena."
    assert [(a, b) for a, b, *_ in groups(text)] == [(CN, US)]


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        (
            "Analysts expect the gap between open and closed models to keep shrinking "
            "over the next year.",
            False,
        ),
        ("Few believe open models will overtake closed ones soon.", True),
    ],
)
def test_an_expectation_or_a_doubt_about_the_groups_is_a_forecast(text: str, negated: bool) -> None:
    [draft] = _drafts(text)
    assert (draft.forecast, draft.negated) == (True, negated)


def test_few_believe_a_present_comparison_denies_it() -> None:
    [draft] = _drafts("Few believe that Chinese models lead US ones on LMArena.")
    assert (draft.type, draft.negated, draft.forecast) == ("group_comparison", True, False)


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("The US edge over Chinese labs on LMArena has eroded sharply since January.", "narrowing"),
        ("America's lead over China on LMArena has dwindled.", "narrowing"),
        ("The open-closed gap on LMArena has halved this year.", "narrowing"),
        ("US open models have fallen further behind Chinese ones on LMArena.", "widening"),
    ],
)
def test_more_words_for_a_gap_that_moved(text: str, direction: str) -> None:
    assert [d for _, _, d, _, _ in trends(text)] == [direction]


def test_falling_further_behind_also_trails() -> None:
    text = "US open models have fallen further behind Chinese ones on LMArena."
    assert [(a.country, b.country, rel) for a, b, rel, _, _ in groups(text)] == [
        ("US", "CN", "trails")
    ]


def test_the_board_between_a_group_and_its_verb() -> None:
    text = "The top open model on LMArena is now within 40 points of the top closed model."
    assert [(a, b, rel) for a, b, rel, _, _ in groups(text)] == [(OPEN, CLOSED, "trails")]


@pytest.mark.parametrize(
    "text",
    [
        # two gaps side by side, not one that moved
        "The gap between open and closed models is smaller on coding than on math.",
        "The open-closed gap is wider on math than on coding.",
        # what the groups cost, which no ranking orders
        "Chinese open models now match US ones on price, not quality.",
    ],
)
def test_no_gap_that_moved_in_a_comparison_of_other_things(text: str) -> None:
    assert trends(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The open-closed gap is smaller than ever on LMArena.",
        "The gap between open and closed models is smaller than it was a year ago.",
        "The gap between open and closed models is smaller than in January.",
    ],
)
def test_smaller_than_before_is_a_move(text: str) -> None:
    assert [d for _, _, d, _, _ in trends(text)] == ["narrowing"]


def test_groups_compared_on_price_are_no_ranking() -> None:
    assert groups("Chinese models beat US ones on price.") == []
    assert groups("Chinese models now undercut US ones on speed and price.") == []


@pytest.mark.parametrize(
    "text",
    [
        # one model of each group says nothing of their bests
        "A 70B open model now beats a frontier closed model on LMArena.",
        "A Chinese model now trails an American model on LMArena.",
        "An open model now trails the best closed model on LMArena.",
        "A 70B open model is now on par with a frontier closed model on LMArena.",
    ],
)
def test_one_model_of_a_group_is_not_its_best(text: str) -> None:
    assert groups(text) == [] and trends(text) == []


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        # the loser is a group's best: the winner's group's best beats it too
        ("An open model now beats the best closed model on LMArena.", "leads"),
        ("The best open model now trails a closed model on LMArena.", "trails"),
    ],
)
def test_one_model_against_a_groups_best(text: str, relation: str) -> None:
    assert [(a, b, rel) for a, b, rel, _, _ in groups(text)] == [(OPEN, CLOSED, relation)]


def _later_trends(text: str) -> list[tuple[Group, Group, str]]:
    """The trends said in the text's second sentence on."""
    first_end = text.index(".") + 1
    return [
        (*d.subjects, d.direction)
        for d in _drafts(text)
        if d.type == "trend_gap" and d.span[0] > first_end
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the gap the next sentence speaks of is between the groups just compared
        (
            "Chinese models are catching up with US ones on LMArena. On MMLU the gap is now "
            "just 0.3 points.",
            [(CN, US, "narrowing")],
        ),
        (
            "Open models still trail closed ones on LMArena. The gap is now only 12 points.",
            [(OPEN, CLOSED, "narrowing")],
        ),
        (
            "Chinese models trail US ones on LMArena. That gap has widened to 40 points.",
            [(CN, US, "widening")],
        ),
    ],
)
def test_a_gap_between_the_groups_just_compared(
    text: str, expected: list[tuple[Group, Group, str]]
) -> None:
    assert _later_trends(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # two models' gap, not the groups'
        "Open models still trail closed ones on LMArena. The gap between GPT-5 and Qwen3 is "
        "now only 12 points.",
        # a new paragraph, or nothing compared before
        "Open models still trail closed ones on LMArena.\n\nThe gap is now only 12 points.",
        "DeepSeek released a new model on Monday. The gap is now only 12 points.",
        # how big it is, not that it shrank
        "Open models still trail closed ones on LMArena. The gap is 12 points.",
    ],
)
def test_no_gap_between_groups_unsaid(text: str) -> None:
    assert _later_trends(text) == []
