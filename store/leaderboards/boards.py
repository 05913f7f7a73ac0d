"""The boards claimwatch knows: slug -> display name, main format, metric.

A `Leaderboard` row is created from this the first time a snapshot of the board is
ingested. Unknown slugs (a custom reader's board) get a plain default.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BoardInfo:
    slug: str
    name: str
    format: str
    metric: str
    url: str | None = None
    higher_is_better: bool = True


BOARDS: dict[str, BoardInfo] = {
    b.slug: b
    for b in (
        BoardInfo(
            "lmarena-text",
            "LMArena text leaderboard",
            "lmarena-csv",
            "arena_score",
            "https://lmarena.ai/leaderboard/text",
        ),
        BoardInfo(
            "open-llm-leaderboard-v2",
            "Hugging Face Open LLM Leaderboard v2",
            "open-llm-v2-csv",
            "average",
            "https://huggingface.co/spaces/open-llm-leaderboard/open_llm_leaderboard",
        ),
        BoardInfo(
            "lmarena-history",
            "LMArena Elo history (nakasyou/lmarena-history)",
            "elo-history-csv",
            "elo",
            "https://github.com/nakasyou/lmarena-history",
        ),
    )
}


def board_info(slug: str, fmt: str | None = None, metric: str = "score") -> BoardInfo:
    return BOARDS.get(slug) or BoardInfo(slug, slug, fmt or "unknown", metric)
