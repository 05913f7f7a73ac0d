"""Who a claim is about: subject position and pronoun antecedents (pure string logic).

A claim's subject must be a model named where a subject stands: at the start of its
clause, after at most a few determiners or capitalised words ("OpenAI's GPT-5.5",
"The new Devstral Small 1.1"). A model named after a preposition or a verb ("stands
on the shoulders of Mistral 7B", "beats Gemini 2.5 Flash") is never the subject.

"It" / "the model" means a model only when that is unambiguous: the one model in
subject position of the same sentence (before the pronoun) or of the previous
sentence, not coordinated with another ("X and Y tie. It ..." means neither).
Anything else drops the claim: a missed claim costs less than one about the wrong model.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from bot.extract.names import Gazetteer, Mention, unlisted_names
from bot.extract.regexes import regex

# Where a clause starts: the sentence start or a boundary word/punctuation.
_CLAUSE_START = regex(
    r"(?:^|[,;:(–—]|\s-\s|\b(?:and|nor|but|while|whereas|although|though|when|so|then|yet|"
    # "we find that X achieves ...": a reported clause has its own subject
    # ("since", "after" and "before" are left out: "since GPT-5" is a preposition's)
    r"which|where|that|because|if|whether|"
    # "Kimi K2 became the top open model as Grok 4 landed in the top three"
    r"as(?=\s+[A-Z][^,;.]{0,40}?\s(?:landed|lands|ranked|ranks|came|comes|took|takes|rose|"
    r"climbed|fell|dropped|slipped|moved|entered|debuted|sits|sat|is|was)\b)|"
    # "..., with Qwen3 taking the top spot", "with Voxtral achieving the lowest error
    # rate": an absolute clause, its name the subject of the participle after it
    r"with(?=\s+[A-Z][^,;]{0,40}?\s(?:\w+ly\s+)?(?:taking|ranking|placing|finishing|coming|"
    r"sitting|landing|scoring|posting|achieving|reaching|leading|topping|holding|claiming|"
    r"climbing|rising|jumping|moving|falling|dropping|slipping|sliding|trailing|debuting|"
    r"entering|earning|securing|hitting|delivering|edging|beating|outperforming|"
    r"surpassing|overtaking)\b)|"
    # "Box and Zoom observed GPT-5.2 demonstrates ...": a reported clause without "that"
    r"says?|said|observed|found|finds|noted|notes|believes?|believed|argues?|argued|"
    r"reported|reports|insists?|insisted|"
    # "Reviewers rated X better than Y", "testers judged X stronger": a quality given
    # to the name after the verb, its subject
    r"rated|rates|judged|judges|deemed|deems|considered|considers)\b)\s*",
    re.IGNORECASE,
)
# What may stand before a subject inside its clause: bullets, quotes, determiners,
# a few adverbs, capitalised words and possessives ("OpenAI's", "xAI’s").
_LEAD_WORD = (
    r"(?:the|a|an|our|its|their|new|latest|even|also|now|today|meanwhile|then|finally|"
    r"[A-Z][\w.&-]*|[A-Za-z][\w.&-]*['’]s)"
)
_SUBJECT_LEAD = regex(rf"[\s\-–—•*\"“'‘(]*(?:{_LEAD_WORD}\s+){{0,4}}", re.IGNORECASE)
# Words that refer back to a model named before: pronouns and descriptions of the
# article's model ("our new model"). "Our models" is many, and "this release" is
# often a family ("Ministral 3 or Mistral Large 3, this release ...").
# The words between "this/the/our" and "model" describe the article's model ("this
# newest model", "the 70B model", "our instruction-tuned model"), unless they set it
# apart from another one ("the previous model", "the base model").
_OTHER_MODEL = (
    r"previous|prior|older|old|original|base|baseline|teacher|student|other|competing|rival|"
    r"reward|judge|reference|same|first|last|second|smaller|larger|bigger|earlier|former|"
    r"existing|underlying|closed|open|proprietary|leading|best|top|frontier|single|one"
)
REFERENCE = (
    # ("the 70B model" is the model of that size: referents.py, when one was named)
    rf"(?:it|(?:this|the|our)\s+(?:(?!(?:{_OTHER_MODEL}|\d+(?:\.\d+)?[BbMT])\b)[\w-]+\s+){{0,2}}?"
    r"model(?![\w-])"
    # "the model Meta actually released": a model the clause picks out, not the article's
    r"(?!\s+[A-Z][\w.&-]*\s+(?:\w+ly\s+)?(?:released|shipped|launched|made|built|trained|"
    r"submitted|tested|used|put\s+out)\b))"
)
_PRONOUN = regex(rf"\b{REFERENCE}\b", re.IGNORECASE)
_FIRST_PERSON = regex(
    r"[\W_]*(?:(?:today|now|finally|recently|last \w+),?\s+)?(?:we|i)(?:['’](?:ve|re|d))?\b",
    re.IGNORECASE,
)
_RELEASED = regex(
    _FIRST_PERSON.pattern
    + r"\s+(?:are\s+|have\s+|just\s+|now\s+)*(?:(?:proud|excited|happy)\s+to\s+)?"
    r"(?:release[sd]?|releasing|introduc(?:e|ed|ing)|launch(?:ed|ing)?|announc(?:e|ed|ing)|"
    r"unveil(?:ed|ing)?|present(?:ed|ing)?|ship(?:ped|ping)?)\s+"
    r"(?:the\s+|our\s+|a\s+|an\s+)?(?:new\s+)?",
    re.IGNORECASE,
)
# a maker (not "we") putting a model out: "xAI released an early Grok 3 build"
_THIRD_RELEASED = regex(
    r"\b(?:released|launched|unveiled|introduced|shipped|rolled\s+out|open-sourced)\s+"
    r"(?:an?\s+|the\s+|its\s+|their\s+)?(?:(?:new|early|updated|latest|experimental|preview)\s+)*"
)
_COORDINATED = regex(r"^\s*(?:,\s*)?(?:and|or|nor|&|/|,|vs\.?|versus)\s*$", re.IGNORECASE)


def clause_lead(text: str, start: int) -> str:
    """The text between the start of the clause holding `start` and `start`."""
    lead_from = 0
    # the search runs past `start` so a clause word may look at what follows ("as ...")
    for m in _CLAUSE_START.finditer(text, 0, start + 60):
        if m.end() <= start:
            lead_from = m.end()
    return text[lead_from:start]


# "An early version of Grok-2 ..." speaks of Grok-2.
_VERSION_OF = regex(
    r"(?:an?|the)\s+(?:[\w-]+\s+){0,2}(?:version|preview|release|variant|checkpoint|build)"
    r"\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)


_DESCRIBED_LEAD = regex(
    r"(?:^|(?<=\s))(?:(?:fellow|rival|other|open|open-weights?|closed|Chinese|American|US|U\.S\.|"
    r"European|French|frontier|flagship|reasoning)\s+){1,3}"
    r"(?:models?|systems?|LLMs?|rivals?|competitors?|contenders?|entrants?)\s+$",
    re.IGNORECASE,
)


def in_subject_position(text: str, start: int) -> bool:
    lead = clause_lead(text, start)
    v = _VERSION_OF.search(lead)
    if v:
        lead = lead[: v.start()]
    # "On hard prompts it outscores ...", "At math DeepSeek V3 passes ...": a phrase that
    # opens the clause with a preposition sets the scene; the subject comes after it
    # "Last month Gemini 2.5 Pro took first place": a time said first, without its comma
    timed = _TIME_OPENER.match(lead)
    if timed:
        lead = lead[timed.end() :]
    opener = _OPENING_PHRASE.match(lead)
    if opener:
        lead = lead[opener.end() :]
    # "Zhipu AI's newly released GLM-4.5 has climbed ...": a participle after an adverb
    # or a determiner describes the name ("Meta released Llama 3" leaves it a verb)
    fresh = _FRESHLY.search(lead)
    if fresh:
        lead = lead[: fresh.start("participle")]
    # "Fellow Chinese models Douluo 2.0 and Kimi 2.5 finished ...": a description of
    # what the names are stands before them as an apposition
    described = _DESCRIBED_LEAD.search(lead)
    if described:
        lead = lead[: described.start()]
    # Words with a lower-case letter first are verbs and prepositions here, unless listed.
    m = _SUBJECT_LEAD.fullmatch(lead)
    if m is None:
        return False
    return all(
        w[0].isupper()
        or w.lower() in _LOWER_OK
        or w.lower().endswith(("'s", "’s"))
        # "freshly open-sourced", "newly released": modifiers of the name, not verbs
        or (w.endswith("ly") and len(w) > 4)
        or ("-" in w and not w.lower().startswith(("on-", "in-")))
        for w in re.findall(r"[A-Za-z][\w.&'’-]*", lead)
    )


_OPENING_PHRASE = regex(
    r"^\s*(?:on|in|at|for|across|under|among|amongst|during|after|before|since)\s+"
    r"(?:[\w'’.-]+\s+){1,5}?(?=(?:the\s+|its\s+|their\s+)?(?-i:[A-Z])|(?-i:it)\b|$)",
    re.IGNORECASE,
)
_TIME_OPENER = regex(
    r"^\s*(?:(?:earlier|later)\s+)?(?:(?:last|this|past|previous)\s+(?:week|weekend|month|year|"
    r"quarter|spring|summer|autumn|fall|winter|(?:mon|tues|wednes|thurs|fri|satur|sun)day)|"
    r"(?:a|one|two|three|four|five|six|several|a\s+few|a\s+couple\s+of)\s+"
    r"(?:days?|weeks?|months?|years?)\s+(?:ago|later)|yesterday|today|recently|"
    # ("last week's champion" is a description, not a time)
    r"so\s+far\s+this\s+(?:week|month|year))\b(?!['’]),?\s*",
    re.IGNORECASE,
)
_FRESHLY = regex(
    r"\b(?:\w+ly|just|the|its|their|a|an)\s+(?P<participle>released|launched|unveiled|"
    r"announced|introduced|shipped|debuted)\s+$",
    re.IGNORECASE,
)
_LOWER_OK = frozenset(
    [
        "the",
        "a",
        "an",
        "our",
        "its",
        "their",
        "new",
        "latest",
        "even",
        "also",
        "now",
        "today",
        "meanwhile",
        "then",
        "finally",
        # words that tell which build of the named model: "The older Gemini 3 Pro still
        # ranks first", "the original GPT-4-0314 is clearly ahead of DSv3"
        "older",
        "original",
        "updated",
        "upgraded",
        "improved",
        "current",
        "experimental",
        "smaller",
        "larger",
        "flagship",
        # sentence adverbs before a subject: "Soon afterwards Grok-3 took back ..."
        "soon",
        "afterwards",
        "afterward",
        "later",
        "earlier",
        "again",
        "still",
        "already",
        "overall",
        "however",
        "instead",
        "thus",
        "so",
        "yet",
    ]
)


def pronoun_in(text: str) -> bool:
    return bool(_PRONOUN.search(text))


# a name with a verb of its own after it: "..., and Claude 3 Opus trails GPT-4 Turbo"
OWN_VERB = regex(
    r"\s+(?:now\s+|still\s+|also\s+|then\s+|\w+ly\s+)?(?:is|was|are|were|has|have|had|ranks?|"
    r"ranked|sits?|sat|trails?|trailed|beats?|leads?|led|lags?|tops?|topped|comes?|came|"
    r"falls?|fell|remains?|stays?|edges?|overtakes?|overtook|outperforms?|scores?|scored|"
    r"holds?|held|takes?|took|moves?|moved|climbs?|climbed|drops?|dropped|slips?|slipped)\b",
    re.IGNORECASE,
)


# a name set off after a preposition's object: "with its bigger sibling, GPT-4o,"
_OBJECT_APPOSITION = regex(
    r"\b(?:with|to|than|behind|above|below|over|of|against)\s+(?:its|their|the|a|an)\s+"
    r"(?:[\w-]+\s+){0,3}?[\w-]+,\s*$",
    re.IGNORECASE,
)


def _set_off_object(text: str, m: Mention) -> bool:
    """A name set off by commas after a preposition's object, in mid-sentence ("With the
    official harness, X scored" is a fronted phrase, X its subject)."""
    found = _OBJECT_APPOSITION.search(text, max(0, m.start - 60), m.start)
    return (
        found is not None
        and text.startswith(",", m.end)
        and re.search(r"\w", text[: found.start()]) is not None
    )


