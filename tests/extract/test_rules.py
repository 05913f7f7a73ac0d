"""The offline extractor on the seed article, headlines, dates, hedges, negation, claimants."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.extract.base import ArticleText
from bot.extract.dates import find_date
from bot.extract.rules import RulesExtractor, split_sentences
from store.claims import (
    ClaimDraft,
    Group,
    GroupComparison,
    PairwiseComparison,
    RankPosition,
    ScoreValue,
    TrendGap,
    claim_dedupe_key,
)

SEED = Path(__file__).resolve().parent.parent / "data" / "articles" / "seed-ft-open-models.txt"
RULES = RulesExtractor()


def extract(
    text: str, published: date = date(2025, 3, 10), source: str | None = "Feed"
) -> list[ClaimDraft]:
    return RULES.extract(ArticleText(text, published, source=source)).drafts


def test_seed_article_group_and_trend_claims() -> None:
    raw = SEED.read_text(encoding="utf-8").partition("\n\n")[2]
    drafts = extract(raw, date(2025, 8, 5))
    groups = [d for d in drafts if isinstance(d, GroupComparison)]
    # the title, the summary and the body say it three times: one claim, three quotes
    assert len(groups) == 3
    assert len({claim_dedupe_key(d) for d in groups}) == 1
    assert len({d.span for d in groups}) == 3
    g = groups[0]
    assert g.group_a == Group(country="CN", open_weights=True)
    assert g.group_b == Group(country="US", open_weights=True)
    assert g.relation == "overtook" and g.aggregate == "best_of"
    assert raw[g.span[0] : g.span[1]] == g.quote
    trends = [d for d in drafts if isinstance(d, TrendGap)]
    assert len(trends) == 1
    assert trends[0].direction == "narrowing"
    assert trends[0].subjects == (Group(country="CN"), Group(country="US", open_weights=False))
    assert "shrinking fast" in trends[0].quote


def test_headline_leading_open_weights_model() -> None:
    (claim,) = extract("Kimi K2.6: The new leading open weights model")
    assert isinstance(claim, RankPosition)
    assert (claim.model, claim.rank, claim.op) == ("Kimi K2.6", 1, "eq")
    assert claim.within == Group(open_weights=True)
    assert claim.statement == "Kimi K2.6 ranks #1 among open-weights models"
    assert claim.claimant == "Feed" and claim.as_of == date(2025, 3, 10)


def test_headline_leader_without_group() -> None:
    (claim,) = extract("Gemini 3.1 Pro Preview: The new leader in AI")
    assert isinstance(claim, RankPosition) and claim.within is None and claim.rank == 1


def test_negation_and_claimant() -> None:
    (claim,) = extract("Qwen2.5-Max does not beat DeepSeek-V3 on LMArena, according to Reuters.")
    assert isinstance(claim, PairwiseComparison)
    assert claim.negated and claim.relation == "beats"
    assert claim.claimant == "Reuters" and claim.board == "lmarena-text"
    assert claim.statement == "Qwen2.5-Max does not rank above DeepSeek-V3 on LMArena text"


def test_hedges() -> None:
    for text in (
        "Kimi K2 reportedly beats Claude Opus 4 on LMArena.",
        "Kimi K2 may beat Claude Opus 4 on LMArena.",
        "Kimi K2 likely beats Claude Opus 4 on LMArena.",
    ):
        (claim,) = extract(text)
        assert claim.hedged, text
    (plain,) = extract("Kimi K2 beats Claude Opus 4 on LMArena.")
    assert not plain.hedged


def test_dates_resolve_against_publication() -> None:
    published = date(2025, 3, 10)
    assert find_date("as of March 2025", published) == date(2025, 3, 10)  # capped
    assert find_date("as of January 2025", published) == date(2025, 1, 31)
    assert find_date("in January", published) == date(2025, 1, 31)
    assert find_date("in December", published) == date(2024, 12, 31)
    assert find_date("last week", published) == date(2025, 3, 3)
    assert find_date("yesterday", published) == date(2025, 3, 9)
    assert find_date("on Feb 3", published) == date(2025, 2, 3)
    assert find_date("it may rank well", published) is None
    (claim,) = extract("In January, GLM-4.5 ranked #3 on LMArena.")
    assert claim.as_of == date(2025, 1, 31)


def test_pronoun_takes_the_previous_sentences_model() -> None:
    drafts = extract(
        "An early version of Grok-2 was tested on the LMSYS leaderboard. "
        "It outperforms both Claude 3.5 Sonnet and GPT-4-Turbo."
    )
    pairs = {(d.model_a, d.model_b) for d in drafts if isinstance(d, PairwiseComparison)}
    assert pairs == {("Grok-2", "Claude 3.5 Sonnet"), ("Grok-2", "GPT-4-Turbo")}


def test_no_claim_in_plain_news() -> None:
    assert (
        extract("OpenAI and Microsoft signed a data-center deal. Terms were not disclosed.") == []
    )
    assert extract("Will US open models retake the lead from Chinese ones?") == []


def test_sentence_spans_index_the_text() -> None:
    text = "First one. Second: U.S. models lead.\nHeadline line\n\nLast? Yes."
    for span in split_sentences(text):
        assert text[span.start : span.end] == span.text


def test_a_board_named_once_goes_on_in_the_sentences_that_rank_after_it() -> None:
    """A standings paragraph names its board once; the next sentences that rank keep it
    until another board is named, and a sentence that ranks nothing ends it."""
    drafts = extract(
        "On the WebDev Arena, GPT-5 ranks first with 1481. Claude Opus 4.1 is 3rd with 1436. "
        "On the Text Arena, Gemini 2.5 Pro ranks first. Grok 4 is 4th. "
        "Prices fell this year. Kimi K2 is 2nd."
    )
    boards = {(d.type, getattr(d, "model", None)): d.board for d in drafts}
    assert boards[("rank_position", "Claude Opus 4.1")] == "lmarena-webdev"
    assert boards[("score_value", "Claude Opus 4.1")] == "lmarena-webdev"
    assert boards[("rank_position", "Grok 4")] == "lmarena-text"
    assert boards[("rank_position", "Kimi K2")] is None


def test_scores_take_the_measure_named_beside_them() -> None:
    """ "(MT-Bench 8.99, MMLU 86.4)" and "an MT-Bench score of 9.32" name their numbers'
    measure; an Elo-sized number beside a benchmark's name is not that benchmark's."""
    drafts = extract(
        "GPT-4-Turbo heads the Chatbot Arena with 1210 Elo and an MT-Bench score of 9.32. "
        "Llama 3 70B scored 1207 on the arena, with an MMLU of 82.",
    )
    metrics = {(d.model, d.value): d.metric for d in drafts if d.type == "score_value"}
    assert metrics[("GPT-4-Turbo", 1210)] == "arena_score"
    assert metrics[("GPT-4-Turbo", 9.32)] == "mt_bench"
    assert metrics[("Llama 3 70B", 1207)] == "arena_score"
    assert metrics[("Llama 3 70B", 82)] == "mmlu"


def test_each_clause_and_number_takes_its_own_measure() -> None:
    drafts = extract(
        "Gemini 2.5 Pro ranks first on LMArena, and Grok 4 scores 88% on GPQA. "
        "On Arena-Hard v2 Kimi K2 posts 86.1, well clear of DeepSeek-V3 (61.5). "
        "Grok 3 achieved a 50.6% score on the MATH benchmark and a 90% score on GSM8K. "
        "Claude Opus 4 sets records on BrowseComp at 92.2% and OSWorld 2.0 at 62.6%."
    )
    rank = next(d for d in drafts if d.type == "rank_position" and d.model == "Gemini 2.5 Pro")
    assert rank.metric == "arena_score"
    scores = {(d.model, d.value): d.metric for d in drafts if d.type == "score_value"}
    assert scores == {
        ("Grok 4", 88): "gpqa",
        ("Kimi K2", 86.1): "arena_hard_v2",
        ("DeepSeek-V3", 61.5): "arena_hard_v2",
        ("Grok 3", 50.6): "math",
        ("Grok 3", 90): "gsm8k",
        ("Claude Opus 4", 92.2): "browsecomp",
        ("Claude Opus 4", 62.6): "osworld",  # 2.0 is OSWorld's version, no score
    }


def test_its_keeps_speaking_of_the_model_before_and_paired_numbers_compare() -> None:
    """ "Its 57.5 ..." speaks of the model the sentence before spoke of, like "It
    scores ..."; "79.3 against 74.6 for Claude" sets the two models side by side."""
    drafts = extract(
        "Alibaba's Qwen3 models post record scores. Qwen3-Max leads throughout. "
        "Its 57.5 on LiveCodeBench is the best coding result in the group. "
        "On LiveBench it holds 79.3 against 74.6 for Claude Opus 4."
    )
    scores = {(d.model, d.value) for d in drafts if d.type == "score_value"}
    assert {("Qwen3-Max", 79.3), ("Claude Opus 4", 74.6)} <= scores
    pairs = [(d.model_a, d.model_b, d.relation) for d in drafts if d.type == "pairwise_comparison"]
    assert pairs == [("Qwen3-Max", "Claude Opus 4", "beats")]


