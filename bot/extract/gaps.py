"""Gap claims between groups of models: "the gap between open and closed models is
shrinking", "Chinese labs have caught up with the US", "the American edge fell to 0.3%".

One mechanism for the family: a sentence that names a gap (gap, edge, lead, deficit,
distance, difference) or a catching-up verb, a direction (narrowing or widening), and
one or two groups (a country, open or closed weights, as phrases or bare nouns: "China",
"the U.S.", "open source"). With one group named, the other side is its complement:
open against closed, China against the US. Who leads is what the sentence says ("the
American edge": the US ahead), else the group named with the gap's owner words.
"""

from __future__ import annotations

import re

from bot.extract.groups import GroupPhrase, resolve_pair
from bot.extract.hits import Direction, Hit, TrendHit
from bot.extract.patterns import NEVER_SO, NOT_A_MOVE, Sentence, _near_negation
from bot.extract.regexes import regex
from store.claims import Group

_GAP = regex(
    r"\b(?:gap|edge|lead|deficit|distance|difference|disparity|margin|advantage)s?\b",
    re.IGNORECASE,
)
# "a narrow lead", "isn't even close", "a close second": the adjectives say how near two
# sides are, not that they came nearer
_NEAR_NOUN = (
    r"(?!\s+(?:lead|edge|margin|gap|advantage|win|victory|second|third|race|contest|call|"
    r"behind|to)\b)"
)
_NOT_GROUP = r"(?![- ](?:source|weights?|models?|labs?|ones|AI|systems?))"
_ADJECTIVE_BEFORE = (
    r"(?<!\ba\s)(?<!\ban\s)(?<!\bvery\s)(?<!\bso\s)(?<!\btoo\s)(?<!\bquite\s)(?<!\bpretty\s)"
    r"(?<!\beven\s)(?<!\brelatively\s)(?<!\bis\s)(?<!\bare\s)(?<!\bwas\s)(?<!\bwere\s)"
    r"(?<!\bremains\s)(?<!\bremain\s)(?<!\bstays\s)(?<!\bstay\s)(?<!\bnowhere\s)"
)
_NARROWING = regex(
    rf"\b(?:{_ADJECTIVE_BEFORE}narrow{_NEAR_NOUN}|narrow(?:s|ed|ing)|"
    r"shr(?:ink|inks|inking|ank|unk)|fell|falls?|falling|dropped|drops?|"
    rf"{_ADJECTIVE_BEFORE}close{_NEAR_NOUN}{_NOT_GROUP}|clos(?:es|ed|ing){_NOT_GROUP}|"
    r"erase[sd]?|erasing|vanish(?:ed|es|ing)?|disappear(?:ed|s|ing)?|"
    # "the US edge has eroded", "whittled down", "dwindled", "halved"
    r"erod(?:e|es|ed|ing)|whittl(?:e|es|ed|ing)|dwindl(?:e|es|ed|ing)|halved|"
    r"smaller|down\s+to|within\s+(?:a\s+few|touching)|catch(?:es|ing)?\s+up|caught\s+up|"
    r"drawn\s+level|draw(?:s|ing)?\s+level|drew\s+level|parity|gaining|converg\w+|"
    r"caught|catching|(?:hit|hits|hitting|reach|reaches|reached|reaching|fall to|fell to) zero|"
    # "the gap is now just 0.3 points": what is left of it
    r"now\s+(?:only|just|a\s+mere)(?=\s+(?:about\s+|around\s+)?[\d.]+))\b",
    re.IGNORECASE,
)
_WIDENING = regex(
    r"\b(?:widen(?:s|ed|ing)?|wider|gr(?:ow|ows|owing|ew|own)|larger|bigger|increas(?:e|es|ed|ing)|"
    r"expand(?:s|ed|ing)?)\b",
    re.IGNORECASE,
)
# "open-versus-closed", "open vs. closed", "open/closed": both sides in one modifier
# ("open-closed gap": the hyphen alone joins them too)
_OPEN_VS = r"(?:[- ](?:source|weights?))?(?:[- ]+(?:versus|vs\.?|v\.?|to)[- ]+|\s?/\s?|-)"
# Bare nouns for groups, where no "... models" phrase names them.
_BARE: tuple[tuple[re.Pattern[str], Group], ...] = (
    (regex(rf"\bopen(?={_OPEN_VS}closed\b)", re.I), Group(open_weights=True)),
    (
        regex(rf"(?<=\bopen)(?P<sep>{_OPEN_VS})closed\b", re.I),
        Group(open_weights=False),
    ),
    (regex(r"\b(?:China|Chinese)\b"), Group(country="CN")),
    (
        regex(r"(?:\bthe\s+)?(?:\bU\.S\.(?=\W)|\bUS\b|\bUnited States\b|\bAmerican?\b)"),
        Group(country="US"),
    ),
    (
        regex(r"\bopen[- ](?:source|weights?)\b|\bopen\s+(?:AI\s+)?models?\b", re.I),
        Group(open_weights=True),
    ),
    (
        regex(
            r"\bclosed[- ]source\b|\bclosed\s+(?:AI\s+)?(?:models?|labs?|ones)\b|\bproprietary\b",
            re.I,
        ),
        Group(open_weights=False),
    ),
)


