"""Short names that refer back to a fuller name the article has used.

Articles name a model once in full and then shorten it: "Mixtral 8x7B ... Mixtral
outperforms ...", "Llama 3.1 405B ... the 405B model ranks ...", "Google's
Gemini-3-Pro-Preview ... drew level with the Google model". A short name is read
as the fuller one only when the article has named exactly one such variant before it
(variants that extend one another, "Mixtral 8x7B" and "Mixtral 8x7B Instruct", count
as their shortest). Anything else keeps the name as written: an ambiguous short name
("Llama 2" after its 7B and 70B sizes) never becomes one of its variants, and a name
marked as an older one ("the previous Mistral Large" beside "Mistral Large 2") or
written in the same sentence as its fuller form is a different model. A maker's model
("the Google model", "OpenAI's model") is the one model of that maker named before.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import partial

from bot.extract.names import Mention
from bot.extract.regexes import regex

_KEY_TOKEN = regex(r"[a-z]+|\d+(?:\.\d+)*")
# "the 405B model", "its 70B version", "the 120B outscores ...": a size that stands for
# the model of that size (a size alone must be followed by a verb-like word, not a noun
# it qualifies: "the 70B class" is no model)
_SIZE_REF = regex(
    r"\b(?:[Tt]he|[Ii]ts|[Oo]ur|[Tt]his)\s+(?P<size>\d+(?:\.\d+)?[BbMT])(?:[- ]param(?:eter)?s?)?"
    r"(?:\s+(?:model|version|variant|checkpoint)\b|(?=\s+(?:is|was|also|still|now|then|"
    r"doesn['’]t|does|did|has|had|can|could|"
    r"(?!(?:models|parameters|params|tokens|weights|variants|versions|sizes)\b)[a-z]+s\b)))"
)
# "the Google model", "OpenAI's model": the maker's one model named before ("the Google
# model family" is no model)
_MAKER_REF = regex(
    r"\b(?:(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?P<org>[A-Z][\w.&-]*)|(?P<owner>[A-Z][\w.&-]*)['’]s)"
    r"\s+(?:model|system|LLM|chatbot)\b(?![- ](?:family|series|lineup|line|range)\b)"
)
# Words that mark a name as an older or other model than the one named in full.
_OLDER = regex(
    r"\b(?:previous|prior|earlier|older|original|first|last|predecessor|old|former)\s+$",
    re.IGNORECASE,
)


def name_key(name: str) -> tuple[str, ...]:
    """A name as comparable tokens: case, dashes and spacing do not count."""
    text = unicodedata.normalize("NFKC", name).lower()
    return tuple(_KEY_TOKEN.findall(text))


Lookup = Callable[[str], str | None]


class Referents:
    """The full names an article has used so far, in order. `organisation` reads a word
    as an organisation, `maker` gives a model's; without them no maker's model is read."""

    def __init__(self, organisation: Lookup | None = None, maker: Lookup | None = None) -> None:
        self._names: dict[tuple[str, ...], str] = {}
        self._organisation = organisation
        self._maker = maker

    def add(self, mentions: Iterable[Mention]) -> None:
        for m in mentions:
            key = name_key(m.text)
            if len(key) > 1:  # a family word alone ("Pixtral") is no full name
                self._names.setdefault(key, m.text)

    def resolve(
        self, text: str, mentions: list[Mention], short_names: bool = True
    ) -> list[Mention]:
        """`mentions` of one sentence with short names replaced by the one fuller
        name they refer to, plus size references ("the 405B model") that resolve.

        Without `short_names` a short name stays as written: a claim's model must be
        named in its quote's paragraph (consistency.py), and a fuller name given pages
        earlier is not, so there only size references (named nowhere else) are added."""
        if not self._names:
            return mentions
        here = {name_key(m.text) for m in mentions}
        out = [self._resolved(text, m, here) for m in mentions] if short_names else mentions[:]
        for s in _SIZE_REF.finditer(text):
            if any(m.start < s.end() and s.start() < m.end for m in mentions):
                continue
            size = name_key(s.group("size"))
            full = self._unique(partial(_contains, part=size))
            if full is not None:
                out.append(Mention(s.start(), s.end(), full, "model"))
        out += self._makers_models(text, mentions)
        return sorted(out, key=lambda m: m.start) if len(out) > len(mentions) else out

    def _makers_models(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """ "the Google model" as the one Google model named before, if there is one."""
        organisation, maker = self._organisation, self._maker
        if organisation is None or maker is None:
            return []
        out = []
        for r in _MAKER_REF.finditer(text):
            if any(m.start < r.end() and r.start() < m.end for m in mentions):
                continue
            org = organisation(r.group("org") or r.group("owner"))
            if org is None or any(maker(m.text) == org for m in mentions):
                # "Google's model, Gemini 3 Pro, ...": a model of that maker named here is
                # the one described, or makes the reference unclear
                continue
            full = self._unique(partial(self._made_by, org=org, maker=maker))
            if full is not None:
                out.append(Mention(r.start(), r.end(), full, "model"))
        return out

    def _resolved(self, text: str, m: Mention, here: set[tuple[str, ...]]) -> Mention:
        key = name_key(m.text)
        if not key or key in self._names or _OLDER.search(text[: m.start]):
            return m
        if any(c.isdigit() for c in m.text):
            return m  # "GPT-5.5" is a model of its own, not short for "GPT-5.5 Pro"
        if any(k[: len(key)] == key and len(k) > len(key) for k in here):
            return m  # "Mistral Large 2 ... Mistral Large": the short one is another model
        full = self._unique(lambda k: len(k) > len(key) and k[: len(key)] == key)
        return Mention(m.start, m.end, full, "model") if full is not None else m

    def _made_by(self, key: tuple[str, ...], *, org: str, maker: Lookup) -> bool:
        return maker(self._names[key]) == org

    def _unique(self, fits: Callable[[tuple[str, ...]], bool]) -> str | None:
        """The one name that fits; names that extend another fitting name count as it."""
        found = [k for k in self._names if fits(k)]
        if not found:
            return None
        shortest = min(found, key=len)
        if all(k[: len(shortest)] == shortest for k in found):
            return self._names[shortest]
        return None


def _contains(key: tuple[str, ...], *, part: tuple[str, ...]) -> bool:
    n = len(part)
    return any(key[i : i + n] == part for i in range(len(key) - n + 1))


def sharpen_topic(topic: str | None, names: Iterable[Mention]) -> str | None:
    """A title's short name ("Mixtral of experts") as the one fuller name the article
    gives it ("Mixtral 8x7B"); with several variants it stays as written."""
    if topic is None:
        return None
    refs = Referents()
    refs.add(names)
    resolved = refs.resolve(topic, [Mention(0, len(topic), topic, "model")])
    return resolved[0].text


# Same matches, found sooner: literal checks before the patterns (bot/extract/prefilter.py).
from bot.extract.prefilter import prefilter_patterns  # noqa: E402

prefilter_patterns(globals())


_FORMER_LATTER = regex(r"\bthe\s+(?P<which>former|latter)\b", re.IGNORECASE)


def former_and_latter(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` plus "the former" and "the latter" as the names they point back to:
    of the last two models named before them in the sentence, the first or the second."""
    out = list(mentions)
    for m in _FORMER_LATTER.finditer(text):
        names: list[str] = []
        for x in mentions:
            if x.end <= m.start() and x.kind == "model" and x.text not in names[-1:]:
                names.append(x.text)
        if len(names) < 2 or names[-1] == names[-2]:
            continue  # "the latter" of one name is no reference the sentence settles
        name = names[-1] if m.group("which").lower() == "latter" else names[-2]
        out.append(Mention(m.start(), m.end(), name, "model"))
    return sorted(out, key=lambda x: x.start) if len(out) > len(mentions) else out


