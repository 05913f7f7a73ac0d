"""The offline extractor: gazetteer + patterns, no network (the default without an LLM).

Text is split into sentences (with offsets); only sentences with a trigger word are
examined; each hit from `patterns.py` becomes a typed `ClaimDraft` whose quote is the
sentence, located in the text with `locate_quote`. Common fields come from the
sentence (board, metric, category, view, date, hedge, claimant), falling back to the
article (its one named board, its publication date, its source).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from bot.extract.base import ArticleText, ExtractionResult, locate_quote
from bot.extract.cues import ASIDE_PLACE, find_all, scores_context
from bot.extract.dates import When, find_date, find_period, find_when
from bot.extract.gaps import bare_groups, countries_named
from bot.extract.groups import find_groups
from bot.extract.hits import GroupHit, Hit, PairHit, RankHit, ScoreHit, TrendHit
from bot.extract.lexicon import BENCHMARKS, BOARDS, CATEGORIES, CLAIMANT_PATTERNS, HEDGES
from bot.extract.modality import PLUPERFECT, clause_before, mood
from bot.extract.names import (
    UNPINNED_WORDS,
    Gazetteer,
    Mention,
    described_span,
    introduced_in_text,
    introduced_names,
    shaped_names,
    short_names,
    unlisted_names,
)
from bot.extract.patterns import (
    EXCLUDED_BEFORE,
    OPEN_LIST,
    SECOND_PLACE,
    Sentence,
    benchmark_id,
    object_starts,
    sentence_antecedent,
    sentence_list,
    unknown_kind,
)
from bot.extract.referents import (
    Referents,
    bare_versions,
    former_and_latter,
    sharpen_topic,
    version_tiers,
)
from bot.extract.regexes import longest_first, regex
from bot.extract.scope import benchmark_scope, other_board, size_scoped, slug
from bot.extract.statements import statement
from bot.extract.subjects import REFERENCE, subjects, unlisted_subjects
from store.claims import (
    CLAIM_ADAPTER,
    ClaimDraft,
    Group,
    View,
    claim_dedupe_key,
)
from store.registry import load_registry

VERSION = "rules-2"

# A sentence ends at . ! ? followed by space and a capital/quote/digit, or at a newline.
# Abbreviations end in a period without ending the sentence: "No. 1", "vs. GPT-4".
_NO_END = "".join(
    rf"(?<!\b{re.escape(a)})"
    for a in (
        "No.",
        "no.",
        "vs.",
        "Vs.",
        "Nr.",
        "approx.",
        "e.g.",
        "i.e.",
        "Fig.",
        "Mr.",
        "Dr.",
        "Ms.",
        "St.",
        "Jan.",
        "Feb.",
        "Aug.",
        "Sept.",
        "Oct.",
        "Nov.",
        "Dec.",
    )
)
# A sentence may also start with a lower-case model name ("... (1451). o3-2025-04-16 is
# ranked 2nd"): a lower-case word with a digit in it; or with a name written in camel
# case ("xAI's Grok-2 sits ahead of ...").
_SENTENCE_END = regex(
    rf"(?<=[.!?]){_NO_END}[\"'”’)]*\s+(?=[\"“'(\[A-Z0-9#]|[a-z][\w.-]*\d|[a-z]+[A-Z])|\n+"
)
# Cheap prefilter: a sentence without any of these cannot hold a claim.
_TRIGGER = regex(
    r"overt|surpass|outperform|outscor|outrank|outpac|beat|best|edge|lead|top|trail|lag|"
    r"behind|below|above|ahead|tie|match|par with|level with|rank|#|no\. ?\d|number|first|"
    r"second|third|spot|place|position|elo|score|rating|%|state[- ]of|gap|catch|caught|"
    r"pull|high|record|leader|strongest|capable|intelligent|dominat|eclips|leapfrog|among|"
    r"than|improv|upgrade|superior|exceed|approach|compar|competitive|rival|par\b|lead|"
    r"smartest|powerful|sota|frontier|standard|deficit|distance|parity|erase|narrow|shr[iau]nk|"
    r"widen|level|runner|next|follow|most\s|advanced|greatest|in[- ]class|clos\w+\s+in|"
    r"gaining|\bled\b|neck\s+and\s+neck|grip|\d",
    re.IGNORECASE,
)
_BOARD_RE = regex(
    r"(?<![\w-])(" + "|".join(re.escape(k) for k in longest_first(BOARDS)) + r")(?![\w-])",
    re.IGNORECASE,
)
# Names that mean the text arena only when no sub-arena is named beside them.
_GENERIC_BOARDS = frozenset({"lmarena-text"})
_THE_ARENA = regex(
    r"\b(?i:on|in|atop|at\s+the\s+top\s+of)\s+the\s+Arena\b(?!\s+(?:of|for)\b)|"
    # "On the arena, X ranks above Y": written small, only where a place is on it
    r"\b(?i:on|atop|at\s+the\s+top\s+of)\s+the\s+arena\b(?!\s+(?:of|for)\b)"
)
_SUB_ARENAS = frozenset(
    b for b in BOARDS.values() if b.startswith("lmarena-") and b != "lmarena-text"
)
_BENCH_RE = regex(
    r"(?<![\w-])(" + "|".join(re.escape(k) for k in longest_first(BENCHMARKS)) + r")",
    re.IGNORECASE,
)
# the arena's category names, longest first, as every category pattern below reads them
_CATEGORY_NAMES = "|".join(re.escape(k) for k in longest_first(CATEGORIES))
_CATEGORY_RE = regex(
    # "in LMArena's coding category", "on the Chatbot Arena coding leaderboard"
    r"\b(?:in|on|for|at|when\s+it\s+comes\s+to)\s+(?:the\s+)?"
    r"(?:(?:LMArena|LMSYS|Chatbot\s+Arena|Arena)(?:['’]s)?\s+)?("
    + _CATEGORY_NAMES
    + r")\b(?!\s+(?:agents?|agentic|assistants?|completion|generation|editors?|tools?|review))"
    r"(?:\s+(?:category|arena|leaderboard|rankings?|tasks?))?",
    re.IGNORECASE,
)
# "at real coding", "for everyday writing": a task the words narrow below any board's
# category or the overall order
_QUALIFIED_TASK = regex(
    r"\b(?:at|in|for|on)\s+(?P<task>(?:real|real-world|everyday|practical|actual|day-to-day|"
    r"professional|production)\s+[a-z][\w-]*)\b",
    re.IGNORECASE,
)
_BOARD_CATEGORY = regex(
    r"\b(?:LMArena|LMSYS|Chatbot\s+Arena)(?:['’]s)?\s+("
    + _CATEGORY_NAMES
    + r")\s+(?:category|leaderboard|rankings?|board|arena)\b",
    re.IGNORECASE,
)
# "Creative writing is the one area where Google still leads": a category as the
# sentence's subject, which a next sentence's "there" speaks of
_CATEGORY_SUBJECT = regex(
    r"^\W*(?:(?:and|but|yet)\s+)?("
    + _CATEGORY_NAMES
    + r")(?:\s+(?:category|arena|leaderboard|rankings?))?(?:\s*,[^,.;]{1,30},)?\s+"
    r"(?:is|was|remains|remained|has\s+been|stays|stayed)\b",
    re.IGNORECASE,
)
_OTHER_CATEGORY = regex(
    r"\bin the ((?:[\w-]+ ){0,4}[\w-]+) (?:category|categories|division|track|subset)\b",
    re.IGNORECASE,
)
_SCOPED_TYPES = ("rank_position", "score_value", "pairwise_comparison")
# Arena scores are Elo-like (roughly 800-1600); a bare "score of 73.75" is no arena score.
_LOWEST_ELO = 500.0
# The measure named right before a number: "an MT-Bench score of 9.32", "(MT-Bench 8.99,
# MMLU 86.4)", "a GPQA of 87%". A measure's name is written like one: capitals after
# its first letter, a digit or a hyphen ("At 1093" and "Elo 1400" name no benchmark).
_MEASURE_NAME = (
    r"(?P<name>[A-Z](?=[\w.²‑-]*[A-Z0-9²‑-])[\w.²‑-]*[\w²]"
    r"(?:\s+(?:v?\d[\w.]*|[A-Z][\w.²‑-]*))?(?:\s+v?\d[\w.]*)?)"
)
_MEASURE_BEFORE = regex(
    rf"(?<![\w.‑-]){_MEASURE_NAME}"
    r"\s*(?:(?:score|rating|result|accuracy)\s+of\s+|of\s+|at\s+|:\s*|\(\s*)?"
    r"(?:about\s+|around\s+|roughly\s+|just\s+|over\s+|nearly\s+|~\s*)?$"
)
# "On Arena-Hard v2 it posts 86.1, well clear of DeepSeek (61.5)": the benchmark the
# clause is on, named before its subject, is its numbers' measure
# "a 90% score on the GSM8K benchmark": named right after the number
_MEASURE_AFTER = regex(
    r"[\d.,]+\s*%?(?:\s+(?:score|accuracy|pass\s+rate|success\s+rate|win\s+rate|"
    # "4% word error rate on FLEURS"
    r"(?:word\s+|character\s+)?error\s+rate|WER|CER))?"
    rf"\s+(?:on|in)\s+(?:the\s+)?{_MEASURE_NAME}"
)
_MEASURE_ON = regex(rf"\b(?:[Oo]n|[Ii]n)\s+(?:the\s+)?{_MEASURE_NAME}")
_ELO_WORDS = regex(r"\b(?:elo|lmarena|lmsys|chatbot\s+arena)\b", re.IGNORECASE)
# "with style control turned off": the raw view
_OFF = r"\s+(?:(?:is|was)\s+)?(?:(?:turned|switched|toggled)\s+off|off\b|disabled|removed)"
_STYLE = regex(
    rf"\bstyle[- ]control(?!{_OFF})|"
    r"\bstyle\s+is\s+(?:accounted|controlled|corrected|adjusted)\s+for|"
    r"\b(?:controlling|correcting|adjusting)\s+for\s+style|\bstyle[- ]adjusted",
    re.IGNORECASE,
)
# "in the raw view", "on the default leaderboard", "without style control"
_RAW = regex(
    r"\b(?:raw|default|unadjusted|plain)\s+(?:view|rankings?|leaderboard|scores?|ratings?|board|"
    r"order|standings|elo|table|list|terms)\b|\b(?:without|before)\s+(?:the\s+)?style[- ]control|"
    rf"\bstyle[- ]control{_OFF}",
    re.IGNORECASE,
)
_BRACKETED = regex(r"\([^()]*\)")
# "13th overall and 8th with style control": "and" before a second place
_AND_PLACE = regex(
    r"\s+and\s+(?=(?:\d{1,3}(?:st|nd|rd|th)|No\.\s?\d|#\d|first|second|third|fourth|fifth|sixth|"
    r"seventh|eighth|ninth|tenth)\b)",
    re.IGNORECASE,
)
# where a view's words stop holding: a new clause ("..., though it climbs to eighth
# when style control is applied"; "X, which ties for third in the raw view, falls ...")
_VIEW_BREAK = regex(
    r";|,\s+(?:and|while|but|whereas|though|although|yet|which|who)\b|"
    # "8th with style control (13th overall)": an aside has its own view
    r"\s+(?:while|whereas|though|although|but)\s+|,\s*$|(?<=\w),\s+(?=[a-z]+s\b)|[()]|"
    + _AND_PLACE.pattern,
    re.IGNORECASE,
)
_PRONOUN_SUBJECT = regex(
    rf"^\W*(?:[\w'’-]+\s+){{0,6}}?{REFERENCE}\s+"
    r"(?:is|was|also|now|still|then|has|had|scores|ranks|beats|leads|outperforms|outscores|"
    # the past tense too: "In the blind evaluation it came out ahead of ..."
    r"[a-z]+s|[a-z]{2,}ed|came|went|took|won|held|beat|led|rose|fell|got|hit|set|kept|sat|"
    r"stood|became|overtook)\b",
    re.IGNORECASE,
)
# "Its 57.5 on LiveCodeBench is the best result." speaks of the same model as the
# sentence before, as "It scores 57.5" would
_POSSESSIVE_LEAD = regex(r"^\W*(?:[\w'’-]+\s+){0,4}?its\s+(?!own\b)", re.IGNORECASE)
_SAYS = regex(r",?\s+(?:said|says|claims|claimed|argues|argued|wrote|writes|told|added|noted)\b")
_QUESTION = regex(r"\?\s*$")
# a date set before a sentence's words: "In July 2024, ...", "Back in March, ..."
_DATE_OPENER = regex(
    r"\W*(?:back\s+)?(?:in|on|by|during|as\s+of|at\s+the\s+end\s+of)\s+"
    r"(?:(?:early|mid|late|the\s+summer\s+of|the\s+spring\s+of|the\s+autumn\s+of|"
    r"the\s+fall\s+of)[\s-]+)?[\w ]{3,20}?(?:\s+20\d\d)?,",
    re.IGNORECASE,
)
# the simple past a paragraph's date goes on over, not today's present
_TOLD_PAST = regex(
    r"\b(?:was|were|tied|beat|led|took|held|came|sat|rose|fell|won|stood|overtook|"
    r"[a-z]{2,}ed)\b",
    re.IGNORECASE,
)
_TOLD_NOW = regex(
    r"\b(?:is|are|has|have|now|currently|today|still|remains?|ranks|leads|beats|sits|"
    r"tops|trails|holds|stands)\b|['’]s\s+(?:been|now|still)\b",
    re.IGNORECASE,
)
# a time of the sentence's own, even one no date is read from ("this week", "recently",
# "in the latest update", "a month later", "when o1-preview arrived"): not the paragraph's
_OWN_TIME = regex(
    r"\b(?:this|last|next|recent\w*|latest|newest|current\w*|writing|updates?|later|earlier|"
    r"after|before|when|since|ago|now|today|yesterday|then|quarter|season|spring|summer|autumn|"
    r"fall|winter|meanwhile|subsequently|eventually|soon)\b|"
    # "Three months on" ("within days" goes on from the paragraph's time)
    r"\b(?:days?|weeks?|months?|years?)\s+(?:on|into)\b",
    re.IGNORECASE,
)
# "The report also counted R1 among ...": a document's finding, of the document's date
_DOCUMENT_SAYS = regex(
    r"\W*(?:the|this|that|its|their)\s+(?:[\w-]+\s+)?(?:report|study|survey|index|paper|"
    r"analysis|review|audit|ranking)s?\b",
    re.IGNORECASE,
)
# the words that make a short question ask about a comparison, not put a name forward
_ASKED_CUE = regex(
    r"\b(?:beat\w*|tops?|topped|leads?|led|trail\w*|outperform\w*|outrank\w*|surpass\w*|"
    r"overt(?:ake|akes|ook|aken)|ranks?|ranked|ahead|behind|above|below|best|better|worse|"
    r"first|second|third|higher|lower|match\w*|tie[sd]?)\b",
    re.IGNORECASE,
)
# a question of a few words ("And 4o-mini?", "What about Gemini?"): no verb of its own
_SHORT_QUESTION = regex(r"(?:[\w.'’()+-]+\s+){0,6}[\w.'’()+-]+\s*\?")
# Rankings of something other than the models' quality: app stores, downloads, prices,
# speed ("On pricing, the model beats cost leaders ...", "the No. 1 free iPhone app").
_OTHER_RANKING = regex(
    r"\b(?:app\s+(?:stores?|charts?)|Google\s+Play|(?:iPhone|Android|mobile)\s+apps?|free\s+apps?|"
    r"downloads?\s+(?:charts?|rankings?)|(?:in|by)\s+(?:downloads|popularity|usage|revenue)|"
    # value for money is price, which no leaderboard ranks
    r"for\s+the\s+(?:money|price)|value\s+for\s+money|bang\s+for\s+(?:the|your)\s+buck|"
    # a product's app, its users or revenue, papers about it: ranked, but on no
    # leaderboard ("Claude app ranked 62nd overall", "second only to ChatGPT's 500
    # million weekly users", "the most first-authored papers")
    r"(?!(?:the|an?|their|its|our|your|this|that|mobile|free|web|new|iphone|android)\s)"
    r"[\w.-]+\s+apps?|(?:monthly|weekly|daily)\s+(?:active\s+)?users|"
    r"top[- ]grossing|valuation|market\s+share|web\s+(?:visits|traffic)|brand\s+awareness|"
    r"(?:accepted|research)\s+papers|first[- ]authored)\b|"
    r"^\W*(?:on|in\s+terms\s+of|when\s+it\s+comes\s+to)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:pric\w*|costs?|speed|latency|throughput)\s*,",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Span]:
    out: list[Span] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        _add(out, text, pos, m.start())
        pos = m.end()
    _add(out, text, pos, len(text))
    return out


def _add(out: list[Span], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        out.append(Span(start + lead, start + lead + len(stripped), stripped))


def _board(sentence: str) -> str | None:
    """The board a sentence names; a sub-arena ("LMArena's Search Arena", "LMSys Vision
    Leaderboard") wins over the generic name it follows, which means the text arena."""
    found = [BOARDS[m.group(1).lower()] for m in _BOARD_RE.finditer(sentence)]
    specific = [b for b in found if b not in _GENERIC_BOARDS]
    chosen = specific or found
    if not chosen and _THE_ARENA.search(sentence):
        return "lmarena-text"  # "On the Arena, though, ...": the shorthand for LMArena
    return chosen[0] if chosen else None


def _clause(sentence: str, pos: int) -> tuple[int, int]:
    """Where the clause holding `pos` starts and ends (_CLAUSE_BREAK)."""
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, pos)), default=0)
    after = _CLAUSE_BREAK.search(sentence, pos)
    return start, after.start() if after else len(sentence)