def subjects(text: str, models: Sequence[Mention], objects: Collection[int]) -> list[Mention]:
    """Mentions that stand as a subject (in subject position, not a verb's object). A
    name joined to the one before it ("with A and B") shares that one's role."""
    out: list[Mention] = []
    prev: Mention | None = None
    prev_is = False
    for m in models:
        joined = prev is not None and _COORDINATED.match(text[prev.end : m.start])
        if joined and not OWN_VERB.match(text, m.end):
            is_subject = prev_is
        elif _set_off_object(text, m):
            is_subject = False  # "tied with its bigger sibling, GPT-4o, and sits ahead"
        else:
            is_subject = m.start not in objects and in_subject_position(text, m.start)
        if is_subject and m.start not in objects:
            out.append(m)
        prev, prev_is = m, is_subject
    return out


def antecedent(
    text: str, models: Sequence[Mention], objects: Collection[int], upto: int | None = None
) -> str | None:
    """The model a later "it" means, from this sentence (before `upto`), or None."""
    end = len(text) if upto is None else upto
    named = [m for m in models if m.end <= end]
    subj = subjects(text, named, objects)
    if not subj and _FIRST_PERSON.match(text) and len({m.text.lower() for m in named}) == 1:
        # "We've launched GLM-4.6 ..., making it ...": the author's one model
        return named[0].text
    released = _RELEASED.match(text)
    if not subj and released and named and named[0].start == released.end():
        # "We release Mixtral 8x7B Instruct alongside Mixtral 8x7B": the one released first
        return named[0].text
    if not subj and (made := _THIRD_RELEASED.search(text, 0, end)) is not None:
        # "xAI released an early Grok 3 build, and it went straight to No. 1": the one
        # model a maker put out, when the clause names no subject model
        after = [o for o in named if o.start >= made.end()]
        if after and after[0].start == made.end() and len({o.text for o in after}) == 1:
            return after[0].text
    if len(subj) != 1:
        return None
    m = subj[0]
    later = [o for o in named if o.start >= m.end]
    if later and _COORDINATED.match(text[m.end : later[0].start]):
        return None  # "X and Y ...": "it" could be either
    return m.text


