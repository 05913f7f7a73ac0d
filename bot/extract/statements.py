"""Self-contained, normalised statements for claims ("what is claimed", in one line).

The statement names every subject in full and the board when known, so it reads
correctly without the article: "Kimi K2.6 ranks #1 among open-weights models".
"""

from __future__ import annotations

from store.claims import (
    ClaimDraft,
    Group,
    GroupComparison,
    PairwiseComparison,
    RankPosition,
    ScoreValue,
    TrendGap,
)

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


def _value(v: float) -> str:
    return str(int(v)) if v == int(v) else f"{v:g}"


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _best_of(g: Group) -> str:
    return f"the best {g.describe()}"


def statement(claim: ClaimDraft) -> str:
    neg = claim.negated
    where = _where(claim)
    if isinstance(claim, RankPosition):
        within = f" among {claim.within.describe()}" if claim.within else ""
        if claim.op == "top_k":
            verb = "does not rank" if neg else "ranks"
            return f"{claim.model} {verb} in the top {claim.rank}{within}{where}"
        if claim.op == "not_top_k":
            return f"{claim.model} does not rank in the top {claim.rank}{within}{where}"
        verb = "does not rank" if neg else "ranks"
        return f"{claim.model} {verb} #{claim.rank}{within}{where}"
    if isinstance(claim, PairwiseComparison):
        rel = {"beats": "ranks above", "trails": "ranks below", "ties": "ties with"}[claim.relation]
        if neg:
            rel = {
                "beats": "does not rank above",
                "trails": "does not rank below",
                "ties": "does not tie with",
            }[claim.relation]
        return f"{claim.model_a} {rel} {claim.model_b}{where}"
    if isinstance(claim, GroupComparison):
        a, b = claim.group_a.describe(), claim.group_b.describe()
        if claim.aggregate == "count_in_top_k":
            verb = "do not hold" if neg else "hold"
            return f"{_upper_first(a)} {verb} more of the top {claim.k} places than {b}{where}"
        rel = {"overtook": "have overtaken", "leads": "rank above", "trails": "rank below"}[
            claim.relation
        ]
        if neg:
            rel = {
                "overtook": "have not overtaken",
                "leads": "do not rank above",
                "trails": "do not rank below",
            }[claim.relation]
        return _upper_first(f"{_best_of(claim.group_a)} {rel} {_best_of(claim.group_b)}{where}")
    if isinstance(claim, ScoreValue):
        comp = {
            "eq": "scores",
            "approx": "scores about",
            "gt": "scores more than",
            "lt": "scores less than",
        }[claim.comparator]
        if neg:
            comp = "does not score " + comp.removeprefix("scores").strip()
        unit = "%" if claim.metric and claim.metric != "arena_score" and claim.value <= 100 else ""
        return f"{claim.model} {comp} {_value(claim.value)}{unit}{where}".replace("  ", " ")
    if isinstance(claim, TrendGap):
        first, second = claim.subjects
        if claim.direction == "new_high":
            return f"{_upper_first(first.describe())} reached a new high{where}"
        verb = {
            "narrowing": "is narrowing",
            "widening": "is widening",
            "overtook": "has closed: the first overtook the second",
        }[claim.direction]
        if neg:
            verb = verb.replace("is ", "is not ")
        return f"The gap between {_best_of(first)} and {_best_of(second)} {verb}{where}"
    raise TypeError(f"unknown claim type: {type(claim).__name__}")
