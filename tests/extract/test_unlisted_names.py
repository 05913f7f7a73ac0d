"""Model names no list knows, recognised by their shape, on either side of a claim.

Articles name models the gazetteer has never seen. A capitalised product word with a
version, size or variant token is read as a name; software, hardware, parts of a
document, dates, counts and benchmarks that look the same are not. A claim about such
a name is judged "model not found", never as some other model.
"""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest

from bot.extract import consistent_drafts
from bot.extract.base import ArticleText
from bot.extract.names import Gazetteer, introduced_in_text, shaped_names
from bot.extract.rules import RulesExtractor
from store.claims import PairwiseComparison
from store.judge import BoardData, judge
from store.leaderboards.base import BoardSnapshot
from store.leaderboards.ingest import bundled_paths
from store.leaderboards.readers import parse_bytes
from store.registry import load_registry


@cache
def _gazetteer() -> Gazetteer:
    return Gazetteer.build()


def _shaped(text: str) -> list[str]:
    gaz = _gazetteer()
    return [m.text for m in shaped_names(text, gaz.models(text), gaz)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Quillon 3 now tops the chart.", "Quillon 3"),
        ("Yesterday Varda-2.5-Pro overtook the field.", "Varda-2.5-Pro"),
        ("The new Orrin 4.1 Mini edges out its rivals.", "Orrin 4.1 Mini"),
        ("ZEPHA 2.0 ranks third among open models.", "ZEPHA 2.0"),
        ("K3-Thinking trails the leaders.", "K3-Thinking"),
        ("Borealis-120B-A12B scores 1401.", "Borealis-120B-A12B"),
        ("Halcyon v2 beats its predecessor.", "Halcyon v2"),
    ],
)
def test_names_shaped_like_models_are_found(text: str, name: str) -> None:
    assert _shaped(text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "The RTX 5090 beats the RTX 4090 by 30%.",
        "Level 2 outperforms Level 1 in every test.",
        "Figure 3 shows the lead over last year.",
        "Terminal-Bench 2.0 is led by the new release.",
        "It requires Python 3.12 and ranks higher than before.",
        "Around 50 agents ranked the answers.",
        "Released under Apache 2.0, it tops the chart.",
        "The server answers HTTP 401 for every route.",
        "It leads on Harbor 2 by a wide margin.",
        "Since 2024, the gap has narrowed.",
        "| Toolathlon 2 | 61.0% | 58.2% |",
        "Windows 11 beats macOS in the survey.",
        # a number's first digits before its thousands
        "Scoring 1,400 on LMArena, Grok 3 took first place.",
        "Reaching 1,310 Elo, it leads the board.",
    ],
)
def test_things_shaped_like_versions_are_no_model(text: str) -> None:
    assert _shaped(text) == []


def _claims(text: str, title: str = "") -> list[dict[str, object]]:
    article = ArticleText(text=text, published=date(2025, 8, 5), title=title, source="t")
    out = []
    for d in RulesExtractor(_gazetteer()).extract(article).drafts:
        x = d.model_dump(mode="json")
        out.append({k: v for k, v in x.items() if k in _KEYS and v is not None})
    return out


_KEYS = ("type", "model", "rank", "value", "model_a", "model_b", "relation")


def test_unlisted_names_stand_on_either_side_of_a_comparison() -> None:
    assert _claims("Quillon 3 outperforms Claude Opus 4.1 on LMArena.") == [
        {
            "type": "pairwise_comparison",
            "model_a": "Quillon 3",
            "model_b": "Claude Opus 4.1",
            "relation": "beats",
        }
    ]
    assert _claims("GPT-5 trails Varda-2.5-Pro on LMArena.") == [
        {
            "type": "pairwise_comparison",
            "model_a": "GPT-5",
            "model_b": "Varda-2.5-Pro",
            "relation": "trails",
        }
    ]


def test_unlisted_names_take_ranks_and_scores() -> None:
    assert _claims("ZEPHA 2.0 ranks 4th on LMArena.") == [
        {"type": "rank_position", "model": "ZEPHA 2.0", "rank": 4}
    ]
    assert _claims("Borealis-120B-A12B scored 1401 on LMArena.") == [
        {"type": "score_value", "model": "Borealis-120B-A12B", "value": 1401.0}
    ]


