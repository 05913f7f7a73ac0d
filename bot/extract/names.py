"""The gazetteer: where model, family and organisation names occur in text.

Names come from the registry (`surface_names()`: lowercased surface form ->
"org:..."/"family:..."/"country:...") and from the boards' model names (their
leading word is a family: "Qwen3-235B" -> "qwen"). A mention is a family word
followed by version, size and variant tokens ("Kimi K2.6", "Claude 3.5 Sonnet",
"Qwen2.5-Max", "Llama 3.1 405B"); resolving it to a board row is store/resolve.py's job.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from bot.extract.lazy import lazy
from bot.extract.lexicon import BENCHMARKS, BOARDS, COUNTRY_WORDS
from bot.extract.regexes import longest_first, regex

MentionKind = Literal["model", "family"]

# Used only while the registry cannot be loaded (startup ordering, a broken install);
# the registry's own names are added to these, never replaced by them.
FALLBACK_FAMILIES: tuple[str, ...] = (
    "gpt",
    "chatgpt",
    "gpt-oss",
    "claude",
    "opus",
    "sonnet",
    "haiku",
    "gemini",
    "gemma",
    "llama",
    "qwen",
    "qwq",
    "deepseek",
    "kimi",
    "glm",
    "grok",
    "mistral",
    "mixtral",
    "codestral",
    "devstral",
    "magistral",
    "ministral",
    "pixtral",
    "voxtral",
    "mathstral",
    "phi",
    "yi",
    "minimax",
    "hunyuan",
    "ernie",
    "doubao",
    "nemotron",
    "olmo",
    "mimo",
    "command",
    "jamba",
    "athene",
    "hermes",
    "step",
    "ling",
    "seed",
    "sarvam",
    "muse",
    "mythos",
    "fable",
)
FALLBACK_ORGS: dict[str, str] = {
    "openai": "OpenAI",
    "anthropic": "Anthropic",
    "google": "Google",
    "google deepmind": "Google",
    "deepmind": "Google",
    "meta": "Meta",
    "alibaba": "Alibaba",
    "deepseek": "DeepSeek",
    "moonshot": "Moonshot",
    "moonshot ai": "Moonshot",
    "zhipu": "Zhipu",
    "z.ai": "Zhipu",
    "xai": "xAI",
    "mistral": "Mistral",
    "mistral ai": "Mistral",
    "microsoft": "Microsoft",
    "nvidia": "NVIDIA",
    "minimax": "MiniMax",
    "tencent": "Tencent",
    "baidu": "Baidu",
    "bytedance": "ByteDance",
    "xiaomi": "Xiaomi",
    "01.ai": "01 AI",
}

# Board-name prefixes that are ordinary words, not families.
_NOT_FAMILIES = frozenset(
    [
        "open",
        "meta",
        "the",
        "new",
        "early",
        "chatgpt-4o",
        "gpt4",
        "model",
        "models",
        "ai",
        "llm",
        "chat",
        "instruct",
        "base",
        "mini",
        "pro",
        "max",
        "large",
        "small",
        "medium",
        "big",
        "google",
        "microsoft",
        "nous",
        "hf",
        "test",
    ]
)

# a version or size; never an ordinal ("Grok 4 13th" is Grok 4 in 13th place)
_NUM = r"(?:v?\d+(?:\.\d+)*(?!(?:st|nd|rd|th)\b)(?:[a-zA-Z]{1,2})?|[A-Z]\d+(?:\.\d+)*[A-Za-z]?)"
_WORD = (
    r"(?:Pro|Max|Plus|Ultra|Flash|Lite|Mini|Nano|Turbo|Instruct|Thinking|Reasoning|Preview|"
    r"Exp|Experimental|Fast|Sonnet|Opus|Haiku|Base|Chat|Coder|Large|Medium|Small|Super|"
    r"Omni|Vision|Air|Maverick|Scout|Think|Spark|Sol|Codex|Instant|High|Low|Next|"
    r"mini|pro|max|flash|lite|nano|turbo|instruct|preview|exp|latest|chat|coder|oss|high|it|"
    r"fast|thinking|reasoning|sonnet|opus|haiku)"
)
# A word that may start a name; the tail (versions, sizes, variants) is matched after it.
_HEAD = regex(r"(?<![\w./-])[A-Za-z][A-Za-z]*")
_TAIL = regex(rf"(?:[-_ ]?{_NUM}|[-_ ]{_WORD}\b)*(?![\w])")
# Family words that are also ordinary words: a name only with a version ("Step-2").
_COMMON = frozenset(
    [
        "step",
        "ring",
        "ling",
        "nova",
        "solar",
        "mercury",
        "command",
        "palm",
        "koala",
        "alpaca",
        "dolphin",
        "arctic",
        "granite",
        "intellect",
        "moonlight",
        "phi",
        "mai",
        "seed",
        "muse",
        "spark",
        "bard",
        "falcon",
        "aya",
        "tulu",
        "zephyr",
        "hermes",
        "starling",
        "athene",
        "vicuna",
        "dolly",
        "mpt",
        "fable",
        "mythos",
        "opus",
        "sonnet",
        "haiku",
        "sol",
        "gpt",
    ]
)


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    kind: MentionKind


@dataclass(slots=True)
class Gazetteer:
    """Family words (registry + fallback) name a model alone or with a version; words
    that start board model names ("prefixes") name one only with a version."""

    families: set[str]
    orgs: dict[str, str]  # lowercased surface form -> canonical organisation
    countries: dict[str, str]  # lowercased surface form -> ISO code
    prefixes: set[str] = field(default_factory=set)
    # names written as they are, no family word first: the registry's aliases ("R1",
    # "4o", "DSv3", "Tongyi Qianwen", "通义千问") and families of several words
    aliases: frozenset[str] = frozenset()
    # the boards' names as word sequences, and every start of one: "Gemini Advanced"
    # (of "Gemini Advanced App") and "Gemini 1.5 Pro 001" are read whole
    spelled: frozenset[tuple[str, ...]] = frozenset()
    _heads: frozenset[str] = field(init=False, repr=False)
    _family_words: frozenset[str] = field(init=False, repr=False)
    _leads: dict[str, tuple[str, ...]] = field(init=False, repr=False)
    _bare: frozenset[str] = field(init=False, repr=False)
    _written: re.Pattern[str] | None = field(init=False, repr=False)
    _written_words: frozenset[str] = field(init=False, repr=False)
    _written_cjk: tuple[str, ...] = field(init=False, repr=False)
    _scanned: frozenset[str] = field(init=False, repr=False)  # words that start a mention

    def __post_init__(self) -> None:
        # A family is found by its first word ("gpt-oss" by "gpt", then its tail).
        single = {f.split()[0].split("-")[0] for f in self.families if f}
        # A family of several words whose first word is no family alone is found by that
        # word only with the rest written after it: "Code" starts "Code Llama 70B",
        # never the "Code 3" of another maker's "Voyage Code 3"
        leads: dict[str, list[str]] = {}
        for f in self.families:
            lead = f.split()[0] if " " in f else ""
            if lead and lead not in self.families and "-" not in lead:
                leads.setdefault(lead, []).append(f)
        self._leads = {w: tuple(fs) for w, fs in leads.items()}
        self._family_words = frozenset(single - set(leads))
        self._heads = frozenset(single | self.prefixes)
        self._scanned = self._heads | {"o"}  # "o3", "o4-mini": see `models`
        # Alone, a word names a family only when it is the family's whole name:
        # "Code" (of "Code Llama") or "Tongyi" (of "Tongyi Qianwen") never does.
        self._bare = frozenset(f for f in self.families if f and f.isalnum())
        # only the names the scan above cannot read from a family word: "R1", "4o",
        # "Tongyi Qianwen", "Command R+" ("command" needs a version), not "GPT-4o"
        written = {
            w
            for w in self.aliases | {f for f in self.families if " " in f}
            if not w.isascii()
            or (first := _WORDS.findall(w.lower())[:1]) == []
            or first[0] not in self._heads
            or first[0] in _COMMON
        }
        self._written = _written_pattern(frozenset(written))
        # the pattern is long: a text runs it only when it holds one of its first words
        self._written_words = frozenset(
            _WORDS.findall(w.lower())[0] for w in written if w.isascii() and _WORDS.search(w)
        )
        self._written_cjk = tuple(w for w in written if not w.isascii())

    @classmethod
    def build(
        cls,
        surface_names: Mapping[str, str] | None = None,
        board_models: Iterable[str] = (),
        country_names: Mapping[str, str] | None = None,
    ) -> Gazetteer:
        families = set(FALLBACK_FAMILIES)
        orgs = dict(FALLBACK_ORGS)
        countries = dict(COUNTRY_WORDS)
        aliases: set[str] = set()
        for surface, ref in (surface_names or {}).items():
            kind, _, value = ref.partition(":")
            surface = surface.lower().strip()
            if not surface:
                continue
            if kind == "family":
                families.add(surface)
            elif kind == "org":
                orgs[surface] = value
            elif kind == "country":
                countries[surface] = value.upper()
            elif kind == "alias" and value:
                aliases.add(value)
        for name, code in (country_names or {}).items():
            countries[name.lower()] = code.upper()
        # a benchmark's first word ("ARC-AGI 2", "MATH 500") starts no model's name
        tests = {b.split()[0].split("-")[0] for b in BENCHMARKS}
        models = list(board_models)
        prefixes = {p for model in models if (p := family_prefix(model))} - tests
        spelled = {
            words[:n]
            for model in models
            for words in [name_words(model)]
            for n in range(2, len(words) + 1)
        }
        return cls(
            families=families,
            orgs=orgs,
            countries=countries,
            prefixes=prefixes,
            aliases=frozenset(aliases),
            spelled=frozenset(spelled),
        )

    def models(self, text: str, first: bool = False) -> list[Mention]:
        out: list[Mention] = []
        last_end = 0
        original = text
        # Writers join names with non-breaking and en dashes ("GPT‑5.2", "Llama 3.1–405B");
        # read them as hyphens. One character for one, so offsets stay those of the text.
        text = as_hyphens(text)
        # "Qwen/Qwen2-72B-Instruct": a hub owner before the name is part of it; the scan
        # reads past it, the mention takes it back
        owners = {m.end(): m.start() for m in _HUB_OWNER.finditer(text)} if "/" in text else {}
        if owners:
            text = _HUB_OWNER.sub(lambda m: " " * len(m.group()), text)
        # Most sentences name nothing: one pass in C over their words says so.
        if self._scanned.isdisjoint(map(str.lower, _HEAD.findall(text))):
            return self._with_written(original, text, out, first)
        for head in _HEAD.finditer(text):
            if head.start() < last_end:
                continue  # inside the previous name's tail ("Opus" of "Claude Opus 5")
            word = head.group()
            low = word.lower()
            if low == "o" and word == "o":
                tail = _O_TAIL.match(text, head.end())
                if tail:
                    end = whole_name_end(text, tail.end())
                    out.append(Mention(head.start(), end, original[head.start() : end], "model"))
                    last_end = end
                continue
            if low not in self._heads:
                continue
            tail = _TAIL.match(text, head.end())
            end = tail.end() if tail else head.end()
            family = low in self._family_words or self._family_follows(text, head.start(), low)
            if not family and text[head.end() : head.end() + 1] == " ":
                # A board prefix ("code" of "code-llama") names a model only when
                # written like one: "codellama-34b", never "code 3".
                continue
            while end > head.end() and text[end - 1] in "-_ ":
                end -= 1
            end = whole_name_end(text, end)
            trail = _TRAILING_SCORE.search(text, head.start(), end)
            if trail and any(c.isdigit() for c in text[head.start() : trail.start()]):
                end = trail.start()  # "Llama-2-70b-chat 1065": the number is its score
            percent = text.startswith("%", end)
            if percent and (pct := _TRAILING_NUMBER.search(text, head.end(), end)):
                end = pct.start()  # "Claude 3 Opus 86.8%": no version has a percent sign
            if end > head.end() and (variant := _VARIANT_NOTE.match(text, end)):
                # "Claude 3.5 Sonnet (new)", "GPT-4o (August '24)", "(20241022)": which
                # build the text means; the resolver reads the note (registry/mentions.py)
                end = variant.end()
            end = self._spelled_end(text, head.start(), end)
            if end == head.end():
                # A bare word names a family only when it is one, capitalised and unusual.
                if low not in self._bare or not word[0].isupper() or low in _COMMON:
                    continue
                kind: MentionKind = "family"
            elif not any(c.isdigit() for c in text[head.end() : end]) and (
                low in _COMMON or not family
            ):
                # "command-line", "Pre-training", "ARC-AGI": a word that only starts board
                # names is a name only with a version
                continue
            elif self.orgs.get(text[head.start() : end].lower()):
                continue  # "Mistral AI" is the company
            else:
                kind = "model"
            start = owners.get(head.start(), head.start())
            out.append(Mention(start, end, original[start:end], kind))
            last_end = end
            if first:
                break
        return _with_months(original, self._with_written(original, text, out, first))

    def _family_follows(self, text: str, start: int, low: str) -> bool:
        """Whether a family of several words led by `low` is written whole at `start`."""
        said = text[start : start + 40].lower()
        return any(
            said.startswith(f) and not said[len(f) : len(f) + 1].isalpha()
            for f in self._leads.get(low, ())
        )

    def _spelled_end(self, text: str, start: int, end: int) -> int:
        """Where a name ends when the words after it go on as a board spells one of its
        names ("Gemini Advanced" of "Gemini Advanced App", the "001" of "Gemini 1.5
        Pro 001"): up to two more words."""
        if not self.spelled:
            return end
        words = name_words(text[start:end])
        for _ in range(2):
            nxt = _SPELLED_NEXT.match(text, end)
            said = name_words(nxt.group(1)) if nxt else ()
            # "Gemini 2.0 Flash Thinking 1219": the board's "...-Exp-1219", "Exp" unsaid
            longer = next(
                (w for w in ((*words, *said), (*words, "exp", *said)) if w in self.spelled), None
            )
            if not nxt or longer is None:
                break
            words, end = longer, nxt.end()
        return end

    def _with_written(
        self, original: str, text: str, out: list[Mention], first: bool
    ) -> list[Mention]:
        if self._written is not None and not (first and out) and self._may_write(text):
            return self._written_names(original, text, out)
        return out

    def _may_write(self, text: str) -> bool:
        """Whether `text` may hold a written name (a cheap test before the pattern)."""
        if any(w in text for w in self._written_cjk):
            return True
        return not self._written_words.isdisjoint(_WORDS.findall(text.lower()))

    def _written_names(self, original: str, text: str, found: list[Mention]) -> list[Mention]:
        """`found` plus the names written as the registry knows them ("R1", "4o",
        "Tongyi Qianwen"); "DeepSeek's R1" is one name, the maker's possessive with it."""
        assert self._written is not None
        out = list(found)
        for m in self._written.finditer(text):
            start, end = m.span()
            inside = [x for x in out if start <= x.start and x.end <= end]
            if any(x.kind == "model" for x in inside) and not _POSSESSIVE_GAP.match(
                text, max(0, start - 3), start
            ):
                continue  # a model the scan read ("gemini-3-pro"): its reading stands
            if any(x.start < end and start < x.end for x in out if x not in inside):
                continue  # part of a longer name already read ("DeepSeek R1")
            if any(
                x.kind == "model" and x.start >= end and not text[end : x.start].strip()
                for x in out
            ):
                continue  # "通义千问 Qwen2.5-Max": the product's name, then the model's own
            owner = next((x for x in out if _POSSESSIVE_GAP.fullmatch(text, x.end, start)), None)
            org = _OWNER_BEFORE.search(text, 0, start) if owner is None else None
            if org is not None and self.orgs.get(org.group(1).lower()):
                # "DeepSeek's R1", "Cohere Command A": the maker's name is part of it
                owner = Mention(org.start(1), org.end(1), org.group(1), "family")
            if owner is not None:
                inside.append(owner)
                start = owner.start
            tail = _TAIL.match(text, end)  # "Tongyi Qianwen 2.5-Max"
            end = whole_name_end(text, tail.end() if tail else end)
            if trail := _TRAILING_SCORE.search(text, m.end(), end):
                end = trail.start()  # "Tongyi Qianwen 1350": the number is its score
            out = [x for x in out if x not in inside and not (start <= x.start < end)]
            out.append(Mention(start, end, original[start:end], "model"))
        return sorted(out, key=lambda x: x.start)

    def with_names(self, names: Iterable[str]) -> Gazetteer:
        """This gazetteer plus product names an article introduces ("Introducing
        Leanstral"): their first word becomes a family word for that article only."""
        extra = {n.split()[0].lower() for n in names if n} - self.families
        if not extra:
            return self
        return Gazetteer(
            self.families | extra,
            self.orgs,
            self.countries,
            self.prefixes,
            self.aliases,
            self.spelled,
        )

    def organisation(self, word: str) -> str | None:
        low = word.lower().removesuffix("'s").removesuffix("’s")
        # "LMArena", "LMSYS": in the news the leaderboard, not the lab that made Vicuna
        return None if low in BOARDS else self.orgs.get(low)

    def country(self, word: str) -> str | None:
        w = word.lower().replace("’", "'")
        return self.countries.get(w) or self.countries.get(w.removesuffix("'s"))


_WORDS = regex(r"[a-z0-9]+")
_POSSESSIVE_GAP = regex(r"['’]s\s+")
_OWNER_BEFORE = regex(r"(?<![\w.-])([A-Z][\w.&-]*)(?:['’]s)?\s+$")


_NAME_PART = (
    r"(?!(?:based|style|like|class|level|sized?|powered|driven|era|type|grade|tier|scale)\b)"
    r"[A-Za-z]"
)


@lru_cache(maxsize=8)
def _written_pattern(spellings: frozenset[str]) -> re.Pattern[str] | None:
    """One pattern for names matched as written: short codes ("R1", "4o") in their own
    case, longer names in any; bounded by non-name characters where the script has
    words (Latin), not in Chinese."""
    parts = []
    for spelling in longest_first(spellings):
        if re.fullmatch(r"\d+(?:\.\d+)?[BMT]", spelling):
            continue  # a size ("405B") names a model only in context (referents.py)
        body = re.escape(spelling).replace("\\ ", r"[\s-]+")
        if not spelling.isascii():
            parts.append(body)
            continue
        if len(spelling) >= 5:
            body = f"(?i:{body})"
        # "R1-0528": a release date may follow with a hyphen, and so may a word of the
        # name ("4o-mini", "R1-Zero"), not a suffix that makes it a description
        # ("4o-based", "V3-style": no model of that name); "V3.1" is not "V3"
        parts.append(rf"(?<![\w.\-/]){body}(?![\w+]|\.\d|-(?!\d{{4}}\b|{_NAME_PART}))")
    return regex("|".join(parts)) if parts else None


_MONTH_WORD = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
# "the May GPT-4o", "the June build of Claude 3.5 Sonnet", "OpenAI's November
# ChatGPT-4o": the build of that month, read as the note "(May)" the resolver knows
_MONTH_BEFORE = regex(
    rf"\b(?:[Tt]he|[Ii]ts|[Tt]heir|[A-Z][\w.]*['’]s)\s+(?P<month>(?=[A-Z])(?i:{_MONTH_WORD}))\.?\s+"
    r"(?:(?:build|version|update|release|snapshot|checkpoint|edition)\s+of\s+)?$"
)


# "GPT-4o (the May release)", "the GPT-4o from May": the same, said after the name
_MONTH_AFTER = regex(
    rf"\s*\((?:the\s+|its\s+)?(?P<month>(?=[A-Z])(?i:{_MONTH_WORD}))\.?\s+"
    r"(?i:build|version|update|release|snapshot|checkpoint|edition)\)|"
    rf"\s+from\s+(?P<from>(?=[A-Z])(?i:{_MONTH_WORD}))\b(?!\s*(?:\d|to\b|through|until|onwards?))"
)


def _with_months(original: str, found: list[Mention]) -> list[Mention]:
    out = []
    for m in found:
        month = _MONTH_BEFORE.search(original, max(0, m.start - 40), m.start)
        after = _MONTH_AFTER.match(original, m.end) if m.kind == "model" else None
        if month is not None and m.kind == "model" and "(" not in m.text:
            m = Mention(month.start("month"), m.end, f"{m.text} ({month['month']})", m.kind)
        elif after is not None and "(" not in m.text:
            said = after["month"] or after["from"]
            m = Mention(m.start, after.end(), f"{m.text} ({said})", m.kind)
        out.append(m)
    return out


_VARIANT_NOTE = regex(
    # "Gemini 1.5 Pro experimental (0801)": a build's month-and-day code, with the word
    # before it or a month no arena score starts with ("(1208)" may be a score)
    r"\s+(?:experimental|exp)\s?\((?:0[1-9]|1[0-2])(?:[0-2]\d|3[01])\)|"
    r"\s?\((?:new|old|latest|original|high|medium|low|mini|preview|"
    r"experimental|exp|0[1-9](?:[0-2]\d|3[01])|"
    r"(?:the\s+|an\s+)?(?:experimental|preview)\s+(?:build|version|release|checkpoint)|"
    # "(thinking)", "(in non-thinking mode)"
    r"(?:in\s+)?(?:thinking|non-thinking|no-thinking|reasoning|non-reasoning)(?:\s+mode)?|"
    r"(?:[A-Z][a-z]{2,8}\.?\s+)?(?:['’]\d{2}|(?:19|20)\d{2})|\d{8}|\d{4}-\d{2}-\d{2}|"
    rf"(?:{_MONTH_WORD})\.?|"
    r"\d{2}/\d{2}|\d{1,4}[BMT])\)",
    re.IGNORECASE,
)
_HUB_OWNER = regex(r"(?<![\w./-])[A-Za-z0-9][\w.-]*/(?=[A-Za-z])")
# "Llama-2-70b-chat 1065": a score; "DeepSeek R1 0528", "Qwen3 235B 2507": a release
# date (MMDD, YYMM) that is part of the name
_TRAILING_NUMBER = regex(r" \d+(?:\.\d+)?$")
_TRAILING_SCORE = regex(r" (?!0\d\d\d\b|2[3-9](?:0[1-9]|1[0-2])\b)\d{3,4}(?:\.\d+)?$")
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-"})
_DASH_CHARS = ("\u2010", "\u2011", "\u2012", "\u2013")


_SPELLED_NEXT = regex(r"[ -]([A-Za-z0-9]\w*(?:\.\d+)*)")  # "1.5", never "1219."
_NAME_SPLIT = regex(r"[-_\s/]+")


def name_words(name: str) -> tuple[str, ...]:
    """A name's words, lower-cased, however they are joined ("Gemini-1.5-Pro-001")."""
    return tuple(w for w in _NAME_SPLIT.split(name.lower()) if w)


def as_hyphens(text: str) -> str:
    """`text` with its dashes read as hyphens (one character for one)."""
    if text.isascii() or not any(dash in text for dash in _DASH_CHARS):
        return text  # most sentences: no copy, no per-character translation
    return text.translate(_DASHES)


# A name goes on past its known tail: "GPT-4o mini Transcribe" is not "GPT-4o mini",
# "grok-4-fast-search" is not "grok-4-fast". Taking it whole lets resolution say
# "not found" instead of judging a different model.
_ATTACHED = regex(r"[-_][A-Za-z0-9][\w.]*(?<!\.)")
_NEXT_WORD = regex(
    r" ([A-Z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)*|non-[a-z]+)(?![\w'’])"  # "Grok 4.1 non-thinking"
)
_TAIL_AGAIN = regex(rf"(?:[-_ ]?{_NUM}|[-_ ]{_WORD}\b)+(?![\w])")
# Capitalised words that follow a name without being part of it (headline verbs,
# function words, ranking nouns).
_NOT_NAME_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "or",
        "but",
        "nor",
        "vs",
        "vs.",
        "versus",
        "the",
        "this",
        "that",
        "these",
        "those",
        "its",
        "it",
        "is",
        "are",
        "was",
        "were",
        "be",
        "has",
        "have",
        "had",
        "on",
        "in",
        "at",
        "of",
        "for",
        "to",
        "from",
        "by",
        "with",
        "as",
        "into",
        "over",
        "than",
        "via",
        "per",
        "now",
        "now,",
        "also",
        "just",
        "still",
        "again",
        "already",
        "tops",
        "leads",
        "beats",
        "ranks",
        "takes",
        "wins",
        "hits",
        "sets",
        "claims",
        "seizes",
        "overtakes",
        "surpasses",
        "outperforms",
        "scores",
        "debuts",
        "lands",
        "joins",
        "edges",
        "passes",
        "trails",
        "lags",
        "top",
        "lead",
        "leader",
        "leaderboard",
        "leaderboards",
        "arena",
        "ranking",
        "rankings",
        "rank",
        "model",
        "models",
        "benchmark",
        "benchmarks",
        "review",
        "results",
        "community",
        "license",
        "licence",
        "terms",
        "launch",
        "launches",
        "release",
        "released",
        "update",
        "new",
        "vs.",
        "who",
        "which",
        "what",
        "when",
        "where",
        "why",
        "how",
        "here",
        "there",
        "today",
    ]
)


