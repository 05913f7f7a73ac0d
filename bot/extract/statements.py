"""Self-contained, normalised statements for claims ("what is claimed", in one line).

The statement names every subject in full and the board when known, so it reads
correctly without the article: "Kimi K2.6 ranks #1 among open-weights models".
"""

from __future__ import annotations

from store.claims import ClaimDraft, kind_of

BOARD_NAMES = {
    "lmarena-text": "LMArena text",
    "lmarena-webdev": "LMArena WebDev",
    "open-llm-leaderboard-v2": "the Open LLM Leaderboard",
    "artificial-analysis": "Artificial Analysis",
}


# Scopes the offline extractor gives claims no board can check, in words.
SCOPE_WORDS = {
    "size_class": " within its size class",
    "own_models": " among its maker's own models",
    "unnamed_tasks": " at tasks the text does not name",
    "benchmarks": " on the maker's benchmarks",
}


def _where(claim: ClaimDraft) -> str:
    parts = []
    if claim.category in SCOPE_WORDS:
        parts.append(SCOPE_WORDS[claim.category])
    elif claim.category and claim.category != "full":
        parts.append(f" in {claim.category.replace('_', ' ')}")
    if claim.board:
        parts.append(f" on {BOARD_NAMES.get(claim.board, claim.board)}")
    if claim.metric in SCOPE_WORDS and claim.category not in SCOPE_WORDS:
        parts.append(SCOPE_WORDS[claim.metric])
    elif claim.metric and claim.metric != "arena_score" and claim.metric not in SCOPE_WORDS:
        parts.append(f" ({claim.metric})")
    return "".join(parts)


def statement(claim: ClaimDraft) -> str:
    """The claim in one line; its type's module words the subjects and the verb."""
    return kind_of(claim).statement(claim, _where(claim))
