"""Group phrases: "China's best open-source models", "US counterparts", "closed models
from the US", "those from the United States" -> `Group` facts with their span.

A phrase is a head noun ("models", "counterparts", "ones", ...) with the modifiers
before it (country, organisation, openness, "best"/"top") and an optional "from the
US" after it. Counterpart heads ("counterparts", "ones", "those from ...") are
anaphoric: they take the other side's facts and override only what they name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.extract.lexicon import BOARDS
from bot.extract.names import Gazetteer
from bot.extract.regexes import regex
from store.claims import Group

_HEAD = regex(
    r"\b(?:models?|llms?|counterparts?|equivalents?|rivals?|ones?|systems|labs|offerings|releases|entries|"
    r"peers|competitors|those)\b",
    re.IGNORECASE,
)
_ANAPHORIC = {
    "counterpart",
    "counterparts",
    "equivalent",
    "equivalents",
    "ones",
    "one",
    "rivals",
    "rival",
    "those",
    "peers",
    "competitors",
}
_OPEN = {
    "open",
    "open-source",
    "open-weight",
    "open-weights",
    "openly-licensed",
    "open-sourced",
    "source",
    "weights",
    "weight",
    "open-licence",
    "open-license",
}
_CLOSED = {"closed", "closed-source", "proprietary", "closed-weight", "closed-weights"}
_BEST = {
    "best",
    "top",
    "top-tier",
    "leading",
    "strongest",
    "frontier",
    "most",
    "capable",
    "powerful",
    "flagship",
    "highest-ranked",
    "top-ranked",
    "best-performing",
    "premier",
}
_OTHERS = {"other", "all", "every", "any"}
_FOREIGN = {"foreign", "overseas", "foreign-made", "foreign-built"}
_FILLER = {
    "the",
    "its",
    "their",
    "our",
    "ai",
    "language",
    "large",
    "llm",
    "and",
    "or",
    ",",
    "currently",
    "available",
    "existing",
    "comparable",
    "similar",
    "similarly-sized",
    "american-made",
    "chinese-made",
    "big",
    "major",
    "new",
    "latest",
    "'s",
    "generative",
    "foundation",
    "frontier-level",
    "domestic",
    "western",
    "of",
}
_TOKEN = regex(r"[\w.'’-]+|,")
_AFTER = regex(
    r"^\s*(?:from|in|out of|made in|built in|based in|developed in)\s+"
    # (a sentence's full stop is not the name's: "models developed in China.")
    r"(?P<where>(?:the\s+)?(?:united states|u\.s\.a?\.?|us|usa|[A-Z][\w'’]*(?:\.\w[\w'’]*)*))",
    re.IGNORECASE,
)


_LEADING = regex(r"(?:[\s,]|and\b|or\b)+", re.IGNORECASE)


def _country(token: str, raw: str, gaz: Gazetteer) -> str | None:
    # "us" lowercased is also the pronoun: only the capitalised spelling is the country.
    if raw in ("us", "u.s"):
        return "US" if token.upper() == token else None
    return gaz.country(raw)


@dataclass(frozen=True, slots=True)
class GroupPhrase:
    start: int
    end: int
    group: Group
    anaphoric: bool  # "US counterparts": inherit the other side's facts
    others: bool  # "all other open models": the subject against its whole group
    # "foreign models": from outside a country the phrase leaves unsaid (`_outside`)
    foreign: bool = False


def find_groups(sentence: str, gaz: Gazetteer) -> list[GroupPhrase]:
    out: list[GroupPhrase] = []
    for head in _HEAD.finditer(sentence):
        out += _parse(sentence, head, gaz)
    out = _outside(out)
    for m in _BARE_POSSESSIVE.finditer(sentence):
        # "China's open models pull ahead of America's", "trails OpenAI's best": the
        # country's or the maker's own, the rest of the phrase left to be understood
        # from the other side
        if any(p.start <= m.start() < p.end for p in out):
            continue
        who = m.group("who")
        if (code := _country(who, who.lower(), gaz)) is not None:
            out.append(GroupPhrase(m.start(), m.end(), Group(country=code), True, False))
        elif (org := gaz.organisation(who.lower())) is not None:
            out.append(GroupPhrase(m.start(), m.end(), Group(organisation=org), True, False))
    return sorted(out, key=lambda p: p.start)


def _outside(phrases: list[GroupPhrase]) -> list[GroupPhrase]:
    """ "Foreign models still lead, with Chinese ones gaining": foreign to the one country
    the sentence sets them against (the rest of the world against China). With no such
    country, or several, whose they are is unsaid and the phrase is dropped."""
    if not any(p.foreign for p in phrases):
        return phrases
    named = {
        p.group.country
        for p in phrases
        if not p.foreign and not p.group.others and p.group.country is not None
    }
    home = named.pop() if len(named) == 1 else None
    return [
        p
        if not p.foreign
        else GroupPhrase(
            p.start,
            p.end,
            Group(country=home, others=True),
            p.anaphoric,
            p.others,
        )
        for p in phrases
        if not p.foreign or home is not None
    ]


# a country's or maker's possessive that no noun follows ("ahead of America's on
# LMArena", "trails OpenAI's best by 30 points")
_BARE_POSSESSIVE = regex(
    r"\b(?P<who>[A-Z][\w.]*)['’]s(?:\s+(?:own\s+)?(?:best|top|strongest|finest|leading))?"
    r"(?=\s*(?:[,.;:!?)—–]|$|\s(?:on|in|at|by|for|and|but|as|now|"
    r"too|again|yet|while|with|across|still|has|have|had|is|are|was|were)\b))"
)


def _parse(sentence: str, head: re.Match[str], gaz: Gazetteer) -> list[GroupPhrase]:
    """The phrase ending at `head`; one per country where countries are joined ("both
    American and Chinese ones": each a side of its own, sharing the other words)."""
    word = head.group().lower()
    country: str | None = None
    joined: list[tuple[int, str]] = []  # (where it starts, country) of each further one
    first_at = 0
    org: str | None = None
    open_weights: bool | None = None
    others = False
    foreign = False  # "foreign models", "overseas systems": outside a country unsaid
    outside: str | None = None  # "non-Chinese models": outside the country named
    start = head.start()
    tokens = list(_TOKEN.finditer(sentence, 0, head.start()))
    for tok in reversed(tokens[-8:]):
        raw = tok.group().lower().replace("’", "'").strip(".")
        stem = raw[:-2] if raw.endswith("'s") else raw
        # "open-source"/"open source": both tokens mark openness.
        if raw in _OPEN or stem in _OPEN:
            if open_weights is None:
                open_weights = True
        elif raw in _CLOSED:
            if open_weights is None:
                open_weights = False
        elif raw in _BEST or raw in _FILLER:
            pass
        elif raw in _OTHERS:
            others = True
        elif raw in _FOREIGN:
            foreign = True
        elif raw.startswith("non-") and (code := _country(tok.group()[4:], raw[4:], gaz)):
            outside = outside or code
        elif stem in BOARDS:
            break  # "LMArena's open models": the board's, not a maker's
        elif (code := _country(tok.group(), raw, gaz)) is not None:
            if country is None:
                country = code
                first_at = tok.start()
            elif code != country and code not in (c for _, c in joined):
                joined.append((tok.start(), code))
        elif (name := gaz.organisation(raw)) is not None:
            if org is None:
                org = name
        else:
            break
        start = tok.start()
    end = head.end()
    after = _AFTER.match(sentence[end:])
    makers: list[str] = []
    if after:
        where = after.group("where").lower()
        code = gaz.country(where) or gaz.country(where.removeprefix("the "))
        if code:
            country = country or code
            end += after.end()
        elif org is None and (listed := _makers_after(sentence, end, gaz)) is not None:
            makers, end = listed
            org = makers[0]
    anaphoric = word in _ANAPHORIC
    if word == "those" and not after:
        return []
    unsaid = country is None and org is None and open_weights is None
    if unsaid and not anaphoric and not foreign and outside is None:
        return []
    # Skip leading conjunctions so the phrase starts at a meaningful word.
    lead = _LEADING.match(sentence, start, head.start())
    if lead:
        start = lead.end()
    if (outside is not None or foreign) and country is None and org is None:
        if open_weights is not None:
            # "non-Chinese open models": open and not China's, which no group's facts
            # say (the rest of "Chinese open models" holds every closed model too)
            return []
        if outside is not None:
            # "non-Chinese models": every model but China's
            return [GroupPhrase(start, end, Group(country=outside, others=True), anaphoric, others)]
        return [GroupPhrase(start, end, Group(), anaphoric, others, foreign=True)]
    group = Group(country=country, organisation=org, open_weights=open_weights)
    if len(makers) > 1:
        # "rivals from Google, Anthropic and xAI": each maker a side of its own
        return [
            GroupPhrase(
                start, end, group.model_copy(update={"organisation": mk}), anaphoric, others
            )
            for mk in makers
        ]
    # ("US-trained Chinese models": not two sides joined by "and", the nearest one holds)
    if joined and not after and _JOINED.search(sentence, joined[-1][0], first_at):
        # the nearest country's phrase starts at its own word, each further one at its
        return [
            GroupPhrase(at, end, group.model_copy(update={"country": code}), anaphoric, others)
            for at, code in [*reversed(joined), (first_at, country)]
        ]
    return [GroupPhrase(start, end, group, anaphoric, others)]


_MAKER = r"(?:[A-Z]|xAI)[\w-]*(?:\.\w+)*(?:\s+AI\b)?"
# "models from Google", "rivals from Google, Anthropic, xAI and Alibaba"
_MAKERS_AFTER = regex(
    rf"\s+from\s+(?P<list>{_MAKER}(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+){_MAKER})*)"
)
_MAKERS_SPLIT = regex(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+")
# the list goes on with something no maker's name says ("from Google and others")
_LIST_GOES_ON = regex(r"\s*(?:,\s*)?(?:and|or|&)\s", re.IGNORECASE)


def _makers_after(sentence: str, end: int, gaz: Gazetteer) -> tuple[list[str], int] | None:
    """The makers named after a head ("models from Google and xAI") and where they end;
    None unless every one is a maker the gazetteer knows."""
    m = _MAKERS_AFTER.match(sentence, end)
    if m is None or _LIST_GOES_ON.match(sentence, m.end()):
        return None
    makers = []
    for part in _MAKERS_SPLIT.split(m.group("list")):
        found = gaz.organisation(part.lower()) or gaz.organisation(part.split()[0].lower())
        if found is None:
            return None
        makers.append(found)
    return list(dict.fromkeys(makers)), m.end()


# countries joined before one head: "American and Chinese", "US, Chinese or French"
_JOINED = regex(r",|\b(?:and|or)\b", re.IGNORECASE)


def resolve_pair(a: GroupPhrase, b: GroupPhrase) -> tuple[Group, Group]:
    """Both sides as full groups: an anaphoric side takes the other's unnamed facts."""
    ga, gb = a.group, b.group
    # a maker's models are that maker's country's: "Chinese models lead OpenAI's" does
    # not make OpenAI Chinese
    if b.anaphoric:
        gb = Group(
            country=gb.country if gb.country is not None or gb.organisation else ga.country,
            organisation=gb.organisation,
            open_weights=gb.open_weights if gb.open_weights is not None else ga.open_weights,
            others=gb.others,
        )
    if a.anaphoric and not b.anaphoric:
        ga = Group(
            country=ga.country if ga.country is not None or ga.organisation else gb.country,
            organisation=ga.organisation,
            open_weights=ga.open_weights if ga.open_weights is not None else gb.open_weights,
            others=ga.others,
        )
    return ga, gb


# Same matches, found sooner: literal checks before the patterns (bot/extract/prefilter.py).
from bot.extract.prefilter import prefilter_patterns  # noqa: E402

prefilter_patterns(globals())
