"""Scope qualifiers: what a rank or comparison claim is limited to.

"State-of-the-art in its size category", "outperforms all open models around its
scale", "the best model in its weight class": a rank claim limited to a size or price
class the boards cannot express is not a claim about the board's overall order, so it
is dropped (`size_scoped`). "State-of-the-art on Mozilla Common Voice", "beats X
across all tasks", "in Speech Translation": a claim about benchmarks or tasks the
boards do not carry keeps that scope as its metric (`benchmark_scope`), and the judge
answers unsupported_metric instead of reading LMArena's overall order.

Pure functions over one sentence; `rules.py` applies them to every hit.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable

from bot.extract.lazy import lazy
from bot.extract.lexicon import BOARDS, CATEGORIES, COUNTRY_WORDS
from bot.extract.regexes import regex

_POSS = r"(?:its|their|his|her|this|that|a model of its|a model this|models of its|models its)"
SIZE_SCOPE = regex(
    r"\b(?:in|for|within|among|amongst|around|at|of|across)\s+" + _POSS + r"\s+(?:own\s+)?"
    r"(?:size|weight|parameter|price|cost|compute|model)?[- ]?"
    r"(?:category|class|range|bracket|tier|scale|size|league|segment|footprint)\b"
    r"|\b(?:for|at|given)\s+(?:its|their|the|this|that)\s+(?:size|scale|price|cost)\b"
    r"|\bof\s+(?:similar|comparable|the same|equal|equivalent)\s+(?:size|scale|class)\b"
    r"|\b(?:similarly|comparably|equally)[- ]sized\b"
    r"|\b(?:same|similar|comparable)[- ]sized?\b"
    r"|\bamong(?:st)?\s+(?:the\s+)?(?:small|smaller|compact|lightweight|tiny|edge|mid-sized|"
    r"midsize|sub-\w+|on-device)\b"
    r"|\b(?:small|compact|lightweight|on-device|edge)\s+(?:open\s+)?models?\b"
    r"|\b(?:all|every|any)\s+(?:other\s+)?(?:sub-)?\d+(?:\.\d+)?[BbMm]\s+(?:\w+\s+)?models?\b"
    r"|\bin\s+the\s+\d+(?:\.\d+)?\s*[BbMm]\b"
    r"|\b(?:under|below|up to|less than)\s+\d+(?:\.\d+)?\s*[BbMm]\b"
    r"|\bbest[- ]in[- ]class\b|\bclass[- ]leading\b|\bweight class\b|\bsize class\b"
    r"|\b(?:up to|over)\s+\w+\s+times\s+(?:its|their)\s+size\b"
    r"|\bper\s+(?:parameter|dollar|token)\b"
    r"|\b(?:cost|price)[-/ ](?:performance|efficien\w*)\b|\bperformance[-/ ](?:per|to)[-/ ]"
    r"(?:cost|price|dollar)\b|\bpareto\b"
    r"|\bwith\s+(?:a|an)\s+(?:permissive|open|apache[\w. -]*|mit)\s+licen[cs]e\b"
    r"|\b(?:permissively|apache[\w.-]*)[- ]licen[cs]ed\b"
    # what hardware it runs on: "the best open model that runs on a single GPU"
    r"|\b(?:runs?|running|fits?|fitting|deployable|served)\s+(?:\w+\s+){0,2}?(?:on|in)\s+"
    r"(?:a\s+|one\s+)?(?:single\s+|consumer\s+|one\s+)?(?:GPU|laptop|phone|device|hardware|"
    r"machine|chip|H100|A100|RTX)\b"
    r"|\bon\s+(?:a\s+)?(?:single|one|consumer)\s+(?:GPU|graphics\s+card|laptop|device|machine)\b",
    re.IGNORECASE,
)

# Words that make a phrase about evaluations, not about a leaderboard's order.
_EVAL_WORDS = regex(
    r"\b(?:benchmarks?|evals?|evaluat\w*|tasks?|metrics?|test suites?|tests|datasets?|"
    r"exams?|accuracy|latency|speed|throughput|price|cost|efficiency|word error rate|wer|"
    r"pass rate|pass@\d+)\b",
    re.IGNORECASE,
)
# "on|in|across|at <Name>": a named benchmark or task when <Name> is no board, category,
# country, month or model. Case-sensitive: the name must be capitalised.
_NAMED_SCOPE = regex(
    r"\b(?i:on|in|across|at|using)\s+(?:(?i:the)\s+)?"
    r"(?P<name>[A-Z][\w.²'’\-‑]*(?:\s+(?:[A-Z0-9][\w.²\-‑]*|v\d[\w.]*))*)"
)
_ARENA_WORDS = frozenset(
    [
        "elo",
        "arena",
        "leaderboard",
        "leaderboards",
        "rankings",
        "ranking",
        "lmarena",
        "lmsys",
        "chatbot",
        "text",
        "overall",
        "this",
        "that",
        "these",
        "our",
        "their",
        "ai",
        "llm",
        "llms",
    ]
) | {m.lower() for m in (*calendar.month_name, *calendar.month_abbr) if m}


# "topped Zapier's AutomationBench leaderboard", "in their head-to-head arena",
# "on independent leaderboards": a board no reader knows. Plain words before the board
# word ("the leaderboard", "the public leaderboard") leave it the article's board.
_BOARD_WORD = regex(r"\b(?:arenas?|leaderboards?|index|rankings)\b", re.IGNORECASE)
_BOARD_AS_ADJECTIVE = lazy(
    r"\s+(?:leaders?|champions?|toppers?|records?|scores?|ratings?|points|votes|debut|"
    r"position|spot|rank|standing)\b",
    re.IGNORECASE,
)
_PLAIN_BOARD_WORDS = frozenset(
    [
        "the",
        "previous",
        "former",
        "prior",
        "a",
        "an",
        "its",
        "their",
        "our",
        "his",
        "her",
        "this",
        "that",
        "these",
        "overall",
        "public",
        "main",
        "global",
        "official",
        "latest",
        "current",
        "new",
        "same",
        "text",
        "chatbot",
        "lmarena",
        "lmsys",
        "lm",
        "arena",
        "on",
        "in",
        "of",
        "at",
        "to",
        "top",
        "and",
        "or",
        "with",
        "from",
        "by",
        "for",
    ]
)


def other_board(sentence: str) -> str | None:
    """A slug for a leaderboard the sentence names that is none of the known boards
    (call it only when no known board is named)."""
    for m in _BOARD_WORD.finditer(sentence):
        if _BOARD_AS_ADJECTIVE.match(sentence, m.end()):
            continue  # "the previous arena leader", "its arena score": no board named
        words = sentence[: m.start()].split()[-3:]
        qualifiers: list[str] = []
        for w in reversed(words):
            low = w.strip(".,;:()").lower().replace("’", "'").removesuffix("'s")
            if not low or low in _PLAIN_BOARD_WORDS or (w[0].islower() and low.endswith("ed")):
                break
            qualifiers.insert(0, low)
        if qualifiers:
            return slug(" ".join([*qualifiers, m.group().lower()]))
    return None


def size_scoped(sentence: str) -> bool:
    """Whether the sentence limits its claim to a size, price or licence class."""
    return bool(SIZE_SCOPE.search(sentence))


def benchmark_scope(
    sentence: str,
    model_spans: list[tuple[int, int]],
    known: Callable[[str], bool] = lambda _: False,
    at: int = 0,
) -> str | None:
    """A metric id for the benchmarks or tasks the sentence limits its claim to, or None
    when it names none (the claim then speaks of the board's overall order). `known`
    says whether a word is an organisation or another name that is no benchmark; `at`
    is the claim's trigger: the scope is read up to the end of its clause."""
    sentence = sentence[: _clause_end(sentence, at, model_spans)]
    found: list[tuple[int, str]] = []
    for m in _NAMED_SCOPE.finditer(sentence):
        if any(s <= m.start("name") < e for s, e in model_spans):
            continue
        name = m.group("name").strip(" .,")
        if _plain_place(name) or known(name.split()[0]):
            continue
        found.append((m.start(), slug(name)))
    found.extend((m.start(), "benchmarks") for m in _EVAL_WORDS.finditer(sentence))
    if not found:
        return None
    # the scope nearest after the claim's verb is its own ("beats X across all tasks,
    # and achieves ... on English short-form"); else one stated before it
    after = sorted(f for f in found if f[0] >= at)
    return after[0][1] if after else max(found)[1]


_NEXT_CLAUSE = regex(r";|,\s+(?=[A-Z])")


def _clause_end(sentence: str, at: int, model_spans: list[tuple[int, int]]) -> int:
    """Where the clause holding position `at` ends: a semicolon, or a comma before a new
    capitalised item that is not a model name ("Gemini Seizes the Lead, Investors ...")."""
    for m in _NEXT_CLAUSE.finditer(sentence, at):
        if not any(s == m.end() for s, _ in model_spans):
            return m.start()
    return len(sentence)


def _plain_place(name: str) -> bool:
    """Names that are not benchmarks: boards, categories, countries, months, arena words."""
    low = name.lower().replace("’", "'")
    if re.match(r"(?:no\.?|number|#)\s*\d", low):
        return True  # "at No. 3": a place, not a test
    first = low.split()[0].rstrip("'s").rstrip("'")
    if low in CATEGORIES or first in CATEGORIES:
        return True
    if low in COUNTRY_WORDS or first in COUNTRY_WORDS or first in _ARENA_WORDS:
        return True
    return any(low.startswith(b) for b in BOARDS)


def slug(name: str) -> str:
    words = re.sub(r"[^a-z0-9.]+", " ", name.lower().replace("'s ", " ")).split()[:4]
    return "_".join(w.strip(".") for w in words if w.strip(".")) or "benchmark"


# Same matches, found sooner: literal checks before the patterns (bot/extract/prefilter.py).
from bot.extract.prefilter import prefilter_patterns  # noqa: E402

prefilter_patterns(globals())