# "the gap", "that lead", "this distance": one said before
_DEFINITE = regex(r"\b(?:the|that|this)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_MODEL_PRONOUN = regex(r"\b(?:it|its|this model|the model)\b", re.IGNORECASE)


def _complement(g: Group) -> Group | None:
    if g.open_weights is not None and g.country is None:
        return Group(open_weights=not g.open_weights)
    if g.country == "CN" and g.open_weights is None:
        return Group(country="US")
    if g.country == "US" and g.open_weights is None:
        return Group(country="CN")
    return None


def countries_named(text: str) -> frozenset[str]:
    """The countries a side of a gap may be taken as, where one side is left unsaid."""
    return frozenset(
        g.country for pattern, g in _BARE_CHECKED if g.country and pattern.search(text)
    )


_OUTSIDE_BEFORE = regex(r"\b(?:foreign|overseas|non-[\w.]+)\s+$", re.IGNORECASE)


def bare_groups(text: str, phrases: list[GroupPhrase]) -> list[GroupPhrase]:
    """Group phrases plus the bare nouns no phrase covers ("China", "the U.S.")."""
    out = list(phrases)
    for pattern, group in _BARE_CHECKED:
        for m in pattern.finditer(text):
            if any(p.start <= m.start() < p.end or m.start() <= p.start < m.end() for p in out):
                continue
            if _OUTSIDE_BEFORE.search(text, 0, m.start()):
                continue  # "foreign open models": open and not one country's, no group
            out.append(GroupPhrase(m.start(), m.end(), group, anaphoric=False, others=False))
    return sorted(out, key=lambda p: p.start)


def _groups(s: Sentence) -> list[tuple[int, Group]]:
    """The sentence's first two groups (its phrases and bare nouns, `bare_groups`), the
    second taking what it leaves unsaid from the first."""
    phrases = sorted(s.groups, key=lambda g: g.start)
    # "America ..., U.S. models led Chinese ones": a group named again is one side
    for other in phrases[1:]:
        ga, gb = resolve_pair(phrases[0], other)
        if ga != gb:
            return [(phrases[0].start, ga), (other.start, gb)]
    return [(p.start, p.group) for p in phrases[:1]]


# "trail closed ones by 3 points, down from 12": a margin that says how it changed
_MARGIN_CHANGE = regex(
    r"\bby\s+(?:only\s+|just\s+)?[\d.]+\s*(?:%|percent|points?|pts|elo|percentage\s+points)?,?\s+"
    r"(?:(?P<narrow>down)|(?P<widen>up))\s+from\s+[\d.]+",
    re.IGNORECASE,
)


_BREAK = regex(r"[,;:]|\b(?:and|but|while|as)\b", re.IGNORECASE)
_MODEL_AFTER = regex(r"\s+(?:up\s+)?(?:(?:with|to)\s+)?", re.IGNORECASE)
_COMPARATIVE = regex(r"smaller|wider|larger|bigger", re.IGNORECASE)
_COMPARATIVE_REACH = 20  # "a bigger gap", "the gap is larger": the words stand together


def _outside(
    pattern: re.Pattern[str], text: str, spans: list[tuple[int, int]]
) -> re.Match[str] | None:
    for m in pattern.finditer(text):
        if not any(a <= m.start() < b for a, b in spans):
            return m
    return None


# "trails both by a wide margin", "leads by a comfortable edge": the size of one
# comparison, not a gap that moves
_BY_BEFORE = regex(r"\bby\s+(?:a|an|the|its|their)?\s*(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def _gap_word(text: str) -> re.Match[str] | None:
    for m in _GAP.finditer(text):
        if not _BY_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            return m
    return None


def find_gap_trends(s: Sentence) -> list[Hit]:
    if any(isinstance(h, TrendHit) for h in s.hits):
        return []
    gap = _gap_word(s.text)
    # "the open vs. closed gap has widened": a group's own words ("closed") are no cue
    spans = [(g.start, g.end) for g in s.groups]
    narrow = _outside(_NARROWING, s.text, spans)
    widen = _outside(_WIDENING, s.text, spans)
    change = _MARGIN_CHANGE.search(s.text)
    if change is not None:
        # the change of the margin itself decides, whatever other words say
        gap = change
        narrow, widen = (change, None) if change.group("narrow") else (None, change)
    # "the US lead ... has never been bigger": its size now is the cue, said without a
    # clause between it and the gap
    never = NEVER_SO.search(s.text, gap.end()) if gap else None
    if (
        never is not None
        and gap is not None
        and not _BREAK.search(s.text, gap.end(), never.start())
    ):
        narrow, widen = (never, None) if never.group("narrow") else (None, never)
    else:
        never = None
    catching = narrow is not None and re.search(
        r"catch|caught|level|parity|erase|gaining", narrow.group(), re.IGNORECASE
    )
    if not (gap or catching) or not (narrow or widen):
        return []
    if catching and not gap and narrow is not None:
        # "no open model has caught GPT-4.5": a model caught or not, no gap between groups
        after = _MODEL_AFTER.match(s.text, narrow.end())
        if after and any(m.start == after.end() for m in s.models):
            return []
    cue = narrow or widen
    # "the bigger story is the open-versus-closed gap": the size of something else
    comparative = cue is not None and _COMPARATIVE.fullmatch(cue.group())
    if comparative and cue is not None and NOT_A_MOVE.match(s.text, cue.start()):
        return []  # "wider on math than on coding"
    if (
        gap and comparative and not never and abs(cue.start() - gap.start()) > _COMPARATIVE_REACH  # type: ignore[union-attr]
    ):
        return []
    anchor = gap.start() if gap else (narrow or widen).start()  # type: ignore[union-attr]
    placed = _groups(s)
    # Whose gap it is: the nearest name before it. A model ("Leanstral shows an
    # advantage over ...") or "it" makes it that model's, not the groups'.
    owners = [(p, "group") for p, _ in placed if p < anchor]
    owners += [(m.start, "model") for m in s.models if m.start < anchor]
    owners += [(m.start(), "model") for m in _MODEL_PRONOUN.finditer(s.text, 0, anchor)]
    if owners and max(owners)[1] != "group":
        return []  # (no name before it: "the gap between open and closed models ...")
    groups = [g for _, g in placed]
    if (
        not groups
        and gap
        and not s.models
        and s.prev_sides
        and _DEFINITE.search(s.text, 0, gap.start())
    ):
        # "... catching up with US ones. On MMLU the gap is now just 0.3 points": the
        # sides the sentence before set against each other
        groups = list(s.prev_sides)
    if not groups:
        return []
    if len(groups) == 1:
        other = _complement(groups[0])
        if other is None:
            return []
        if other.country is not None and other.country not in s.countries:
            # "Chinese ones are gaining quickly", no US named anywhere: on the rest of
            # the field, not on a country the article never names
            other = groups[0].rest()
        groups.append(other)
    a, b = groups[0], groups[1]
    if a == b:
        return []
    assert cue is not None
    direction: Direction = (
        "narrowing" if narrow and (not widen or narrow.start() < widen.start()) else "widening"
    )
    return [
        TrendHit(
            subjects=(a, b),
            direction=direction,
            start=cue.start(),
            negated=never is None and _near_negation(s.text, cue.start()),
        )
    ]


# Same matches, found sooner: literal checks before the patterns (bot/extract/prefilter.py).
from bot.extract.prefilter import Prefiltered, prefilter_patterns  # noqa: E402

prefilter_patterns(globals())
# every sentence with a cue is read for each bare noun: the same check before each
_BARE_CHECKED = tuple((Prefiltered(pattern), group) for pattern, group in _BARE)