@pytest.mark.parametrize(
    ("text", "metric", "board"),
    [
        # ratings from a writer's own test: small numbers, no measure named
        (
            "The widest gap was code, where GPT-3.5 averaged 4.0 against Llama 2 70B's 3.4.",
            "unnamed_score",
            None,
        ),
        ("GPT-4o scores 88.7 versus 86.8 for Claude 3 Opus.", "unnamed_score", None),
        ("On MMLU, GPT-4o scores 88.7 vs. 86.8 for Claude 3 Opus.", "mmlu", None),
        (
            "GPT-4o scores 1287 versus 1271 for Claude 3 Opus on LMArena.",
            "arena_score",
            "lmarena-text",
        ),
    ],
)
def test_a_comparison_read_from_two_numbers_is_measured_as_they_are(
    text: str, metric: str, board: str | None
) -> None:
    """The pair two numbers order is about those numbers' measure: a writer's 4.0 and
    3.4 are no arena ratings, so the pair is not judged on the arena either."""
    drafts = extract(text)
    scores = {(d.model, d.value, d.metric) for d in drafts if isinstance(d, ScoreValue)}
    assert len(scores) == 2 and {m for _, _, m in scores} == {metric}
    (pair,) = [d for d in drafts if isinstance(d, PairwiseComparison)]
    assert (pair.relation, pair.metric, pair.board) == ("beats", metric, board)


