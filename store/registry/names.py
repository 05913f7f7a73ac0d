"""How model and organisation names are compared: pure string functions.

Boards and articles spell one model many ways ("DeepSeek V3", "deepseek-v3",
"Meta-Llama-3.1-405B-Instruct-bf16" vs "Llama 3.1 405B"). Three views of a name:

- `key`: letters and digits only, lower-cased. Two spellings with the same key are
  the same name ("Apache 2.0" == "Apache-2.0", "DeepSeek V3" == "deepseek-v3").
- `rule_key`: lower-cased, other characters than letters, digits and dots folded to
  "-"; what the glob patterns in families.yaml match.
- `tokens` / `core_key`: the name as tokens with the decorations that do not change
  which model it is removed (a leading organisation, "instruct"/"chat"/"it", precision
  tags, date stamps), so variants of one model share a core key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_NON_ALNUM = re.compile(r"[\W_]+")  # letters of any script stay: "通义千问"
_NON_RULE = re.compile(r"[^0-9a-z.]+")
_SEPARATORS = re.compile(r"[^0-9a-z.]+")
# "llama3.1" -> "llama 3.1", "qwen2.5" -> "qwen 2.5"; digits followed by letters stay
# whole ("405b", "4o", "32k") because they are sizes or names, not version boundaries.
_LETTER_DIGIT = re.compile(r"(?<=[a-z])(?=\d)")
_SIZE = re.compile(r"\d+(?:\.\d+)?(?:x\d+)?[bmk]")  # "7b", "10.7b", "8x22b", "128k"

# Leading tokens that name the publisher, not the model ("Meta-Llama-3.1-...",
# "Nvidia-Llama-3.3-Nemotron", "amazon-nova-pro", "c4ai-aya-expanse").
ORG_PREFIXES = frozenset({"meta", "nvidia", "amazon", "c4ai", "mistralai", "google", "microsoft"})
# Tokens that mark a packaging of the same weights, not a different model.
DECORATIONS = frozenset(
    {"instruct", "chat", "it", "hf", "bf16", "fp8", "fp16", "int8", "int4", "awq", "gguf"}
)
# Words that tell sibling models apart ("o3" / "o3-mini", "Gemini Flash" / "Flash Lite",
# "Qwen Max" / "Qwen Plus"): a fuzzy match may not add one the text did not say.
TIER_WORDS = frozenset(
    {"mini", "nano", "lite", "micro", "small", "medium", "large", "pro", "flash", "ultra"}
    | {"turbo", "plus", "max", "air", "thinking", "reasoning", "coder", "code", "vision"}
    | {"haiku", "sonnet", "opus", "instant", "online", "nemotron", "simpo", "high", "low"}
    | {"fast", "super", "standard", "core", "next", "vl", "steerlm", "tulu", "hermes"}
)
_MONTH_NUMBER = {
    name: f"{n:02d}"
    for n, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}  # fmt: skip
MONTHS = frozenset(_MONTH_NUMBER)  # "may", "august", "sept"...
_REVISION = re.compile(r"v\d+(?:\.\d+)*")


def _lower(name: str) -> str:
    # "Command R+" is not "Command R": spell the plus out, as catalog ids do
    # ("command-r-plus-08-2024")
    return name.lower().replace("+", " plus ")


def key(name: str) -> str:
    """Letters and digits only, lower-cased: the identity of a spelling."""
    return _NON_ALNUM.sub("", _lower(name))


def rule_key(name: str) -> str:
    """Lower-cased with separators folded to "-": what family globs match."""
    return _NON_RULE.sub("-", _lower(name)).strip("-")


def is_stamp(token: str) -> bool:
    """A date or build stamp: "0324", "20241022", "2507", "002", "08" (of "08-13")."""
    return token.isdigit() and len(token) >= 2


@dataclass(frozen=True, slots=True)
class NameParts:
    tokens: tuple[str, ...]  # the model-identifying tokens, in order, split at letter->digit
    stamps: tuple[str, ...]  # date/build stamps and trailing revisions that were removed
    decorations: tuple[str, ...]  # packaging tokens that were removed

    @property
    def core(self) -> str:
        """The tokens joined without separators or dots: equal for variants of one model."""
        return "".join(self.tokens).replace(".", "")

    @property
    def stamp(self) -> str:
        """The stamps as one string ("2024-08-13" -> "20240813", "June" -> "06")."""
        return "".join(_MONTH_NUMBER.get(t, t) for t in self.stamps)


def same_release(query: NameParts, candidate: NameParts) -> bool:
    """Whether a candidate carries the release the query names: any, when the query
    names none; else the same date in any of the forms boards and writers use
    ("0801", "08-01", "2024-08-01", "August 2024", "May 2024" ~ "2024-05-13"), or the
    same build stamp written in full or short ("20240813" ~ "0813", "002")."""
    q, c = query.stamp, candidate.stamp
    if not q:
        return True
    if not c:
        return False
    qd, cd = release_date(query.stamps), release_date(candidate.stamps)
    if qd is not None and cd is not None:
        shared = [(a, b) for a, b in zip(qd, cd, strict=True) if a is not None and b is not None]
        return bool(shared) and all(a == b for a, b in shared)
    return c.endswith(q) or q.endswith(c)


Release = tuple[int | None, int | None, int | None]  # (year, month, day), None = not said


def _valid(year: int | None, month: int | None, day: int | None) -> Release | None:
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= 31:
        return None
    if year is not None and not 1990 <= year <= 2099:
        return None
    return year, month, day


def _one_stamp(t: str) -> Release | None:
    n = len(t)
    if n == 8:  # 20240801
        return _valid(int(t[:4]), int(t[4:6]), int(t[6:]))
    if n == 6 and t[:2] in ("19", "20"):  # 202412
        return _valid(int(t[:4]), int(t[4:]), None)
    if n == 4:
        a, b = int(t[:2]), int(t[2:])
        if t[:2] in ("19", "20") and b > 12:  # a year alone: 2024
            return _valid(int(t), None, None)
        # MMDD ("0801", "1127") unless the first pair cannot be a month: YYMM ("2407")
        return _valid(None, a, b) if 1 <= a <= 12 else _valid(2000 + a, b, None)
    return None


def release_date(stamps: tuple[str, ...]) -> Release | None:
    """The date a name's stamps give, as far as they give it; None when they are not a
    date (a build number "002", a revision "v0.2")."""
    toks = [_MONTH_NUMBER.get(t, t) for t in stamps]
    if not toks or not all(t.isdigit() for t in toks):
        return None
    named_month = any(t in _MONTH_NUMBER for t in stamps)
    if len(toks) == 1:
        if named_month:
            return _valid(None, int(toks[0]), None)
        return _one_stamp(toks[0])
    if len(toks) == 2:
        a, b = toks
        if len(a) == 4:  # 2024-08
            return _valid(int(a), int(b), None)
        if len(b) == 4:  # 08-2024, August 2024
            return _valid(int(b), int(a), None)
        if len(a) == 2 and len(b) == 2:  # 08-01 (month-day), June-24 reads the same
            return _valid(None, int(a), int(b))
        return None
    if len(toks) == 3:
        a, b, c = toks
        if len(a) == 4:  # 2024-08-01
            return _valid(int(a), int(b), int(c))
        if len(c) == 4:  # 08-01-2024, August 1 2024
            return _valid(int(c), int(a), int(b))
    return None


@lru_cache(maxsize=65536)
def parts(name: str) -> NameParts:
    raw = [t.strip(".") for t in _SEPARATORS.split(_lower(name))]
    raw = [t for t in raw if t]
    kept: list[str] = []
    stamps: list[str] = []
    decorations: list[str] = []
    last = len(raw) - 1
    for i, tok in enumerate(raw):
        if (i == 0 and tok in ORG_PREFIXES and last > 0) or tok in DECORATIONS:
            decorations.append(tok)
        elif is_stamp(tok) or tok in _MONTH_NUMBER:
            stamps.append(tok)
        elif i == last and _REVISION.fullmatch(tok) and any(_SIZE.fullmatch(t) for t in kept):
            # a trailing revision after a size ("Mistral-7B-Instruct-v0.2", "-253B-v1")
            # is a release of one model; "Deepseek-v2.5" (no size before it) is a model
            stamps.append(tok)
        else:
            kept.extend(_LETTER_DIGIT.split(tok))
    # "V3" and "3" name the same version: a lone "v" before a number carries nothing
    kept = [
        t
        for n, t in enumerate(kept)
        if not (t == "v" and n + 1 < len(kept) and kept[n + 1][:1].isdigit())
    ]
    kept = _merge_versions(kept)
    if not kept:  # a name that is all stamps: keep it whole rather than empty
        kept, stamps = list(raw), []
    return NameParts(tuple(kept), tuple(stamps), tuple(decorations))


def _merge_versions(tokens: list[str]) -> list[str]:
    """Single digits in a row are one dotted version: catalog ids write "Claude Opus 4.5"
    as "claude-opus-4-5", so "4", "5" read as "4.5" (and "Opus 5" is not "Opus 4.5")."""
    out: list[str] = []
    for tok in tokens:
        if len(tok) == 1 and tok.isdigit() and out and re.fullmatch(r"\d(?:\.\d)*", out[-1]):
            out[-1] = f"{out[-1]}.{tok}"
        else:
            out.append(tok)
    return out


def is_size(token: str) -> bool:
    """A parameter count or context size ("405b", "8x22b", "128k"), not a version."""
    return _SIZE.fullmatch(token) is not None


def numbers(tokens: tuple[str, ...]) -> frozenset[str]:
    """Tokens carrying a digit (versions, sizes): fuzzy matching never changes these."""
    return frozenset(t for t in tokens if any(c.isdigit() for c in t))