def test_a_version_like_thing_takes_no_claim() -> None:
    assert _claims("The RTX 5090 beats the RTX 4090 on every benchmark.") == []
    assert _claims("Level 2 ranks above Level 1 in the survey.") == []


def test_a_model_the_text_introduces_is_named_by_its_word() -> None:
    gaz = _gazetteer()
    assert introduced_in_text("We release Aurora, our latest reasoning model.", gaz) == ["Aurora"]
    assert introduced_in_text("Our new model, Aurora, is here.", gaz) == ["Aurora"]
    # a known name, an organisation, a name that started earlier: nothing new
    assert introduced_in_text("GPT-5, our best model, is here.", gaz) == []
    assert introduced_in_text("Voxtral Mini Transcribe V2, our batch model.", gaz) == []
    assert _claims("Aurora, our new model, beats GPT-5 on LMArena.") == [
        {
            "type": "pairwise_comparison",
            "model_a": "Aurora",
            "model_b": "GPT-5",
            "relation": "beats",
        }
    ]


@cache
def _snapshots() -> tuple[BoardSnapshot, ...]:
    out: list[BoardSnapshot] = []
    for path in bundled_paths():
        out.extend(parse_bytes(path.read_bytes(), path.name).snapshots)
    return tuple(out)


def test_an_unlisted_name_is_judged_not_found_never_as_another_model() -> None:
    registry = load_registry()
    names = {e.model for s in _snapshots() for e in s.entries}
    gaz = Gazetteer.build(registry.surface_names(), names, registry.country_names)
    article = ArticleText(
        text="Quillon 3 outperforms Gemini-2.5-Pro on LMArena. "
        "Orrin 4.1 Mini ranks 2nd on LMArena.",
        published=date(2025, 8, 5),
        source="t",
    )
    drafts = RulesExtractor(gaz).extract(article).drafts
    assert len(drafts) == 2
    for d in drafts:
        verdict = judge(d, BoardData(_snapshots()), registry)
        assert (verdict.verdict, verdict.reason) == ("unverifiable", "model_not_found")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Meta released Llama 4 Maverick and Llama 4 Scout on Saturday.\n\n"
            "Maverick came in second on LMArena, and Scout ranks 20th.",
            {("Llama 4 Maverick", "Maverick", 2), ("Llama 4 Scout", "Scout", 20)},
        ),
        (
            "OpenAI launched GPT-5.6 Terra today. Terra ranks first on LMArena.",
            {("GPT-5.6 Terra", "Terra", 1)},
        ),
    ],
)
def test_a_full_names_last_word_written_alone_names_that_model(
    text: str, expected: set[tuple[str, str, int]]
) -> None:
    """The claim is about the model named in full (what the judge resolves); its
    mentions keep the word the text wrote."""
    article = ArticleText(text=text, published=date(2025, 8, 5))
    drafts = consistent_drafts(RulesExtractor(_gazetteer()).extract(article).drafts, article)
    found = {(d.model, d.mentions[0], d.rank) for d in drafts if d.type == "rank_position"}
    assert found == expected


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # a tier word ends many names: "Pro" alone is no model
        ("Google released Gemini 2.5 Pro. Pro ranks first on LMArena.", "Pro"),
        # two full names end with it: which one is meant is not in the words
        (
            "Gemini 2.5 Flash and Gemini 2.0 Flash are out. Flash ranks third on LMArena.",
            "Flash",
        ),
        # no version: "Kilo Cline" is a product, not a model's name
        ("Kilo Cline ships today. Cline ranks first on LMArena.", "Cline"),
    ],
)
def test_a_last_word_that_could_mean_several_things_names_nothing(text: str, word: str) -> None:
    article = ArticleText(text=text, published=date(2025, 8, 5))
    drafts = RulesExtractor(_gazetteer()).extract(article).drafts
    assert [d for d in drafts if word in d.mentions] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the words after a name go on as a board spells one of its names
        ("Gemini Advanced sits at #4 on LMArena.", "Gemini Advanced"),
        ("On Chatbot Arena, Gemini 1.5 Pro 001 ranks above GPT-4o mini.", "Gemini 1.5 Pro 001"),
        # a build code whose "Exp" the writer left out
        ("Ties with Gemini 2.0 Flash Thinking 1219.", "Gemini 2.0 Flash Thinking 1219"),
        # a score after a name is no part of it
        ("Gemini 1.5 Pro 1300 points", "Gemini 1.5 Pro"),
        ("Gemini 2.0 Flash Thinking 1300.", "Gemini 2.0 Flash Thinking"),
    ],
)
def test_a_name_is_read_as_far_as_a_board_spells_it(text: str, name: str) -> None:
    gaz = Gazetteer.build(
        board_models=[
            "Gemini Advanced App (2024-05-14)",
            "gemini-1.5-pro-001",
            "GPT-4o-mini",
            "Gemini-2.0-Flash-Thinking-Exp-1219",
        ]
    )
    assert gaz.models(text)[0].text == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a month said with a name picks that month's build (the resolver reads the note)
        ("On LMArena, the May GPT-4o is eighth with 1285.", "GPT-4o (May)"),
        ("The May release of GPT-4o ranks third on LMArena.", "GPT-4o (May)"),
        (
            "On LMArena, the June build of Claude 3.5 Sonnet has dropped to 12th.",
            "Claude 3.5 Sonnet (June)",
        ),
        ("On LMArena, GPT-4o (August) is 14th with 1265.", "GPT-4o (August)"),
        (
            "On LMArena, Qwen3 235B (in non-thinking mode) is tenth.",
            "Qwen3 235B (in non-thinking mode)",
        ),
        # said after the name
        ("On LMArena, GPT-4o (the May release) is third.", "GPT-4o (May)"),
        ("On LMArena, the GPT-4o from May is third.", "GPT-4o (May)"),
        # a build's month-and-day code, with the word before it or a month no score has
        (
            "Gemini 1.5 Pro experimental (0801) took the top spot on LMArena.",
            "Gemini 1.5 Pro experimental (0801)",
        ),
        ("Gemini 1.5 Pro (0801) took the top spot on LMArena.", "Gemini 1.5 Pro (0801)"),
        # a month that dates the sentence is no build
        ("In May GPT-4o ranked first.", "GPT-4o"),
        ("GPT-4o from May to July led LMArena.", "GPT-4o"),
        # "(1208)" may be an arena score
        ("Llama-3-70B (1208) shares seventh.", "Llama-3-70B"),
    ],
)
def test_a_month_or_a_mode_said_with_a_name_stays_with_it(text: str, name: str) -> None:
    assert _gazetteer().models(text)[0].text == name


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a family of several words is read by its first word only when written whole
        ("Code Llama 70B beats Llama 2 on HumanEval.", ["Code Llama 70B", "Llama 2"]),
        ("Amazon Nova Pro trails Snowflake Arctic.", ["Amazon Nova Pro", "Snowflake Arctic"]),
        # that word in another maker's name is no part of the family
        ("Zorblax 3 outperforms Voyage Code 3 on code retrieval.", []),
        ("Amazon 2 and Nous 4 are products.", []),
    ],
)
def test_a_family_of_several_words_needs_all_its_words(text: str, names: list[str]) -> None:
    gaz = Gazetteer.build(load_registry().surface_names())
    assert [m.text for m in gaz.models(text)] == names


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("Codestral Embed outperforms Voyage Code 3 on retrieval.", "Voyage Code 3"),
        ("Quillon 3 edges out Nimbus Code 2 on SWE-bench.", "Nimbus Code 2"),
    ],
)
def test_an_unlisted_name_holding_a_family_word_is_read_whole(text: str, other: str) -> None:
    gaz = Gazetteer.build(load_registry().surface_names())
    article = ArticleText(text=text, published=date(2025, 8, 5))
    drafts = RulesExtractor(gaz).extract(article).drafts
    assert [d.model_b for d in drafts if isinstance(d, PairwiseComparison)] == [other]