_OWN_PART = regex(r"(?:['’]s)?\s+(?:(?:new|own|separate|dedicated)\s+)?", re.IGNORECASE)


def _clause_board(sentence: str, pos: int) -> str | None:
    """The board of the clause holding `pos`: "GPT-5 tops LMArena, and Claude tops the
    WebDev Arena" puts each on its own; a clause naming none takes the sentence's."""
    start, end = _clause(sentence, pos)
    names = list(_BOARD_RE.finditer(sentence, start, end))
    if len({BOARDS[m.group(1).lower()] for m in names}) <= 1:
        return _board(sentence[start:end]) or _board(sentence)
    # several boards in one clause ("While GPT-5 leads LMArena's text board, Claude
    # leads the WebDev Arena"): the first named after the cue; "LMArena's WebDev Arena"
    # is the sub-arena it names
    later = [m for m in names if m.start() >= pos]
    if not later:
        return _board(sentence)  # all named before the cue: the sentence's reading
    first = later[0]
    board = BOARDS[first.group(1).lower()]
    following = [m for m in names if m.start() > first.end()]
    if board in _GENERIC_BOARDS and following:
        sub = following[0]
        gap = sentence[first.end() : sub.start()]
        if _OWN_PART.fullmatch(gap) and BOARDS[sub.group(1).lower()] in _SUB_ARENAS:
            return BOARDS[sub.group(1).lower()]
    return board


def _metric(sentence: str, board: str | None) -> str | None:
    # a benchmark named in an aside measures the aside's numbers (rules._score_metric)
    m = _BENCH_RE.search(_ASIDE.sub(" ", sentence))
    if m:
        return BENCHMARKS[m.group(1).lower()]
    if (board and board.startswith("lmarena")) or re.search(r"\belo\b", sentence, re.I):
        return "arena_score"
    return None


# Where a sentence's clauses part: each may speak of another measure
_CLAUSE_BREAK = regex(r";|,\s+(?:and|while|but|whereas)\s+|\s+(?:while|whereas)\s+")


def _clause_metric(sentence: str, pos: int) -> str | None:
    """The measure named in the clause that holds `pos`, the nearest when it names
    several: "Gemini 2.5 Pro ranks first on LMArena, and Grok 4 scores 88% on GPQA"
    ranks Gemini by the arena's score, not by GPQA."""
    start, end = _clause(sentence, pos)
    # "GPT-4 on 1159 (MT-Bench 8.99, MMLU 86.4), then Claude-1": an aside's measure is
    # its own numbers', not the clause's
    asides = [a.span() for a in _ASIDE.finditer(sentence) if not a.start() <= pos < a.end()]

    def outside(m: re.Match[str]) -> bool:
        return not any(a <= m.start() < b for a, b in asides)

    named = [
        (abs(m.start() - pos), BENCHMARKS[m.group(1).lower()])
        for m in _BENCH_RE.finditer(sentence, start, end)
        if outside(m)
    ]
    named += [
        (abs(m.start() - pos), "arena_score")
        for m in _BOARD_RE.finditer(sentence, start, end)
        if BOARDS[m.group(1).lower()].startswith("lmarena") and outside(m)
    ]
    return min(named)[1] if named else None


# an aside with numbers of its own ("(MT-Bench 8.99, MMLU 86.4)"); "(GPQA)" names
# what the words before it describe
_ASIDE = regex(r"\([^()]*\d[^()]*\)")