# A version or size token standing alone in a name: "OCR 4", "Imagine Video 1.5", "Nova-3".
_VERSION_TOKEN = regex(r"(?:^|[\s-])v?\d+(?:\.\d+)*[A-Za-z]?$")


_YEAR_END = regex(r"\b(?:19|20)\d\d$")
_OPENERS = frozenset(
    [
        "since",
        "until",
        "till",
        "after",
        "before",
        "from",
        "through",
        "during",
        "by",
        "as",
        "in",
        "on",
        "at",
        "for",
        "with",
        "per",
        "q1",
        "q2",
        "q3",
        "q4",
        "h1",
        "h2",
        "fy",
        "week",
        "day",
        "chapter",
        "section",
        "table",
        "figure",
        "step",
        "phase",
        "version",
    ]
)


def unlisted_subjects(
    text: str, models: Sequence[Mention], gaz: Gazetteer, title: str
) -> list[Mention]:
    """Product names no list knows, where a subject stands, ending in a version and
    named in the article's title ("Mistral OCR 4" ... "OCR 4 achieves ..."): the title
    and the version are the evidence that a capitalised name is the product the article
    is about, not an organisation, a board, a GPU or a common word ("Level 2")."""
    out: list[Mention] = []
    words = set(re.findall(r"[a-z0-9]+", title.lower()))
    for m in unlisted_names(text, list(models), gaz):
        if not set(re.findall(r"[a-z]+", m.text.split()[0].lower())) <= words:
            continue
        if not _VERSION_TOKEN.search(m.text) or not in_subject_position(text, m.start):
            continue
        if _YEAR_END.search(m.text) or m.text.split()[0].lower() in _OPENERS:
            continue  # "Since January 2026", "Through Q3 2025": a time, not a product
        out.append(m)
    return out


# Same matches, found sooner: literal checks before the patterns (bot/extract/prefilter.py).
from bot.extract.prefilter import prefilter_patterns  # noqa: E402

prefilter_patterns(globals())