def test_two_numbers_set_against_each_other_without_owners_are_nobodys() -> None:
    """ "42.0% vs 38.6%" after two names says which is whose only by order; with no
    comparison before it, neither number is read as one model's."""
    assert extract("GPT-5 vs Grok 4: 42.0% vs 38.6% on HLE.") == []


def test_a_heading_after_the_title_speaks_of_the_announced_model() -> None:
    """An announcement's subtitle is a superlative with no verb; the model is the one
    the title names. "The most advanced ..." is as much a superlative as "the best"."""
    for title, heading in (
        ("Introducing GPT-5.2-Codex", "The most advanced agentic coding model for engineers."),
        ("Codestral Embed", "The new state-of-the-art embedding model for code."),
    ):
        article = ArticleText(f"{title}\n\n{heading} We release it today.", date(2025, 3, 10))
        article = ArticleText(article.text, article.published, title=title)
        ranks = [d for d in RULES.extract(article).drafts if d.type == "rank_position"]
        assert [(d.model, d.rank) for d in ranks] == [(title.removeprefix("Introducing "), 1)]


def test_models_in_general_are_not_the_announced_model() -> None:
    title = "Grok 5"
    text = (
        f"{title}\n\nGrok 5 is here. The future will be built with massive compute combined "
        "with the most advanced AI models."
    )
    article = ArticleText(text, date(2025, 3, 10), title=title)
    assert [d for d in RULES.extract(article).drafts if d.type == "rank_position"] == []