# a sentence that only denies the one before it
# "That was in February.", "This was back in March 2025.", "That was two weeks ago."
_DATES_BEFORE = regex(
    r"(?:(?:and|but)\s+)?(?:that|this|it|all\s+(?:that|this))\s+(?:was|happened|came)\s+"
    r"(?:(?:way|all\s+the\s+way)\s+)?(?:back\s+)?(?:only\s+|just\s+)?"
    r"(?:in|on|during|at\s+the\s+(?:end|start|beginning)\s+of|"
    r"(?=(?:[\w-]+\s+){1,4}ago\b)|(?=last\s)|(?=\w+\s+\d))"
    r"[^.;:!?]{1,40}[.!]",
    re.IGNORECASE,
)
_DENIES_BEFORE = regex(
    # 'CLAIM: "Llama 4 beats GPT-4o." VERDICT: False.'
    r"(?:our\s+)?(?:verdict|rating|ruling)\s*:\s*(?:false|mostly\s+false|incorrect|wrong|untrue|"
    r"pants\s+on\s+fire)[.!](?:\s|$)|"
    r"(?:(?:but\s+|yet\s+)?(?:that|this|it|the\s+claim|this\s+claim|that\s+claim)\s*(?:is|was|['’]s)\s+"
    r"(?:simply\s+|just\s+)?(?:not\s+(?:true|the\s+case|so|correct|accurate)|false|untrue|wrong|"
    r"incorrect)|(?:not|hardly)\s+so|"
    r"(?:the\s+)?(?:data|numbers|leaderboard|board|rankings?)\s+(?:say|says|show|shows|tell|tells)"
    r"\s+(?:a\s+different\s+story|otherwise)|"
    # "In reality it doesn't."; "People insist X beats Y. It does not."
    r"(?:(?:but|in\s+reality|in\s+fact|actually|it\s+turns\s+out),?\s+)?(?:it|they|that)\s+"
    r"(?:doesn['’]t|does\s+not|don['’]t|do\s+not|didn['’]t|did\s+not|isn['’]t|is\s+not|"
    r"wasn['’]t|was\s+not))[.!:](?:\s|$)",
    re.IGNORECASE,
)
_DOUBTS_BEFORE = regex(
    # a fact check's rating that neither confirms nor denies: "Rating: Misleading."
    r"(?:our\s+)?(?:verdict|rating|ruling)\s*:\s*(?:misleading|unproven|mixed|half[- ]true|"
    r"mostly\s+true|needs\s+context|unverified|partly\s+false|missing\s+context)[.!]|"
    r"(?:but\s+)?(?:I|we)(?:\s+|(?=['’]))(?:(?:really\s+)?doubt\s+(?:it|that)|"
    r"(?:am|are|['’]m|['’]re)\s+not\s+(?:so\s+)?(?:sure|convinced)(?:\s+(?:of\s+)?(?:that|it))?"
    # "I'm not sure that's right.", "I'm not convinced it holds."
    r"(?:(?:['’]s|\s+is|\s+holds|\s+(?:is\s+)?true|\s+(?:is\s+)?right|\s+(?:is\s+)?correct))*|"
    r"(?:don['’]t|do\s+not)\s+(?:buy|believe)\s+(?:it|that))[.!]|"
    # "... beats GPT-4.5 on LMArena. Is that true?", "Or does it?", "Really?": questioned
    r"(?:but\s+)?(?:is|was)\s+(?:that|this|it)\s+(?:really\s+|actually\s+)?"
    r"(?:true|so|right|correct|accurate|the\s+case)\?|"
    r"(?:or\s+)?(?:does|did|do|is|was|has|can|will)\s+(?:it|they|he|she)\?|really\?",
    re.IGNORECASE,
)
_SAYING = (
    r"\s+(?:says|said|claims|claimed|reports|reported|announced|boasts|boasted|touts|touted|"
    r"insists|insisted)\b"
)
# "Alibaba says ...", "According to Alibaba, ...", "..., Alibaba claimed"
_MAKER_SAYS = regex(
    rf"(?:^\W*|,\s*)(?P<org>[A-Z][\w.-]*)(?:['’]s\s+own\s+\w+)?{_SAYING}|"
    r"\b(?i:according)\s+to\s+(?P<org2>[A-Z][\w.-]*)(?=\s*,)"
)
_FROM_LEVEL = regex(
    r"\b(?:down\s+|up\s+)?from\s+(?:about\s+|roughly\s+|around\s+|some\s+|nearly\s+)?"
    r"\d[\d,.]*\s*(?:(?:Elo\s+)?(?:points?|pts)|%|percentage\s+points)?\s+"
    r"(?P<when>(?:in|at\s+the\s+end\s+of|by|as\s+of|back\s+in)\s+|"
    # "down from 60 a year ago", "up from 20 last month": the time back from now
    r"(?=(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2}|"
    r"a\s+couple\s+of)\s+(?:days?|weeks?|months?|years?)\s+ago\b|last\s+[a-z]+\b|"
    r"(?:early|late|mid-?)\s*(?:this|last)\s+year\b))",
    re.IGNORECASE,
)
# "has narrowed to just 10 points", "now stands at about 36 points": where a gap ends
_GAP_LEVEL = regex(
    r"\b(?:to|at|now)\s+(?:just\s+|only\s+|about\s+|roughly\s+|around\s+|some\s+|a\s+mere\s+)?"
    r"(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?:Elo\s+)?(?:points?|pts)\b(?!\s+(?:in|from|on)\b)",
    re.IGNORECASE,
)
_UNPINNED_BUILD = regex(
    rf"(?:the\s+)?(?:{UNPINNED_WORDS})\s+(?!version\b)",
    re.IGNORECASE,
)
# "For multilingual translation, GPT-4.5 ranks first": a task named before the clause
_FRONTED_TASK = regex(
    r"\W*(?i:for|in|on|at)\s+(?!(?:example|instance|now|short|fact|practice|particular|"
    r"addition|contrast|comparison|total|turn|general|reality|average|balance|sum|theory|"
    r"effect|all|both|the\s+other\s+hand|the\s+whole|other\s+words|my|our\s+view|"
    r"performance|quality|benchmarks?|evals?|evaluations?|paper|"
    # "In the latest update,", "On the open side,": the board's own scene, no task
    r"(?:the\s+)?(?:latest|newest|new|recent|last|current|weekly|monthly)\s+(?:update|refresh|"
    r"release|snapshot|edition|leaderboard|rankings?|standings|table)|"
    r"the\s+(?:overall\s+)?(?:rankings?|standings|leaderboard|table)|"
    r"the\s+(?:open|closed|proprietary)\s+side|"
    # times and places, not tasks: "At launch,", "At first,"
    r"launch|release|debut|first|last|present|times|best|worst|least|most|once|scale|"
    # "At the same time,", "On the arena,": "the" begins a task only as a named kind of
    # test ("In the coding category,", "On the math side,", "On the hard prompts,")
    r"the\s+(?![\w-]+(?:\s+[\w-]+){0,2}\s+(?:side|category|tasks?|benchmarks?|tests?|track|"
    r"domain|problems|questions|prompts|subset|split)\b)(?!(?:[\w-]+\s+){0,2}prompts\b))\b)"
    r"(?P<task>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}),"
)
_DESCRIBED_SUBJECT = regex(
    r"\W*(?:the|this|that|its|their)\s+(?!(?:new\s+|latest\s+)?model\b)(?:[\w-]+\s+){0,2}?"
    r"(?:released|experimental|public|original|updated|older|earlier|other)\s+[\w.-]+",
    re.IGNORECASE,
)
_POINTS_BACK = regex(r"\bthere\b|\bthe\s+same\s+(?:category|board|test|benchmark)\b", re.I)
_ELSEWHERE = regex(
    r"\W*(?:elsewhere|meanwhile|separately|in\s+other\s+news|on\s+the\s+main\s+board)\b",
    re.IGNORECASE,
)
# "In coding, X is 22nd. Even with style control it is sixth": "it" goes on in the
# category (a test is carried only by the words above)
_IT_GOES_ON = regex(r"\bit\b", re.IGNORECASE)
# "X – widely regarded as the best model for programming – is fourth", "Grok 3, which
# xAI bills as the best model in the world, ranks second": a reputation others give the
# model (_reputed_beside_own)
_REPUTED = regex(
    r"\b(?:regarded|considered|billed|touted|hailed|seen|known|described|marketed|branded|"
    r"pitched|dubbed|lauded|praised|advertised|promoted|positioned|bills?|touts?|hails?|"
    r"markets?|pitches?|positions?|advertises?)\s+(?:it\s+|by\s+[^,;()–—]{1,40}?\s+)?"
    r"(?:as\s+)?$",
    re.IGNORECASE,
)
_GOES_ON = regex(
    r"\b(?:there|also|too|likewise|second|third|fourth|fifth|next|followed|behind|"
    r"runner-up|trails?|trailing)\b|\bon\s+(?:it|that|the\s+same)\b",
    re.IGNORECASE,
)


def _lead_measure(sentences: list[Span], title: str) -> str | None:
    """The test the first two lines after a headline name, when they name no board
    ("o3-mini beats DeepSeek R1" over "On the AIME 2024 benchmark, ..."); tasks the text
    leaves open when they name a test and a board both."""
    body = [s.text for s in sentences if s.text.strip() != title][:2]
    tests = [t for t in (_named_measure(text)[0] for text in body) if t]
    if not tests:
        return None
    return "unnamed_tasks" if any(_board(text) for text in body) else tests[0]


def _view(sentence: str, pos: int) -> View | None:
    """The leaderboard view a claim is said in: the one its own clause names, else the
    one the sentence names when it names only one; else both are checked."""
    pos += sentence[pos : pos + 1] == "("  # a place that opens an aside is inside it
    starts = [0] + [m.end() for m in _VIEW_BREAK.finditer(sentence) if m.end() <= pos]
    ends = [m.start() for m in _VIEW_BREAK.finditer(sentence) if m.start() > pos]
    clause = sentence[starts[-1] : ends[0] if ends else len(sentence)]
    # "ranks 34th, but with style control it jumps to 14th": a view named in the other
    # half of a contrast is that half's; this one's is not said
    # (and an aside in brackets, "8th with style control (13th overall)", has its own,
    # which is not the rest of the sentence's: "13th (No. 8 with style control)")
    aside = sentence[starts[-1] - 1 : starts[-1]] == "("
    rest = _BRACKETED.sub(" ", sentence)
    # ("13th overall and 8th with style control": each place its own view)
    own = aside or _CONTRAST.search(sentence) or _AND_PLACE.search(sentence)
    texts = (clause,) if own else (clause, rest)
    for text in texts:
        style, raw = bool(_STYLE.search(text)), bool(_RAW.search(text))
        if style != raw:
            return "style_control" if style else "raw"
        if style:
            return None
    return None


# "debuted two weeks ago and now ranks second": back to the text's own day
# "debuted at eighth three weeks ago and has since slipped to 13th": the place is today's
_AND_NOW = regex(
    r"\b(?:and|but|yet)\s+(?:(?:is\s+|has\s+)?(?:now|currently|today)|(?:has|have)\s+since|"
    r"since\s+then)\b",
    re.I,
)
# where a clause turns: "X, though Y", "X but Y", "X; Y"
_CONTRAST = regex(r"(?:,\s*|\s+)(?:but|while|whereas|although|though)\b|,\s*yet\b|;", re.IGNORECASE)


def _contrast_half(sentence: str, pos: int) -> str:
    """The half of a contrast ("X, though Y", "X but Y", "X; Y") that holds `pos`."""
    cuts = list(_CONTRAST.finditer(sentence))
    start = max((m.end() for m in cuts if m.end() <= pos), default=0)
    end = min((m.start() for m in cuts if m.start() > pos), default=len(sentence))
    return sentence[start:end]


_QUOTED = regex(r'"[^"]{1,300}"|“[^”]{1,300}”')


def _named_measure(sentence: str) -> tuple[str | None, str | None]:
    """The test (not an arena's score) and the arena category a sentence names, which
    the next sentences that rank and name none go on speaking of. Words in quotation
    marks are someone's remark ("“The gap in coding is larger,” LMArena wrote"): they
    set nothing for the writer's next sentences."""
    sentence = _QUOTED.sub(" ", sentence)
    bench = _BENCH_RE.search(_ASIDE.sub(" ", sentence))
    cat = (
        _CATEGORY_RE.search(sentence)
        or _BOARD_CATEGORY.search(sentence)
        or _CATEGORY_SUBJECT.match(sentence)
    )
    return (
        BENCHMARKS[bench.group(1).lower()] if bench else None,
        CATEGORIES[cat.group(1).lower()] if cat else None,
    )


def _claimant(sentence: str, default: str | None) -> str | None:
    for pattern in CLAIMANT_PATTERNS:
        m = pattern.search(sentence)
        if m:
            who = m.group("who").strip(" ,.")
            if who and who.lower() not in ("it", "he", "she", "they", "we", "this", "that"):
                return who
    return default


