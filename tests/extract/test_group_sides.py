"""Group comparisons whose sides are written in other words than "X models": two makers
compared by any comparison verb ("Google has overtaken OpenAI on LMArena"), a group's
best model in first place ("Google's best model tops LMArena"), a one-sided lead that
"remains ahead" or "holds the lead", and a side followed by an aside ("Chinese open
models, led by DeepSeek, ..."; "..., unlike European ones, ...")."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot.extract import make_gazetteer
from bot.extract.base import ArticleText
from bot.extract.rules import RulesExtractor
from store.claims import Group

EXTRACTOR = RulesExtractor(make_gazetteer())
DAY = date(2025, 7, 20)


def groups(text: str) -> list[dict[str, Any]]:
    drafts = EXTRACTOR.extract(ArticleText(text=text, published=DAY)).drafts
    return [
        {
            "a": d.group_a,
            "b": d.group_b,
            "relation": d.relation,
            "negated": d.negated,
            "forecast": d.forecast,
        }
        for d in drafts
        if d.type == "group_comparison"
    ]


GOOGLE, OPENAI = Group(organisation="Google"), Group(organisation="OpenAI")


@pytest.mark.parametrize(
    ("text", "a", "b", "relation"),
    [
        ("Google has overtaken OpenAI on LMArena.", GOOGLE, OPENAI, "overtook"),
        ("Google overtook OpenAI on the LMArena leaderboard in March.", GOOGLE, OPENAI, "overtook"),
        ("OpenAI now trails Google in the LMArena rankings.", OPENAI, GOOGLE, "trails"),
        ("Google is now ahead of OpenAI on LMArena.", GOOGLE, OPENAI, "leads"),
    ],
)
def test_two_makers_compared_by_any_verb(text: str, a: Group, b: Group, relation: str) -> None:
    assert groups(text) == [
        {"a": a, "b": b, "relation": relation, "negated": False, "forecast": False}
    ]


def test_a_makers_comparison_keeps_its_denial_and_its_forecast() -> None:
    denied = groups("Google has not overtaken OpenAI on LMArena.")
    assert [(g["relation"], g["negated"]) for g in denied] == [("overtook", True)]
    ahead = groups("Google could soon surpass OpenAI on the LMArena leaderboard.")
    assert [(g["negated"], g["forecast"]) for g in ahead] == [(False, True)]


@pytest.mark.parametrize(
    "text",
    [
        # a model's side, not the maker's
        "Google beats OpenAI's GPT-4o on LMArena.",
        # no ranking named: revenue, users, anything
        "Google has overtaken OpenAI in cloud revenue.",
    ],
)
def test_makers_compared_where_no_ranking_of_theirs_is_said(text: str) -> None:
    assert groups(text) == []


@pytest.mark.parametrize(
    ("text", "a", "relation"),
    [
        ("Google's best model tops LMArena.", GOOGLE, "leads"),
        (
            "The best open model now leads the LMArena leaderboard.",
            Group(open_weights=True),
            "leads",
        ),
        ("China's top model still trails on LMArena.", Group(country="CN"), "trails"),
        ("American models remain ahead on LMArena.", Group(country="US"), "leads"),
        ("US labs hold a narrow lead on LMArena.", Group(country="US"), "leads"),
    ],
)
def test_a_groups_best_or_a_group_against_the_rest(text: str, a: Group, relation: str) -> None:
    found = groups(text)
    assert [(g["a"], g["b"], g["relation"]) for g in found] == [(a, a.rest(), relation)]


@pytest.mark.parametrize(
    "text",
    [
        # one model of a group, not its best
        "A Chinese model tops LMArena.",
        # a place among a group no pair of groups states
        "The best open model leads among open models on LMArena.",
        "Chinese models hold the lead among open models on LMArena.",
        # the other side is a model
        "The best open model trails GPT-4.5 on LMArena.",
    ],
)
def test_a_group_against_no_rest(text: str) -> None:
    assert groups(text) == []


CN_OPEN, US_OPEN = Group(country="CN", open_weights=True), Group(country="US", open_weights=True)


@pytest.mark.parametrize(
    "text",
    [
        "Chinese open-weight models, led by DeepSeek and Qwen, now outrank US open models on"
        " LMArena.",
        "Chinese open models, unlike European ones, beat US open models on LMArena.",
    ],
)
def test_an_aside_after_a_groups_name_is_neither_side(text: str) -> None:
    assert [(g["a"], g["b"], g["relation"]) for g in groups(text)] == [(CN_OPEN, US_OPEN, "leads")]


def test_a_makers_narrow_lead_is_its_best_models_first_place() -> None:
    found = groups("OpenAI has reclaimed a narrow lead on LMArena.")
    assert [(g["a"], g["b"], g["relation"]) for g in found] == [(OPENAI, OPENAI.rest(), "leads")]


def test_within_touching_distance_trails() -> None:
    found = groups("Chinese models have come within touching distance of US models on LMArena.")
    assert [(g["a"], g["b"], g["relation"]) for g in found] == [
        (Group(country="CN"), Group(country="US"), "trails")
    ]


def counts(text: str) -> list[tuple[Group, int | None, int | None]]:
    drafts = EXTRACTOR.extract(ArticleText(text=text, published=DAY)).drafts
    return [
        (d.group_a, d.k, d.count)
        for d in drafts
        if d.type == "group_comparison" and d.aggregate == "count_in_top_k"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "only" stresses the number; "the only" is one
        ("There are only two Chinese models in the top ten on LMArena.", (10, 2)),
        ("Just three open models sit in the top twenty on LMArena.", (20, 3)),
        ("The only Chinese model in the top ten on LMArena is DeepSeek-R1.", (10, 1)),
        # the board's own top k, and the top k said as the k highest-ranked
        ("There are only two Chinese models in LMArena's top ten.", (10, 2)),
        ("Seven of the ten highest-ranked models on LMArena are American.", (10, 7)),
    ],
)
def test_a_groups_count_in_a_top_k(text: str, expected: tuple[int, int]) -> None:
    assert [(k, n) for _, k, n in counts(text)] == [expected]


def test_a_count_among_a_groups_best_is_no_board_wide_count() -> None:
    assert counts("Nine of the ten best open models on LMArena are Chinese.") == []


@pytest.mark.parametrize(
    ("text", "group", "expected"),
    [
        # every place of the top k held by one group, said in other words than "all"
        ("Every model in the top ten of LMArena is American.", Group(country="US"), (10, 10)),
        ("All of the top ten models on LMArena are American.", Group(country="US"), (10, 10)),
        ("US models occupy each of the top ten spots on LMArena.", Group(country="US"), (10, 10)),
        ("The LMArena top 10 is entirely American.", Group(country="US"), (10, 10)),
        ("Only American models appear in the LMArena top ten.", Group(country="US"), (10, 10)),
        (
            "The first three places on LMArena all go to models developed in China.",
            Group(country="CN"),
            (3, 3),
        ),
        (
            "All five top slots on the LMArena board now belong to Chinese labs.",
            Group(country="CN"),
            (5, 5),
        ),
        # the first place outside the group says how many it holds
        (
            "No model from outside Google shows up until fourth place on LMArena.",
            Group(organisation="Google"),
            (3, 3),
        ),
        (
            "No model from outside the US appears in the top ten on LMArena.",
            Group(country="US"),
            (10, 10),
        ),
        # none of them
        ("No Chinese model makes the top ten on LMArena.", Group(country="CN"), (10, 0)),
        ("There are no Chinese models in the LMArena top ten.", Group(country="CN"), (10, 0)),
        (
            "Not a single open model cracks the top five on LMArena.",
            Group(open_weights=True),
            (5, 0),
        ),
    ],
)
def test_a_group_holding_every_place_or_none(
    text: str, group: Group, expected: tuple[int, int]
) -> None:
    assert counts(text) == [(group, *expected)]


@pytest.mark.parametrize(
    "text",
    [
        # two groups between them, not one
        "All five top slots on the LMArena board now belong to either Google or OpenAI.",
        "No model from outside Google or OpenAI shows up until sixth place on LMArena.",
        # none until a time, or none but one: how many is not said
        "No Chinese model made the top ten on LMArena until DeepSeek R1 arrived.",
        "There is no open model in the top five on LMArena except Qwen3.",
        "No other Chinese model is in the top ten on LMArena.",
        # as many as it names
        "The only open models in the top ten on LMArena are Qwen3 and DeepSeek-V3.",
        # places within a group's own ranking
        "Every model in the top ten of LMArena's open leaderboard is Chinese.",
        # no group: a kind of model
        "Every model in the top ten on LMArena is a reasoning model.",
    ],
)
def test_no_one_group_holds_every_place(text: str) -> None:
    assert counts(text) == []


def test_a_clause_after_the_group_is_no_second_group() -> None:
    text = (
        "The first four places on LMArena all go to models developed in China, and Moonshot "
        "AI's Kimi K2 sits at the very top."
    )
    assert counts(text) == [(Group(country="CN"), 4, 4)]


def test_a_denied_none_is_still_denied() -> None:
    drafts = EXTRACTOR.extract(
        ArticleText(
            text="It is not true that no Chinese model is in the top ten on LMArena.", published=DAY
        )
    ).drafts
    assert [(d.count, d.negated) for d in drafts if d.type == "group_comparison"] == [(0, True)]


def _pairs(text: str) -> list[tuple[Group, Group, str]]:
    return [(g["a"], g["b"], g["relation"]) for g in groups(text)]


@pytest.mark.parametrize(
    ("text", "rivals"),
    [
        (
            "GPT-5 edges past rivals from Google, Anthropic, xAI and Alibaba on LMArena.",
            ["Google", "Anthropic", "xAI", "Alibaba"],
        ),
        ("GPT-5 beats models from Google on LMArena.", ["Google"]),
        ("GPT-5 beats the best models from Google and xAI on LMArena.", ["Google", "xAI"]),
        ("GPT-5 edges past Google's models on LMArena.", ["Google"]),
    ],
)
def test_a_makers_model_ahead_of_other_makers_models(text: str, rivals: list[str]) -> None:
    # the subject's maker (the registry's) has the better best model
    openai = Group(organisation="OpenAI")
    assert _pairs(text) == [(openai, Group(organisation=r), "leads") for r in rivals]


@pytest.mark.parametrize(
    "text",
    [
        # behind them, or not ahead: OpenAI's best may still lead
        "GPT-5 trails models from Google on LMArena.",
        "GPT-5 does not beat models from Google on LMArena.",
        # one of them, or makers and someone unnamed
        "GPT-5 beats rivals from Google and others on LMArena.",
        # what they cost
        "GPT-5 beats Google's models on price.",
        # the rivals it names by example, not their best
        "GPT-5 beats rivals from Google such as Gemini 2.5 Flash on LMArena.",
        # a country is no maker the quote names
        "DeepSeek-R1 beats American rivals on LMArena.",
        # two groups together ahead of the rest say neither one's best
        "American and Chinese models lead LMArena.",
        "Models from Google and OpenAI lead LMArena.",
    ],
)
def test_no_makers_best_is_read(text: str) -> None:
    assert _pairs(text) == []


def test_a_makers_licence_is_not_the_subjects() -> None:
    # GPT-5 beats Meta's open models: OpenAI's best (any licence) leads Meta's open best
    assert _pairs("GPT-5 surpasses Meta's open models on LMArena.") == [
        (Group(organisation="OpenAI"), Group(organisation="Meta", open_weights=True), "leads")
    ]


NOT_CHINA = Group(country="CN", others=True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # foreign to the one country the sentence sets them against
        (
            "SuperCLUE's review finds foreign models still in front on LMArena, with Chinese "
            "ones gaining quickly.",
            (NOT_CHINA, Group(country="CN"), "leads"),
        ),
        (
            "Overall scores on LMArena still favour overseas systems, while Chinese entries "
            "stand out in specific domains.",
            (NOT_CHINA, Group(country="CN"), "leads"),
        ),
        (
            "Foreign models still lead Chinese ones on LMArena.",
            (NOT_CHINA, Group(country="CN"), "leads"),
        ),
        (
            "Chinese models have overtaken foreign ones on LMArena.",
            (Group(country="CN"), NOT_CHINA, "overtook"),
        ),
        # the country said with "non-"
        ("On LMArena, non-Chinese models still lead.", (NOT_CHINA, Group(country="CN"), "leads")),
        # what the rankings favour leads
        (
            "The LMArena rankings favour US models over Chinese ones.",
            (Group(country="US"), Group(country="CN"), "leads"),
        ),
    ],
)
def test_groups_outside_a_country(text: str, expected: tuple[Group, Group, str]) -> None:
    assert _pairs(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        # no country to be foreign to
        "Foreign models lead on LMArena.",
        # open and not Chinese: no group's facts say it
        "Non-Chinese open models trail Chinese ones on LMArena.",
        "Chinese models beat foreign open models on LMArena.",
        # what voters or prices favour is no ranking, nor a bias of the tests
        "The LMArena voters favour open models.",
        "Critics say the LMArena benchmarks favour closed models.",
        "Its pricing favours open models.",
    ],
)
def test_no_group_outside_a_country(text: str) -> None:
    assert _pairs(text) == []


def test_rankings_that_do_not_favour_a_group_deny_its_lead() -> None:
    found = groups("The LMArena rankings do not favour open models.")
    assert [(g["a"], g["negated"]) for g in found] == [(Group(open_weights=True), True)]


def _more_in_top(text: str) -> list[tuple[Group, Group, int | None, bool]]:
    drafts = EXTRACTOR.extract(ArticleText(text=text, published=DAY)).drafts
    return [
        (d.group_a, d.group_b, d.k, d.negated)
        for d in drafts
        if d.type == "group_comparison" and d.aggregate == "count_in_top_k" and d.count is None
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chinese labs now have more models in LMArena's top 10 than American ones.",
            (Group(country="CN"), Group(country="US"), 10, False),
        ),
        (
            "US models outnumber Chinese ones in the LMArena top ten.",
            (Group(country="US"), Group(country="CN"), 10, False),
        ),
        (
            "Open models do not outnumber closed ones in the top 20 on LMArena.",
            (Group(open_weights=True), Group(open_weights=False), 20, True),
        ),
    ],
)
def test_more_of_a_top_k_than_another_group(
    text: str, expected: tuple[Group, Group, int, bool]
) -> None:
    assert _more_in_top(text) == [expected]


def test_outnumbering_without_a_top_k_counts_nothing() -> None:
    assert _more_in_top("US models outnumber Chinese ones on LMArena.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Of the top ten models on LMArena, seven are American.", (Group(country="US"), 10, 7)),
        ("Among the top five on LMArena, three come from China.", (Group(country="CN"), 5, 3)),
    ],
)
def test_a_top_k_said_before_its_count(text: str, expected: tuple[Group, int, int]) -> None:
    assert counts(text) == [expected]


def test_a_fronted_top_k_of_a_group_is_no_board_wide_count() -> None:
    assert counts("Of the top ten open models on LMArena, seven are Chinese.") == []


def _first_places(text: str) -> list[str]:
    drafts = EXTRACTOR.extract(ArticleText(text=text, published=DAY)).drafts
    return [d.model for d in drafts if d.type == "rank_position" and d.rank == 1]


@pytest.mark.parametrize(
    "text",
    [
        "DeepSeek-R1 beats American rivals on LMArena.",
        "DeepSeek-R1 beats its open-source rivals on LMArena.",
        "GPT-5 beats its Chinese competitors on LMArena.",
        "DeepSeek-R1 beats foreign rivals on LMArena.",
    ],
)
def test_beating_a_groups_rivals_is_no_first_place(text: str) -> None:
    # ahead of one group's models; others may still stand above it
    assert _first_places(text) == []


def test_beating_its_rivals_is_first_place() -> None:
    assert _first_places("DeepSeek-R1 beats its closest rivals on LMArena.") == ["DeepSeek-R1"]
