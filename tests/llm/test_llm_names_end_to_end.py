"""Names as a strong model writes them, through the LLM path to a verdict: a local
fake server replies, the real extractor, resolver and judge run on a bundled board.

2024-08-02 board (store/data/leaderboards/lmarena-text-2024-08-02.csv.gz):
Gemini-1.5-Pro-Exp-0801 1300 (+6/-5), GPT-4o-2024-05-13 1286 (+3/-2),
Claude 3.5 Sonnet 1271 (+3/-4).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.extract.base import ArticleText
from bot.extract.llm import LLMExtractor
from store.judge import BoardData, judge
from store.leaderboards.readers import parse_bytes
from store.registry import load_registry
from tests.llm.llm_support import FakeOpenAI, claims, item

BOARD = (
    Path(__file__).resolve().parents[2] / "store/data/leaderboards/lmarena-text-2024-08-02.csv.gz"
)
TEXT = (
    "Google's Gemini 1.5 Pro (Experimental 0801) now ranks above GPT-4o and Claude 3.5 "
    "Sonnet on LMArena."
)


def test_the_experimental_gemini_is_found_and_the_claims_supported(
    server: FakeOpenAI, extractor: LLMExtractor
) -> None:
    quote = TEXT.rstrip(".")
    server.reply(
        claims(
            item("pairwise_comparison", quote, "s", board="lmarena-text",
                 model_a="Gemini 1.5 Pro (Experimental 0801)", model_b="GPT-4o",
                 relation="beats"),
            item("pairwise_comparison", quote, "s", board="lmarena-text",
                 model_a="Gemini 1.5 Pro (Experimental 0801)", model_b="Claude 3.5 Sonnet",
                 relation="beats"),
        )
    )  # fmt: skip
    drafts = extractor.extract(ArticleText(TEXT, date(2024, 8, 2), source="X")).drafts
    assert len(drafts) == 2
    data = BoardData(parse_bytes(BOARD.read_bytes(), BOARD.name).snapshots)
    for draft in drafts:
        verdict = judge(draft, data, load_registry())
        assert verdict.verdict == "supported", verdict.explanation
        assert "Gemini-1.5-Pro-Exp-0801" in verdict.models
    assert drafts[0].mentions == ["Gemini 1.5 Pro (Experimental 0801)", "GPT-4o"]
