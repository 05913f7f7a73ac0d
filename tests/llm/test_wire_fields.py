"""The wire carries what the claim contract needs: negated, hedged, forecast, the
period, and the names as the text wrote them (mentions)."""

from __future__ import annotations

from datetime import date

from bot.extract.base import ArticleText
from bot.extract.llm import LLMExtractor
from bot.extract.schema import wire_json_schema
from bot.extract.statements import statement
from store.claims import GroupComparison, PairwiseComparison
from tests.llm.llm_support import FakeOpenAI, claims, group, item

TEXT = (
    "Analysts say R1 could soon overtake GPT-4o on LMArena.\n\n"
    "Chinese open models have overtaken US ones since August 2024, the board shows."
)
ARTICLE = ArticleText(text=TEXT, published=date(2025, 2, 3), source="X")


def test_the_wire_schema_requires_the_claim_flags_and_the_period() -> None:
    item_schema = wire_json_schema()["properties"]["claims"]["items"]
    for name in ("negated", "hedged", "forecast", "period_start", "period_end"):
        assert name in item_schema["required"]


def test_forecast_period_and_mentions_reach_the_draft(
    server: FakeOpenAI, extractor: LLMExtractor
) -> None:
    server.reply(
        claims(
            item("pairwise_comparison", "R1 could soon overtake GPT-4o on LMArena", "s",
                 model_a="R1", model_b="GPT-4o", relation="beats", hedged=True,
                 forecast=True),
            item("group_comparison",
                 "Chinese open models have overtaken US ones since August 2024", "s",
                 group_a=group("CN", None, True), group_b=group("US", None, True),
                 aggregate="best_of", relation="overtook", period_start="2024-08-01"),
        )
    )  # fmt: skip
    pair, groups = extractor.extract(ARTICLE).drafts
    assert isinstance(pair, PairwiseComparison)
    assert (pair.forecast, pair.hedged, pair.negated) == (True, True, False)
    assert pair.mentions == ["R1", "GPT-4o"]
    assert isinstance(groups, GroupComparison)
    assert groups.period_start == date(2024, 8, 1) and groups.relation == "overtook"


def test_a_reply_without_forecast_reads_as_not_a_forecast(
    server: FakeOpenAI, extractor: LLMExtractor
) -> None:
    """JSON-mode servers often omit fields: an absent flag is false, never an error."""
    reply = item("pairwise_comparison", "R1 could soon overtake GPT-4o on LMArena", "s",
                 model_a="R1", model_b="GPT-4o", relation="beats")  # fmt: skip
    del reply["forecast"]
    server.reply(claims(reply))
    [draft] = extractor.extract(ARTICLE).drafts
    assert draft.forecast is False


def test_among_the_leading_with_no_number_is_the_top_ten(
    server: FakeOpenAI, extractor: LLMExtractor
) -> None:
    from store.claims import RankPosition

    text = "DeepSeek is back among the leading open weights models with V4 Pro."
    server.reply(
        claims(
            item("rank_position", "back among the leading open weights models with V4 Pro",
                 "s", model="V4 Pro", rank=None, op="top_k",
                 within=group(None, None, True)),
        )
    )  # fmt: skip
    [draft] = extractor.extract(ArticleText(text, date(2026, 4, 24), source="X")).drafts
    assert isinstance(draft, RankPosition) and (draft.op, draft.rank) == ("top_k", 10)


def test_a_number_of_places_reaches_the_draft_as_a_count(
    server: FakeOpenAI, extractor: LLMExtractor
) -> None:
    text = "Three of LMArena's top ten are Chinese models; the board put 2.5 of them there."
    server.reply(
        claims(
            item("group_comparison", "Three of LMArena's top ten are Chinese models", "s",
                 group_a=group("CN"), group_b=group(), aggregate="count_in_top_k", k=10,
                 value=3, comparator="eq"),
            # not a whole number of places: refused, the rest of the reply kept
            item("group_comparison", "the board put 2.5 of them there", "s",
                 group_a=group("CN"), group_b=group(), aggregate="count_in_top_k", k=10,
                 value=2.5),
        )
    )  # fmt: skip
    [draft] = extractor.extract(ArticleText(text, date(2025, 6, 1), source="X")).drafts
    assert isinstance(draft, GroupComparison)
    assert (draft.aggregate, draft.k, draft.count, draft.comparator) == (
        "count_in_top_k",
        10,
        3,
        "eq",
    )
    # the statement the product writes for it says the number
    assert "hold 3 of the top 10 places" in statement(draft)


def test_a_month_the_quote_names_whole_reaches_the_draft_as_a_span(
    server: FakeOpenAI, extractor: LLMExtractor
) -> None:
    text = "Grok 3 ranked first on LMArena in March, and GPT-4.5 was second on March 4."
    article = ArticleText(text=text, published=date(2025, 5, 1), source="X")
    server.reply(
        claims(
            item("rank_position", "Grok 3 ranked first on LMArena in March", "s",
                 model="Grok 3", rank=1, op="eq", as_of="2025-03-31"),
            item("rank_position", "GPT-4.5 was second on March 4", "s",
                 model="GPT-4.5", rank=2, op="eq", as_of="2025-03-04"),
            # a date the model gave that is not the quote's month's end: its own day
            item("rank_position", "Grok 3 ranked first on LMArena in March", "s",
                 model="Grok 3", rank=1, op="eq", as_of="2025-03-15"),
        )
    )  # fmt: skip
    spans = {(d.as_of, d.as_of_start) for d in extractor.extract(article).drafts}
    assert spans == {
        (date(2025, 3, 31), date(2025, 3, 1)),
        (date(2025, 3, 4), None),
        (date(2025, 3, 15), None),
    }