def test_a_described_pair_of_subjects_behind_it_after_a_past_tense_it() -> None:
    """ "it came out ahead" keeps speaking of the model before, as "it comes" does; a
    description before the names ("Fellow Chinese models") leaves them the subjects."""
    drafts = extract(
        "Qwen3.5-Max-Preview earned top marks on LMArena. In the blind evaluation it came out "
        "ahead of GPT-5. Fellow Chinese models Douluo 2.0 and Kimi 2.5 finished well behind it."
    )
    pairs = {(d.model_a, d.model_b, d.relation) for d in drafts if d.type == "pairwise_comparison"}
    assert pairs == {
        ("Qwen3.5-Max-Preview", "GPT-5", "beats"),
        ("Douluo 2.0", "Qwen3.5-Max-Preview", "trails"),
        ("Kimi 2.5", "Qwen3.5-Max-Preview", "trails"),
    }


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "Qwen3-Max leads throughout. Qwen3-235B-A22B is close behind.",
            ("Qwen3-235B-A22B", "Qwen3-Max"),
        ),
        ("GPT-4o leads, but DeepSeek V3 is close behind.", ("DeepSeek V3", "GPT-4o")),
        (
            "Gemini 2.5 Pro ranks first. Grok 4 is just behind, with 1430.",
            ("Grok 4", "Gemini 2.5 Pro"),
        ),
    ],
)
def test_behind_with_nothing_after_it_is_behind_the_leader_said_before(
    text: str, pair: tuple[str, str]
) -> None:
    found = [
        (d.model_a, d.model_b, d.relation) for d in extract(text) if d.type == "pairwise_comparison"
    ]
    assert found == [(*pair, "trails")]


def test_behind_with_no_leader_before_it_says_nothing() -> None:
    assert [d for d in extract("Grok 4 is behind.") if d.type == "pairwise_comparison"] == []


@pytest.mark.parametrize(
    ("text", "rank", "op"),
    [
        ("OpenAI's new GPT-4o sets a fresh high-water mark for multimodal integration.", 1, "eq"),
        ("Claude 3 Opus consistently comes out on top on hard logical reasoning.", 1, "eq"),
        ("DeepSeek V3 sits inside the global top five on LMArena.", 5, "top_k"),
        ("DeepSeek V3 is the sole open-source entry inside the top ten on LMArena.", 10, "top_k"),
    ],
)
def test_places_said_in_other_words(text: str, rank: int, op: str) -> None:
    ranks = [(d.rank, d.op) for d in extract(text) if d.type == "rank_position"]
    assert ranks == [(rank, op)]


@pytest.mark.parametrize(
    ("text", "group", "relation"),
    [
        ("Google's models lead the Arena leaderboards.", Group(organisation="Google"), "leads"),
        (
            "Chinese open models now dominate LMArena.",
            Group(country="CN", open_weights=True),
            "leads",
        ),
        ("Open models still lag.", Group(open_weights=True), "trails"),
    ],
)
def test_a_group_set_against_no_other_is_set_against_the_rest(
    text: str, group: Group, relation: str
) -> None:
    [claim] = [d for d in extract(text) if isinstance(d, GroupComparison)]
    assert (claim.group_a, claim.group_b, claim.relation) == (group, group.rest(), relation)


@pytest.mark.parametrize(
    "text",
    [
        "Chinese models lead US models on LMArena.",  # the other side is named
        "An open LLM tops the agentic leaderboard.",  # one model's place
        "The New Open-Weights Leader",  # no verb
    ],
)
def test_a_named_other_side_or_one_model_is_no_lead_over_the_rest(text: str) -> None:
    groups = [d for d in extract(text) if isinstance(d, GroupComparison)]
    assert all(not d.group_b.others for d in groups)


def test_a_number_inside_a_name_is_no_score_and_bracketed_scores_follow_their_names() -> None:
    """ "DeepSeek R1 0528" carries a date, not Qwen3's score; an index of scores is
    a leaderboard, so "(59)" after a name is that name's score there."""
    drafts = extract(
        "We rank models on our Intelligence Index. GPT-5 trails Qwen3 (64) and "
        "DeepSeek R1 0528 (59)."
    )
    scores = {(d.model, d.value) for d in drafts if d.type == "score_value"}
    assert scores == {("Qwen3", 64), ("DeepSeek R1 0528", 59)}