class RulesExtractor:
    """Extractor protocol (bot/extract/base.py) over the gazetteer and patterns."""

    name = "rules"
    version = VERSION

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gaz = gazetteer or Gazetteer.build()

    def extract(self, article: ArticleText) -> ExtractionResult:
        named = introduced_names(article.title) + introduced_in_text(article.text, self.gaz)
        gaz = self.gaz.with_names(named)
        extractor = RulesExtractor(gaz) if gaz is not self.gaz else self
        return extractor._extract(article)

    def _extract(
        self, article: ArticleText, shorts: dict[str, str] | None = None
    ) -> ExtractionResult:
        text = article.text
        result = ExtractionResult(extractor=self.name, version=self.version)
        sentences = split_sentences(text)
        article_board = _single_board(text)
        seen: set[str] = set()
        prev_subject: str | None = None
        prev_list: tuple[str, ...] = ()  # the previous sentence's "A and B" ("both models")
        raw = [_no_licences(sent.text, self.gaz.models(sent.text)) for sent in sentences]
        size_lists = [_size_lists(sent.text, ms) for sent, ms in zip(sentences, raw, strict=True)]
        found = [_with_sizes(ms, lists) for ms, lists in zip(raw, size_lists, strict=True)]
        if shorts is None:
            # "Llama 4 Maverick ... Maverick came in second": a full name's last word,
            # written alone later, names that model for this article
            shorts = short_names(text, (m for ms in found for m in ms), self.gaz)
            if shorts:
                return RulesExtractor(self.gaz.with_names(shorts))._extract(article, shorts)
        topic = sharpen_topic(self._topic(article, sentences), [m for ms in found for m in ms])
        referents = Referents(self.gaz.organisation, _maker)
        # "Gemini 2.0 Pro ... 2.5 Pro improves by 40 points": the family a version goes with
        tiers = version_tiers(m for ms in found for m in ms)
        about_scores = scores_context(text)
        countries = countries_named(f"{article.title or ''}\n{text}")
        models: list[Mention] = []
        prev_text = ""
        last_rank: int | None = None
        # "On the Text Arena, X shares rank 1. Y is ranked 2nd on 1445.": a board named in
        # one sentence goes on in the next ones that rank and name none, until a sentence
        # names another or ranks nothing
        carried: str | None = None
        # and a test or an arena category so named: (metric, category)
        measure: tuple[str | None, str | None] = (None, None)
        # "a new list of its ten best open-source models. ... Kimi K2 sits at the very
        # top.": the places said after a ranking of a group are counted within it, in
        # the next sentences that rank, until one ranks nothing or says "overall"
        listed: Group | None = None
        said_from = 0  # where the previous sentence's claims start in result.drafts
        # "Chinese models are catching up with US ones. On MMLU the gap is now just 0.3
        # points.": the two groups the previous sentence set against each other, for a
        # gap the next one speaks of without naming its sides
        sides: tuple[Group, Group] | None = None
        prev_described = False
        # "In July 2024, Meta released Llama 3.1. GPT-4o mini tied GPT-4o.": a date set
        # before a sentence goes on over the undated past of its paragraph
        told: When | None = None
        prev_end = 0
        # a headline naming no board or test is about the one its first lines name
        title = (article.title or "").strip()
        headline = _lead_measure(sentences, title) if title else None
        for sent, written, lists in zip(sentences, found, size_lists, strict=True):
            # "it" may mean the article's topic only when the previous sentence offered
            # no other candidate: no model in subject position there
            named_before = bool(models) and bool(subjects(prev_text, models, ()))
            # "The released Maverick ... debuted in 35th place. It ranks behind ...": a
            # subject described, not named, is a candidate too; "it" is then not the topic
            named_before = named_before or bool(_DESCRIBED_SUBJECT.match(prev_text))
            # "And GPT-4o mini? It ranks ..." : a short question puts its model forward
            named_before = named_before or _asks_about_name(prev_text)
            # "the 405B model" after "Llama 3.1 405B" is that model (referents.py)
            models = referents.resolve(sent.text, written, short_names=False)
            models = bare_versions(sent.text, former_and_latter(sent.text, models), tiers)
            models = [m for m in models if not _RELATIVE_OF.match(sent.text, m.end)]
            referents.add(written)
            # "It" means the previous sentence's one subject, or nothing (subjects.py).
            subject_before = _sharpened(prev_subject, topic)
            if prev_described and subject_before == prev_subject:
                # "DeepSeek's new model is out. It ...": the model the maker's possessive
                # describes has no name here, and is not the maker's whole family
                subject_before = None
            names_listed, prev_list = prev_list, sentence_list(sent.text, models)
            prev_subject = sentence_antecedent(sent.text, models)
            prev_described = any(
                m.text == prev_subject and _described_by(sent.text, m, models) for m in models
            )
            if prev_subject is None and _verbless_question(sent.text):
                # "What about GPT-4o mini?": the one model it asks about, else nobody
                asked = {m.text for m in models if m.kind == "model"}
                prev_subject = asked.pop() if len(asked) == 1 else None
            if prev_subject is None and (
                _PRONOUN_SUBJECT.match(sent.text) or _POSSESSIVE_LEAD.match(sent.text)
            ):
                # "It is fifth ... . On hard prompts it outscores ...": a chain of "it"
                # sentences keeps speaking of the same model
                prev_subject = subject_before or (None if named_before else topic)
            prev_text = sent.text
            sides_before, sides = sides, None
            new_paragraph = "\n" in text[prev_end : sent.start]
            if new_paragraph:
                sides_before = None  # a new paragraph names its own sides
                told = None  # a new paragraph tells its own time
            prev_end = sent.end
            if opener := _DATE_OPENER.match(sent.text):
                told = find_when(opener.group(), article.published)
            if _DENIES_BEFORE.match(sent.text.strip()):
                # "... claimed that Grok 4 is number one on LMArena. That is not true."
                here = locate_quote(article.text, sent.text)
                for earlier in result.drafts[said_from:]:
                    earlier.negated = not earlier.negated
                    earlier.statement = statement(earlier)
                    if here is not None:
                        # the quote takes in the denial it rests on
                        earlier.span = (earlier.span[0], here[1])
                        earlier.quote = article.text[earlier.span[0] : here[1]]
            elif _DATES_BEFORE.fullmatch(sent.text.strip()) and (
                when := find_when(sent.text, article.published)
            ):
                # "Grok 3 topped LMArena. That was in February.": the date of the claims
                # just made, when they gave none of their own
                here = locate_quote(article.text, sent.text)
                for earlier in result.drafts[said_from:]:
                    if earlier.as_of != article.published or earlier.as_of_start is not None:
                        continue
                    if _TOLD_NOW.search(earlier.quote):
                        continue  # "X now ranks first. That was in February.": no past
                    earlier.as_of, earlier.as_of_start = when.day, when.start
                    if here is not None:
                        earlier.span = (earlier.span[0], here[1])
                        earlier.quote = article.text[earlier.span[0] : here[1]]
            elif _DOUBTS_BEFORE.fullmatch(sent.text.strip()):
                # '"X beats Y," a founder told me. I doubt it.': reported, then doubted
                del result.drafts[said_from:]
            said_from = len(result.drafts)
            board_before, carried = carried, None
            measure_before, measure = measure, _named_measure(sent.text)
            if new_paragraph or (
                _ELSEWHERE.match(sent.text) and not _POINTS_BACK.search(sent.text)
            ):
                # a new paragraph, or "Elsewhere, ...", leaves the test or category named
                # before (the board named goes on: articles name it once), unless the
                # sentence points back ("Meanwhile, GPT-4.5 ranks second there")
                measure_before = (None, None)
            overall = _OVERALL.search(sent.text) is not None
            list_before = None if overall else listed
            listed = _ranked_group(sent.text, self.gaz)
            if not _TRIGGER.search(sent.text):
                continue
            if _QUESTION.search(sent.text):
                # Questions ask, they do not assert ("will US models retake the lead?").
                continue
            if _OTHER_RANKING.search(sent.text):
                continue
            if extra := unlisted_subjects(sent.text, models, self.gaz, article.title or ""):
                models = sorted([*models, *extra], key=lambda m: m.start)
            # names no list knows, shaped like a model's ("Terra 2.1", "Nova-3 Pro"): on
            # either side of a claim, judged "model not found" when no board has them
            unlisted = [
                u
                for u in unlisted_names(sent.text, models, self.gaz)
                if not _SAYS.match(sent.text, u.end)  # "..., Elon Musk said": who says it
            ]
            if shaped := shaped_names(sent.text, models, self.gaz, unlisted):
                models = sorted([*models, *shaped], key=lambda m: m.start)
                # the rest stay candidates for a comparison's object (patterns.py)
                unlisted = [u for u in unlisted if not any(_overlaps(u, m) for m in shaped)]
            # "The highest-ranked open model is now Kimi K2": read as "Kimi K2 is now the
            # highest-ranked open model", the order every finder knows
            said, unlisted = (sent.text, unlisted)
            if turned := _inverted(sent.text, models):
                said, models, unlisted = (*turned, [])
            models = _not_restated(said, models)
            ctx = Sentence(
                said,
                models,
                bare_groups(said, find_groups(said, self.gaz)),
                self.gaz,
                subject_before,
                topic=topic,
                prev_named=named_before,
                prev_list=names_listed,
                scores_context=about_scores,
                prev_rank=last_rank,
                unlisted=unlisted,
                countries=countries,
                prev_sides=sides_before,
            )
            hits = find_all(ctx)
            unclear: list[Hit] = []
            for hit in hits:
                if isinstance(hit, RankHit) and EXCLUDED_BEFORE.search(ctx.text, 0, hit.start):
                    unclear.append(hit)  # "Excluding Google's own models, X is the top"
                elif _reputed_beside_own(hit, hits, ctx.text):
                    unclear.append(hit)
                elif isinstance(hit, RankHit) and hit.within is None:
                    scope = _scope_after(ctx, hit.start)
                    among = _AMONG_UNKNOWN.match(ctx.text) if scope is None else None
                    later = _AMONG_LATER.match(ctx.text, hit.start) if scope is None else None
                    if later and unknown_kind(later.group("kind"), self.gaz):
                        scope = False  # "second only to o1 among reasoning models"
                    if among and (among.group("rest").strip() or not among.group("kind")):
                        scope = False  # "Among models under 30 billion parameters, ..."
                    elif among and unknown_kind(among.group("kind"), self.gaz):
                        # "Among the five models we compared, X came first": a set no
                        # group's facts describe
                        scope = False
                    if (
                        scope is None
                        and _UNREAD_SCOPE.match(ctx.text, hit.start)
                        and not size_scoped(ctx.text)
                    ):
                        # "the best model whose weights are public", "... you can run
                        # yourself": a set no group phrase reads; never the whole board
                        scope = False
                    if scope is False:
                        unclear.append(hit)  # a place within groups the words do not settle
                    else:
                        hit.within = scope or list_before
                elif list_before and isinstance(hit, GroupHit) and hit.aggregate != "best_of":
                    unclear.append(hit)  # places counted on a list of a group: no board's
            hits = [h for h in hits if h not in unclear]
            hits = [h for h in _places_owned(ctx, hits) if not _maker_only(ctx, h)]
            hits = [h for h in hits if _first_but_one(ctx, h) and not _timed_place(ctx, h)]
            sides = _sides_of(hits)
            if _OPEN_RACE.search(ctx.text):
                _within_open(hits)
            if hits and listed is None:
                listed = list_before
            if lists:
                hits = [h for h in hits if not _crossed(h, lists)]
            named_board = _board(sent.text)
            carried = named_board or (board_before if hits else None)
            sentence_board = named_board or board_before or article_board
            # "X heads the Arena. Next comes Y": a place any finder read continues the order
            placed = [
                h.rank
                for h in hits
                if isinstance(h, RankHit) and h.op == "eq" and not h.within and not h.negated
            ]
            last_rank = (
                ctx.last_rank if ctx.last_rank is not None else next(iter(placed[-1:]), None)
            )
            named = measure
            measure = (
                named[0] or (measure_before[0] if hits and not named_board else None),
                # "In the overall ranking, however, it is third": the category ends
                named[1] or (measure_before[1] if hits and not overall else None),
            )
            for hit in hits:
                # only a sentence that goes on with the ranking ("there", "also", "comes
                # second") speaks of the test or category named just before
                goes_on = measure_before if _GOES_ON.search(sent.text) else (None, None)
                if goes_on == (None, None) and _IT_GOES_ON.search(sent.text):
                    goes_on = (None, measure_before[1])
                if overall:
                    goes_on = (goes_on[0], None)
                if headline and sent.text.strip() == title:
                    goes_on = (headline, None)
                draft = self._draft(hit, sent, article, sentence_board, models, goes_on, told)
                if draft is not None:
                    draft.mentions = _mentions(hit, ctx)
                    draft = _in_full(draft, shorts)
                if draft is None:
                    result.dropped += 1
                    continue
                # one draft per claim and place: a claim the article makes twice is one
                # claim with two quotes (the store keeps both appearances)
                key = f"{claim_dedupe_key(draft)}:{draft.span[0]}"
                if key in seen:
                    continue
                seen.add(key)
                result.drafts.append(draft)
        return result

    def _topic(self, article: ArticleText, sentences: list[Span]) -> str | None:
        """The model an article announces: the first model in subject position of its
        title, else of its first sentence ("Nvidia's 340B model edges out Llama-3-70B"
        is not about Llama-3-70B)."""
        title = (article.title or "").strip()
        # the text starts with its headline (base.headline_and_body): the first
        # sentence meant here is the body's
        first = next((sent.text for sent in sentences if sent.text.strip() != title), "")
        for text in (title, first):
            named = [m for m in self.gaz.models(text) if m.kind == "model"]
            objects = object_starts(text, named, unlisted_names(text, named, self.gaz))
            subject = subjects(text, named, objects)
            if subject:
                return subject[0].text
            # "Notes on the new Deepseek v3": a title naming one model, not as the
            # object of a comparison, is about it
            free = [m for m in named if m.start not in objects]
            if text is title and len({m.text for m in free}) == 1:
                return free[0].text
        return None

    def _score_metric(
        self,
        text: str,
        hit: ScoreHit,
        metric: str | None,
        board: str | None,
        models: list[Mention],
    ) -> str | None:
        """A number's measure. The one named right before it wins over the sentence's
        ("heads the Arena with 1210 Elo and an MT-Bench score of 9.32": 9.32 is no arena
        score). Else the sentence's, when the number can be of it: an arena's Elo is
        hundreds or more, a benchmark's percentage at most 100 ("GPT-4 on 1159 (MMLU
        86.4)": 1159 is its Elo). A number that fits neither is an unnamed score, judged
        unverifiable, never against a board it does not belong to."""
        if hit.metric is None:
            before = [_MEASURE_AFTER.match(text, hit.start)]
            before += [_MEASURE_BEFORE.search(text, 0, hit.start)]
            before += reversed(list(_MEASURE_ON.finditer(text, 0, hit.start)))
            for named in before:
                if named is None or ";" in text[named.end() : hit.start]:
                    continue
                start, end = named.span("name")
                # "On GPQA Grok 4 beats ...": the name stops where a model's starts
                end = min([m.start for m in models if start < m.start < end] + [end])
                if any(m.start <= start < m.end for m in models):
                    continue
                known = _BENCH_RE.match(text, start)  # "SWE-bench Verified", whole
                name = known.group(1) if known else text[start:end].strip()
                if self._not_benchmark(name.split()[0]):
                    continue
                metric = benchmark_id(name)
                return "arena_score" if metric.startswith(("elo", "lmarena")) else metric
        elo = hit.value >= _LOWEST_ELO
        if metric == "arena_score" and not elo:
            return "unnamed_score"
        if hit.metric is None and elo and metric not in (None, "arena_score", "unnamed_score"):
            arena = (board or "").startswith("lmarena") or _ELO_WORDS.search(text)
            return "arena_score" if arena else "unnamed_score"
        return metric

    def _maker_says(self, text: str) -> bool:
        said = _MAKER_SAYS.search(text)
        org = said.group("org") or said.group("org2") if said else None
        return org is not None and self.gaz.organisation(org) is not None

    def _not_benchmark(self, word: str) -> bool:
        """An organisation or a family word names no benchmark ("at OpenAI")."""
        return bool(self.gaz.organisation(word)) or bool(self.gaz.models(word))

    def _draft(
        self,
        hit: Hit,
        sent: Span,
        article: ArticleText,
        article_board: str | None,
        models: list[Mention],
        carried: tuple[str | None, str | None] = (None, None),
        told: When | None = None,
    ) -> ClaimDraft | None:
        span = locate_quote(article.text, sent.text)
        if span is None:
            return None
        if any(_UNPINNED_BUILD.match(name) for name in hit.names()):
            return None  # "the updated DeepSeek-R1": no board entry is sure to be it
        said = mood(sent.text, hit.start)
        if said.undated_past or said.asked:
            # "GPT-4o used to top the board": no date to judge it at; "critics questioned
            # whether X tops Y": no claim made
            return None
        if hit.span is not None:
            # one item of a list: its words, not the whole sentence, are the quote
            start = span[0] + hit.span[0]
            span = (start, min(span[0] + hit.span[1], span[1]))
        # "best in its size category": a claim, but no board ranks a size class, so it
        # is kept within a category no board has (judged unverifiable, never board-wide)
        size_class = hit.type == "rank_position" and size_scoped(sent.text)
        board = _clause_board(sent.text, hit.start)
        c_start, c_end = _clause(sent.text, hit.start)
        if board and hit.type in _SCOPED_TYPES and not _board(sent.text[c_start:c_end]):
            # "X beats Y on Arena-Hard, but on LMArena the two are close": the clause's
            # own test, not the board another clause names
            named = [(m.start - c_start, m.end - c_start) for m in models if c_start <= m.start]
            clause = sent.text[c_start:c_end]
            if benchmark_scope(clause, named, self._not_benchmark, hit.start - c_start):
                board = None
        if board is None and hit.type in _SCOPED_TYPES:
            board = other_board(sent.text)  # a leaderboard none of ours: unverifiable
        metric = hit.metric or _clause_metric(sent.text, hit.start) or _metric(sent.text, board)
        if board is None and metric is None and carried[0] is not None:
            # "X leads SWE-bench Verified. It beats Y there.": the test named before, unless
            # the sentence scopes the claim itself ("on our life sciences evaluations")
            spans = [(m.start, m.end) for m in models]
            if benchmark_scope(sent.text, spans, self._not_benchmark, hit.start) is None:
                metric = carried[0]
        number = hit if isinstance(hit, ScoreHit) else hit.by_number
        scoped_type = hit.type in _SCOPED_TYPES or hit.type == "group_comparison"
        if board is None and metric in (None, "arena_score") and scoped_type:
            # "state-of-the-art on Mozilla Common Voice", "beats X across all tasks": the
            # claim is about those benchmarks, not about a board's overall order
            spans = [(m.start, m.end) for m in models]
            scoped = benchmark_scope(sent.text, spans, self._not_benchmark, hit.start)
            if scoped is None and number is not None and metric is None:
                scoped = "unnamed_score" if number.value < _LOWEST_ELO else None
            metric = scoped or metric
        if board is None and metric in (None, "arena_score") and hit.needs_scope:
            metric = "unnamed_tasks"  # judged unverifiable, never as a board's order
        qualified = _QUALIFIED_TASK.search(sent.text) if hit.category is None else None
        if qualified and metric in (None, "arena_score") and not _CATEGORY_RE.search(sent.text):
            # "beats Y at real coding": a task no board's category is (unverifiable)
            board, metric = None, slug(qualified.group("task"))
        task = _FRONTED_TASK.match(sent.text) if board is None and metric is None else None
        if task and not _CATEGORY_RE.search(sent.text, 0, task.end()):
            metric = slug(task.group("task"))  # a task no board's category is
        if board is None and metric is None and self._maker_says(sent.text):
            # "Alibaba says Qwen2.5-Max beats DeepSeek-V3": a maker's word, on its own
            # evaluations unless it names a board
            metric = "benchmarks"
        if board is None and metric in (None, "arena_score") and hit.type in _SCOPED_TYPES:
            board = article_board
            metric = metric or _metric(sent.text, board)
        if number is not None:
            # a comparison read from two numbers is measured as its numbers are
            metric = self._score_metric(sent.text, number, metric, board or article_board, models)
        if board and board.startswith("lmarena") and metric not in (None, "arena_score"):
            # "lists LMArena Elo 1338, MMLU 78.6": the MMLU score is no arena's
            board = None
        category = "size_class" if size_class else hit.category
        clause_start, clause_end = _clause(sent.text, hit.start)
        # "13th on LMArena, though it ranks higher in the coding category": a category in
        # the other half of a contrast is that half's
        half = _own_place(sent.text, hit.start) or _contrast_half(sent.text, hit.start)
        # "13th overall but sixth in coding": the place said overall is in no category
        # ("#2 in the OSS category (#6 overall)": the aside's "overall" is its own place)
        overall_here = bool(
            _OVERALL.search(_BRACKETED.sub(" ", sent.text[clause_start:clause_end]))
            and _OVERALL.search(_BRACKETED.sub(" ", half))
        )
        if category is None and not overall_here:
            cm = _CATEGORY_RE.search(half) or _BOARD_CATEGORY.search(half) or _fronted(sent.text)
            category = CATEGORIES[cm.group(1).lower()] if cm else None
        if category is None and carried[1] and metric in (None, "arena_score"):
            # "In LMArena's math category, o3 ranks first. Qwen3-32B ranks second."
            category = carried[1] if (board or "lmarena").startswith("lmarena") else None
        if category is None and not overall_here and (om := _OTHER_CATEGORY.search(half)):
            # "#2 in the OSS non-reasoning models category": a category the boards may lack
            category = slug(om.group(1))
        own_place = _own_place(sent.text, hit.start) if hit.type == "rank_position" else None
        if own_place is None and hit.type == "rank_position" and metric in (None, "arena_score"):
            # one place ("Qwen3 is 7th for writing"): the words from its cue to its clause's end
            end = _CLAUSE_BREAK.search(sent.text, hit.start + 1)
            own_place = sent.text[hit.start : end.start() if end else len(sent.text)]
        task = _PLACE_TASK.search(own_place) if own_place and not overall_here else None
        if category is None and task is not None:
            # "7th for writing and 2nd for math": each place is at its own task, which no
            # board's category may be (judged unverifiable, never as the overall order)
            board, metric = None, slug(task.group("task"))
        # "o3-2025-04-16 is ranked 2nd": a build date in a name is no date of the claim
        # nor is a release date in an aside ("o1, released in December, ranks ...")
        # nor a build's date ("ChatGPT-4o (the March 26 update)"), nor one in a clause
        # about something else ("the model that shook markets in January, now sits ...")
        undated = _without_names(sent.text, models)
        for pattern in (_RELEASED, _BUILD_DATE):
            undated = pattern.sub(lambda m: "_" * len(m.group()), undated)
        undated = _without_other_clauses(undated, hit.start)
        level_from = _FROM_LEVEL.search(undated) if isinstance(hit, TrendHit) else None
        if level_from is not None and isinstance(hit, TrendHit):
            # "from roughly 90 points in December 2024 to about 41 now": where it began
            begins = level_from.start("when")
            hit.period_start = hit.period_start or find_date(
                undated[begins : begins + 30], article.published
            )
            undated = undated[: level_from.start()] + "_" * (len(undated) - level_from.start())
        period_start, period_end, rest = find_period(undated, article.published)
        # "since August" starts a period; the claim still speaks of its own date
        when = When(period_end) if period_end else find_when(rest, article.published)
        now_said = _AND_NOW.search(sent.text, 0, hit.start + 20)
        if when is not None and now_said and now_said.start() < hit.start:
            # "debuted two weeks ago and now ranks second": the place is today's
            when = None
        own = clause_before(sent.text, hit.start) + sent.text[hit.start : hit.start + 20]
        if (
            when is None
            and told is not None
            and _TOLD_PAST.search(own)
            and not _TOLD_NOW.search(sent.text)
            and not _DOCUMENT_SAYS.match(sent.text)
            and not _OWN_TIME.search(sent.text)
        ):
            when = told  # the paragraph's time, in the simple past
        as_of: date = when.day if when else article.published
        if when is None and PLUPERFECT.search(own):
            return None  # "which had led the leaderboard": a past the text does not date
        if isinstance(hit, TrendHit):
            hit.period_start = hit.period_start or period_start
            hit.period_end = hit.period_end or period_end
            level = _GAP_LEVEL.search(sent.text, hit.start)
            if level and hit.direction in ("narrowing", "widening"):
                hit.gap = float(level.group("n").replace(",", ""))
        elif isinstance(hit, GroupHit) and period_start is not None:
            hit.period_start = period_start
        data: dict[str, Any] = {
            "type": hit.type,
            **hit.claim_fields(),
            "quote": article.text[span[0] : span[1]],
            "span": span,
            "board": board,
            "metric": metric,
            "category": category,
            "view": _view(sent.text, hit.start),
            "as_of": as_of,
            # a trend's span is its period; a place's month is a span of snapshots
            "as_of_start": _span_start(hit, when, own, sent.text),
            "hedged": bool(HEDGES.search(sent.text)),
            "negated": hit.negated,
            "forecast": said.forecast,
            "claimant": _claimant(sent.text, article.source),
            "extractor": self.name,
            "extractor_version": self.version,
            "statement": "",
        }
        draft = CLAIM_ADAPTER.validate_python(data)
        draft.statement = statement(draft)
        return draft


