"""How writers name models, read into names a board may carry: pure string code.

    "Meta's Llama 4 Maverick"             -> "Llama 4 Maverick"          (clean: possessive owner)
    "Gemini 1.5 Pro (Experimental 0801)"  -> "Gemini 1.5 Pro Exp 0801"   (clean, then a form)
    "Claude 3.5 Sonnet (new)"             -> "Claude 3.5 Sonnet", newest dated variant
    "Grok 4.1 (non-reasoning)"            -> "Grok 4.1", no thinking/reasoning build
    "Cohere Command A"                    -> "Command A"                 (organisation prefix)

`clean` is always applied: what it removes never names a model (typographic dashes, a
possessive organisation or country, a leading article, "'24" for 2024). `forms` are
further readings the resolver tries, in order, only when the cleaned name itself
matches nothing: parentheses opened or dropped, version words ("new", "latest") and
"non-reasoning" turned into qualifiers, a leading organisation dropped. Nothing here
guesses a model: every reading still has to match a board name exactly, by a registry
alias, as a family or by date variant (store/resolve.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from store.registry.names import MONTHS, is_size, key, parts, release_date

if TYPE_CHECKING:
    from store.registry.registry import Registry

_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")
_QUOTES = re.compile(r"[\u2018\u2019\u02bc\u2032]")
_SPACES = re.compile(r"\s+")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_POSSESSIVE = re.compile(r"^(.+?)'s?\s+(.+)$")
_SHORT_YEAR = re.compile(r"'(\d{2})\b")  # "August '24"
_EXPERIMENTAL = re.compile(r"\bexperimental\b", re.I)
_PAREN = re.compile(r"\(([^()]*)\)")

# Words that say which release of a model, not which model.
NEWEST_WORDS = frozenset({"new", "newer", "newest", "latest", "updated", "upgraded", "refreshed"})
# Words that name a build of a model; said in parentheses, they must be matched.
BUILD_WORDS = frozenset(
    # "(experimental)": the build tested before release, never the released weights
    {"think", "thinking", "reasoning", "reasoner", "high", "low", "medium", "experimental", "exp"}
)
# Words that pick the build without extended thinking.
_NO_REASONING = re.compile(
    r"(?:in\s+)?\b(?:non|no|without)[\s-]+(?:reasoning|thinking|think)\b(?:\s+mode)?", re.I
)


@dataclass(frozen=True, slots=True)
class Form:
    """One reading of a mention: the text to match and what its dropped words said."""

    text: str
    note: str = ""  # how the reading differs, for /why ("dropped '(new)'")
    newest: bool = False  # keep the newest dated variant
    no_reasoning: bool = False  # drop thinking/reasoning builds
    family_ok: bool = True  # may name a family (an alternate name in parentheses may not)
    sizes: tuple[str, ...] = ()  # sizes the reading dropped: a match may not have another


def clean(name: str, registry: Registry) -> str:
    """The mention without what never names a model (see the module docstring)."""
    text = _DASHES.sub("-", name)
    text = _QUOTES.sub("'", text).replace("\u00a0", " ")
    text = _SPACES.sub(" ", text).strip().strip(",;:")
    text = _SHORT_YEAR.sub(r"20\1", text)
    text = _ARTICLE.sub("", text)
    m = _POSSESSIVE.match(text)
    if m and _is_owner(m.group(1), registry):
        text = _ARTICLE.sub("", m.group(2))
    return _EXPERIMENTAL.sub("Exp", text)


def _is_owner(word: str, registry: Registry) -> bool:
    """An organisation or a country: "Meta's", "DeepSeek's", "China's"."""
    return registry.organisation(word) is not None or registry.country(word) is not None


def forms(query: str, registry: Registry) -> list[Form]:
    """Further readings of a cleaned mention, most literal first (never the query)."""
    out: list[Form] = []
    for form in _paren_forms(query) + _word_forms(query):
        out.append(form)
        out.extend(_org_forms(form, registry))
    out.extend(_org_forms(Form(query), registry))
    seen = {query.casefold()}
    unique = []
    for form in out:
        if form.text and form.text.casefold() not in seen:
            seen.add(form.text.casefold())
            unique.append(form)
    return unique


def _squash(text: str) -> str:
    return _SPACES.sub(" ", text).strip(" -")


def _paren_forms(query: str) -> list[Form]:
    contents = _PAREN.findall(query)
    if not contents:
        return []
    outside = _squash(_PAREN.sub(" ", query))
    newest = no_reasoning = False
    kept: list[str] = []
    alternates: list[str] = []
    for raw in contents:
        inner = raw.strip()
        words = set(_words(inner))
        if words and words <= NEWEST_WORDS:
            newest = True
        elif _NO_REASONING.fullmatch(inner):
            no_reasoning = True
        else:
            kept.append(inner)
            # another name for the model ("Grok 3 (chocolate)"), never a size or a date
            if not _is_date(inner) and any(len(t) > 2 and t.isalpha() for t in parts(inner).tokens):
                alternates.append(inner)
    # a date or a build ("(Think)", "(high)") says which entry: it is never dropped
    needed = [c for c in kept if _is_date(c) or set(_words(c)) & BUILD_WORDS]
    droppable = [c for c in kept if c not in needed]
    dropped = ", ".join(f"({c})" for c in droppable)
    readings = [Form(_squash(" ".join([outside, *kept])), "", newest, no_reasoning)]
    if droppable:
        note = f" (dropped {dropped})"
        # a size dropped ("(671B)") still rules out another size of the model
        sizes = tuple(t for c in droppable for t in parts(c).tokens if is_size(t))
        text = _squash(" ".join([outside, *needed]))
        readings.append(Form(text, note, newest, no_reasoning, sizes=sizes))
    readings += [Form(a, " (the name in parentheses)", family_ok=False) for a in alternates]
    return readings


def _word_forms(query: str) -> list[Form]:
    """Version words and "non-reasoning" written outside parentheses."""
    if "(" in query:
        return []
    text, no_reasoning = query, False
    if _NO_REASONING.search(text):
        text, no_reasoning = _squash(_NO_REASONING.sub(" ", text)), True
    words = text.split()
    kept = [w for w in words if w.lower() not in NEWEST_WORDS]
    newest = len(kept) < len(words)
    if not (newest or no_reasoning) or not kept:
        return []
    note = " (a version word)" if newest else " (non-reasoning)"
    return [Form(" ".join(kept), note, newest, no_reasoning)]


def _org_forms(form: Form, registry: Registry) -> list[Form]:
    """The reading with a leading alias rewritten ("Tongyi Qianwen 2.5-Max" as "Qwen
    2.5-Max"), else without a leading organisation ("Cohere Command A", "OpenAI o1")."""
    # "R1-0528": a release date joined by a hyphen is a word of its own here
    words = re.sub(r"(?<=\w)-(?=\d{4}\b)", " ", form.text).split()
    if len(words) == 2 and _is_date(words[1]) and (means := registry.aliases.get(key(words[0]))):
        # an alias of one model with a date after it ("R1 0528"): that model's build of
        # that date, written as the board's name and the date
        note = f"{form.note} (reading {words[0]!r} as {means[0]!r})"
        dated = f"{means[0]} {words[1]}"
        return [Form(dated, note, form.newest, form.no_reasoning, form.family_ok)]
    if len(words) == 1:
        # "4o-mini": an alias joined to the word after it by a hyphen
        words = re.split(r"(?<=\w)-(?=[a-z])", words[0], flags=re.IGNORECASE)
    for n in (3, 2, 1):
        said = registry.rewrites.get(key(" ".join(words[:n]))) if len(words) > n else None
        if said is not None:
            rest = " ".join(words[n:])
            note = f"{form.note} (reading {' '.join(words[:n])!r} as {said!r})"
            return [Form(f"{said} {rest}", note, form.newest, form.no_reasoning, form.family_ok)]
    for n in (3, 2, 1):
        if len(words) > n and registry.organisation(" ".join(words[:n])) is not None:
            rest = " ".join(words[n:])
            note = f"{form.note} (without the organisation {' '.join(words[:n])!r})"
            return [Form(rest, note, form.newest, form.no_reasoning, form.family_ok)]
    return []


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[^0-9a-z]+", text.lower()) if w]


def _is_date(text: str) -> bool:
    """ "May 2024", "2024-08-01", "0801": all digits and month names."""
    words = _words(text)
    return bool(words) and all(w.isdigit() or w in MONTHS for w in words)


def sortable_date(model: str) -> tuple[int, int, int] | None:
    """A board name's release date for ordering ("newest"), unknown parts as 0."""
    found = release_date(parts(model).stamps)
    if found is None:
        return None
    y, m, d = found
    return (y or 0, m or 0, d or 0)