# "previous Gemini models", "other Llama versions", "its Gemini predecessors": a set the
# words describe, not the family (whose best member may be the claim's own subject)
_SET_BEFORE = regex(
    r"\b(?:previous|prior|earlier|older|past|other|competing|rival|smaller|larger|bigger|"
    r"existing|current|later|newer|first-generation|original|its|their|our)\s+$",
    re.IGNORECASE,
)
_SET_AFTER = regex(
    r"\s+(?:[\w.-]+\s+)?(?:models|versions|variants|releases|generations|iterations|"
    r"predecessors|successors|siblings)\b",
    re.IGNORECASE,
)
# "the updated DeepSeek-R1", "the latest version of DeepSeek-R1": a build the words do
# not pin down, never the name's first release
# the words that say a later build of a name without saying which
UNPINNED_WORDS = r"updated|upgraded|improved|refreshed|latest|newest"
_BUILD_OF = regex(
    rf"\b(?:(?:{UNPINNED_WORDS}|original)\s+"
    r"(?:version\s+of\s+(?:the\s+)?)?|"
    # ("an early version of Grok-2" is how its maker announces the release itself)
    # (a "non-thinking" mode is most often the name's own entry; a thinking one never)
    r"(?:latest|newest|new|recent|later|experimental|custom|thinking|reasoning)\s+"
    r"(?:chat\s+)?(?:version|release|build|update|iteration|checkpoint|variant|mode)"
    r"\s+(?:of|to)\s+(?:the\s+)?|experimental\s+)$",
    re.IGNORECASE,
)