# a place's noun narrowed by words no group phrase reads
_UNREAD_SCOPE = regex(
    # "set a new record for an open model": a record within a kind, not the board's
    r"(?:(?!\bamong)[^,;.]){0,40}?\brecords?\s+for\s+(?:a|an|any)\s|"
    r"(?:(?!\bamong)[^,;.]){0,40}?\b(?:models?|LLMs?|systems?|entry|entries|one|options?|"
    r"chatbots?|AIs?)\s+(?:with\s+(?!(?:a|an)\s+(?:score|rating|elo)\b)(?!open\s+weights\b)|whose\b|"
    r"(?:that|which)\s+(?:you|anyone|one|people|developers|companies|users)\b|you\s+can\b|"
    r"(?:made|built|developed|trained|released|licensed|available|downloadable)\s+"
    r"(?:in|by|outside|under|as|for|with)\b|(?:not\s+)?(?:from|outside|under)\s+(?:a|an|any|\d))",
    re.IGNORECASE,
)
# "ranks third among open models", "is No. 1 among Chinese models", "leads all Chinese
# models", "ranks first in China": the place is within that group, not on the board
_SCOPE_BEFORE = regex(
    r"^[^,;.]{0,50}?\b(?:among|amongst|within|of|in|for|leads?|led|tops?|topped|heads?|"
    r"headed|beats?|outperforms?|outranks?|surpasses)\s+(?:the\s+|all\s+|its\s+|other\s+)*$",
    re.IGNORECASE,
)
_IN_COUNTRY = regex(
    r"^[^,;.]{0,50}?\b(?:in|within)\s+(?:the\s+)?(?P<where>[A-Z][\w.]*(?:\s+States)?)\b"
    r"(?!\s*['’]s)(?!\s+(?:and|or)\b)"
)