def test_a_list_of_scores_that_says_its_verb_once() -> None:
    drafts = extract(
        "That trails the leading models: GPT-4 gets roughly 85–86%, Claude 3 Opus about 85% "
        "(evaluation setups differ), and LLaMA 3 (70B) is reported at close to 86% on MMLU."
    )
    scores = {(d.model, d.value) for d in drafts if d.type == "score_value"}
    assert {("Claude 3 Opus", 85), ("LLaMA 3 (70B)", 86)} <= scores
    assert all(d.model != "GPT-4" for d in drafts if d.type == "score_value")  # a range


def test_who_says_a_claim_is_neither_its_subject_nor_its_object() -> None:
    said = [d for d in extract("Grok 4 beats Claude Opus 4, Elon Musk said.")]
    assert [
        (d.model_a, d.model_b, d.claimant) for d in said if isinstance(d, PairwiseComparison)
    ] == [("Grok 4", "Claude Opus 4", "Elon Musk")]
    assert [d.claimant for d in extract("Grok 4 beats Claude Opus 4, xAI says.")] == ["xAI"]
    # the lab that says it is not the model that leads
    assert extract("DeepSeek says Chinese models lead Grok 4.") == []


def test_sizes_after_a_sized_name_are_that_familys_other_sizes() -> None:
    """ "Gemma 3 4B, 12B and 27B" names three models; two lists of sizes set against
    each other pair size by size."""
    drafts = extract("Gemma 3 4B, 12B and 27B all beat Llama 3.1 8B.")
    assert {d.model_a for d in drafts if d.type == "pairwise_comparison"} == {
        "Gemma 3 4B",
        "Gemma 3 12B",
        "Gemma 3 27B",
    }
    paired = extract("Qwen2.5 7B and 72B do better than Llama 3.1 8B and 70B on all benchmarks.")
    assert {(d.model_a, d.model_b) for d in paired if d.type == "pairwise_comparison"} == {
        ("Qwen2.5 7B", "Llama 3.1 8B"),
        ("Qwen2.5 72B", "Llama 3.1 70B"),
    }


def test_an_order_goes_on_from_a_place_any_cue_gave() -> None:
    """ "heads the Arena" is first place; "Next comes ..., then ..." go on from it, on
    the arena (the MMLU in the aside measures the aside's own number)."""
    drafts = extract(
        "GPT-4-Turbo heads the Chatbot Arena with 1210 Elo. Next comes GPT-4 on 1159 "
        "(MT-Bench 8.99, MMLU 86.4), then Claude-1 on 1146."
    )
    ranks = {(d.model, d.rank, d.metric) for d in drafts if d.type == "rank_position"}
    assert ranks == {
        ("GPT-4-Turbo", 1, "arena_score"),
        ("GPT-4", 2, "arena_score"),
        ("Claude-1", 3, "arena_score"),
    }


def test_a_licence_named_after_a_model_is_no_model() -> None:
    drafts = extract(
        "The first open entry on the Chatbot Arena is WizardLM-70B, under the Llama 2 "
        "Community terms, at 1093 Elo."
    )
    assert {d.model for d in drafts if d.type == "score_value"} == {"WizardLM-70B"}


@pytest.mark.parametrize(
    ("text", "within"),
    [
        ("Kimi K2 Thinking tops LMArena's open models.", Group(open_weights=True)),
        ("Kimi K2 Thinking tops LMArena's leaderboard.", None),
    ],
)
def test_topping_a_boards_group_is_first_in_the_group(text: str, within: Group | None) -> None:
    """First among the board's open models is no first place on the whole board (that
    reading would contradict a true claim); the board's name is no maker."""
    [claim] = [d for d in extract(text) if isinstance(d, RankPosition)]
    assert (claim.rank, claim.within, claim.board) == (1, within, "lmarena-text")