_DATED_BUILD = regex(r"(?<![\d.])(?:0[1-9]|1[0-2])\d{2}\b|\b20\d\d-?\d\d-?\d\d\b")
_BUILD_AFTER = regex(
    r",?\s+in\s+its\s+(?:(?:[\w-]+\s+)?(?:update|build|release)|"
    r"(?:thinking|reasoning)\s+(?:variant|mode|version))\b|"
    # "Claude 3.7 Sonnet in extended-thinking mode"
    r"\s+in\s+(?:extended[- ])?(?:thinking|reasoning)\s+(?:mode|variant)\b|"
    # "Llama 4 Maverick's experimental chat version"
    r"['’]s\s+(?:experimental|thinking|reasoning|updated|latest|newest)\s+(?:chat\s+)?"
    r"(?:version|build|variant|release|update|mode)\b",
    re.IGNORECASE,
)


def described_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the description a name at text[start:end] is part of, if any: no
    board lists it, so a claim about it is judged "model not found"."""
    after = _SET_AFTER.match(text, end)
    before = _SET_BEFORE.search(text, max(0, start - 30), start) if after else None
    if after and before:
        return before.start(), after.end()
    dated = _DATED_BUILD.search(text, start, end)  # "the original GPT-4-0314" is that build
    if not dated and (build := _BUILD_OF.search(text, max(0, start - 40), start)):
        return build.start(), end
    if after := _BUILD_AFTER.match(text, end):
        # "DeepSeek-R1, in its May update,", "Claude Opus 4 in its thinking variant"
        return start, after.end()
    return None


def whole_name_end(text: str, end: int) -> int:
    """Where a name that the tail patterns ended at `end` really ends."""
    while True:
        m = _ATTACHED.match(text, end)
        # attached words stay part of the name, "-based" too: "GPT-4o-based" is not GPT-4o
        if m:
            end = m.end()
        else:
            m = _NEXT_WORD.match(text, end)
            if m is None or not _name_word(m.group(1)):
                return end
            end = m.end()
        again = _TAIL_AGAIN.match(text, end)
        if again:
            end = again.end()


def _name_word(word: str) -> bool:
    low = word.lower()
    if low in _NOT_NAME_WORDS:
        return False
    if low in _PRODUCT_NOUNS:
        return True  # "Codestral Embed", "Cohere Embed v4.0": a product's noun, no verb
    # headline verbs ("Seizes", "Claims", "Outpaced", "Trailing") are not name words
    return not (len(low) > 3 and low.endswith(("s", "ed", "ing")) and not low.endswith("ss"))


# Words of product names that end as verbs do
_PRODUCT_NOUNS = frozenset(["embed", "embedding", "embeddings", "thinking", "reasoning"])


_O_TAIL = regex(r"[1-9](?:[- ](?:mini|pro|preview|high))*(?![\w])")  # "o4 mini"
_PREFIX = regex(r"[a-z][a-z]+")


def family_prefix(model: str) -> str | None:
    """The family word a board's model name starts with ("Qwen3-235B" -> "qwen")."""
    name = model.rsplit("/", 1)[-1].lower()
    m = _PREFIX.match(name)
    if not m:
        return None
    word = m.group()
    if len(word) < 3 or word in _NOT_FAMILIES:
        return None
    return word