# "knocking Gemini to #2", "pushed o1 down into third": the place is the one moved's
_DISPLACED = regex(
    r"\b(?:knock|push|bump|send|sent|drop|relegat|demot|shov|forc)\w*\s+$", re.IGNORECASE
)
_MOVED_INTO = regex(r"\s+(?:down\s+|back\s+)?(?:to|into)\s+(?:the\s+)?", re.IGNORECASE)
# "..., and no American open model is in the top ten": a new clause about no model
_NONE_CLAUSE = regex(
    r"(?:,\s*(?:and|but|while|whereas)|;)\s+(?:no|none\s+of\s+the|not\s+a\s+single)\b", re.I
)


# "the best Chinese model after DeepSeek-R1": second; "apart from R1": first of a set
# no group describes
_BUT_ONE = regex(
    r"\b(?:(?P<second>after|behind|second\s+only\s+to)|besides|apart\s+from|other\s+than|"
    r"excluding|except(?:\s+for)?)\s+(?:the\s+)?",
    re.IGNORECASE,
)


# "came in second at 0.5 seconds": a place in a race of speed, which no board ranks
_TIMED = regex(
    r"\b(?:first\s+token|tokens\s+per\s+second|latency|\d[\d.]*\s*(?:seconds|secs?|ms|"
    r"milliseconds))\b",
    re.IGNORECASE,
)


_LABEL = regex(r"[\s\"“'‘\-–—•*]*(?:(?:[\w'’-]+\s+){0,2}[\w'’-]+\s*:\s*)?")


# the task a place is said at, in a sentence of two places ("13th for non-agentic work")
_PLACE_TASK = regex(
    r"\b(?:\d{1,3}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
    # (not a time or a group: "first for now", "third for weeks", "first in open models")
    r"tenth)\s+(?:in|for|on|at)\s+(?!(?:the|its|their|our|a|an|now|days|weeks|months|years|"
    r"open|closed|proprietary|every|all|each|any|text|arena|elo|scores?|votes?|rankings?|"
    r"leaderboards?|overall|style)\b)(?![\w-]+(?:\s+[\w-]+)?\s+(?:models?|ones)\b)"
    # (a board's or a test's name is written with capitals: "fifth on LMArena")
    r"(?P<task>(?-i:[a-z][\w-]*(?:\s+(?!(?:and|but|on|in|at|by|with|for)\b)[a-z][\w-]*){0,2}))"
    r"\b(?![\w-])",
    re.IGNORECASE,
)


def _own_place(sentence: str, pos: int) -> str | None:
    """ "first in coding and third overall": the words of the place at `pos`, each of
    two places keeping its own category or "overall" (None: one place here). A place
    in an aside ("(#6 amongst OSS models overall)") has the aside's words."""
    aside = ASIDE_PLACE.match(sentence, pos)
    if aside is not None:
        return aside.group(0)
    m = SECOND_PLACE.search(sentence)
    if m is None:
        return None
    place = m.start("place")
    if pos < place:
        # from the clause the place is said in: "Kimi K2 is 5th for coding, and Qwen3 is
        # 7th for writing and 2nd for math" keeps coding off Qwen3's seventh place
        start = max((b.end() for b in _CLAUSE_BREAK.finditer(sentence, 0, pos)), default=0)
        return sentence[start:place]
    after = _CLAUSE_BREAK.search(sentence, place)
    end = after.start() if after else len(sentence)
    return sentence[place:end] if pos < end else None  # a later clause: its own words


def _fronted(sentence: str) -> re.Match[str] | None:
    """A category set before the sentence's first clause ("In the coding category, X is
    first, but Y isn't in the top ten"), which holds for every half of it."""
    label = _LABEL.match(sentence)  # "Bonus: in the coding category, ..."
    cm = _CATEGORY_RE.match(sentence, label.end() if label else 0)
    return cm if cm and sentence[cm.end() :].lstrip().startswith(",") else None


def _reputed_beside_own(hit: Hit, hits: list[Hit], text: str) -> bool:
    """A place others give the model ("billed as the best model") in a sentence that
    gives it a place of its own ("..., ranks second"): the sentence's claim is its own.
    Alone, the reputation is the claim, its claimant the one who gave it."""
    if not isinstance(hit, RankHit) or not _REPUTED.search(text[: hit.start]):
        return False
    return any(
        isinstance(other, RankHit)
        and other is not hit
        and other.model == hit.model
        and not _REPUTED.search(text[: other.start])
        for other in hits
    )


def _timed_place(ctx: Sentence, hit: Hit) -> bool:
    """Whether a place is said in a clause about speed."""
    if not isinstance(hit, RankHit):
        return False
    start, end = _clause(ctx.text, hit.start)
    return _TIMED.search(ctx.text, start, end) is not None


def _first_but_one(ctx: Sentence, hit: Hit) -> bool:
    """Whether a first place stands; "after X" makes it second (in place)."""
    if not isinstance(hit, RankHit) or hit.rank != 1 or hit.op != "eq":
        return True
    turn = _CONTRAST.search(ctx.text, hit.start)
    end = min(_clause(ctx.text, hit.start)[1], turn.start() if turn else len(ctx.text))
    for m in _BUT_ONE.finditer(ctx.text, hit.start, end):
        if any(x.start == m.end() and x.text != hit.model for x in ctx.models):
            if not m.group("second"):
                return False
            hit.rank = 2
            return True
    return True


_POSSESSIVE_AFTER = regex(r"['’]s\s+(?![\d.])")  # ("Llama's 3.4" gives a number its owner)


def _maker_only(ctx: Sentence, hit: Hit) -> bool:
    """Whether a claim's model is a family word the text writes only as a maker's
    possessive ("V3, DeepSeek's non-reasoning model, has slipped to 11th"): the maker's
    something, never the family's best member."""
    for name in hit.names():
        written = [m for m in ctx.models if m.text == name]
        if written and all(
            m.kind == "family"
            and ctx.gaz.organisation(m.text) is not None
            and _POSSESSIVE_AFTER.match(ctx.text, m.end)
            for m in written
        ):
            return True
    return False


# "Chinese labs lead the open race": the lead is among open models on both sides
_OPEN_RACE = regex(
    r"\b(?:the\s+)?open(?:[- ](?:source|weights?))?\s+(?:race|field|segment|side|rankings?|"
    r"category|world|ecosystem|contest|competition)\b",
    re.IGNORECASE,
)


def _within_open(hits: list[Hit]) -> None:
    """Both sides of a group lead said of the open race are open models (the best open
    model is the group's: the judge finds one side inside the other and says so)."""
    for hit in hits:
        if isinstance(hit, GroupHit) and hit.aggregate == "best_of":
            hit.group_a = hit.group_a.model_copy(update={"open_weights": True})
            # "have overtaken US models in the open rankings": a side named keeps its facts
            named = not hit.group_b.others and hit.group_b != Group()
            opened = hit.group_b.model_copy(update={"open_weights": True})
            hit.group_b = opened if named else Group(open_weights=True)


def _places_owned(ctx: Sentence, hits: list[Hit]) -> list[Hit]:
    """Places given to whom the words give them: the model a verb moves into a place
    ("knocking Gemini to #2"), never a comparison's object when the subject holds the
    same place ("sits just behind GPT-4.5 in fourth place"), and nobody's after a clause
    about no model ("and no US open model is in the top ten")."""
    # (a tie's other side shares the place: "A and B are tied for first")
    objects = {h.model_b for h in hits if isinstance(h, PairHit) and h.relation != "ties"}
    subjects = {h.model_a for h in hits if isinstance(h, PairHit)}
    kept: list[Hit] = []
    for hit in hits:
        if isinstance(hit, RankHit):
            before = [m for m in ctx.models if m.end <= hit.start]
            last = before[-1] if before else None
            if (
                last is not None
                and last.text != hit.model
                and (moved := _MOVED_INTO.match(ctx.text, last.end)) is not None
                and last.end <= hit.start <= moved.end()
                and _DISPLACED.search(ctx.text, 0, last.start)
            ):
                hit.model = last.text
            mention = next((m for m in reversed(before) if m.text == hit.model), None)
            if mention is not None and _NONE_CLAUSE.search(ctx.text, mention.end, hit.start):
                continue
            shared = any(
                isinstance(h, RankHit)
                and h is not hit
                and (h.rank, h.op) == (hit.rank, hit.op)
                and h.model in subjects
                for h in hits
            )
            if hit.model in objects and hit.model not in subjects and shared:
                continue
        kept.append(hit)
    return _one_place_each(ctx, kept)


# the words between a name and the place said of it: "Sonnet at seventh", "o1 ranks
# sixth", "DeepSeek V3 (March 24) ranks fifth"
_PLACE_GLUE = regex(
    r"\s*(?:\([^)]{0,40}\)\s*)?,?\s*(?:(?:is|was|ranks?|ranked|sits?|sat|comes?|came|placed|"
    r"finished|lands?|landed)\s+)?(?:now\s+|just\s+)?(?:(?:at|in)\s+)?(?:the\s+)?",
    re.IGNORECASE,
)
_JOINED = regex(r"\s*(?:,|and|&|,\s*and)\s*", re.IGNORECASE)
_NEW_CLAUSE = regex(r",\s*(?:and|but|while|whereas)\b|;", re.IGNORECASE)
_SAME_CUE = 15  # "ranks sixth": the verb and the place, read by two finders
# two places of one model set apart by time, a relative clause or the view: "which had
# led ..., now ranks fifth", "third in the raw view, sixth under style control"
_PLACES_APART = regex(
    r"\b(?:which|who|now|then|later|since|before|after|previously|earlier|formerly|once|"
    r"raw|style|week|month|year)\b",
    re.IGNORECASE,
)
_SHARED_PLACE = regex(r"\b(?:shar\w*|ti(?:e|es|ed)|joint\w*|level|together)\b", re.I)


