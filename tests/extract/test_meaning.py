"""Meaning that flips a verdict: negation, forecasts and periods, each as a family of
real phrasings (from coverage and the labelled corpus), read by one mechanism.

The verdict examples are checked against the bundled LMArena data; the expected
verdicts come from its rows, quoted beside each case.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli.app import app
from bot.extract import consistent_drafts
from bot.extract.base import ArticleText
from bot.extract.dates import find_date, find_period, find_when
from bot.extract.modality import mood
from bot.extract.rules import RulesExtractor

runner = CliRunner()

NEGATED = [
    ("Grok 4 doesn't beat Gemini 2.5 Pro on LMArena.", "beat"),
    ("Grok 4 doesn’t beat Gemini 2.5 Pro on LMArena.", "beat"),
    ("Grok 4 didn't overtake Gemini 2.5 Pro.", "overtake"),
    ("Grok 4 hasn't overtaken Gemini 2.5 Pro.", "overtaken"),
    ("Grok 4 can't beat Gemini 2.5 Pro.", "beat"),
    ("Grok 4 cannot beat Gemini 2.5 Pro.", "beat"),
    ("Grok 4 does not outperform Gemini 2.5 Pro.", "outperform"),
    ("Grok 4 never topped the leaderboard.", "topped"),
    ("Grok 4 no longer leads the leaderboard.", "leads"),
    ("Grok 4 fails to beat Gemini 2.5 Pro.", "beat"),
    ("Grok 4 has yet to overtake Gemini 2.5 Pro.", "overtake"),
    ("Grok 4 isn't the top model.", "the top"),
    ("the 120b doesn't reach DeepSeek R1 0528", "reach"),
]
NEGATED += [
    # it came close and did not
    ("Grok 4 almost beats Gemini 2.5 Pro on LMArena.", "beats"),
    ("Grok 4 nearly topped LMArena.", "topped"),
    # a denial of what others believe
    ("Nobody believes Llama 4 Maverick beats DeepSeek-R1 on LMArena.", "beats"),
    ("It would be wrong to say that Gemini 2.5 Pro beats GPT-4.5 on LMArena.", "beats"),
    ("It is not the case that Gemini 2.5 Pro tops LMArena.", "tops"),
    ("Google says Gemini 2.5 Pro tops LMArena, but that is not true.", "tops"),
    ("The idea that Gemini 2.5 Pro beats GPT-4.5 on LMArena is a myth.", "beats"),
    ("Grok 3 came close to beating Gemini 2.5 Pro on LMArena.", "beating"),
    # a denial as inability, or as a goal stopped short of
    ("GPT-5 was unable to surpass Gemini 2.5 Pro on LMArena.", "surpass"),
    ("Llama 4 proved incapable of matching DeepSeek V3.", "matching"),
    ("GPT-5 fell short of overtaking Gemini 2.5 Pro on LMArena.", "overtaking"),
    ("Grok 4 stopped short of overtaking GPT-5 on LMArena.", "overtaking"),
]
ASSERTED = [
    ("Grok 4 not only beats Gemini 2.5 Pro but also o3.", "beats"),
    # a degree, not a denial: "not much worse" is worse, "not by much" still beats
    ("Grok 4 is not much worse than Gemini 2.5 Pro.", "worse"),
    ("Gemini 2.5 Pro doesn't beat o3 by much on LMArena.", "beat"),
    # a denial that it happened idly affirms it happened
    ("Grok 4 doesn't rank above Claude Opus 4 on LMArena for nothing.", "rank"),
    ("Gemini 2.5 Pro didn't top LMArena by accident.", "top"),
    ("o3 does not lead that board without good reason.", "lead"),
    # a contrast names who does not: the subject still does
    ("Gemini 2.5 Pro, not Grok 4, tops LMArena.", "tops"),
    ("Grok 4, which is not open, beats Gemini 2.5 Pro.", "beats"),
    ("Not surprisingly, Grok 4 beats Gemini 2.5 Pro.", "beats"),
    ("Grok 4 beats Gemini 2.5 Pro, though it is not cheap.", "beats"),
    # a negation of "only" or of failing says more, not less
    ("GPT-4.5 doesn't just beat Claude 3.7 Sonnet on LMArena, it crushes it.", "beat"),
    ("GPT-4.5 didn't only beat Claude 3.7 Sonnet, it beat Grok 3 too.", "beat"),
    ("GPT-4.5 doesn’t merely edge out Claude 3.7 Sonnet.", "edge"),
    ("On LMArena, GPT-4.5 never fails to beat Claude 3.7 Sonnet.", "beat"),
    ("GPT-4.5 does not fail to beat Claude 3.7 Sonnet.", "beat"),
    ("On SWE-bench Verified (not plotted), GPT-5.2 Thinking scores 80%.", "scores"),
]
# "just" with the next word ("just barely", "just yet") is a plain denial
NEGATED += [
    ("Gemini 2.5 Pro didn't just barely beat GPT-4.5 on LMArena; it lost.", "beat"),
    ("Gemini 2.5 Pro doesn't just yet beat GPT-4.5 on LMArena.", "beat"),
]
FORECASTS = [
    ("Gemini 2.5 Pro could soon overtake Grok 4 on LMArena.", "overtake"),
    ("Gemini 3 may top the leaderboard next month.", "top"),
    ("Gemini 2.5 Pro is likely to top LMArena next month.", "top"),
    ("Analysts expect that Gemini 3 will beat GPT-5.", "beat"),
    ("Gemini 3 is expected to top LMArena.", "top"),
    ("Gemini 3 is set to overtake GPT-5.", "overtake"),
    ("Gemini 3 is on track to lead the arena.", "lead"),
    ("Gemini 3 would beat GPT-5 on coding.", "beat"),
    ("Gemini 3 will likely beat GPT-5.", "beat"),
    ("If Gemini 3 beats GPT-5, Google leads again.", "beats"),
    # evidence of a possibility that still looks ahead stays a forecast
    ("The early numbers suggest Gemini 3 could soon top GPT-5.", "top"),
]
NOT_FORECASTS = [
    ("GPT-5.5 could barely play the games at all, scoring a paltry 0.4%", "scoring"),
    ("In May, Gemini 2.5 Pro topped the leaderboard.", "topped"),
    ("Gemini 2.5 Pro topped the leaderboard, and it will be updated weekly.", "topped"),
    ("Gemini 2.5 Pro now leads the leaderboard.", "leads"),
    ("For a moment it looked as if open-source AI had caught the closed labs.", "caught"),
    # a possibility the evidence shows now: hedged, not a prediction
    ("They hint that Llama 3.1 405B could top OpenAI's GPT-4o on several metrics.", "top"),
    ("The leaked scores suggest Qwen3 may beat DeepSeek-V3.1 on coding.", "beat"),
    ("Internal evals indicate that the model might outperform GPT-5 on math.", "outperform"),
    ("He also said it could go toe to toe with Claude 3.5 Sonnet.", "go toe"),
]
# what ought to be is judged no more than what will be
FORECASTS += [
    ("Claude Opus 4 should be ranked higher than Gemini 2.5 Pro.", "ranked"),
    ("Claude Opus 4 deserves to rank above Gemini 2.5 Pro.", "rank"),
]


@pytest.mark.parametrize(("text", "cue"), NEGATED)
def test_negation_is_read_from_the_cues_clause(text: str, cue: str) -> None:
    assert mood(text, text.index(cue)).negated, text


@pytest.mark.parametrize(("text", "cue"), ASSERTED)
def test_negation_elsewhere_does_not_flip_the_claim(text: str, cue: str) -> None:
    assert not mood(text, text.index(cue)).negated, text


@pytest.mark.parametrize(("text", "cue"), FORECASTS)
def test_forecasts_and_conditionals(text: str, cue: str) -> None:
    found = mood(text, text.index(cue))
    assert found.forecast and not found.negated, text


@pytest.mark.parametrize(("text", "cue"), NOT_FORECASTS)
def test_statements_of_fact_are_no_forecast(text: str, cue: str) -> None:
    assert not mood(text, text.index(cue)).forecast, text


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Gemini 3 is unlikely to top LMArena.", "top"),
        ("Analysts say Gemini 3 seems unlikely to overtake GPT-5 on LMArena.", "overtake"),
        ("It is very unlikely that Gemini 3 will top LMArena by June.", "top"),
        ("It seems improbable that Gemini 3 will beat GPT-5.", "beat"),
    ],
)
def test_an_unlikely_outcome_is_a_forecast_that_it_will_not_happen(text: str, cue: str) -> None:
    found = mood(text, text.index(cue))
    assert found.forecast and found.negated, text


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        # the doubt is about something else than the claim
        ("Gemini 3, which is unlikely to be cheap, tops LMArena.", "tops"),
        ("Gemini 3 tops LMArena, though a price cut is unlikely to follow.", "tops"),
    ],
)
def test_an_unlikely_aside_does_not_deny_the_claim(text: str, cue: str) -> None:
    found = mood(text, text.index(cue))
    assert not found.negated and not found.forecast, text


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        # hoped for, or foreseen once: no place reached now, and no forecast made
        ("Grok 4 aims to climb to third on LMArena.", "to third"),
        ("xAI hopes to break into the top five on LMArena.", "into the top"),
        ("Grok 4 was expected to finish second on LMArena.", "finish"),
        ("Grok 4 had been widely tipped to take the top spot.", "take"),
    ],
)
def test_a_place_hoped_for_or_once_expected_is_not_claimed(text: str, cue: str) -> None:
    assert mood(text, text.index(cue)).asked, text


@pytest.mark.parametrize(
    "text",
    [
        "Google rejected claims that Gemini 3 beats GPT-5 on LMArena.",
        "Claims that Gemini 3 beats GPT-5 on LMArena are false.",
        "Reports that Gemini 3 beats GPT-5 turned out to be wrong.",
        "Suggestions that Gemini 3 beats GPT-5 were not borne out.",
    ],
)
def test_a_reported_rejection_denies_the_claim(text: str) -> None:
    assert mood(text, text.index("beats")).negated


def test_a_reported_claim_not_denied_stays_asserted() -> None:
    text = "Claims that Gemini 3 beats GPT-5 are everywhere this week."
    assert not mood(text, text.index("beats")).negated


PUBLISHED = date(2025, 2, 1)


@pytest.mark.parametrize(
    ("text", "start", "end", "as_of"),
    [
        ("overtaken US models since August.", date(2024, 8, 1), None, PUBLISHED),
        ("has narrowed since June 2024.", date(2024, 6, 1), None, PUBLISHED),
        (
            "narrowed from January 2024 to December 2024",
            date(2024, 1, 1),
            date(2024, 12, 31),
            date(2024, 12, 31),
        ),
        (
            "between March 2024 and June 2024 the lead changed",
            date(2024, 3, 1),
            date(2024, 6, 30),
            date(2024, 6, 30),
        ),
        ("has led since 2024-09-15", date(2024, 9, 15), None, PUBLISHED),
    ],
)
def test_a_period_is_not_the_claims_date(
    text: str, start: date, end: date | None, as_of: date
) -> None:
    first, last, rest = find_period(text, PUBLISHED)
    assert (first, last) == (start, end)
    assert (last or find_date(rest, PUBLISHED) or PUBLISHED) == as_of


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("GPT-4o used to top the LMArena leaderboard.", "top"),
        ("Claude 3.5 Sonnet was once the best model on LMArena.", "the best"),
        ("At launch, Llama 4 Maverick ranked second on LMArena.", "ranked"),
        ("Originally, Llama 3 led the open models.", "led"),
        ("Until recently, Grok 3 led LMArena.", "led"),
        ("For months, GPT-4o sat at the top of LMArena.", "sat"),
        ("DeepSeek R1 climbed to third place on LMArena after its release.", "climbed"),
        ("When it debuted, DeepSeek R1 ranked third on LMArena.", "ranked"),
    ],
)
def test_a_past_the_text_does_not_date_is_marked(text: str, cue: str) -> None:
    assert mood(text, text.index(cue)).undated_past
    # and gives no claim: judged at the publication date it would be a different one
    assert _claims(text, date(2025, 7, 20)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Claude Mythos 5 can be used to find vulnerabilities better than any other model.",
        "GPT-4o, once the leader, now ranks third on LMArena.",
    ],
)
def test_a_past_with_now_or_a_passive_used_to_is_no_undated_past(text: str) -> None:
    cue = "better" if "better" in text else "ranks"
    assert not mood(text, text.index(cue)).undated_past


@pytest.mark.parametrize(
    ("text", "as_of"),
    [
        ("In 2024, GPT-4o topped the LMArena leaderboard.", date(2024, 12, 31)),
        ("At the end of 2024, DeepSeek-V3 was the best open model.", date(2024, 12, 31)),
        ("In the summer of 2024, Llama 3.1 405B was the best open model.", date(2024, 8, 31)),
        ("In early 2024, Llama 3 led the open models.", date(2024, 3, 31)),
        ("By mid-2024, Claude 3.5 Sonnet led the arena.", date(2024, 6, 30)),
        ("In Q3 2024, o1 led the arena.", date(2024, 9, 30)),
        ("Two weeks ago, Grok 4 topped LMArena.", date(2025, 1, 18)),
        # a year not yet over is capped at the publication date
        ("In 2025, Gemini leads the arena.", PUBLISHED),
    ],
)
def test_a_year_or_a_part_of_one_dates_the_claim_at_its_end(text: str, as_of: date) -> None:
    assert find_date(text, PUBLISHED) == as_of


@pytest.mark.parametrize(
    "text",
    [
        "Critics questioned whether Gemini 2.5 Pro really tops LMArena.",
        "It is unclear whether Gemini 2.5 Pro beats GPT-4.5 on LMArena.",
        "Some doubt that Gemini 2.5 Pro is ahead of GPT-4.5 on LMArena.",
        "We tested whether GPT-4.5 beats Gemini 2.5 Pro on LMArena.",
    ],
)
def test_a_claim_asked_about_is_not_made(text: str) -> None:
    assert _claims(text, date(2025, 4, 20)) == []


def test_a_test_asking_whether_is_no_question_asked() -> None:
    text = "On OSWorld, which measures whether a model can use a computer, GPT-5.5 reaches 78.7%."
    assert [c["value"] for c in _claims(text, date(2025, 4, 20))] == [78.7]


def test_last_year_is_the_year_befores_end() -> None:
    assert find_date("Last year, GPT-4o ranked first.", date(2025, 7, 20)) == date(2024, 12, 31)
    assert find_date("A year ago GPT-4o ranked first.", date(2025, 7, 20)) == date(2024, 7, 20)


def test_a_sentence_denying_the_one_before_flips_its_claims() -> None:
    text = "Musk's supporters have claimed that Grok 4 is number one on LMArena. That is not true."
    [claim] = _claims(text, date(2025, 7, 17))
    assert (claim["model"], claim["rank"], claim["negated"]) == ("Grok 4", 1, True)
    assert str(claim["quote"]).endswith("That is not true.")
    # the consistency check reads the denial in the quote
    [kept] = consistent_drafts(
        RulesExtractor().extract(ArticleText(text=text, published=date(2025, 7, 17))).drafts,
        ArticleText(text=text, published=date(2025, 7, 17)),
    )
    assert kept.negated


def test_a_denial_sentence_followed_by_more_text_still_denies() -> None:
    # "xAI" starts lower-case: the splitter keeps it in the denial's sentence
    text = (
        "Musk's supporters have claimed that Grok 4 is number one on LMArena. "
        "That is not true. xAI itself has not said so."
    )
    [claim] = _claims(text, date(2025, 7, 17))
    assert claim["negated"]


def test_a_denial_with_a_colon_and_a_pluperfect_of_any_verb() -> None:
    text = (
        "From January to March, the gap between the best Chinese model and the best "
        "American model shrank, according to several commentators. The data say otherwise: "
        "R1 fell further behind."
    )
    [trend] = [c for c in _claims(text, date(2025, 6, 2)) if c["type"] == "trend_gap"]
    assert trend["negated"]
    assert (
        _claims("Llama 4 Maverick had landed in second place on LMArena.", date(2025, 4, 12)) == []
    )


@pytest.mark.parametrize(
    ("text", "published", "as_of"),
    [
        (
            "Last summer, Llama 3.1 405B was the best open model.",
            date(2025, 5, 1),
            date(2024, 8, 31),
        ),
        (
            "Last summer, Llama 3.1 405B was the best open model.",
            date(2025, 10, 1),
            date(2025, 8, 31),
        ),
        ("Last August, GPT-4o led the arena.", date(2025, 12, 15), date(2025, 8, 31)),
        ("Last August, GPT-4o led the arena.", date(2025, 8, 20), date(2024, 8, 31)),
    ],
)
def test_last_summer_and_last_month_names(text: str, published: date, as_of: date) -> None:
    assert find_date(text, published) == as_of


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Some analysts said Chinese models could overtake US models within months.", "overtake"),
        ("It may only be a matter of time before Chinese models overtake US models.", "overtake"),
    ],
)
def test_a_forecast_after_a_reporting_verb_looks_ahead(text: str, cue: str) -> None:
    assert mood(text, text.index(cue)).forecast


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("It's a myth that Qwen2.5-Max ranks above DeepSeek-R1 on LMArena.", True),
        ("Few people would argue that Gemma 3 27B beats DeepSeek-R1 on LMArena.", True),
        (
            "Gemma 3 27B beats DeepSeek-R1 on LMArena. In reality it doesn't.",
            True,
        ),
    ],
)
def test_denials_in_other_words(text: str, negated: bool) -> None:
    assert [c["negated"] for c in _claims(text, date(2025, 3, 12))] == [negated]


@pytest.mark.parametrize(
    "text",
    [
        "Musk said Grok 4 is number one on LMArena, which it is not.",
        "Claude 3.7 Sonnet outscores DeepSeek-R1 on LMArena, according to a forum post; "
        "our reading of the board does not back that up.",
    ],
)
def test_a_denial_after_the_claim_in_its_sentence(text: str) -> None:
    assert [c["negated"] for c in _claims(text, date(2025, 7, 20))] == [True]


@pytest.mark.parametrize(
    "text",
    [
        "Gemma 3 27B beats DeepSeek-R1 on LMArena - or so the marketing goes.",
        "Gemma 3 27B very nearly matched DeepSeek-R1 on LMArena.",
    ],
)
def test_claims_others_make_or_almost_ties_are_not_made(text: str) -> None:
    assert _claims(text, date(2025, 3, 12)) == []


def test_a_makers_claim_said_after() -> None:
    text = "Qwen2.5-Max beats DeepSeek-V3, Alibaba claimed in a blog post."
    assert [c["metric"] for c in _claims(text, date(2025, 3, 12))] == ["benchmarks"]


@pytest.mark.parametrize(
    ("text", "as_of"),
    [
        (
            "By the close of 2024, DeepSeek-V3 was the strongest open model on LMArena.",
            "2024-12-31",
        ),
        ("By mid-November 2024, Gemini-Exp-1114 had tied ChatGPT-4o on LMArena.", "2024-11-15"),
    ],
)
def test_more_dates(text: str, as_of: str) -> None:
    assert {c["as_of"] for c in _claims(text, date(2025, 6, 10))} == {as_of}


def test_a_first_achieved_once_is_an_undated_past() -> None:
    assert (
        _claims("Gemini 3 Pro was the first model to break 1500 on LMArena.", date(2025, 12, 12))
        == []
    )


@pytest.mark.parametrize(
    "text",
    [
        "Nor is it obvious that Qwen3 beats Gemini 2.5 Pro on LMArena.",
        "Whether Qwen2.5-Max can top LMArena is an open question.",
    ],
)
def test_more_claims_asked_about(text: str) -> None:
    assert _claims(text, date(2025, 4, 20)) == []


def test_a_past_before_the_texts_own_time_needs_a_date() -> None:
    text = (
        "Gemini 2.0 Flash Thinking, which had led the leaderboard since January, now ranks "
        "fifth on LMArena."
    )
    assert {(c["model"], c["rank"]) for c in _claims(text, date(2025, 3, 1))} == {
        ("Gemini 2.0 Flash Thinking", 5)
    }
    # a dated pluperfect is judged at its date
    text = "By mid-November, Gemini-Exp-1114 had tied ChatGPT-4o for first on LMArena."
    assert {c["as_of"] for c in _claims(text, date(2025, 6, 2))} == {"2024-11-15"}
    # an undated one gives no claim
    assert _claims("Gemini-Exp-1114 had topped LMArena.", date(2025, 6, 2)) == []


@pytest.mark.parametrize(
    ("text", "as_of"),
    [
        # a build's date is no date of the claim
        ("ChatGPT-4o (the March 26 update) ranks fourth on LMArena.", "2025-05-14"),
        # nor one in a clause about something else
        (
            "DeepSeek-R1, the model that shook markets in January, now sits tenth on LMArena.",
            "2025-05-14",
        ),
        ("In early August, GPT-4o ranked first on LMArena.", "2024-08-10"),
    ],
)
def test_dates_that_are_not_the_claims(text: str, as_of: str) -> None:
    assert {c["as_of"] for c in _claims(text, date(2025, 5, 14))} == {as_of}


def test_a_range_of_scores_is_no_score() -> None:
    text = "Gemini 2.5 Pro's LMArena score sits between 1430 and 1450."
    assert [c for c in _claims(text, date(2025, 4, 20)) if c["type"] == "score_value"] == []


def test_a_release_date_in_an_aside_is_not_the_claims_date() -> None:
    [claim] = _claims("o1, released in December, ranks in the top 5 on LMArena.", date(2025, 7, 20))
    assert claim["as_of"] == "2025-07-20"
    [claim] = _claims("In December, o1 ranked in the top 5 on LMArena.", date(2025, 7, 20))
    assert claim["as_of"] == "2024-12-31"


def test_relative_dates_without_a_period_still_date_the_claim() -> None:
    first, _, rest = find_period("Last month Gemini led the arena.", PUBLISHED)
    assert first is None
    # "last month" is the calendar month before the text's, judged as "in January" is
    assert find_when(rest, PUBLISHED) == (date(2025, 1, 31), date(2025, 1, 1))


def _claims(text: str, published: date) -> list[dict[str, object]]:
    drafts = RulesExtractor().extract(ArticleText(text=text, published=published)).drafts
    return [d.model_dump(mode="json") for d in drafts]


def test_the_extractor_keeps_negation_forecast_period_and_mentions() -> None:
    neg = _claims("Grok 4 doesn’t beat Gemini 2.5 Pro on LMArena.", date(2025, 7, 20))
    assert [(c["model_a"], c["model_b"], c["relation"], c["negated"]) for c in neg] == [
        ("Grok 4", "Gemini 2.5 Pro", "beats", True)
    ]
    assert neg[0]["mentions"] == ["Grok 4", "Gemini 2.5 Pro"]
    for text in ("Grok 4 isn't the #1 model on LMArena.", "Grok 4 is no longer #1 on LMArena."):
        [denied] = _claims(text, date(2025, 7, 20))
        assert (denied["type"], denied["rank"], denied["negated"]) == ("rank_position", 1, True)
    soon = _claims("Gemini 2.5 Pro could soon overtake Grok 4 on LMArena.", date(2025, 7, 20))
    assert [c["forecast"] for c in soon] == [True]
    since = _claims(
        "Chinese open models have overtaken US open models on LMArena since August.", PUBLISHED
    )
    assert [(c["type"], c["as_of"], c["period_start"]) for c in since] == [
        ("group_comparison", "2025-02-01", "2024-08-01")
    ]
    assert since[0]["mentions"] == ["Chinese open models", "US open models"]


def _check(path: Path, published: str) -> list[dict[str, object]]:
    result = runner.invoke(
        app, ["check", str(path), "--published", published, "--extractor", "rules", "--json"]
    )
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout)["claims"])


@pytest.mark.slow
def test_verdicts_follow_the_text_not_its_opposite(cli_env: str, tmp_path: Path) -> None:
    if "postgres" in cli_env:
        pytest.skip("one database is enough for a verdict check over the bundled data")
    assert runner.invoke(app, ["init"]).exit_code == 0
    grok = tmp_path / "grok.txt"
    # lmarena-text 2025-07-18: Gemini-2.5-Pro 1474 (+5/-4), Grok-4-0709 1443 (+7/-8): the
    # intervals are apart, so "Grok 4 doesn't beat Gemini 2.5 Pro" holds.
    grok.write_text("Grok 4 doesn't beat Gemini 2.5 Pro on LMArena.\n", encoding="utf-8")
    [neg] = _check(grok, "2025-07-20")
    assert (neg["verdict"], neg["negated"]) == ("supported", True), neg["explanation"]
    soon = tmp_path / "soon.txt"
    soon.write_text("Gemini 2.5 Pro could soon overtake Grok 4 on LMArena.\n", encoding="utf-8")
    [forecast] = _check(soon, "2025-07-20")
    assert (forecast["verdict"], forecast["reason"]) == ("not_checkable", "forecast")
    since = tmp_path / "since.txt"
    # lmarena-text 2025-01-29: DeepSeek-R1 1358 (CI 1349-1366) above Athene-v2-Chat-72B 1277,
    # the best US open model; on 2024-12-20, inside "since August", Athene-v2-Chat-72B 1277
    # led Deepseek-v2.5 1258: the overtaking happened in the period the text names.
    since.write_text(
        "Chinese open models have overtaken US open models on LMArena since August.\n",
        encoding="utf-8",
    )
    [group] = _check(since, "2025-02-01")
    assert group["as_of"] == "2025-02-01"
    assert group["verdict"] == "supported", group["explanation"]
    denied = tmp_path / "denied.txt"
    # lmarena-text 2025-07-18: Gemini-2.5-Pro first (1474), Grok-4-0709 below it (1443):
    # the claim the author denies is false, so the denial holds
    denied.write_text(
        "Musk's supporters have claimed that Grok 4 is number one on LMArena. That is not true.\n",
        encoding="utf-8",
    )
    [rank] = _check(denied, "2025-07-20")
    assert (rank["negated"], rank["verdict"]) == (True, "supported"), rank["explanation"]
    gap = tmp_path / "gap.txt"
    # lmarena-text 2025-04-18: Gemini-2.5-Pro-Exp-03-25 1439, GPT-4.5-Preview 1398: the
    # order holds, the stated gap (140) is three times the real one (41)
    gap.write_text(
        "Gemini 2.5 Pro is about 140 points ahead of GPT-4.5 on LMArena.\n", encoding="utf-8"
    )
    [pair] = _check(gap, "2025-04-20")
    assert pair["verdict"] == "contradicted", pair["explanation"]
    month = tmp_path / "month.txt"
    # lmarena-text 2024-08-02..08-07: Gemini-1.5-Pro-Exp-0801 first, clear of the rest;
    # from 08-14 ChatGPT-4o-latest (2024-08-08) is: first in August, not at its end
    month.write_text("Gemini 1.5 Pro ranked first on LMArena in August.\n", encoding="utf-8")
    [led] = _check(month, "2024-10-01")
    assert (led["as_of"], led["snapshot"]) == ("2024-08-31", "2024-08-02"), led["explanation"]
    assert led["verdict"] == "outdated", led["explanation"]  # first then, not now
    month.write_text("Gemini 1.5 Pro did not rank first on LMArena in August.\n", encoding="utf-8")
    [denied_month] = _check(month, "2024-10-01")
    assert denied_month["verdict"] == "contradicted", denied_month["explanation"]


@pytest.mark.parametrize(
    ("text", "as_of", "start"),
    [
        # a month named whole is a span of snapshots: it held if it held on one of them
        ("Grok 3 ranked first on LMArena in March.", date(2024, 3, 31), date(2024, 3, 1)),
        ("In March 2024, Claude 3 Opus led.", date(2024, 3, 31), date(2024, 3, 1)),
        ("During January, GPT-4 led.", date(2025, 1, 31), date(2025, 1, 1)),
        ("As recently as March, Claude 3 Opus led.", date(2024, 3, 31), date(2024, 3, 1)),
        ("Last August, GPT-4o led the arena.", date(2024, 8, 31), date(2024, 8, 1)),
        # a month not over at publication ends there
        ("In October, GPT-4o led.", date(2024, 10, 1), date(2024, 10, 1)),
        # a point in or at an edge of the month, or a bound, is one day
        ("By March, Claude 3 Opus led.", date(2024, 3, 31), None),
        ("As of March 2024, Claude 3 Opus led.", date(2024, 3, 31), None),
        ("In mid-March, Claude 3 Opus led.", date(2024, 3, 15), None),
        ("In early March, Claude 3 Opus led.", date(2024, 3, 10), None),
        ("At the end of March, Claude 3 Opus led.", date(2024, 3, 31), None),
        ("At the start of March, Claude 3 Opus led.", date(2024, 3, 1), None),
        ("In the middle of March, Claude 3 Opus led.", date(2024, 3, 15), None),
        ("On March 3, Claude 3 Opus led.", date(2024, 3, 3), None),
        # so is a year, a part of one, a season, a part of a month, last month
        ("In 2023, GPT-4 topped the LMArena leaderboard.", date(2023, 12, 31), date(2023, 1, 1)),
        ("In early 2024, Claude 3 Opus led.", date(2024, 3, 31), date(2024, 1, 1)),
        ("Late last year, GPT-4 led.", date(2023, 12, 31), date(2023, 10, 1)),
        ("Last summer, Llama 3.1 405B was the best.", date(2024, 8, 31), date(2024, 6, 1)),
        ("In Q2 2024, GPT-4o led.", date(2024, 6, 30), date(2024, 4, 1)),
        ("In the second half of February, GPT-4 led.", date(2024, 2, 29), date(2024, 2, 16)),
        ("In the first week of February, GPT-4 led.", date(2024, 2, 7), date(2024, 2, 1)),
        ("In late March, Claude 3 Opus led.", date(2024, 3, 31), date(2024, 3, 21)),
        ("Last month, GPT-4o led.", date(2024, 9, 30), date(2024, 9, 1)),
        # ends and bounds of a year are days
        ("By 2024, GPT-4 led.", date(2024, 10, 1), None),
        ("At the end of 2023, GPT-4 led.", date(2023, 12, 31), None),
        ("By mid-2024, Claude 3.5 Sonnet led the arena.", date(2024, 6, 30), None),
        ("For most of February, GPT-4 led.", date(2024, 2, 29), None),
        ("For most of 2023, GPT-4 led.", date(2023, 12, 31), None),
        ("Throughout February, GPT-4 led.", date(2024, 2, 29), None),
        ("Throughout 2023, GPT-4 led.", date(2023, 12, 31), None),
    ],
)
def test_a_month_or_year_named_whole_is_a_span(text: str, as_of: date, start: date | None) -> None:
    when = find_when(text, PUBLISHED if "January" in text else date(2024, 10, 1))
    assert when is not None and (when.day, when.start) == (as_of, start)


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("Grok 3 took back the No. 1 spot with 1412, a hair above GPT-4.5.", False),
        ("Back at no.1, Grok 3 now sits above GPT-4.5.", False),
        # "is no match for" is read as its own verb, trails, not as a denial
        ("Grok 3 is no match for GPT-4.5.", False),
        ("Grok 3 no longer ranks above GPT-4.5.", True),
    ],
)
def test_a_rank_number_written_no_is_no_negation(text: str, negated: bool) -> None:
    """ "No. 1" is a place; the consistency check must not take it for "no" and drop the
    comparison as contradicting its quote."""
    article = ArticleText(text=text, published=date(2025, 3, 1))
    drafts = consistent_drafts(RulesExtractor().extract(article).drafts, article)
    found = [(d.model_a, d.model_b, d.negated) for d in drafts if d.type == "pairwise_comparison"]
    relation = [d.relation for d in drafts if d.type == "pairwise_comparison"]
    assert found == [("Grok 3", "GPT-4.5", negated)]
    assert relation == (["trails"] if "no match" in text else ["beats"])


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("GPT-5.5 Instant produced 52.5% fewer hallucinated claims than GPT-5.3 Instant.", "beats"),
        ("Sonnet 5 shows a lower rate of undesirable behaviors than Sonnet 4.6.", "beats"),
        ("GPT-4.1 has a higher error rate than GPT-4o.", "trails"),
        # what a model gets done or right: more is better
        ("Grok 4 answers more questions correctly than Grok 3.", "beats"),
        ("Claude Opus 4 solved fewer problems than Gemini 2.5 Pro.", "trails"),
        ("Sonnet 5 finds more vulnerabilities than Sonnet 4.6.", "beats"),
    ],
)
def test_a_measure_where_less_is_better_survives_the_consistency_check(
    text: str, relation: str
) -> None:
    """The check re-reads the quote's verb; "fewer ... than" must read as the extractor
    read it, or a right claim is dropped as reversed."""
    article = ArticleText(text=text, published=date(2025, 3, 1))
    drafts = consistent_drafts(RulesExtractor().extract(article).drafts, article)
    assert [d.relation for d in drafts if d.type == "pairwise_comparison"] == [relation]


@pytest.mark.parametrize(
    "text",
    [
        "Grok 4 uses more tokens than Grok 3.",
        "Grok 4 gets more votes than Grok 3 on LMArena.",
        "Kimi K2 has more parameters than Llama 3.1 405B.",
    ],
)
def test_more_of_what_is_spent_or_counted_ranks_nothing(text: str) -> None:
    article = ArticleText(text=text, published=date(2025, 3, 1))
    drafts = consistent_drafts(RulesExtractor().extract(article).drafts, article)
    assert [d for d in drafts if d.type == "pairwise_comparison"] == []


def test_a_later_verb_with_it_keeps_its_own_direction() -> None:
    text = "Per the leak, Llama 3.1 is ahead of GPT-4o on GSM8K, yet behind it on HumanEval."
    article = ArticleText(text=text, published=date(2025, 3, 1))
    drafts = consistent_drafts(RulesExtractor().extract(article).drafts, article)
    found = {(d.model_a, d.relation) for d in drafts if d.type == "pairwise_comparison"}
    assert found == {("Llama 3.1", "beats"), ("Llama 3.1", "trails")}


def test_a_negation_in_a_relative_clause_does_not_reach_a_participle_after_it() -> None:
    text = (
        "Grok 3 mini reaches a new frontier for STEM tasks that don't require much world "
        "knowledge, reaching 95.8% on AIME 2024."
    )
    assert not mood(text, text.index("95.8")).negated


@pytest.mark.parametrize(
    ("text", "as_of"),
    [
        # published 2024-12-01: so long before it
        ("Three months ago, Gemini 1.5 Pro trailed GPT-4o on LMArena.", "2024-09-02"),
        ("Two years ago, GPT-4 led LMArena.", "2022-12-02"),
        ("A couple of weeks ago, Claude 3.5 Sonnet overtook GPT-4o on LMArena.", "2024-11-17"),
        ("12 days ago, GPT-4o topped LMArena.", "2024-11-19"),
    ],
)
def test_a_time_ago_dates_the_claim(text: str, as_of: str) -> None:
    [claim] = _claims(text, date(2024, 12, 1))
    assert claim["as_of"] == as_of


@pytest.mark.parametrize(
    ("text", "model", "as_of"),
    [
        # published 2024-12-01; a time said first, with no comma before the subject
        (
            "Last month Claude 3.5 Sonnet took first place on LMArena.",
            "Claude 3.5 Sonnet",
            "2024-11-30",  # November, the calendar month before
        ),
        ("This week Gemini 1.5 Pro beat GPT-4o on LMArena.", "Gemini 1.5 Pro", "2024-12-01"),
        ("Two weeks ago GPT-4o overtook Gemini 1.5 Pro on LMArena.", "GPT-4o", "2024-11-17"),
        (
            "Last week Gemini 1.5 Pro did not beat GPT-4o on LMArena.",
            "Gemini 1.5 Pro",
            "2024-11-24",
        ),
    ],
)
def test_a_time_said_before_the_subject_without_a_comma(text: str, model: str, as_of: str) -> None:
    [claim] = _claims(text, date(2024, 12, 1))
    assert (claim.get("model") or claim["model_a"], claim["as_of"]) == (model, as_of)
    assert claim["negated"] == ("not" in text)


@pytest.mark.parametrize(
    "text",
    [
        "GPT-4o-2024-05-13 was #1 on LMArena for months.",
        "Claude 3 Opus briefly ranked #1 on the arena.",
        "Claude 3 Opus ranked #1 on the arena earlier in the year.",
        # a past tied to a moment the sentence does not date
        "GPT-4o was number one on LMArena when it launched.",
        "By then Claude 3 Opus had fallen to fifth on LMArena.",
        "By that point, Claude 3 Opus ranked fifth on LMArena.",
        # "at the time" points back to a time this sentence does not say
        "That was wrong: the experimental build, Gemini-1.5-Pro-Exp-0801, ranked fifth at the "
        "time.",
        "At that point, GPT-4o led LMArena.",
    ],
)
def test_a_past_the_text_does_not_date_gives_no_claim(text: str) -> None:
    assert _claims(text, date(2024, 12, 1)) == []


def test_at_the_time_of_writing_is_now_and_a_fortnight_ago_two_weeks() -> None:
    [now] = _claims("At the time of writing, GPT-4o ranks fifth on LMArena.", date(2024, 12, 1))
    assert (now["rank"], now["as_of"]) == (5, "2024-12-01")
    text = "At the time of this post, GPT-4o is outperforming Claude 3.5 Sonnet on LMArena."
    assert [c["as_of"] for c in _claims(text, date(2024, 12, 1))] == ["2024-12-01"]
    [then] = _claims("A fortnight ago, GPT-4o was first on LMArena.", date(2024, 12, 1))
    assert (then["rank"], then["as_of"]) == (1, "2024-11-17")


def test_a_past_that_reaches_the_present_is_still_a_claim() -> None:
    [claim] = _claims("GPT-4o has led LMArena for months.", date(2024, 12, 1))
    assert (claim["model"], claim["rank"], claim["as_of"]) == ("GPT-4o", 1, "2024-12-01")


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        # the writer says the opposite
        ("I don't buy that Claude 3.5 Sonnet beats DeepSeek-R1 on LMArena.", True),
        ("People insist Llama 3 70B beats Claude 3 Opus on LMArena. It does not.", True),
        ("Some say Llama 3 70B beats Claude 3 Opus on LMArena. It doesn't.", True),
        # a correction takes back what an earlier version said
        (
            "An earlier version of this article said that Llama 3 70B outranked Claude 3 "
            "Opus on LMArena.",
            True,
        ),
        # the denial in the claim's own clause counts once
        ("We do not think that Grok 4 beats Gemini 2.5 Pro on LMArena.", True),
        ("We do not think any Chinese model outranks the best American model today.", True),
        (
            "The earlier version also said that Llama 3 70B outranked Claude 3 Opus on LMArena.",
            True,
        ),
        # the writer doubts it: nothing is claimed
        ("It's not clear o1 is actually better than GPT-4o on LMArena.", None),
        ("I'm not convinced that DeepSeek-R1 beats Claude 3.5 Sonnet on LMArena.", None),
        ("Analysts are skeptical that DeepSeek-R1 beats Claude 3.5 Sonnet on LMArena.", None),
    ],
)
def test_denied_and_doubted_claims(text: str, negated: bool | None) -> None:
    claims = _claims(text, date(2025, 1, 25))
    assert [c["negated"] for c in claims] == ([] if negated is None else [negated])


def test_a_negation_before_a_comma_does_not_reach_the_participle_after_it() -> None:
    """ "is no match for the leaders, trailing GPT-4o by 80 points": it trails."""
    text = (
        "Llama 3 70B is still no match for the proprietary leaders on Chatbot Arena, "
        "trailing GPT-4o by well over 80 points."
    )
    [claim] = _claims(text, date(2024, 7, 1))
    assert (claim["model_b"], claim["relation"], claim["negated"]) == ("GPT-4o", "trails", False)


@pytest.mark.parametrize(
    "text",
    [
        "No open model has caught GPT-4.5 yet.",
        "On Chatbot Arena, the bigger story is the open-versus-closed gap.",
    ],
)
def test_no_gap_trend_without_a_gap_between_groups_changing(text: str) -> None:
    assert [c for c in _claims(text, date(2025, 6, 10)) if c["type"] == "trend_gap"] == []


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        (
            "Claims that DeepSeek-R1 beats Gemma 3 27B on LMArena do not survive a look at "
            "the data.",
            True,
        ),
        (
            "Gemma 3 27B ranks above DeepSeek-R1 on LMArena, according to a viral post that "
            "turned out to be wrong.",
            True,
        ),
        # reported, then doubted in the next sentence: nothing is claimed
        ('"DeepSeek-R1 beats Gemma 3 27B on LMArena," a founder told me. I doubt it.', None),
        (
            "Some writers argue that DeepSeek-R1 beats Gemma 3 27B on LMArena. I'm not sure "
            "that's right.",
            None,
        ),
        ("DeepSeek-R1 beats Gemma 3 27B on LMArena. I’m not convinced.", None),
        # asked, not said
        ("It remains to be seen whether Claude 3.5 Sonnet can beat GPT-4o on LMArena.", None),
        ("We'll see next week whether Gemini 1.5 Pro can take back first place.", None),
        # "it is not so that", in its contracted forms too
        ("It's not true that DeepSeek-R1 trails Gemma 3 27B on LMArena.", True),
        ("It isn’t true that DeepSeek-R1 ranks first on LMArena.", True),
        ("It was not the case that Gemma 3 27B beat DeepSeek-R1 on LMArena.", True),
        ("It's true that DeepSeek-R1 beats Gemma 3 27B on LMArena.", False),
        # "It's not that ...; it's that ...": set aside, neither said nor denied
        ("It's not that DeepSeek-R1 doesn't beat Gemma 3 27B on LMArena; it clearly does.", None),
        # questioned in the next sentence, or asked in mid-sentence (a lower-case reply
        # keeps one sentence): nothing is claimed
        ("I keep reading that Gemma 3 27B beats DeepSeek-R1 on LMArena. Is that true?", None),
        ("Gemma 3 27B beats DeepSeek-R1 on LMArena. Or does it?", None),
        ("So Gemma 3 27B beats DeepSeek-R1 on LMArena. Really?", None),
        ("Gemma 3 27B beats DeepSeek-R1 on LMArena? lol no.", None),
        ("so Claude 3.7 Sonnet beats GPT-4.5 on LMArena? i doubt it", None),
        ("Wait, Claude 3.7 Sonnet ranks first on LMArena?!", None),
        # a question answered, then the claim said: the claim stands
        ("Who leads LMArena? Gemini 2.5 Pro does, ahead of GPT-4.5.", False),
        # a negated "just" says more: the quote's check reads it as the extractor does
        ("GPT-4.5 doesn't just beat Claude 3.7 Sonnet on LMArena, it crushes it.", False),
    ],
)
def test_rebutted_doubted_and_open_claims(text: str, negated: bool | None) -> None:
    claims = _claims(text, date(2025, 4, 10))
    assert [c["negated"] for c in claims] == ([] if negated is None else [negated])


def test_once_and_a_date_past_a_semicolon_date_nothing_here() -> None:
    assert _claims("Grok 3 once ranked first on LMArena.", date(2025, 8, 9)) == []
    text = (
        "When it launched in January, DeepSeek-R1 ranked third on LMArena; it has since "
        "dropped to 20th."
    )
    # the launch's month dates the first place (rank 3 on the 2025-01-29 snapshot); the
    # date does not cross the semicolon
    assert [(c["rank"], c["as_of"]) for c in _claims(text, date(2025, 8, 9))] == [
        (3, "2025-01-31"),
        (20, "2025-08-09"),
    ]


def test_since_an_event_on_a_date_starts_a_period_and_dates_nothing() -> None:
    text = (
        "Since DeepSeek shipped its R1 update on May 28, Qwen2.5-Max has dropped to 17th on "
        "LMArena."
    )
    [claim] = _claims(text, date(2025, 7, 20))
    assert (claim["rank"], claim["as_of"]) == (17, "2025-07-20")


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        # a fact check: a claim set out to be checked is not made; a rating after a
        # claim someone made denies or withholds it
        ('CLAIM: "Llama 4 beats GPT-4o on LMArena."', None),
        ("Posts say Llama 4 beats GPT-4o on LMArena. VERDICT: False.", True),
        ("Posts say Llama 4 Maverick ranks second on LMArena. Rating: Misleading.", None),
        # what we said before is what a correction takes back
        ("We previously reported that DeepSeek-V3 ranks fifth on LMArena.", True),
        ("Correction: earlier we said DeepSeek-V3 was fifth on LMArena.", True),
        # a past the text does not date
        ("o1-preview held first place on LMArena for a while.", None),
    ],
)
def test_fact_checks_corrections_and_undated_spells(text: str, negated: bool | None) -> None:
    claims = _claims(text, date(2025, 4, 20))
    assert [c["negated"] for c in claims] == ([] if negated is None else [negated])


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "We assign a 30% probability that o3 overtakes Gemini 2.5 Pro on LMArena by Q3.",
            "pairwise_comparison",
        ),
        (
            "There is a 30% chance that o3 overtakes Gemini 2.5 Pro on LMArena this quarter.",
            "pairwise_comparison",
        ),
        ("Bull case: o3 tops LMArena by year-end.", "rank_position"),
        # the first sentence is a fact; the second, a forecast
        (
            "Gemini 2.5 Pro ranks first on LMArena. Few expect it to overtake Kimi K2.",
            "pairwise_comparison",
        ),
    ],
)
def test_odds_and_expectations_are_forecasts(text: str, kind: str) -> None:
    [claim] = [c for c in _claims(text, date(2025, 8, 10)) if c["type"] == kind]
    assert claim["forecast"]


@pytest.mark.parametrize(
    ("text", "as_of"),
    [
        # published on a Friday: the Friday before, the Tuesday of this week
        ("Google's Gemini-Exp-1114 took first place on LMArena last Friday.", "2024-11-15"),
        ("On Tuesday, Gemini-Exp-1114 took first place on LMArena.", "2024-11-19"),
    ],
)
def test_a_weekday_dates_the_claim(text: str, as_of: str) -> None:
    [claim] = _claims(text, date(2024, 11, 22))
    assert claim["as_of"] == as_of


@pytest.mark.parametrize(
    "text",
    [
        '"If Grok-4-0709 does not debut at number one on LMArena, I would be shocked," said '
        "one investor.",
        "o3 will tie Gemini-2.5-Pro for first place on LMArena.",
        "GPT-4.1 won't even make the top 10 on LMArena when it is added.",
        '"This will be the year open models catch up," predicted one founder.',
    ],
)
def test_conditions_and_predictions_in_other_words_are_forecasts(text: str) -> None:
    claims = _claims(text, date(2025, 8, 6))
    assert claims and all(c["forecast"] for c in claims)


@pytest.mark.parametrize(
    "text",
    [
        "Google's Gemini app sat at No. 14 in the productivity category, while Anthropic's "
        "Claude app ranked 62nd overall. The LMArena leaderboard is updated every week.",
        "Llama 3.1 70B on Together AI came in second at 0.5 seconds. The LMArena leaderboard "
        "is updated every week.",
        "Qwen2 was the second most common open base model in accepted papers, and Mistral 7B "
        "came third. The LMArena leaderboard is updated every week.",
        "Gemini now reaches more than 350 million monthly users, second only to ChatGPT's 500 "
        "million weekly users. The LMArena leaderboard is updated every week.",
        "China overtook the United States as the country with the most first-authored NeurIPS "
        "papers for the first time. The LMArena leaderboard is updated every week.",
    ],
)
def test_rankings_of_apps_users_papers_and_speed_are_no_board_claims(text: str) -> None:
    assert _claims(text, date(2025, 5, 1)) == []


def test_a_denial_before_where_does_not_reach_the_clause_after_it() -> None:
    text = (
        "Grok 4 has not yet appeared on LMArena's public text leaderboard, where Gemini 2.5 "
        "Pro remains in first place."
    )
    [claim] = _claims(text, date(2025, 7, 10))
    assert (claim["model"], claim["rank"], claim["negated"]) == ("Gemini 2.5 Pro", 1, False)


def test_for_most_of_a_year_is_a_past_the_text_does_not_date() -> None:
    assert _claims("For most of 2024, OpenAI models led LMArena.", date(2025, 8, 6)) == []


def test_a_fronted_past_holds_for_the_whole_sentence() -> None:
    text = (
        "For most of 2024, the story was simple: American labs led, and Chinese labs "
        "followed at a distance."
    )
    assert _claims(text, date(2025, 8, 6)) == []


def test_and_now_brings_the_claim_back_to_the_texts_own_day() -> None:
    text = "On Chatbot Arena, Gemini 1.5 Pro 0801 debuted two weeks ago and now ranks second."
    [claim] = _claims(text, date(2024, 8, 16))
    assert (claim["rank"], claim["as_of"]) == (2, "2024-08-16")


@pytest.mark.parametrize(
    "text",
    [
        "Claude Opus 4 debuted at eighth on LMArena three weeks ago and has since slipped to 13th.",
        "Three weeks ago Claude Opus 4 ranked eighth on LMArena, and since then it has slipped "
        "to 13th.",
    ],
)
def test_has_since_brings_the_later_place_to_the_texts_own_day(text: str) -> None:
    by_rank = {c["rank"]: c["as_of"] for c in _claims(text, date(2025, 6, 24))}
    assert by_rank == {8: "2025-06-03", 13: "2025-06-24"}


def test_a_time_that_describes_a_name_dates_nothing() -> None:
    text = "For now, Gemini-Exp-1114, last week's champion, has slid to third on LMArena."
    [claim] = _claims(text, date(2024, 11, 25))
    assert (claim["rank"], claim["as_of"]) == (3, "2024-11-25")


@pytest.mark.parametrize(
    ("text", "as_of"),
    [
        # a date set before a sentence goes on over the simple past of its paragraph
        (
            "In July 2024, Meta released Llama 3.1 405B. GPT-4o mini tied GPT-4o on LMArena.",
            "2024-07-31",
        ),
        (
            "Back in March 2024, Anthropic shipped Claude 3. Claude 3 Opus overtook GPT-4 "
            "on LMArena within days.",
            "2024-03-31",
        ),
        ("On June 26, 2024, the new board went live. Qwen2-72B took first place.", "2024-06-26"),
        # what is so today is of today
        (
            "In July 2024, Meta released Llama 3.1 405B. GPT-4o mini now ranks above GPT-4o "
            "on LMArena.",
            "2025-03-01",
        ),
        (
            "In July 2024, Meta released Llama 3.1 405B. GPT-4o mini is ahead of GPT-4o on "
            "LMArena.",
            "2025-03-01",
        ),
        # a new paragraph tells its own time
        (
            "In July 2024, Meta released Llama 3.1 405B.\n\nGPT-4o mini tied GPT-4o on LMArena.",
            "2025-03-01",
        ),
        # a document's finding is of the document's date
        (
            "In July 2024, Meta released Llama 3.1 405B. The report also put GPT-4o mini "
            "ahead of GPT-4o on LMArena.",
            "2025-03-01",
        ),
        (
            "In July 2024, Meta released Llama 3.1 405B. The study found that GPT-4o mini "
            "beat GPT-4o on LMArena.",
            "2025-03-01",
        ),
    ],
)
def test_a_paragraphs_date_goes_on_over_its_undated_past(text: str, as_of: str) -> None:
    assert {c["as_of"] for c in _claims(text, date(2025, 3, 1))} == {as_of}


@pytest.mark.parametrize(
    "text",
    [
        # only the end of a span is given: no one date to judge the claim at
        "Grok 3 was the top model on LMArena until March.",
        "Until late March, Grok 3 was the top model on LMArena.",
        "Grok 3 was #1 on LMArena before Gemini 2.5 Pro arrived.",
        "Before the March update, Grok 3 ranked first on LMArena.",
        "Since then, Grok 3 has held the top spot, but only until March.",
        "Grok 3 held the top spot on LMArena — only until March, when Gemini 2.5 Pro arrived.",
        # a time counted from a launch the text does not date
        "Two weeks after launch, Grok 3 ranked first on LMArena.",
        "A few days into its release, Grok 3 ranked first on LMArena.",
        # first until another took over, at a time not said
        "GPT-4o was first on LMArena, then Gemini 1.5 Pro Exp 0801 took over.",
        # "never" in the simple past: at no time, not at one date
        "o1-preview never overtook ChatGPT-4o-latest on LMArena.",
        "Llama 3 never cracked the top five on LMArena.",
    ],
)
def test_a_past_given_only_by_its_bounds_is_not_judged_at_one_date(text: str) -> None:
    assert _claims(text, date(2025, 5, 5)) == []


@pytest.mark.parametrize(
    ("text", "as_of"),
    [
        ("As recently as March, Grok 3 ranked first on LMArena.", "2025-03-31"),
        ("Grok 3 ranked first on LMArena as late as mid-March.", "2025-03-15"),
        ("Last winter, Grok 3 ranked first on LMArena.", "2025-02-28"),
        # a span's bound said of today is today's
        ("Grok 3 leads LMArena until Gemini 2.5 Pro arrives.", "2025-05-05"),
    ],
)
def test_times_that_date_a_past_claim(text: str, as_of: str) -> None:
    assert {c["as_of"] for c in _claims(text, date(2025, 5, 5))} == {as_of}


def test_a_relative_clauses_past_is_not_the_main_clauses_now() -> None:
    claims = _claims(
        "DeepSeek-R1, which ranked third on LMArena at launch, now sits tenth.", date(2025, 4, 8)
    )
    assert [(c["model"], c["rank"], c["as_of"]) for c in claims] == [
        ("DeepSeek-R1", 10, "2025-04-08")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Some fans insist Gemma 3 27B beats DeepSeek-R1 on LMArena, but it doesn't.",
        "Gemma 3 27B beats DeepSeek-R1 on LMArena, some say, but that isn't so.",
        "An earlier headline suggested that Mistral Large 2 beats Claude 3.5 Sonnet on LMArena, "
        "which is not the case.",
        "Correction: An earlier version of this article, published on August 5, incorrectly "
        "stated that Llama 3.1 405B had overtaken GPT-4o on the LMArena leaderboard.",
        "Nobody would claim that Gemma 3 27B beats DeepSeek-R1 on LMArena.",
        "Don't believe anyone who says Grok 4 beats Kimi K2 on LMArena.",
    ],
)
def test_claims_denied_by_the_text_are_read_denied(text: str) -> None:
    claims = _claims(text, date(2025, 4, 8))
    assert claims and all(c["negated"] for c in claims)


@pytest.mark.parametrize(
    "text",
    [
        "Gemma 3 27B beating DeepSeek-R1 on LMArena would be a surprise.",
        "Gemma 3 27B overtaking DeepSeek-R1 on LMArena would mean the end of an era.",
    ],
)
def test_a_supposition_is_no_claim(text: str) -> None:
    assert _claims(text, date(2025, 4, 8)) == []


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        # a place added after the comma is said outright
        ("Kimi K2 did not enter the top ten on LMArena, lower than GLM-4.5.", False),
        ("Kimi K2 isn't in the top five on LMArena, behind GLM-4.5.", False),
        # an aside inside the denied verb's clause keeps the denial
        ("Kimi K2 is not, as some claim, behind GLM-4.5 on LMArena.", True),
    ],
)
def test_a_comparison_after_a_denied_place(text: str, negated: bool) -> None:
    [pair] = [c for c in _claims(text, date(2025, 8, 8)) if c["type"] == "pairwise_comparison"]
    assert (pair["model_b"], pair["relation"], pair["negated"]) == ("GLM-4.5", "trails", negated)


@pytest.mark.parametrize(
    ("text", "view"),
    [
        ("With style control turned off, DeepSeek-V3 beats Claude 3.5 Sonnet on LMArena.", "raw"),
        ("When style control is switched off, DeepSeek-V3 beats Claude 3.5 Sonnet.", "raw"),
        ("With style control on, DeepSeek-V3 beats Claude 3.5 Sonnet on LMArena.", "style_control"),
    ],
)
def test_style_control_turned_off_is_the_raw_view(text: str, view: str) -> None:
    assert {c["view"] for c in _claims(text, date(2025, 1, 30))} == {view}


def test_a_date_in_a_described_release_is_not_the_claims() -> None:
    [claim] = _claims(
        "DeepSeek-V3, the model released in December, does not rank in the top ten on LMArena.",
        date(2025, 1, 30),
    )
    assert claim["as_of"] == "2025-01-30"


@pytest.mark.parametrize(
    ("text", "as_of"),
    [
        ("When it launched in January, DeepSeek-R1 ranked third on LMArena.", ["2025-01-31"]),
        ("DeepSeek-R1 ranked third on LMArena when it launched in January.", ["2025-01-31"]),
        # a launch the text does not date leaves the place undated
        ("When it launched, DeepSeek-R1 ranked third on LMArena.", []),
    ],
)
def test_a_launch_the_sentence_dates(text: str, as_of: list[str]) -> None:
    assert [c["as_of"] for c in _claims(text, date(2025, 4, 8))] == as_of


@pytest.mark.parametrize(
    "text",
    [
        # a place not reached, or only hoped for, is no place held
        "Llama 3.1 405B nearly cracked the top 5 on LMArena.",
        "Gemma 2 27B hopes to crack the top 5 on LMArena.",
        "Llama 3.1 405B almost secured the runner-up spot on LMArena.",
        "Llama 3.1 405B is one vote away from taking the crown on LMArena.",
        "The arena was reshuffled, with Llama 3.1 405B nearly taking the top spot.",
        "First place on LMArena almost belonged to Gemini 1.5 Pro Experimental.",
        "Gemma 2 27B struggles to keep pace with GPT-4o on LMArena.",
        "Llama 3.1 405B is on the verge of cracking the top 5 on LMArena.",
    ],
)
def test_a_place_not_reached_is_not_held(text: str) -> None:
    assert [c for c in _claims(text, date(2024, 9, 1)) if not c["negated"]] == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # "nearly" measuring a number, a gap all but closed: said outright
        (
            "Gemini 2.5 Pro sits nearly 30 points ahead of GPT-4o on LMArena.",
            [("pairwise_comparison", False)],
        ),
        (
            "Chinese models have all but erased the gap with US models on LMArena.",
            [("trend_gap", False)],
        ),
        # a place held beside a hope
        (
            "Llama 3.1 405B, hoping to crack the top 5, ranks sixth on LMArena.",
            [("rank_position", False)],
        ),
    ],
)
def test_nearly_of_a_number_or_a_gap_is_no_place_missed(
    text: str, found: list[tuple[str, bool]]
) -> None:
    assert [(c["type"], c["negated"]) for c in _claims(text, date(2025, 6, 1))] == found


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        # "which was not the case" of another time or board says this one holds
        ("GPT-4o leads LMArena, which was not the case a year ago.", False),
        ("Gemini 2.5 Pro ranks above o3 on LMArena, which is not the case on WebDev Arena.", False),
        ("Anyone who says Gemma 2 27B trails Llama 3 70B on LMArena is wrong.", True),
        ("No one disputes that Gemini 2.5 Pro is first on LMArena.", False),
        ("The claim that Gemini 2.5 Pro leads LMArena is not wrong.", False),
        ("Google disputes that o3 is first on LMArena.", True),
    ],
)
def test_denials_that_are_not(text: str, negated: bool) -> None:
    claims = _claims(text, date(2025, 5, 1))
    assert claims and all(c["negated"] == negated for c in claims)


@pytest.mark.parametrize(
    "second",
    [
        "Claude 3.5 Sonnet ranked seventh this week.",
        "Recently, Claude 3.5 Sonnet ranked seventh.",
        "In the latest update, Claude 3.5 Sonnet ranked seventh.",
        "A month later, Claude 3.5 Sonnet ranked seventh.",
        "Claude 3.5 Sonnet ranked seventh when o1-preview arrived.",
    ],
)
def test_a_sentences_own_time_word_stops_the_paragraphs_date(second: str) -> None:
    claims = _claims(f"In July 2024, GPT-4o led LMArena. {second}", date(2024, 10, 1))
    assert "2024-07-31" not in {c["as_of"] for c in claims if c.get("rank") == 7}


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("No Chinese model beats the best American model on LMArena.", True),
        ("No open model beats the best closed model on LMArena.", True),
        ("Chinese models beat American ones on LMArena.", False),
    ],
)
def test_no_member_of_a_group_beating_another_is_denied(text: str, negated: bool) -> None:
    [claim] = _claims(text, date(2024, 9, 1))
    assert (claim["type"], claim["negated"]) == ("group_comparison", negated)


def test_a_release_said_before_its_name_dates_nothing() -> None:
    [claim] = _claims("Launched in January, DeepSeek-R1 ranks 17th on LMArena.", date(2025, 6, 1))
    assert (claim["rank"], claim["as_of"]) == (17, "2025-06-01")


def test_a_denial_after_a_versioned_name() -> None:
    text = "Some say DeepSeek-V3 beats Claude 3.5 Sonnet on LMArena, but it doesn't."
    [claim] = _claims(text, date(2025, 1, 20))
    assert claim["negated"] is True


@pytest.mark.parametrize(
    "text",
    [
        "Claude 3.5 Sonnet ranked second on LMArena for two weeks after launch.",
        "Grok 3 topped LMArena for a few weeks.",
        "Grok 3 topped LMArena, at least for a few weeks.",
        "Grok 3 led LMArena briefly.",
        "Grok 3 led LMArena at one point.",
        "Gemma 3 27B set a new record for an open model on LMArena.",
    ],
)
def test_a_past_for_some_time_after_the_cue_is_undated(text: str) -> None:
    assert _claims(text, date(2025, 6, 1)) == []


@pytest.mark.parametrize(
    "text",
    ["Grok 3 has topped LMArena for two weeks.", "Grok 3 tops LMArena, briefly ahead of GPT-4.5."],
)
def test_a_time_after_the_cue_that_reaches_now_is_todays(text: str) -> None:
    assert {c["as_of"] for c in _claims(text, date(2025, 6, 1))} == {"2025-06-01"}


@pytest.mark.parametrize(
    ("text", "as_of", "start"),
    [
        ("Grok 3 topped LMArena. That was in February.", "2025-02-28", "2025-02-01"),
        ("Grok 3 topped LMArena. That was back in February 2025.", "2025-02-28", "2025-02-01"),
        ("Grok 3 topped LMArena. This was on February 18.", "2025-02-18", None),
        ("Grok 3 topped LMArena. That was two months ago.", "2025-03-02", None),
        ("Grok 3 topped LMArena. That was a couple of weeks ago.", "2025-04-17", None),
        ("Grok 3 topped LMArena. It happened last month.", "2025-04-30", "2025-04-01"),
        # a sentence about the claim that dates nothing, or a claim dated already
        ("Grok 3 topped LMArena. That was a surprise.", "2025-05-01", None),
        ("Grok 3 topped LMArena. It was in the news for weeks.", "2025-05-01", None),
        ("Grok 3 topped LMArena in March. That was two months ago.", "2025-03-31", "2025-03-01"),
    ],
)
def test_a_sentence_dating_the_one_before_dates_its_claims(
    text: str, as_of: str, start: str | None
) -> None:
    [claim] = _claims(text, date(2025, 5, 1))
    assert (claim["as_of"], claim["as_of_start"]) == (as_of, start)
    if as_of != "2025-05-01" and "March" not in text:
        # the quote takes in the date it rests on
        assert str(claim["quote"]).endswith(text.split(". ")[1])


@pytest.mark.parametrize(
    ("text", "as_of"),
    [
        # the half of a contrast that says now is judged now, whatever the other half dates
        (
            "Llama 3.1 405B is no longer the open leader it was last summer, but it is still "
            "in the top 30 on LMArena.",
            ["2025-02-18"],
        ),
        ("GPT-4o led LMArena in July, but it now ranks 10th.", ["2024-07-31", "2025-02-18"]),
        # a date said first goes on over both halves of a past
        (
            "In July, GPT-4o led LMArena, but Claude 3.5 Sonnet ranked second.",
            ["2024-07-31", "2024-07-31"],
        ),
    ],
)
def test_a_contrast_saying_now_keeps_the_other_halfs_date(text: str, as_of: list[str]) -> None:
    assert [c["as_of"] for c in _claims(text, date(2025, 2, 18))] == as_of


def test_earlier_this_month_or_that_year_gives_no_date_to_judge_at() -> None:
    # a span up to the text's own date would take in today ("earlier this year X did not
    # rank in the top 5" held then, not on last week's snapshot): no date of its own
    for text in (
        "Earlier this month, GPT-4.5 ranked second on LMArena.",
        "Earlier this year Gemini 2.5 Pro did not rank in the top 5 on LMArena.",
        "Earlier that year, GPT-4.5 ranked second on LMArena.",
        "GPT-4.5 ranked second on LMArena earlier that year.",
    ):
        assert _claims(text, date(2025, 4, 10)) == []


@pytest.mark.parametrize(
    ("text", "as_of", "start"),
    [
        # a past place in a span: any snapshot of it
        ("Grok 3 ranked first on LMArena in March.", "2025-03-31", "2025-03-01"),
        # a span said whole, a present, a group's count: one day, as ever
        ("Grok 3 has ranked first on LMArena throughout March.", "2025-03-31", None),
        ("GPT-4o ranked first on LMArena each week in 2024.", "2024-12-31", None),
        ("Gemini 2.5 Pro ranks first on LMArena, the best result for Google in 2025.",
         "2025-04-10", None),
        ("No Chinese model cracked the top ten on LMArena last year.", "2024-12-31", None),
        # "That was in February." dates no sentence that says now
        ("Gemini 2.5 Pro now ranks first on LMArena. That was in February.", "2025-04-10", None),
        # a past "still" is no now: the half keeps its sentence's time
        ("GPT-4.5 was second on LMArena in March, but it still trailed Grok 3 in coding.",
         "2025-03-31", None),
    ],
)  # fmt: skip
def test_only_a_past_place_comparison_or_score_is_judged_over_a_span(
    text: str, as_of: str, start: str | None
) -> None:
    last = _claims(text, date(2025, 4, 10))[-1]
    assert (last["as_of"], last.get("as_of_start")) == (as_of, start)