# Product names an article introduces in its title: "Introducing Codestral Embed",
# "Previewing GPT-5.6 Sol: ...", or a title that is a name alone ("Mistral Saba").
_INTRODUCED = regex(
    r"^(?:Introducing|Announcing|Meet|Launching|Unveiling|Releasing|Previewing|Presenting)\s+"
    r"(?:the\s+|our\s+)?(?P<name>[A-Z][\w.+-]*(?:\s+[A-Z0-9][\w.+-]*){0,3})"
)
_NAME_TITLE = regex(r"^(?P<name>[A-Z][\w.+-]*(?:\s+[A-Z0-9][\w.+-]*){0,2})\s*(?:[:—–|]|$)")
# Title words that name no product.
_TITLE_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "our",
        "new",
        "how",
        "why",
        "what",
        "when",
        "large",
        "small",
        "enough",
        "custom",
        "local",
        "open",
        "ai",
        "announcing",
        "introducing",
        "expanding",
        "building",
        "update",
        "updates",
        "research",
        "news",
        "model",
        "models",
    ]
)


def introduced_names(title: str | None) -> list[str]:
    """Names the title introduces; a first word that is an ordinary word names nothing."""
    if not title:
        return []
    title = title.strip()
    m = _INTRODUCED.match(title) or _NAME_TITLE.match(title)
    if m is None:
        return []
    name = m.group("name").rstrip(".:,")
    first = name.split()[0].lower()
    if first in _TITLE_WORDS or len(first) < 3:
        return []
    return [name]