def _one_place_each(ctx: Sentence, hits: list[Hit]) -> list[Hit]:
    """One place for each model, and each place for the name the words give it. A second
    place said of a model already placed ("Grok-2 sits at fifth, ahead of Sonnet at
    seventh") is the name's right before it, or nobody's ("and its predecessor ranks
    22nd"), unless a category or "overall" sets the two apart; of two models given one
    place by one cue ("X is right behind Gemini, and the full o1 ranks sixth"), the place
    is the one named right before it, unless the two are named together ("A and B")."""
    text = ctx.text

    def nearest(pos: int) -> Mention | None:
        return next((m for m in reversed(ctx.models) if m.end <= pos), None)

    out: list[Hit] = []
    for hit in hits:
        if isinstance(hit, RankHit):
            # "X is right behind Gemini, and DeepSeek V3 (March 24) ranks fifth": the
            # place is the subject's of the clause it is said in
            near = nearest(hit.start)
            mine = next((m for m in reversed(ctx.models) if m.text == hit.model), None)
            if (
                near is not None
                and mine is not None
                and mine.end <= near.start
                and near.text != hit.model
                and _PLACE_GLUE.fullmatch(text, near.end, hit.start)
                and _NEW_CLAUSE.search(text, mine.end, near.start)
            ):
                hit.model = near.text
        if isinstance(hit, RankHit) and hit.op == "eq":
            placed = [
                h
                for h in out
                if isinstance(h, RankHit)
                and h.op == "eq"
                and h.model == hit.model
                and h.rank != hit.rank
                and h.within == hit.within
            ]
            apart = placed and (
                _OVERALL.search(text, placed[-1].start, hit.start + 30)
                or _CATEGORY_RE.search(text, placed[-1].start, hit.start + 30)
                or _PLACES_APART.search(text, placed[-1].start, hit.start + 30)
                # "13th for non-agentic work and 10th for agentic work": each its task
                or any(m.start("place") == hit.start for m in SECOND_PLACE.finditer(text))
            )
            if placed and not apart:
                near = nearest(hit.start)
                glued = near is not None and _PLACE_GLUE.fullmatch(text, near.end, hit.start)
                if near is None or near.text == hit.model or not glued:
                    continue
                hit.model = near.text
            rivals = [
                h
                for h in out
                if isinstance(h, RankHit)
                and abs(h.start - hit.start) <= _SAME_CUE
                and (h.rank, h.op, h.within) == (hit.rank, hit.op, hit.within)
                and h.model != hit.model
            ]
            if rivals and not _SHARED_PLACE.search(text):
                near = nearest(hit.start)
                mine = next((m for m in reversed(ctx.models) if m.text == hit.model), None)
                theirs = next((m for m in reversed(ctx.models) if m.text == rivals[0].model), None)
                together = (
                    mine is not None
                    and theirs is not None
                    and _JOINED.fullmatch(
                        text, min(mine.end, theirs.end), max(mine.start, theirs.start)
                    )
                )
                if not together and near is not None:
                    if near.text == hit.model:
                        out = [h for h in out if h not in rivals]
                    elif near.text in {r.model for r in rivals}:
                        continue
        out.append(hit)
    return out


_AMONG_UNKNOWN = regex(
    r"^\W*(?:among|amongst|of|out\s+of)\s+(?:the\s+|all\s+|these\s+|those\s+)?"
    r"(?P<kind>(?:[\w'’.-]+\s+){0,5}?)(?:models|systems|LLMs|entries|ones|contenders)\b"
    r"(?P<rest>[^,]{0,60}),",
    re.IGNORECASE,
)
# "ranks second only to o1 among reasoning models": a set said after the place ("among
# the world's top AI systems" is the place itself)
_AMONG_LATER = regex(
    r"[^,;.()]{0,60}?\b(?:among|amongst)\s+(?:the\s+|all\s+)?"
    r"(?!(?:[\w'’.-]+\s+){0,2}(?:top|best|leading|strongest|most|highest|finest|elite)\b)"
    # "among published models", "among all available models": every model there is
    r"(?!(?:published|available|released|existing|public|current|evaluated|tested|listed|"
    r"ranked|other|frontier)\s+(?:models|systems|LLMs)\b)"
    r"(?P<kind>(?:[\w'’.-]+\s+){1,4}?)(?:models|systems|LLMs|entries|ones)\b",
    re.IGNORECASE,
)
_AND_MORE = regex(r"\s*(?:,|and\b|or\b|&)")
_FRONTED_SCOPE = regex(
    r"^\W*(?:(?:among|amongst|of|within|in)\s+(?:the\s+|all\s+)?(?:[\w'’.-]+\s+){0,5}?|"
    # "Restricting LMArena's table to open-weight releases, ..."
    r"(?:restrict\w*|limit\w*|filter\w*|narrow\w*|looking\s+only\s+at|only\s+counting)\b"
    r"[^,;]{0,40}?\b(?:to|at|on)\s+(?:the\s+)?(?:[\w'’.-]+\s+){0,2}?)$",
    re.IGNORECASE,
)
_COMMA_AFTER = regex(r"(?:\s+(?:on|in|at)\s+[^,;.]{1,40}?)?\s*,")


# a second place said before a group: the group is that place's scope
_NEXT_PLACE = regex(
    r"\b(?:and|but|while|yet)\s+(?:just\s+|only\s+)?(?:\d{1,3}(?:st|nd|rd|th)|first|second|third|"
    r"fourth|fifth|sixth|seventh|eighth|ninth|tenth|#\s?\d+|No\s?\d+)\b",
    re.IGNORECASE,
)


_ANOTHER_PLACE = regex(r"[,;(]|\b(?:and|but|while|whereas|though)\b", re.IGNORECASE)


def _scope_after(ctx: Sentence, pos: int) -> Group | Literal[False] | None:
    """The group a place is said within, named after its cue in the same clause; False
    when the place is said within several ("first in the US and China")."""
    for g in ctx.groups:
        if g.start < pos or g.anaphoric or g.start - pos > 80:
            continue
        if any(pos <= m.start < g.start for m in ctx.models):
            return None  # "ranks first, ahead of Grok 4 and US models": another side
        between = ctx.text[pos : g.start].replace("No.", "No")
        overall = _OVERALL.search(between)
        if not _SCOPE_BEFORE.match(between) or (
            overall and _ANOTHER_PLACE.search(between, overall.end())
        ):
            # "fourth overall and first among open models": fourth overall (while "second
            # overall among open models" is second among them)
            return None
        if _NEXT_PLACE.search(between):
            return None  # "first in the world and third among open models": the third's
        return False if _AND_MORE.match(ctx.text, g.end) else g.group
    # "Among open models, DeepSeek-R1 leads ...": a scope set before the clause
    for g in ctx.groups:
        if g.end > pos or g.anaphoric:
            continue
        lead = ctx.text[: g.start] + ctx.text[g.start : g.end].split(" ", 1)[0] + " "
        if _FRONTED_SCOPE.match(lead) and _COMMA_AFTER.match(ctx.text, g.end):
            # "Among Chinese labs, X leads, though it sits outside the top 15": the
            # scope ends where a clause turns
            return None if _CONTRAST.search(ctx.text, g.end, pos) else g.group
    where = _IN_COUNTRY.match(ctx.text.replace("No.", "No"), pos)
    if where and not any(pos <= m.start < where.end() for m in ctx.models):
        country = ctx.gaz.country(where.group("where"))
        if country:
            return Group(country=country)
    return None


def _in_full(draft: ClaimDraft, shorts: dict[str, str]) -> ClaimDraft:
    """The claim about the model a short name stands for; its mentions stay as written."""
    fields = ("model", "model_a", "model_b")
    update = {f: shorts[v] for f in fields if (v := getattr(draft, f, None)) in shorts}
    if not update:
        return draft
    draft = draft.model_copy(update=update)
    draft.statement = statement(draft)
    return draft


# "Llama 2 7B and 30B", "Gemma 3 4B, 12B and 27B": sizes after a sized name are that
# family's other sizes
_SIZE_END = regex(r"(?<=\s)\d+(?:\.\d+)?[BMT]$")
_MORE_SIZES = regex(
    r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)(\d+(?:\.\d+)?[BMT])\b(?![\w-])"
)


def _size_lists(text: str, models: list[Mention]) -> list[list[Mention]]:
    """Each sized name with the sizes written after it, as mentions of their own."""
    lists = []
    for m in models:
        size = _SIZE_END.search(m.text)
        if size is None:
            continue
        family, end, sizes = m.text[: size.start()], m.end, [m]
        while more := _MORE_SIZES.match(text, end):
            if any(x.start <= more.start(1) < x.end for x in models):
                break  # a name of its own starts there
            sizes.append(Mention(more.start(1), more.end(1), family + more.group(1), "model"))
            end = more.end()
        if len(sizes) > 1:
            lists.append(sizes)
    return lists


