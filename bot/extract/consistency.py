"""Does a claim say what its quote says? A check in code, whatever made the claim.

    draft -> the quote names its models or groups?   (names, registry aliases, mentions)
          -> the quote carries its numbers?           (rank, top-k, score value, k)
          -> the quote states its direction?          (comparative verb order, negation)
          -> None, or the first Inconsistency found

An extractor (an LLM above all) can attach the right quote to the wrong fields: the
comparison reversed, a model the sentence does not name, a rank it never gives. Such
a draft is dropped before judging, with its reason. The check only rejects what the
quote clearly contradicts or lacks: a direction it cannot read is let through, since
rejecting a true claim loses it while the judge still checks every field against the
data. Pure: no I/O; the comparative verbs and negation are the offline extractor's own
(bot/extract/patterns.py, bot/extract/lexicon.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from bot.extract.cues import TOP_ARE
from bot.extract.hits import Relation
from bot.extract.lazy import lazy
from bot.extract.lexicon import NEGATION, NOT_NEGATING
from bot.extract.names import described_span
from bot.extract.patterns import _VERB as COMPARATIVE_VERB
from bot.extract.patterns import measured
from bot.extract.regexes import longest_first, regex
from store.claims import (
    ClaimDraft,
    Group,
    GroupComparison,
    PairwiseComparison,
    RankPosition,
    ScoreValue,
    kind_of,
)
from store.judge.rank import AMONG_LEADING_K
from store.registry import Registry, load_registry
from store.registry.mentions import clean, forms
from store.registry.names import key, parts

Reason = Literal[
    "model_not_in_quote",
    "group_not_in_quote",
    "rank_not_in_quote",
    "k_not_in_quote",
    "value_not_in_quote",
    "direction_reversed",
    "negation_mismatch",
    "model_described",
]


@dataclass(frozen=True, slots=True)
class Inconsistency:
    reason: Reason
    detail: str


@dataclass(frozen=True, slots=True)
class Context:
    """What the quote may lean on: a subject or list heading said before it ("It beats
    GPT-4o" after a sentence naming the model), and the title."""

    names: str  # the title, and the text from the paragraph start to the sentence end
    sentence: str  # the quote's whole sentence(s)
    lead_in: str = ""  # the text from the paragraph start to the quote's end


_PARAGRAPH_BREAK = regex(r"\n\s*\n")
_SENTENCE_END = regex(r"[.!?](?=\s|$)|\n")
_ANAPHORA = regex(
    r"\W*(?:it|its|this|these|that|they|their|the (?:new|newest|latest|updated)?\s*models?|"
    r"our (?:[\w-]+ ){0,2}models?)\b",
    re.I,
)
_LOOKBACK = 1500  # characters before the quote that may hold its subject


def context_of(
    draft: ClaimDraft, text: str | None, title: str | None = None, registry: Registry | None = None
) -> Context:
    if text is None or text[draft.span[0] : draft.span[1]] != draft.quote:
        return Context(f"{title or ''}\n{draft.quote}", draft.quote)
    start, end = draft.span
    breaks = [m.end() for m in _PARAGRAPH_BREAK.finditer(text, 0, start)]
    before = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    after = _SENTENCE_END.search(text, end)
    stop = after.end() if after else len(text)
    # The subject is said earlier in the quote's paragraph; only a paragraph that names
    # no model at all (a heading, "These models set a new frontier") continues the one
    # before it, so a name from an unrelated paragraph never stands in for the subject.
    reg = registry or load_registry()
    # "two new models ... We call them Ministral 3B and Ministral 8B": the names may
    # follow in the next sentence of the same paragraph
    following = _SENTENCE_END.search(text, stop) if stop < len(text) else None
    para_end = _PARAGRAPH_BREAK.search(text, stop)
    names_stop = stop
    if following and (para_end is None or following.end() <= para_end.start()):
        names_stop = following.end()
    floor = max(0, start - _LOOKBACK)
    begin = max(breaks.pop() if breaks else 0, floor)
    while begin > floor and not _names_any_model(text[begin:stop], reg):
        begin = max(breaks.pop() if breaks else 0, floor)
    # "This newest model provides ...": a sentence that opens on a reference has its
    # subject before it, so the paragraphs back to one naming a model before the
    # sentence count (a sentence opening on a name never reaches another paragraph)
    if _ANAPHORA.match(text, before):
        while begin > floor and not _names_any_model(text[begin:before], reg):
            begin = max(breaks.pop() if breaks else 0, floor)
    names = f"{title or ''}\n{text[begin:names_stop]}"
    return Context(names, text[before:stop], text[begin:end])


_surface_cache: dict[int, tuple[Registry, re.Pattern[str]]] = {}


def _names_any_model(text: str, registry: Registry) -> bool:
    """Whether the text names some model: a family word ("Grok", "Llama") or a name-like
    token with a version ("GPT-4o", "o3", "R1")."""
    cached = _surface_cache.get(id(registry))
    if cached is None or cached[0] is not registry:
        words = longest_first(
            {w for w, what in registry.surface_names().items() if what.startswith("family:")}
        )
        pattern = regex(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")", re.I)
        cached = _surface_cache[id(registry)] = (registry, pattern)
    return cached[1].search(text) is not None or _VERSIONED.search(text) is not None


_VERSIONED = lazy(r"\b[A-Za-z]+[-\s]?\d+(?:\.\d+)?[a-z]?\b")


def check(
    draft: ClaimDraft,
    text: str | None = None,
    title: str | None = None,
    registry: Registry | None = None,
) -> Inconsistency | None:
    """The first way `draft`'s fields disagree with its quote, or None.

    `text` is the article the quote's span indexes (and `title` its title): names may
    come from the paragraph before the quote, numbers from the quote's sentence, the
    direction only from the quote itself. Without `text` everything is read from the
    quote alone."""
    reg = registry or load_registry()
    ctx = context_of(draft, text, title, reg)
    quote = ctx.names
    for name in kind_of(draft).models(draft):
        if not names_model(quote, name, reg) and not _by_last_word(draft, name, ctx.sentence):
            return Inconsistency("model_not_in_quote", name)
        if _only_described(ctx.sentence, name):
            # "beats previous Gemini models" read as "beats Gemini": a set, not the family
            return Inconsistency("model_described", name)
    if isinstance(draft, PairwiseComparison):
        reversed_ = _reversed(draft, reg)  # the direction from the quote alone
        if reversed_ is not None:
            return reversed_
    # a trend's subjects are often left implicit ("the gap is closing"), so only a
    # group comparison must name its groups
    if isinstance(draft, GroupComparison):
        for group in (draft.group_a, draft.group_b):
            if not names_group(quote, group, reg):
                return Inconsistency("group_not_in_quote", group.describe())
    # a rank read off a flattened table ("... ; 01-ai/Yi-1.5-34B-Chat;") is its place
    # in the list the paragraph gives, so the paragraph counts for numbers too
    numbers = (ctx.sentence, ctx.names)
    if isinstance(draft, RankPosition):
        # words for first place ("tops", "leads") only count in the quote's own sentence
        if draft.op == "eq":
            said = says_rank(ctx.sentence, draft.rank) or says_rank(ctx.names, draft.rank, False)
            said = said or _list_position(ctx.lead_in) == draft.rank
            said = said or _top_list_place(ctx.sentence, draft.model) == draft.rank
        else:
            said = any(says_count(t, draft.rank) for t in numbers)
            # "A and B are our strongest models": the top k, k the models it names
            said = said or (draft.rank <= 3 and _FIRST.search(ctx.sentence) is not None)
            # "among the leading models" is read as the top 10 by every extractor
            said = said or (
                draft.rank == AMONG_LEADING_K and _AMONG.search(ctx.sentence) is not None
            )
            # "rank 18th or below": outside the top 17
            said = said or (draft.op == "not_top_k" and says_rank(ctx.sentence, draft.rank + 1))
            said = said or _list_position(ctx.lead_in) == draft.rank
        if not said:
            where = f"#{draft.rank}" if draft.op == "eq" else f"top {draft.rank}"
            return Inconsistency("rank_not_in_quote", where)
    k = draft.k if isinstance(draft, GroupComparison) else None
    if k is not None and not any(says_count(t, k) or _first_place_after(t, k) for t in numbers):
        return Inconsistency("k_not_in_quote", f"top {k}")
    approx = isinstance(draft, ScoreValue) and draft.comparator != "eq"
    if isinstance(draft, ScoreValue) and not any(
        says_value(t, draft.value, approx) for t in numbers
    ):
        return Inconsistency("value_not_in_quote", f"{draft.value:g}")
    if draft.negated and not _negates(ctx.sentence):
        return Inconsistency("negation_mismatch", "negated, but the quote negates nothing")
    return None


# lexicon.NEGATION's "\bn't" needs a word break before it, so contractions attached to
# their verb ("doesn't", "won't") are read here too, with "unlikely"; a "no" joined to
# words by hyphens is part of a name ("Qwen3-235B-A22B-no-thinking")
_CONTRACTED = regex(
    r"n['\u2019]t\b|\bcannot\b|\bunlikely\b|(?<![\w\-‑])no\b(?![\-‑]|\.\s?\d)", re.I
)


def _only_described(sentence: str, name: str) -> bool:
    """Whether every place the sentence writes `name` is inside a description of a set
    or a build ("previous Gemini models", "the updated DeepSeek-R1")."""
    # not where it starts a longer name ("Gemini" in "Gemini 2.5 Flash")
    written = rf"(?<![\w.-]){re.escape(name)}(?![\w.-])(?!\s*-?\d)"
    spots = [m.span() for m in re.finditer(written, sentence, re.I)]
    return bool(spots) and all(described_span(sentence, a, b) is not None for a, b in spots)


def _negates(text: str) -> bool:
    # "not only meets, but surpasses", "doesn't just beat it": the negation words that
    # assert, as the extractor reads them
    text = NOT_NEGATING.sub(" ", text)
    return NEGATION.search(text) is not None or _CONTRACTED.search(text) is not None


# --- names --------------------------------------------------------------------------


def _by_last_word(draft: ClaimDraft, name: str, sentence: str) -> bool:
    """ "Maverick came in second" names Llama 4 Maverick when the claim says the text
    wrote it so (its mentions) and the name ends with that word."""
    return any(
        " " in name and name.endswith(" " + m) and re.search(rf"\b{re.escape(m)}\b", sentence)
        for m in draft.mentions
    )


def names_model(quote: str, name: str, registry: Registry) -> bool:
    """Whether the quote names the model: as written, cleaned, in another reading the
    resolver accepts, by a registry alias of it, or by all its version tokens and a word."""
    qkey = key(quote)
    spellings = _spellings(name, registry)
    if any(s and s in qkey for s in spellings):
        return True
    return _by_tokens(quote, name)


@lru_cache(maxsize=4096)
def _quote_tokens(quote: str) -> frozenset[str]:
    return frozenset(parts(quote).tokens) | frozenset(key(w) for w in quote.split())


def _by_tokens(quote: str, name: str) -> bool:
    """Every number of the name ("3.5", "405b") and one of its words are in the quote:
    "Sonnet 3.5" names Claude 3.5 Sonnet; a bare "Claude" does not name Claude 3.5."""
    tokens = parts(name).tokens
    have = _quote_tokens(quote)
    numbered = [t for t in tokens if any(c.isdigit() for c in t)]
    words = [t for t in tokens if t.isalpha() and len(t) > 1]
    if not numbered:
        return bool(words) and all(w in have for w in words)
    return all(t in have or t.replace(".", "") in have for t in numbered) and any(
        w in have for w in words
    )


def _spellings(name: str, registry: Registry) -> set[str]:
    cleaned = clean(name, registry)
    out = {key(name), key(cleaned), parts(cleaned).core}
    out |= {key(f.text) for f in forms(cleaned, registry)}
    target = registry.rewrites.get(key(cleaned))
    if target:
        out.add(key(target))
    # the aliases that stand for this name ("R1" for DeepSeek-R1, "4o" for GPT-4o)
    out |= _aliases_of(registry).get(key(cleaned), set())
    out |= _aliases_of(registry).get(parts(cleaned).core, set())
    return {s for s in out if len(s) >= 2}


_alias_cache: dict[int, tuple[Registry, dict[str, set[str]]]] = {}


def _aliases_of(registry: Registry) -> dict[str, set[str]]:
    """key(board spelling or rewrite target) -> keys of the aliases that name it."""
    cached = _alias_cache.get(id(registry))
    if cached is None or cached[0] is not registry:
        reverse: dict[str, set[str]] = {}
        for alias, means in registry.aliases.items():
            for spelling in means:
                for k in (key(spelling), parts(spelling).core):
                    reverse.setdefault(k, set()).add(alias)
        for alias, target in registry.rewrites.items():
            reverse.setdefault(key(target), set()).add(alias)
        cached = _alias_cache[id(registry)] = (registry, reverse)
    return cached[1]


_OPEN = lazy(r"\bopen(?:[\s-]*(?:weights?|source|model|licen[cs]e))?\b|\bOSS\b", re.I)
_CLOSED = lazy(r"\b(?:closed|proprietary|commercial|frontier labs?|API-only)\b", re.I)


def names_group(quote: str, group: Group, registry: Registry) -> bool:
    """Whether the quote says the group: its country, organisation or openness."""
    said = []
    if group.country:
        words = [n for n, code in registry.country_names.items() if code == group.country]
        said.append(any(re.search(rf"\b{re.escape(w)}", quote, re.I) for w in words))
    if group.organisation:
        org = registry.organisation(group.organisation)
        spellings = [group.organisation, *(org.aliases if org else ())]
        spellings += [
            s
            for f in registry.families.values()
            if org and f.organisation == org.name
            for s in (f.name, *f.surfaces)
        ]
        said.append(any(key(s) in key(quote) for s in spellings if len(key(s)) >= 2))
    if group.open_weights is True:
        said.append(_OPEN.search(quote) is not None)
    if group.open_weights is False:
        said.append(_CLOSED.search(quote) is not None or _OPEN.search(quote) is not None)
    # every named part of the group must be said; "all models" (no part) needs nothing
    return all(said)


# --- numbers ------------------------------------------------------------------------

_ORDINAL_WORDS = {
    1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth",
    7: "seventh", 8: "eighth", 9: "ninth", 10: "tenth", 11: "eleventh", 12: "twelfth",
}  # fmt: skip
_CARDINAL_WORDS = {
    1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven",
    8: "eight", 9: "nine", 10: "ten", 11: "eleven", 12: "twelve", 15: "fifteen",
    20: "twenty", 25: "twenty-five", 50: "fifty", 100: "hundred",
}  # fmt: skip
# How a text says rank 1 without the digit: "tops", "leads", "state of the art", "best".
_FIRST = lazy(
    r"\b(?:top(?:s|ped|ping)?|atop|lead(?:s|ing|er|ership)?|led|best|strongest|highest|"
    r"state[\s-]of[\s-]the[\s-]art|SOTA|number[\s-]one|no\.?\s*1|pole|crown|throne|king|"
    r"first|#\s*1|1st|dominat\w*|ahead of (?:all|every)\w*|record|frontier|most (?:capable|"
    r"powerful|intelligent|advanced)|unrivall?ed|unmatched|beats? (?:all|every)\w*|"
    r"outperform\w* (?:all|every|any|its|their)\w*|surpass\w* (?:all|every)\w*|winner|wins?|"
    r"heads?|(?:new|fresh) (?:standard|high|bar)|high[\s-]water mark|grip on|"
    r"(?:raising|raises|sets?) the bar|unparalleled|out on top|out ahead|rules?\b|ruled|"
    r"than any|most \w+|smartest|greatest|mightiest|finest|brightest|won|outright|"
    r"than all|(?:all|any) other|alternatives|peers|competitors|rivals|pareto|excels?|"
    r"preferred|the bar for|state\W{1,3}of\W{1,3}the\W{1,3}art|to beat)\b",
    re.I,
)
# "among the leading models", "one of the best", "top-tier", "at the frontier": a
# place near the top with no number, which every extractor reads as the top 10
_AMONG = lazy(
    r"\bamong (?:the )?(?:[\w'\u2019]+ )?(?:top|leading|best|strongest|frontier|most)\b|"
    r"\bone of the\b|\btop[\s-](?:tier|notch|performance|class|echelon)|\bthe ranks of\b|"
    r"\b(?:at|on|near) the (?:\w+ )?frontier\b",
    re.I,
)

# "followed by X", "X is next", "runner-up": a place after one the sentence names
_NEXT = lazy(
    r"\b(?:followed by|trailed by|runner[\s-]up|behind (?:only|just)|next|then|"
    # "trails only A and B", "sits only behind A", "is beaten only by A": one past them
    r"(?:below|trail\w*|lag\w*) only|only (?:behind|below)|"
    r"(?:beaten|outranked|outscored|outperformed|surpassed|bested|topped|edged out) only by|"
    r"(?:immediately|right|just) (?:after|behind|below))\b",
    re.I,
)


def _number_in(quote: str, n: int) -> bool:
    """n as a number of its own ("#3", "3rd", "No. 3", "top-3"), not a digit of a name
    ("Llama-3-70B", "Qwen2.5") or of a bigger number ("1,434")."""
    pattern = rf"(?:(?<![\w.,/-])|(?<=top-)){n}(?:st|nd|rd|th)?(?![\w-]|[.,]\d)"
    return re.search(pattern, quote, re.I) is not None


def says_rank(quote: str, rank: int, words_for_first: bool = True) -> bool:
    if _number_in(quote, rank):
        return True
    words = [_ORDINAL_WORDS.get(rank), _CARDINAL_WORDS.get(rank)]
    if any(w and re.search(rf"\b{w}\b", quote, re.I) for w in words):
        return True
    if not words_for_first:
        return False
    if rank == 1:
        return _FIRST.search(quote) is not None
    return _NEXT.search(quote) is not None


_LIST_START = regex(r"[:\n]")


_ITEMS = regex(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def _top_list_place(sentence: str, model: str) -> int | None:
    """The model's place in "The top three are A, B and C": its position in the list."""
    m = TOP_ARE.search(sentence)
    if m is None:
        return None
    items = _ITEMS.split(sentence[m.end() :].rstrip(" ."))
    place = next((i for i, item in enumerate(items, 1) if item.strip().startswith(model)), None)
    return place


def _list_position(context: str) -> int | None:
    """The quote's place in a list flattened into prose ("top ten: A; B; C;"): the
    number of ";"-separated items since the list began, when there are at least three."""
    start = max((m.end() for m in _LIST_START.finditer(context.rstrip())), default=0)
    items = [i for i in context[start:].split(";") if i.strip()]
    # a list is at least three items, or two after a "...:" that opens it
    return len(items) if len(items) >= 3 or (start > 0 and len(items) == 2) else None


def _first_place_after(quote: str, k: int) -> bool:
    """ "No model from outside Google shows up until sixth place": the top five, said as
    the first place after them."""
    word = _ORDINAL_WORDS.get(k + 1)
    digits = rf"{k + 1}(?:st|nd|rd|th)"
    place = rf"(?:{word}|{digits})" if word else digits
    return re.search(rf"\b(?:until|before)\s+(?:the\s+)?{place}\b", quote, re.I) is not None


def says_count(quote: str, k: int) -> bool:
    """ "top 10", "top-ten", "top five", "the ten best": k as digits or a word."""
    if _number_in(quote, k):
        return True
    word = _CARDINAL_WORDS.get(k)
    return bool(word and re.search(rf"\b{word}\b", quote, re.I))


_NUMBER = lazy(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d*\.\d+|\d+")


def says_value(quote: str, value: float, approx: bool = False) -> bool:
    """A number in the quote equal to the value as written: commas, a fraction for a
    percent (0.717 for 71.7), one rounded to the other's precision (1434 for "1434.2"),
    and for an approximate claim ("about 1,400") within 2%."""
    for m in _NUMBER.finditer(quote):
        found = float(m.group().replace(",", ""))
        if abs(found - value) < 0.051 or (value and abs(found * 100 - value) < 0.051):
            return True
        if (found == int(found) or value == int(value)) and round(found) == round(value):
            return True
        if approx and found and abs(found - value) <= 0.02 * abs(found):
            return True
    if value != int(value):
        return False
    words = [_CARDINAL_WORDS.get(int(value)), _ORDINAL_WORDS.get(int(value))]
    if value == 100:
        words.append("perfect")  # "perfect retrieval" is 100%
    return any(w and re.search(rf"\b{w}\b", quote, re.I) for w in words)


# --- direction ----------------------------------------------------------------------

_PASSIVE = regex(r"\b(?:is|are|was|were|been|being|gets?|got)\s+(?:\w+\s+)?$", re.I)
_BY = regex(r"^\s*by\b", re.I)
_FLIP: dict[Relation, Relation] = {
    "beats": "trails",
    "trails": "beats",
    "ties": "ties",
    "overtook": "trails",
}


def _first_position(quote: str, name: str, registry: Registry) -> int | None:
    """Where the quote first names the model (by a spelling), or None."""
    low = quote.lower()
    best: int | None = None
    for spelling in {name, clean(name, registry)}:
        i = low.find(spelling.lower())
        if i >= 0 and (best is None or i < best):
            best = i
    return best


def _said_later(rest: str, relation: str) -> bool:
    """Whether a comparative verb after both names says `relation` of the same two, with
    "it" for the second ("X is ahead of Y on A, yet behind it on B")."""
    for verb in COMPARATIVE_VERB.finditer(rest):
        said = next(k for k in _FLIP if verb.group(k))
        same_pair = _IT_AFTER.match(rest, verb.end()) is not None
        if (
            same_pair
            and measured(verb.group(), "beats" if said == "overtook" else said) == relation
        ):
            return True
    return False


_IT_AFTER = regex(r"\s+it\b(?!['’]s)", re.IGNORECASE)


def _reversed(draft: PairwiseComparison, registry: Registry) -> Inconsistency | None:
    """The quote's own verb between the two names says the other direction."""
    quote = draft.quote
    a = _first_position(quote, draft.model_a, registry)
    b = _first_position(quote, draft.model_b, registry)
    if a is None or b is None or a == b:
        return None  # cannot place both names: no reading to contradict
    first, second = (a, b) if a < b else (b, a)
    between = quote[first:second]
    verbs = list(COMPARATIVE_VERB.finditer(between))
    if len(verbs) != 1:
        return None  # no verb, or a list of them: not a reading this check relies on
    verb = verbs[0]
    said = next(k for k in _FLIP if verb.group(k))
    by_measure = measured(verb.group(), "beats" if said == "overtook" else said)
    if by_measure is None:
        return None  # "lower latency than": a measure that ranks nothing
    relation = by_measure  # "fewer hallucinations than" beats
    after = between[verb.end() :]
    if _PASSIVE.search(between[: verb.start()]) and _BY.match(after):
        relation = _FLIP[relation]  # "is outperformed by"
    if a > b:  # the quote names model_b first: its verb is from model_b's side
        relation = _FLIP[relation]
    if relation == "ties" or draft.relation == "ties":
        return None  # "matches or outperforms" is labelled beats: ties never contradict
    if relation != draft.relation and _said_later(quote[second:], draft.relation):
        return None  # "X is ahead of Y on A, yet behind it on B": the later verb's claim
    if relation != draft.relation:
        return Inconsistency(
            "direction_reversed",
            f"{draft.model_a} {draft.relation} {draft.model_b}, the quote says {relation}",
        )
    negated_here = _negates(between[: verb.start()])
    if negated_here and not draft.negated:
        return Inconsistency("negation_mismatch", "the quote negates the comparison")
    return None


# Same matches, found sooner: literal checks before the patterns (bot/extract/prefilter.py).
from bot.extract.prefilter import prefilter_patterns  # noqa: E402

prefilter_patterns(globals())