# A product name nobody listed, written where a comparison's object stands ("outperforms
# OpenAI Whisper", "ahead of Cohere Command A", "matches ElevenLabs Scribe v2"): a
# capitalised word, then capitalised, version or size words. Only objects are read this
# way (patterns.py): a subject must still be a known name, and the claim about an
# unlisted product is judged "model not found", never as some other model.
_PROPER = regex(
    r"(?<![\w'’.-])(?:[A-Z][\w.+]*|[a-z]+\d[\w.]*)(?:-[A-Za-z0-9][\w.]*)*"
    r"(?:\s(?:[A-Z][\w.+]*|v?\d[\w.]*|(?:[a-z]+-)?[a-z]*\d[\w.]*|"
    r"mini|large|small|medium|base|pro|max|turbo|preview)(?:-[A-Za-z0-9][\w.]*)*)*"
)
# Capitalised words that start no name (sentence words, quantifiers, time words).
_NOT_NAMES = frozenset(
    [
        *_NOT_NAME_WORDS,
        "all",
        "both",
        "every",
        "each",
        "any",
        "other",
        "our",
        "their",
        "his",
        "her",
        "elo",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        # holidays: "gained 12 points over Christmas" is a time, not a model
        "christmas",
        "easter",
        "thanksgiving",
        "halloween",
        "ramadan",
        "diwali",
        "hanukkah",
        "lunar",
        "i",
        "we",
        "you",
        "he",
        "she",
        "they",
        "ai",
        "llm",
        "llms",
    ]
)