_TOP_N_BEFORE = regex(
    r"\b(?:(?:top|best|leading|highest-ranked)\s+|(?:its|their|the)\s+)"
    r"(?:\d{1,2}|three|five|ten|twenty)\s+$",
    re.IGNORECASE,
)
# "Look only at open-weights models", "Restricting LMArena's table to open-weight
# releases", "Here are LMArena's top open-weights models"
_NARROWED_TO = regex(
    r"\b(?:look(?:ing)?\s+only\s+at|only\s+(?:counting|looking\s+at)|restrict\w*|limit\w*|"
    r"filter\w*|narrow\w*|focus\w*\s+on)\b[^.;]{0,40}$",
    re.IGNORECASE,
)
# "Here are LMArena's top open-weights models", "its best open models": a board's or a
# list's own top of a group (a bare "the best open models" may be any claim about them)
_OWNED_TOP = regex(r"(?:['’]s|\bits|\btheir|\bhere\s+are(?:\s+the)?)\s+$", re.IGNORECASE)
_TOP_WORD = regex(r"(?:top|best|leading|highest-ranked)\b", re.IGNORECASE)
_AMONG_FIRST = regex(r"\W*(?:among|amongst)\s+(?:the\s+|all\s+)?", re.IGNORECASE)
_LIST_OF = regex(
    r"\b(?:list|ranking|leaderboard|chart|table|rundown)\s+of\s+(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
_OVERALL = regex(r"\boverall\b|\b(?:full|main|whole)\s+(?:leader)?board\b", re.IGNORECASE)


def _ranked_group(text: str, gaz: Gazetteer) -> Group | None:
    """The group a sentence speaks of a ranking of: "LMArena's open-model ranking", "a
    list of its ten best open-source models"."""
    if m := OPEN_LIST.search(text):
        return Group(open_weights=m.group("open").lower() == "open")
    for g in find_groups(text, gaz):
        if g.anaphoric or g.others:
            continue
        before = text[max(0, g.start - 60) : g.start]
        # "a list of its ten best open-source models", "its top ten open models",
        # "Among open models, the picture is different."
        if _LIST_OF.search(before) or _TOP_N_BEFORE.search(before) or _NARROWED_TO.search(before):
            return g.group
        if _OWNED_TOP.search(before) and _TOP_WORD.match(text, g.start):
            return g.group
        if _AMONG_FIRST.fullmatch(text, 0, g.start) and text[g.end : g.end + 2].startswith(","):
            return g.group
    return None


# a place's description before its copula, the model after it
_INVERTED = regex(
    r"^\W*(?P<np>(?:the|its|their|(?-i:[A-Z][\w.&-]*)['’]s)\s+(?:(?:new|current|overall|very)\s+)?"
    r"(?:top|best|highest[- ]ranked|top[- ]ranked|leading|strongest|best[- ]placed|"
    r"highest[- ]scoring|best[- ]performing|top[- ]performing|number[- ]one)"
    r"(?:\s+[\w.-]+){0,4}?\s+(?:model|LLM|system|entry|AI)"
    r"(?:\s+(?:on|in|of|among|at|from|for)\s+[^,.;:]{1,50}?)?)"
    r"\s+(?P<cop>(?:is|was|remains|remained|became|has\s+become)"
    r"(?:\s+(?:now|still|currently|again|once\s+again|no\s+longer|not))*)\s+",
    re.IGNORECASE,
)
_INVERTED_END = regex(r"\s*(?:[,;.!]|\s(?:with|at|on|in|for|by|and|after|ahead)\b|$)")


def _inverted(text: str, models: list[Mention]) -> tuple[str, list[Mention]] | None:
    """The sentence in subject-first order when a place's description comes first and
    the one model it names follows its copula; its mentions moved with it."""
    m = _INVERTED.match(text)
    if m is None:
        return None
    named = next((x for x in models if x.start >= m.end()), None)
    if named is None or named.start != m.end() or any(x.start < m.end() for x in models):
        return None
    if not _INVERTED_END.match(text, named.end):
        return None  # "The best model is GPT-5 Pro's sibling": more than the name
    np = m.group("np")
    # "The best ..." becomes "the best ..."; "Meta's best ..." keeps its maker's capital
    np = np[0].lower() + np[1:] if np.split(" ", 1)[0].lower() in ("the", "its", "their") else np
    head = f"{named.text} {m.group('cop')} {np}"
    shift = len(head) - named.end
    moved = [Mention(0, len(named.text), named.text, named.kind)]
    moved += [
        Mention(x.start + shift, x.end + shift, x.text, x.kind)
        for x in models
        if x.start >= named.end
    ]
    return head + text[named.end :], moved


def _no_licences(text: str, models: list[Mention]) -> list[Mention]:
    """ "under the Llama 2 Community terms", "the Gemma License": a licence, not a model.
    A name inside a description ("previous Gemini models", "the updated DeepSeek-R1")
    stands as the whole description (names.described_span)."""
    out = []
    for m in models:
        if _LICENCE_AFTER.match(text, m.end):
            continue
        if (span := described_span(text, m.start, m.end)) is not None:
            m = Mention(*span, text[span[0] : span[1]], "model")
        out.append(m)
    return out


_OPEN_BRACKET = regex(r"\s*\([^()]{0,30}$")


def _not_restated(text: str, models: list[Mention]) -> list[Mention]:
    """ "GLM-4.5 (智谱清言 GLM-4.5)": the same name again inside the brackets after it, in
    another script or with a product name, is the same mention, not a second model."""
    out: list[Mention] = []
    for m in models:
        restated = bool(out) and (
            out[-1].text.casefold() == m.text.casefold()
            and _OPEN_BRACKET.match(text, out[-1].end, m.start) is not None
            and text[m.end : m.end + 2].lstrip().startswith(")")
        )
        if not restated:
            out.append(m)
    return out


def _with_sizes(models: list[Mention], lists: list[list[Mention]]) -> list[Mention]:
    added = [x for sizes in lists for x in sizes[1:]]
    return sorted([*models, *added], key=lambda x: x.start) if added else models


_LICENCE_AFTER = regex(r"\s+(?:Community\s+)?(?:[Ll]icen[cs]e|[Tt]erms|[Aa]cceptable\s+[Uu]se)\b")


def _crossed(hit: Hit, lists: list[list[Mention]]) -> bool:
    """ "Llama 2 7B and 34B do better than Falcon 7B and 40B": two lists of sizes set
    against each other pair size by size, not every one with every other."""
    if not isinstance(hit, PairHit):
        return False
    place = {
        x.text: (i, j, len(sizes)) for i, sizes in enumerate(lists) for j, x in enumerate(sizes)
    }
    a, b = place.get(hit.model_a), place.get(hit.model_b)
    return a is not None and b is not None and a[0] != b[0] and a[2] == b[2] and a[1] != b[1]


_RELEASED = regex(
    # "Launched in January, DeepSeek-R1 ranks 17th": a release said before its name
    r"^\W*(?:first\s+)?(?:released|launched|introduced|announced|unveiled|debuted|shipped)\s+"
    r"[^,()—–;]{1,40},|"
    # ", the model released in December,": a described release too
    r"(?:,|\(|—|–)\s*(?:(?:the|a|an)\s+[^,()—–;]{0,40}?\s(?:that\s+was\s+|which\s+was\s+)?)?"
    r"(?:which\s+was\s+|first\s+)?(?:released|launched|introduced|announced|"
    r"unveiled|debuted|shipped|out)\s+[^,()—–;]{1,40}(?:,|\)|—|–)",
    re.IGNORECASE,
)


_BUILD_DATE = regex(
    r"\(?\s*(?:the\s+)?(?:[A-Z][a-z]+\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+|\d{4}-\d{2}-\d{2})\s+"
    r"(?:update|build|version|release|snapshot|checkpoint|preview|edition)\s*\)?"
)
# a relative clause: "that shook markets in January", "which launched in May"
_RELATIVE_CLAUSE = regex(r"\b(?:that|which|who)\s+[^,;()]{1,80}", re.IGNORECASE)


def _span_start(hit: Hit, when: When | None, own: str, sentence: str) -> date | None:
    """The first day of the span a claim is judged over ("ranked first in March"), or
    None: it speaks of one day. Only a place, a comparison or a score said in the past
    is one that held at some time of a span; a group's count ("no Chinese model cracked
    the top ten last year") or a present ("ranks first, the best result in 2025") is
    not, nor is a span said whole ("throughout March", "every week")."""
    if when is None or when.start is None or isinstance(hit, GroupHit | TrendHit):
        return None
    past = _TOLD_PAST.search(own) or _DID.search(own)
    if not past or _TOLD_NOW.search(own) or _WHOLE_SPAN.search(sentence):
        return None
    return when.start


_DID = regex(r"\b(?:did|didn['’]t)\b", re.IGNORECASE)  # "did not rank first in August"


# "throughout March", "every week in 2024", "all year": said of all of the span
_WHOLE_SPAN = regex(
    r"\b(?:throughout|consistently|continuously|(?:every|each)\s+(?:day|week|month|update|"
    r"snapshot|refresh)|all\s+(?:year|month|along|through)|the\s+(?:whole|entire)\s+)",
    re.IGNORECASE,
)


def _without_other_clauses(text: str, pos: int) -> str:
    """The text with the relative clauses that do not hold `pos` blanked out, and what
    stands past a semicolon on either side ("When it launched in January, R1 ranked
    third; it has since dropped to 20th": January dates the third place only)."""
    for m in _RELATIVE_CLAUSE.finditer(text):
        if not m.start() <= pos < m.end():
            text = text[: m.start()] + "_" * (m.end() - m.start()) + text[m.end() :]
    before = text.rfind(";", 0, pos)
    after = text.find(";", pos)
    if before >= 0:
        text = "_" * (before + 1) + text[before + 1 :]
    if after >= 0:
        text = text[:after] + "_" * (len(text) - after)
    # "X is no longer the leader it was last summer, but it is still in the top 30": a
    # contrast whose half says now speaks of now, whatever time the other half gives
    for turn in _CONTRAST_TURN.finditer(text):
        if turn.end() <= pos and _NOW_WORD.search(text, turn.end(), _clause_end_at(text, pos)):
            text = "_" * turn.start() + text[turn.start() :]
        elif turn.start() > pos and _NOW_WORD.search(text, 0, turn.start()):
            text = text[: turn.start()] + "_" * (len(text) - turn.start())
    return text


_CONTRAST_TURN = regex(r",\s*(?:but|yet|while|whereas|though|although)\s", re.IGNORECASE)
# ("but it still trailed Grok 3 then": a "still" in the past is no now)
_NOW_WORD = regex(
    r"\b(?:now|currently|today|these\s+days)\b|"
    r"\b(?:is|are|['’]s)\s+still\b|\bstill\s+(?:is|are|ranks|leads|sits|trails|beats|holds|"
    r"has|have|remains|tops|in)\b",
    re.IGNORECASE,
)


def _clause_end_at(text: str, pos: int) -> int:
    end = _CONTRAST_TURN.search(text, pos)
    return end.start() if end else len(text)


def _without_names(text: str, models: list[Mention]) -> str:
    for m in models:
        text = text[: m.start] + "_" * (m.end - m.start) + text[m.end :]
    return text


def _described_by(text: str, m: Mention, models: list[Mention]) -> bool:
    """Whether a family's possessive describes a model it does not name ("DeepSeek's new
    model"), not one named after it ("DeepSeek's R1")."""
    p = _POSSESSIVE_AFTER.match(text, m.end) if m.kind == "family" else None
    return p is not None and not any(x.start == p.end() for x in models)


_POSSESSIVE_AFTER = regex(r"['’]s\s+")
# "R1's non-reasoning sibling", "o1's successor", "GPT-4o's smaller cousin": another
# model, named by its relation to this one (which the claim is not about)
_RELATIVE_OF = regex(
    r"['’]s?\s+(?:[\w-]+\s+){0,3}?(?:sibling|sister|cousin|brother|successor|predecessor|"
    r"follow-up|follow-on|replacement|rival|challenger|competitor|heir|offspring)s?\b",
    re.IGNORECASE,
)


def _verbless_question(text: str) -> bool:
    """ "And 4o-mini?", "What about Gemini?": a question that only puts a name forward
    ("Beats o3 on the arena?" asks about a comparison, and o3 is its object)."""
    return bool(_SHORT_QUESTION.fullmatch(text.strip())) and not _ASKED_CUE.search(text)


def _asks_about_name(text: str) -> bool:
    """A short question with a name in it ("And 4o-mini?", "What about Hunyuan?"): the
    "it" after it is that name, never the article's topic."""
    if not _verbless_question(text):
        return False
    return any(w[0].isupper() or any(c.isdigit() for c in w) for w in text.split()[1:])


def _sharpened(subject: str | None, topic: str | None) -> str | None:
    """ "Deepseek" (a family) in an article about "Deepseek v3" means that model."""
    family = subject is not None and not any(c.isdigit() for c in subject)
    if family and subject and topic and topic.lower().startswith(subject.lower() + " "):
        return topic
    return subject


def _mentions(hit: Hit, ctx: Sentence) -> list[str]:
    """The names the claim is about, as the text wrote them: its models, and for group
    claims the group phrases of the sentence around the cue."""
    names = hit.names()
    if isinstance(hit, GroupHit | TrendHit) or (isinstance(hit, RankHit) and hit.within):
        names += [ctx.text[g.start : g.end] for g in ctx.groups]
    return list(dict.fromkeys(names))


def _sides_of(hits: list[Hit]) -> tuple[Group, Group] | None:
    """The two groups a sentence's gap or group claims set against each other, when they
    are one pair."""
    pairs = {
        (h.subjects if isinstance(h, TrendHit) else (h.group_a, h.group_b))
        for h in hits
        if isinstance(h, TrendHit) or (isinstance(h, GroupHit) and h.aggregate == "best_of")
    }
    return pairs.pop() if len(pairs) == 1 else None


def _maker(model: str) -> str | None:
    """The organisation that makes `model`, by the registry's family rules."""
    rule = load_registry().rule_for(model)
    return rule[1] if rule else None


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def _single_board(text: str) -> str | None:
    """The board an article is about, when it names exactly one."""
    found = {BOARDS[m.group(1).lower()] for m in _BOARD_RE.finditer(text)}
    if len(found) > 1 and "lmarena-text" in found and found & _SUB_ARENAS:
        return None  # "LMArena" there may mean any of its arenas
    return found.pop() if len(found) == 1 else None


# Same matches, found sooner: literal checks before the patterns (bot/extract/prefilter.py).
from bot.extract.prefilter import prefilter_patterns  # noqa: E402

prefilter_patterns(globals())