def test_a_part_of_a_board_the_words_do_not_pin_down_is_no_first_place() -> None:
    assert [d for d in extract("Kimi K2 Thinking tops LMArena's vision list.")] == []


@pytest.mark.parametrize(
    ("text", "rank", "within"),
    [
        ("Qwen3.5-Max ranks first among Chinese models on LMArena.", 1, Group(country="CN")),
        ("Qwen3.5-Max ranks third among open models on LMArena.", 3, Group(open_weights=True)),
        ("Qwen3.5-Max is No. 1 among Chinese models on LMArena.", 1, Group(country="CN")),
        ("Qwen3.5-Max leads all Chinese models on LMArena.", 1, Group(country="CN")),
        ("Qwen3.5-Max ranks first in China on LMArena.", 1, Group(country="CN")),
        ("Among open models, DeepSeek-R1 leads LMArena with 1362.", 1, Group(open_weights=True)),
        ("Of the US models, GPT-5 ranks second on LMArena.", 2, Group(country="US")),
        ("Qwen3.5-Max ranks first on LMArena, ahead of US models.", 1, None),
    ],
)
def test_a_place_keeps_the_group_it_is_said_within(
    text: str, rank: int, within: Group | None
) -> None:
    """Judged on the whole board, "third among open models" would be checked as third
    overall: true claims contradicted, false ones supported."""
    ranks = [(d.rank, d.within) for d in extract(text) if isinstance(d, RankPosition)]
    assert ranks == [(rank, within)]


def test_a_place_within_several_groups_at_once_is_left_out() -> None:
    text = "Qwen3.5-Max ranks first on LMArena in the US and China."
    assert [d for d in extract(text) if isinstance(d, RankPosition)] == []


def test_a_benchmarks_number_beside_an_arena_is_not_on_the_arena() -> None:
    drafts = extract("Gemma 3 27B carries an LMArena Elo of 1338 and scores 78.6% on MMLU.")
    boards = {(d.value, d.board, d.metric) for d in drafts if isinstance(d, ScoreValue)}
    assert boards == {(1338, "lmarena-text", "arena_score"), (78.6, None, "mmlu")}


@pytest.mark.parametrize(
    ("text", "ranks"),
    [
        ("Grok 4 overtook Gemini 2.5 Pro for the top spot on LMArena.", {("Grok 4", 1, "eq")}),
        ("Grok 4 leapfrogged o3 to take second place on LMArena.", {("Grok 4", 2, "eq")}),
        (
            "Grok 4, o3 and Claude Opus 4 round out the top five on LMArena.",
            {("Grok 4", 5, "top_k"), ("o3", 5, "top_k"), ("Claude Opus 4", 5, "top_k")},
        ),
        (
            "The top three on LMArena are Gemini 2.5 Pro, o3 and Grok 4.",
            {("Gemini 2.5 Pro", 1, "eq"), ("o3", 2, "eq"), ("Grok 4", 3, "eq")},
        ),
        ("Grok 4 is fighting for the top spot.", set()),  # no place taken
    ],
)
def test_places_taken_rounded_out_and_listed(text: str, ranks: set[tuple[str, int, str]]) -> None:
    found = {(d.model, d.rank, d.op) for d in extract(text) if isinstance(d, RankPosition)}
    assert found == ranks


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("Grok 4 sits two spots behind Gemini 2.5 Pro on LMArena.", "trails"),
        ("Grok 4 is three places above o3 on LMArena.", "beats"),
    ],
)
def test_places_between_two_models(text: str, relation: str) -> None:
    assert [d.relation for d in extract(text) if isinstance(d, PairwiseComparison)] == [relation]


def test_two_scores_set_against_each_other_on_a_board_are_the_boards() -> None:
    drafts = extract("Grok 4 outscored o3 1432 to 1418 on LMArena.")
    scores = {(d.model, d.value, d.board, d.metric) for d in drafts if isinstance(d, ScoreValue)}
    assert scores == {
        ("Grok 4", 1432, "lmarena-text", "arena_score"),
        ("o3", 1418, "lmarena-text", "arena_score"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "GPT-5 is the best model for the money on LMArena.",  # value for money is price
        "GPT-5 ranked first in downloads on Hugging Face.",  # popularity, not quality
    ],
)
def test_rankings_of_price_and_popularity_are_no_claims(text: str) -> None:
    assert [d for d in extract(text) if isinstance(d, RankPosition)] == []


