"""The relevance gate: is this article worth extracting? Cheap, offline, recall first.

It runs before every extractor, so an article it rejects costs no LLM call. It
passes an article that has ranking language next to something rankable (a model,
family or organisation name from the registry and the boards, a board or benchmark
name, or a group such as "open-weights models"); it rejects the rest. Every decision
carries its reasons, so a missed claim can be traced to the word the gate lacked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.extract.base import ArticleText
from bot.extract.lexicon import BENCHMARKS, BOARDS
from bot.extract.names import Gazetteer
from bot.extract.regexes import longest_first, regex


def _words(*terms: str) -> re.Pattern[str]:
    alternation = "|".join(longest_first(terms))
    return regex(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)


# Language that is about ranking whatever the context.
_STRONG = _words(
    r"overtak(?:e|es|en|ing)",
    "overtook",
    r"surpass(?:es|ed|ing)?",
    r"outperform(?:s|ed|ing)?",
    r"outscor(?:e|es|ed|ing)",
    r"outrank(?:s|ed|ing)?",
    "beats",
    "beating",
    "tops",
    "topped",
    "top spot",
    r"top[- ]ranked",
    r"top[- ](?:3|5|10|ten|five|three)",
    "#1",
    r"no\. ?1",
    "number one",
    "first place",
    r"rank(?:s|ed)? (?:#|no\.|first|second|third|\d)",
    "elo",
    "arena score",
    r"leaderboards?",
    r"open[- ]weights?",
    r"open[- ]source models?",
    r"open models?",
    r"state[- ]of[- ]the[- ]art",
    "sota",
    "leading",
    r"leaders?",
    "best open",
    "strongest",
    r"catch(?:es|ing)? up",
    "caught up",
    "closing the gap",
    "gap between",
    # a gap that moved: "have narrowed the gap", "the gap has shrunk", "pulled away from"
    r"(?:narrow|widen|clos|shr[iau]nk|cut)\w* (?:much of |most of )?the gap",
    r"gap (?:has |have |is |had )?(?:narrow|widen|shr[iau]nk|clos)\w*",
    r"pull(?:s|ed|ing)? (?:ahead|away)",
    "lead over",
    "ahead of",
    r"(?:takes?|took|seizes?|seized|retakes?|regains?) the lead",
    r"trails?",
    r"lags? behind",
    "on par with",
    "highest-ranked",
    r"rankings?",
    r"benchmarks?",
    r"scor(?:es|ed|ing) \d",
    # comparatives and superlatives the offline extractor reads as claims
    r"(?:better|higher|stronger|smarter|worse|lower|weaker) than",
    r"more [\w-]+ than",
    r"most (?:capable|powerful|intelligent|advanced|agentic|accurate)",
    "smartest",
    r"our (?:best|strongest|top)",
    r"(?:industry|world|class)[- ]leading",
    r"best[- ]in[- ]class",
    r"(?:came|comes|come) out ahead",
    r"takes? (?:the )?lead",
    r"improvements? over",
    r"competitive with",
    r"[\w-]+ models? yet",
    r"(?:superior|inferior) to",
    r"(?:clear |outright )?winner over",
    r"(?:statistically )?indistinguishable from",
    r"(?:keeps?|kept|keeping) pace with",
    r"in the same league as",
    r"dr(?:ew|aws?) level with",
    r"at the (?:same )?level of",
    r"similar (?:performance|quality|results) to",
)
# A group of models (the subject of group and trend claims): rankable without a name.
_GROUP = _words(
    r"open[- ]weights?",
    r"open[- ]source",
    r"closed[- ]source",
    "proprietary",
    r"open(?:[- ]|\s?/\s?|\s+(?:vs\.?|versus)\s+)closed",
    r"(?:closed|open) (?:\w+ )?models",
    r"(?:chinese|american|us|u\.s\.|european|french) (?:[\w-]+ ){0,3}models",
)
# Language that is about ranking only next to a board or benchmark name.
_WEAK = _words(
    r"leads?",
    "best",
    "top",
    "behind",
    r"match(?:es|ed)",
    "frontier",
    r"rivals?",
    "scores",
    "record",
    r"\d+(?:\.\d+)?%",
)
_BOARD = _words(*(re.escape(k) for k in (*BOARDS, *BENCHMARKS)))


_WORD = regex(r"(?<![\w-])[A-Za-z0-9][\w.]*[A-Za-z0-9]")


@dataclass(frozen=True, slots=True)
class GateDecision:
    passed: bool
    reasons: tuple[str, ...]

    def __bool__(self) -> bool:
        return self.passed


class Gate:
    """Decides per article; holds only compiled patterns (safe to share)."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gaz = gazetteer or Gazetteer.build()
        # Organisations by their first word: one set lookup per word, not a huge regex.
        self._org_words = frozenset(o.split()[0] for o in self.gaz.orgs)

    def check(self, article: ArticleText) -> GateDecision:
        text = article.text if not article.title else f"{article.title}\n{article.text}"
        return self.check_text(text)

    def check_text(self, text: str) -> GateDecision:
        strong = _STRONG.search(text)
        board = _BOARD.search(text)
        weak = None
        if not (strong or board):
            # most articles have no ranking language at all: the decision is made
            # without looking for names, the costliest of these checks
            weak = _WEAK.search(text)
            if not weak:
                return GateDecision(False, ("no ranking language",))
        entity = self._entity(text)
        if not entity and (group := _GROUP.search(text)):
            entity = f"group:{group.group().lower()}"
        if strong and (entity or board):
            ranking = f"ranking:{strong.group().lower()}"
            return GateDecision(True, (ranking, entity or f"board:{board.group().lower()}"))  # type: ignore[union-attr]
        if board and entity:
            return GateDecision(True, (f"board:{board.group().lower()}", entity))
        weak = weak or _WEAK.search(text)
        if weak and board:
            return GateDecision(
                True, (f"ranking:{weak.group().lower()}", f"board:{board.group().lower()}")
            )
        if not (strong or weak or board):
            return GateDecision(False, ("no ranking language",))
        if not (entity or board):
            return GateDecision(False, ("no model, organisation, board or benchmark name",))
        return GateDecision(False, ("ranking language too weak without a board or benchmark",))

    def _entity(self, text: str) -> str | None:
        for m in self.gaz.models(text, first=True):
            return f"{m.kind}:{m.text}"
        if self._org_words.isdisjoint(map(str.lower, _WORD.findall(text))):
            return None  # one pass in C over the words, for the many texts naming none
        for word in _WORD.finditer(text):
            if word.group().lower() in self._org_words:
                return f"org:{word.group()}"
        return None


# Same matches, found sooner: literal checks before the patterns (bot/extract/prefilter.py).
from bot.extract.prefilter import prefilter_patterns  # noqa: E402

prefilter_patterns(globals())