_TIERS = r"Pro|Flash|Ultra|Sonnet|Opus|Haiku|Max|Plus|Turbo|Mini|Nano|Lite|Medium|Large|Small"
# "2.0 Pro" inside a full name, and "2.5 Pro" written alone
_VERSION_TIER = regex(rf"(?<![\w.-])(?P<version>\d+(?:\.\d+)?)\s+(?P<tier>{_TIERS})\b")
_FAMILY_BEFORE = regex(r"^(?P<family>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?)\s*[- ]?$")


def version_tiers(mentions: Iterable[Mention]) -> dict[str, set[str]]:
    """For each tier word ("Pro", "Sonnet"), the families the article names it in:
    "Gemini 2.0 Pro Experimental" gives {"Pro": {"Gemini"}}."""
    out: dict[str, set[str]] = {}
    for m in mentions:
        if m.kind != "model":
            continue
        v = _VERSION_TIER.search(m.text)
        lead = _FAMILY_BEFORE.match(m.text[: v.start()]) if v else None
        if v and lead:
            out.setdefault(v.group("tier").lower(), set()).add(lead.group("family"))
    return out


def bare_versions(text: str, mentions: list[Mention], tiers: dict[str, set[str]]) -> list[Mention]:
    """`mentions` plus versions written without their family ("2.5 Pro improves by 40
    points") where the article names that tier in one family only: "Gemini 2.5 Pro"."""
    out = list(mentions)
    for v in _VERSION_TIER.finditer(text):
        if any(m.start < v.end() and v.start() < m.end for m in mentions):
            continue  # part of a name already read
        families = tiers.get(v.group("tier").lower(), set())
        if len(families) != 1:
            continue
        name = f"{next(iter(families))} {v.group('version')} {v.group('tier')}"
        out.append(Mention(v.start(), v.end(), name, "model"))
    return sorted(out, key=lambda x: x.start) if len(out) > len(mentions) else out