_NOT_PRODUCT = regex(
    r"-(?:level|class|grade|style|like|based|sized|scale)$|bench|eval\b|arena|index", re.I
)
_BENCHMARK_NAMES = tuple(BENCHMARKS)  # for one str.startswith over them all
_BOARD_AFTER = regex(
    r"['’]?\s+(?:leaderboards?|benchmarks?|arenas?|index|charts?|rankings?|evals?|evaluations?|"
    r"tests?|suites?|scores?(?!\s+(?:an?\s+|about\s+|around\s+|roughly\s+|nearly\s+)?[\d~≈]))\b",
    re.I,
)


# The rules and the subject finder both ask about each sentence with the same known
# names: the last few answers are kept (key -> (gazetteer, answer)), bounded.
_UNLISTED_SEEN: dict[tuple[str, tuple[Mention, ...], int], tuple[Gazetteer, list[Mention]]] = {}
_UNLISTED_KEEP = 16


def unlisted_names(text: str, known: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Capitalised names in `text` the gazetteer does not know: no organisation,
    country, board or benchmark, not overlapping a known mention, not a possessive
    owner ("Stability AI's StableLM" names StableLM)."""
    key = (text, tuple(known), id(gaz))
    hit = _UNLISTED_SEEN.get(key)
    if hit is not None and hit[0] is gaz:
        return list(hit[1])
    out = _unlisted_names(text, known, gaz)
    if len(_UNLISTED_SEEN) >= _UNLISTED_KEEP:
        _UNLISTED_SEEN.clear()
    _UNLISTED_SEEN[key] = (gaz, out)
    return list(out)


def _unlisted_names(text: str, known: list[Mention], gaz: Gazetteer) -> list[Mention]:
    out: list[Mention] = []
    for m in _PROPER.finditer(as_hyphens(text)):
        start, end = m.span()
        name = text[start:end].rstrip(".")
        end = start + len(name)
        low = name.lower()
        if low.split()[0].split("-")[0] in _NOT_NAMES or text[end : end + 2] in ("'s", "’s"):
            continue
        if any(k.start < end and start < k.end for k in known):
            continue
        if not re.search(r"[A-Za-z]{2}", name) or _NOT_PRODUCT.search(name):
            continue  # "U.S"; "Fable-level", "AutomationBench": a quality or a benchmark
        if name.isupper() and not any(c.isdigit() for c in name):
            continue  # "USAMO", "MMLU": an acronym alone is a test's name, not a model's
        if _BOARD_AFTER.match(text, end):
            continue  # "topped Zapier's AutomationBench leaderboard"
        if gaz.organisation(low) or gaz.country(low) or low in BOARDS or low in BENCHMARKS:
            continue
        if low.startswith(_BENCHMARK_NAMES) or any(b in low for b in BOARDS):
            continue
        out.append(Mention(start, end, name, "model"))
    return out


# A name nobody listed, recognised by the shape of model names: a capitalised product
# word (or a known brand) and a version, size or variant token ("Fable 5", "Terra 2.1",
# "Nova-3 Pro", "Qwen4-235B-A22B", "DeepHermes 3"). The shape alone is weak evidence:
# most capitalised words with a number are software, hardware, parts of a document,
# dates or benchmarks ("Python 3.12", "RTX 5090", "Figure 2", "Q3 2025", "AIME 2025"),
# so those are excluded by their first word, by the words after them (units), and by
# where they stand ("on X" is where a benchmark stands).
_SHAPE_HEAD = regex(r"[A-Z][A-Za-z]*[a-z][A-Za-z]*\d*(?:\.\d+)*$")
# An acronym ("EXAONE 4.0") or a letter and a number ("K2-Think") starts a name only with
# a dotted version, a size or a variant word; alone they are codes ("HTTP 401", "B2").
_SHAPE_CODE_HEAD = regex(r"[A-Z]{3,}\d*$|[A-Z]\d+(?:\.\d+)?$")
_SHAPE_STRONG = lazy(rf"v?\d+\.\d+[a-z]?$|\d+(?:\.\d+)?[BMT]$|\d+x\d+[Bb]$|{_WORD}$")
_SHAPE_VERSION = regex(
    r"(?:v?\d+(?:\.\d+)*[a-z]?|\d+(?:\.\d+)?[BMKT]|\d+x\d+[Bb]|[A-Z]\d+(?:\.\d+)*[A-Za-z]?)$"
)
_SHAPE_PART = regex(rf"{_WORD}$|[A-Z][a-z]+$")
_NAME_WORD = regex(r"[A-Z][A-Za-z]*[a-z][A-Za-z]*(?:\d|-v?\d|-[A-Z]\d)")
_SHAPE_YEAR = regex(r"(?:19|20)\d\d$")
_FAMILY_JOINED = regex(r"[A-Za-z]+[-\u2011][A-Z][a-z]+(?:$|[\s\u2011-])")
# First words of version-numbered things that are not models.
_NOT_MODEL_HEADS = frozenset(
    [
        # parts of documents, scales and sequences
        "figure",
        "fig",
        "table",
        "chapter",
        "section",
        "part",
        "appendix",
        "level",
        "tier",
        "stage",
        "phase",
        "step",
        "round",
        "volume",
        "version",
        "release",
        "episode",
        "season",
        "day",
        "week",
        "page",
        "item",
        "task",
        "question",
        "example",
        "option",
        "group",
        "class",
        "grade",
        "type",
        "category",
        "rank",
        "number",
        "top",
        "pass",
        "record",
        "line",
        "port",
        "service",
        "gain",
        "breadth",
        "ease",
        "discoverability",
        # software, licences, standards
        "apache",
        "python",
        "ruby",
        "java",
        "node",
        "rust",
        "go",
        "lean",
        "postgresql",
        "postgres",
        "mysql",
        "ubuntu",
        "debian",
        "windows",
        "macos",
        "ios",
        "android",
        "linux",
        "chrome",
        "firefox",
        "safari",
        "cuda",
        "pytorch",
        "tensorflow",
        "microsoft",
        "office",
        "word",
        "excel",
        "web",
        "http",
        "iso",
        "rfc",
        "unicode",
        "cc",
        "mit",
        "gpl",
        "bsd",
        "sil",
        # hardware and devices
        "rtx",
        "gtx",
        "geforce",
        "radeon",
        "ryzen",
        "xeon",
        "epyc",
        "nvidia",
        "hgx",
        "dgx",
        "blackwell",
        "hopper",
        "iphone",
        "ipad",
        "macbook",
        "pixel",
        "galaxy",
        "quest",
        "playstation",
        "xbox",
        "switch",
        "snapdragon",
        "qualcomm",
        "trainium",
        "inferentia",
        # time
        "since",
        "until",
        "before",
        "after",
        "between",
        "from",
        "through",
        "during",
        "by",
        "as",
        "fortune",
        "covid",
        "federalist",
        "dota",
        "exile",
        # languages (translations, subsets of a benchmark)
        "english",
        "french",
        "german",
        "spanish",
        "italian",
        "portuguese",
        "chinese",
        "japanese",
        "korean",
        "arabic",
        "hindi",
        "russian",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "updated",
        "edit",
        # sentence openers before a count or a version ("Around 50 agents", "Try OCR 4")
        "around",
        "about",
        "approximately",
        "roughly",
        "nearly",
        "almost",
        "over",
        "under",
        "across",
        "because",
        "only",
        "just",
        "some",
        "another",
        "alongside",
        "row",
        "column",
        "provider",
        "trajectory",
        "drawing",
        "repeat",
        "move",
        "native",
        "fits",
        "fork",
        "star",
        "indicators",
        "install",
        "introducing",
        "announces",
        "assess",
        "les",
        "try",
        "use",
        "read",
        "see",
        "get",
        "register",
        "requires",
    ]
)
_UNIT_AFTER = lazy(
    r"\s*(?:%|percent|points?|pts|[kKMGT]?B\b|ms\b|seconds?|minutes?|hours?|days?|weeks?|"
    r"months?|years?|x\b|×|times|tokens?|languages?|GPUs?|cards?|chips?|cores?|watts?|"
    r"parameters?|params|series|-series|class|license|licence|format|precision|"
    r"certification|compliant|workloads?|hits?)\b",
    re.IGNORECASE,
)
_BENCHMARK_BEFORE = regex(r"\b(?:on|under|in|at|of)\s+(?:the\s+)?$", re.IGNORECASE)


_THOUSANDS_AFTER = regex(r",\d{3}(?!\d)")


def shaped_names(
    text: str, known: list[Mention], gaz: Gazetteer, unlisted: list[Mention] | None = None
) -> list[Mention]:
    """Names the gazetteer lacks that are shaped like a model's (see above), among
    `unlisted` (the sentence's `unlisted_names`, when already read)."""
    out: list[Mention] = []
    if text.lstrip().startswith("|"):
        return out  # a table row's first cell names a benchmark as often as a model
    for m in unlisted_names(text, known, gaz) if unlisted is None else unlisted:
        words = m.text.split(" ")
        glued = next((i for i, w in enumerate(words) if i and _NAME_WORD.match(w)), 0)
        if glued:
            # "Yesterday Varda-2.5-Pro": a word written like a whole name starts the name
            skip = len(" ".join(words[:glued])) + 1
            m = Mention(m.start + skip, m.end, m.text[skip:], m.kind)
        tokens = re.split(r"[\s-]+", m.text.translate(_DASHES))
        head = tokens[0]
        if head.lower() in _NOT_MODEL_HEADS or len(tokens) > 5:
            continue
        if _FAMILY_JOINED.match(m.text) and head.lower() in gaz.families:
            # "GPT-Rosalind", "Gemini-Exp": a family's name joined to a word is one name
            out.append(m)
            continue
        if not _SHAPE_HEAD.match(head) and not (
            _SHAPE_CODE_HEAD.match(head) and any(_SHAPE_STRONG.match(t) for t in tokens[1:])
        ):
            continue
        if _SHAPE_PART.match(head) and re.fullmatch(_WORD, head):
            continue  # "Large 3", "Mini 2": a variant of a name written before, not a name
        rest = tokens[1:]
        versions = [t for t in rest if _SHAPE_VERSION.match(t)]
        attached = head[-1].isdigit()
        if not versions and not attached:
            continue
        if any(not (_SHAPE_VERSION.match(t) or _SHAPE_PART.match(t)) for t in rest):
            continue  # "Windows.nchmy 8", "ProcessingNovember 1": glued text, not a name
        if versions and all(_SHAPE_YEAR.match(v) for v in versions) and not attached:
            continue  # "Advent 2025", "LPC 2025": an edition, a date
        if _UNIT_AFTER.match(text, m.end) or _BENCHMARK_BEFORE.search(text, 0, m.start):
            continue
        if _THOUSANDS_AFTER.match(text, m.end):
            continue  # "Scoring 1,400 on LMArena": a number's first digits, not a version
        out.append(m)
    return out


# A product the text introduces as a model: "our new model, Aurora", "Aurora, our latest
# reasoning model", "a new model called Aurora". For the rest of that article its first
# word names it, as a title's introduced name does.
_MODEL_NOUN = r"(?:model|LLM|language\s+model)"
_NAME_CAPTURE = r"(?P<name>[A-Z][\w.+]*(?:-[\w.+]+)*(?:\s+(?:[A-Z][\w.+-]*|v?\d[\w.]*)){0,2})"
_INTRODUCED_IN_TEXT = regex(
    rf"\b(?:(?i:our|its|their)\s+(?:[\w-]+\s+){{0,3}}?{_MODEL_NOUN},?\s+(?:called\s+|named\s+|"
    rf"dubbed\s+|codenamed\s+)?|(?i:a|the)\s+(?:[\w-]+\s+){{0,3}}?{_MODEL_NOUN},?\s+"
    rf"(?:called|named|dubbed|codenamed)\s+){_NAME_CAPTURE}"
    rf"|{_NAME_CAPTURE.replace('name', 'name2')},\s+(?:our|its|their)\s+(?:[\w-]+\s+){{0,3}}?"
    rf"{_MODEL_NOUN}\b"
)


_CAPITAL_BEFORE = lazy(r"[A-Z0-9][\w.+-]*[ \u2011-]$")


def introduced_in_text(text: str, gaz: Gazetteer) -> list[str]:
    """Names `text` introduces as a model that the gazetteer does not know."""
    if "model" not in text and "LLM" not in text:
        return []
    out: list[str] = []
    for m in _INTRODUCED_IN_TEXT.finditer(text):
        group = "name" if m.group("name") else "name2"
        start = m.start(group)
        name = m.group(group).rstrip(".,")
        first = name.split()[0].lower()
        if first in _TITLE_WORDS or first in _NOT_NAMES or len(first) < 3 or first.endswith("ly"):
            continue
        if _CAPITAL_BEFORE.search(text, 0, start):
            continue  # "Voxtral Mini Transcribe V2, our ...": the name started earlier
        known = gaz.models(text[start : start + 60], first=True)
        if gaz.organisation(first) or gaz.country(first) or (known and known[0].start == 0):
            continue
        if first in BENCHMARKS or any(first.startswith(b) for b in BENCHMARKS):
            continue
        out.append(name)
    return out


# Words ending many names that name no model alone ("Pro users", "the Max plan").
_TIER_WORDS = frozenset(
    [
        "pro",
        "max",
        "mini",
        "plus",
        "turbo",
        "instruct",
        "chat",
        "preview",
        "thinking",
        "reasoning",
        "large",
        "medium",
        "small",
        "fast",
        "ultra",
        "lite",
        "nano",
        "base",
        "vision",
        "code",
        "coder",
        "experimental",
        "latest",
        "high",
        "low",
        "heavy",
        "deep",
        "research",
        "beta",
        "alpha",
        "online",
        "instant",
        "air",
        "edge",
        "open",
        "next",
        "embed",
        "transcribe",
        "realtime",
        "voice",
        "agent",
        "agents",
        "model",
        "models",
        "version",
        "edition",
    ]
)
_LAST_WORD = regex(r"\s([A-Z][a-z]{2,})$")


def short_names(text: str, mentions: Iterable[Mention], gaz: Gazetteer) -> dict[str, str]:
    """The last words by which an article goes on to call a model it named in full:
    "Llama 4 Maverick ... Maverick came in second", "GPT-5.6 Terra ... Terra performs
    just above Fable 5". A word counts when it ends exactly one versioned name of the
    article, is written alone elsewhere in it, and is no tier word ("Pro", "Mini"), no
    family and no organisation. Each maps to the full name it stands for."""
    ends: dict[str, set[str]] = {}
    for m in mentions:
        last = _LAST_WORD.search(m.text)
        # a full name has a version ("Llama 4 Maverick"); "Kilo Code Cline" is no name
        if last and any(c.isdigit() for c in m.text):
            ends.setdefault(last.group(1), set()).add(m.text)
    out: dict[str, str] = {}
    for word, fulls in ends.items():
        low = word.lower()
        if len(fulls) != 1 or low in _TIER_WORDS or low in _NOT_NAMES or low in gaz.families:
            continue
        if gaz.organisation(low) or gaz.country(low) or low in BENCHMARKS:
            continue
        # written alone somewhere: not only as the end of the full name
        full = next(iter(fulls))
        alone = re.finditer(rf"(?<![\w.-]){word}(?![\w-])(?!\s+v?\d)", text)
        if any(not text.endswith(full, 0, m.end()) for m in alone):
            out[word] = full
    return out