def test_the_first_model_to_top_a_score_holds_no_place() -> None:
    drafts = extract("GPT-5 is the first model to top 1500 on LMArena.")
    assert [(d.type, d.value, d.comparator) for d in drafts if isinstance(d, ScoreValue)] == [
        ("score_value", 1500, "gt")
    ]
    assert [d for d in drafts if isinstance(d, RankPosition)] == []


def test_better_at_a_category_keeps_the_category() -> None:
    [claim] = extract("Claude Opus 4 is better at coding than GPT-5 on LMArena.")
    assert (claim.type, claim.category) == ("pairwise_comparison", "coding")


@pytest.mark.parametrize(
    "text",
    [
        "GPT-5 tops LMArena, and Claude Opus 4 tops the WebDev Arena.",
        "While GPT-5 leads LMArena's text board, Claude Opus 4 leads the WebDev Arena.",
    ],
)
def test_each_clause_ranks_on_its_own_board(text: str) -> None:
    boards = {d.model: d.board for d in extract(text) if isinstance(d, RankPosition)}
    assert boards == {"GPT-5": "lmarena-text", "Claude Opus 4": "lmarena-webdev"}


def test_a_model_set_apart_is_not_joined_to_the_subject() -> None:
    """ "Unlike GPT-5, Claude Opus 4 tops LMArena" says nothing of GPT-5's place."""
    drafts = extract("Unlike GPT-5, Claude Opus 4 tops LMArena.")
    assert [(d.model, d.rank, d.op) for d in drafts if isinstance(d, RankPosition)] == [
        ("Claude Opus 4", 1, "eq")
    ]
    assert len(drafts) == 1


@pytest.mark.parametrize(
    ("text", "op"),
    [
        ("Grok 4 isn't inside the top five on LMArena.", "not_top_k"),
        ("Grok 4 didn't make the top 10 on LMArena.", "not_top_k"),
        ("Grok 4 made the top 10 on LMArena.", "top_k"),
    ],
)
def test_making_the_top_k_or_not(text: str, op: str) -> None:
    assert [d.op for d in extract(text) if isinstance(d, RankPosition)] == [op]


def test_a_listed_place_survives_the_consistency_check() -> None:
    """The second of "The top three are A, B and C" says no "second": its place in the
    list is what the quote says."""
    from bot.extract import consistent_drafts

    article = ArticleText(
        "The top three on LMArena are Gemini 2.5 Pro, o3 and Grok 4.", date(2025, 8, 5)
    )
    drafts = consistent_drafts(RULES.extract(article).drafts, article)
    assert sorted((d.rank, d.model) for d in drafts if isinstance(d, RankPosition)) == [
        (1, "Gemini 2.5 Pro"),
        (2, "o3"),
        (3, "Grok 4"),
    ]


def test_sharing_a_place_with_another_gives_both_that_place() -> None:
    drafts = extract("Grok 4 shares first place with Gemini 2.5 Pro on LMArena.")
    ranks = {(d.model, d.rank) for d in drafts if isinstance(d, RankPosition)}
    assert ranks == {("Grok 4", 1), ("Gemini 2.5 Pro", 1)}


def test_remaining_the_leader_is_first_place() -> None:
    drafts = extract("Claude Opus 4.6 remains the leader on LMArena.")
    assert [(d.model, d.rank) for d in drafts if isinstance(d, RankPosition)] == [
        ("Claude Opus 4.6", 1)
    ]


def test_closing_in_on_another_group_narrows_the_gap() -> None:
    [trend] = [
        d for d in extract("Open models are closing in on closed ones.") if isinstance(d, TrendGap)
    ]
    assert trend.direction == "narrowing"
    assert trend.subjects == (Group(open_weights=True), Group(open_weights=False))
