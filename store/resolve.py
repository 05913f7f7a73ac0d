"""Model names in text -> the model(s) a board lists.

    resolve("Llama 3.1 405B", snapshot)   # alias: Meta-Llama-3.1-405B-Instruct-bf16 (+ fp8)
    resolve("Qwen2.5", snapshot)          # family: every Qwen2.5 model on the board
    resolve("Claude", snapshot)           # family; resolve("Gemini Pro 1.5") -> fuzzy

The name is first read as writers write it (store/registry/mentions.py: possessive
owners, organisation prefixes, parentheses, dates in any form, "(new)",
"(non-reasoning)"); each reading goes through the stages below, the name as written
first. Stages, first hit wins:

1. exact:  same name ignoring case, spaces and punctuation ("DeepSeek V3" == "deepseek-v3");
2. alias:  a registry alias ("R1", "GPT-4o"), a curated model's other spelling, or the
           same model with other decorations: date stamps, precision tags, "-Instruct",
           a leading publisher ("Meta-Llama-3.1-405B-Instruct-fp8"). A date the text
           gives must be on the board's name; several variants are one model, listed
           best first and the pick said in `how`;
   (a registry alias may also read as another name: "4o" as "GPT-4o", "Tongyi
           Qianwen" as the family "Qwen"; a board name of two names, "chocolate (Early
           Grok-3)", answers to each);
3. family: a family name ("Qwen2.5", "Gemini 2.5", "Claude") -> all its members on
           the board, best first (a claim about a family uses its best member); the
           words without a version ("Claude Sonnet") cover every version of them;
4. fuzzy:  the closest name by token and trigram similarity, only among names that
           carry every number the text gives and no version it does not (a fuzzy
           match never turns "GPT-5" into "GPT-4", nor "Qwen 32B" into Qwen1.5-32B),
           and only when it beats the runner-up by a margin; otherwise "ambiguous"
           with the candidates (also "Qwen 72B" when the board lists several
           versions), never a guess.

"Best" is the board's order: highest score first when entries carry scores, else
the order given (boards list by rank). Everything is memoised per board so the judge
can resolve thousands of names per second.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cached_property, lru_cache
from typing import Literal

from store.leaderboards.base import BoardEntry, BoardSnapshot
from store.registry import Registry, load_registry
from store.registry import mentions as mention
from store.registry.names import (
    TIER_WORDS,
    NameParts,
    is_size,
    key,
    numbers,
    parts,
    same_release,
)

Status = Literal["exact", "alias", "family", "fuzzy", "ambiguous", "not_found"]

# Fuzzy acceptance: a score in [0, 1]; the winner must reach MIN_SCORE and lead the
# runner-up (a different model, not a variant) by MARGIN. Tuned on the bundled boards:
# typos and reorderings ("Deepsek V3", "Gemini Pro 1.5") score 0.6-0.9 against their
# model and below 0.5 against the next.
MIN_SCORE = 0.55
MARGIN = 0.12
_INDEX_CACHE_SIZE = 256


@dataclass(frozen=True, slots=True)
class Resolution:
    query: str
    status: Status
    models: tuple[str, ...] = ()  # board spellings, best first
    candidates: tuple[str, ...] = ()  # for "ambiguous": the names too close to choose
    how: str = ""  # one line for /why

    @property
    def model(self) -> str | None:
        """The model a claim about this name is judged on (the best one)."""
        return self.models[0] if self.models else None

    @property
    def found(self) -> bool:
        return bool(self.models)


@dataclass
class BoardIndex:
    """A board's names prepared for resolution; build once per snapshot."""

    names: tuple[str, ...]  # best first
    parts: tuple[NameParts, ...]
    by_key: dict[str, list[int]]
    by_core: dict[str, list[int]]
    scored: bool  # whether the order comes from scores (for `how`)
    memo: dict[tuple[int, str], Resolution] = field(default_factory=dict)
    _families: dict[int, tuple[str | None, ...]] = field(default_factory=dict)

    # Only a fuzzy match reads these, and most names resolve before it: built when first
    # read, not with the index (a third of its cost, paid by every `claimwatch check`).
    @cached_property
    def grams(self) -> tuple[frozenset[str], ...]:
        return tuple(_trigrams(p.core) for p in self.parts)

    @cached_property
    def nums(self) -> tuple[frozenset[str], ...]:
        return tuple(numbers(p.tokens) for p in self.parts)

    def families(self, reg: Registry) -> tuple[str | None, ...]:
        """Each name's registry family (by name alone), computed once per registry."""
        fams = self._families.get(id(reg))
        if fams is None:
            fams = self._families[id(reg)] = tuple(reg.facts(n).family for n in self.names)
        return fams

    @classmethod
    def build(cls, names: Sequence[str], scored: bool = False) -> BoardIndex:
        by_key: dict[str, list[int]] = {}
        by_core: dict[str, list[int]] = {}
        ps = tuple(parts(n) for n in names)
        for i, (n, p) in enumerate(zip(names, ps, strict=True)):
            by_key.setdefault(key(n), []).append(i)
            by_core.setdefault(p.core, []).append(i)
            for other in _other_names(n):
                by_key.setdefault(key(other), []).append(i)
        return cls(
            names=tuple(names),
            parts=ps,
            by_key=by_key,
            by_core=by_core,
            scored=scored,
        )


_NAMED_PAREN = re.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)$")


def _other_names(name: str) -> tuple[str, ...]:
    """A board name that is two names, "chocolate (Early Grok-3)", answers to each.

    Only when the parentheses hold a name: not a date ("(20241022)", "(08-2024)"), not
    a build ("(thinking-16k)", "(high)") -- those stay decorations of one name."""
    m = _NAMED_PAREN.match(name.strip())
    if m is None:
        return ()
    outer, inner = m.group("outer"), m.group("inner")
    inner_parts, outer_parts = parts(inner), parts(outer)
    if inner_parts.stamps or (len(inner_parts.tokens) < 2 and not outer_parts.stamps):
        return ()
    if not any(len(t) > 2 and t.isalpha() for t in inner_parts.tokens):
        return ()
    # a codename with its release name ("chocolate (Early Grok-3)"), not a channel
    # ("Gemini Pro (Dev API)")
    if not (numbers(inner_parts.tokens) or len(outer_parts.tokens) == 1):
        return ()
    if set(inner_parts.tokens) & (TIER_WORDS | _BUILD_WORDS):
        return ()
    return outer, inner


_BUILD_WORDS = frozenset({"thinking", "reasoning", "latest", "preview", "exp", "beta"})


Board = BoardIndex | BoardSnapshot | Iterable[BoardEntry] | Iterable[str]
_indexes: OrderedDict[tuple[tuple[str, ...], bool], BoardIndex] = OrderedDict()


# Immutable inputs (a snapshot, a tuple of entries) are also cached by identity, keeping
# a reference so the id cannot be reused: the judge passes the same snapshot thousands
# of times, and this skips re-reading its names.
_by_identity: OrderedDict[int, tuple[object, BoardIndex]] = OrderedDict()


def board_index(board_models: Board) -> BoardIndex:
    """The (cached) index for a board given as a snapshot, entries or names."""
    if isinstance(board_models, BoardIndex):
        return board_models
    immutable = isinstance(board_models, BoardSnapshot | tuple)
    if immutable:
        known = _by_identity.get(id(board_models))
        if known is not None and known[0] is board_models:
            return known[1]
    index = _index_for(board_models)
    if immutable:
        _by_identity[id(board_models)] = (board_models, index)
        if len(_by_identity) > _INDEX_CACHE_SIZE:
            _by_identity.popitem(last=False)
    return index


def _index_for(board_models: Board) -> BoardIndex:
    assert not isinstance(board_models, BoardIndex)
    items = board_models.entries if isinstance(board_models, BoardSnapshot) else board_models
    seq = list(items)
    if seq and isinstance(seq[0], BoardEntry):
        entries: list[BoardEntry] = seq  # type: ignore[assignment]
        scored = any(e.score is not None for e in entries)
        order = sorted(
            range(len(entries)),
            key=lambda i: (entries[i].score is None, -(entries[i].score or 0.0), i),
        )
        names = tuple(entries[i].model for i in order)
    else:
        names, scored = tuple(str(s) for s in seq), False
    cache_key = (names, scored)
    index = _indexes.get(cache_key)
    if index is None:
        index = _indexes[cache_key] = BoardIndex.build(names, scored)
        if len(_indexes) > _INDEX_CACHE_SIZE:
            _indexes.popitem(last=False)
    return index


def resolve(name: str, board_models: Board, registry: Registry | None = None) -> Resolution:
    """Which of a board's models a name in text means (see the module docstring)."""
    reg = registry or load_registry()
    index = board_index(board_models)
    memo_key = (id(reg), name)
    hit = index.memo.get(memo_key)
    if hit is None:
        hit = index.memo[memo_key] = _resolve(name, index, reg)
    return hit


def _resolve(name: str, index: BoardIndex, reg: Registry, depth: int = 0) -> Resolution:
    query = mention.clean(name, reg)
    if not key(query):
        return Resolution(name.strip(), "not_found", how="empty name")
    hit = _direct(query, index, reg, depth)
    if hit is not None:
        return _as_written(hit, name)
    forms = mention.forms(query, reg)
    for form in forms:
        hit = _direct(form.text, index, reg, depth)
        if hit is not None:
            return _as_written(_qualified(hit, form, index), name, form)
    fam = _family(query, index, reg)
    if fam is not None:
        return _as_written(fam, name)
    for form in forms:
        fam = _family(form.text, index, reg) if form.family_ok else None
        if fam is not None:
            return _as_written(_qualified(fam, form, index), name, form)
    return _as_written(_fuzzy(query, index, _known_words(reg)), name)


def _direct(query: str, index: BoardIndex, reg: Registry, depth: int) -> Resolution | None:
    """Exact, alias or a registry rewrite ("Tongyi Qianwen" reads as "Qwen")."""
    exact = _exact(query, index)
    if exact:
        how = _pick("exact match", exact, index)
        return Resolution(query, "exact", _ordered(exact, index), how=how)
    found, via = _alias(query, index, reg)
    if found:
        return Resolution(query, "alias", _ordered(found, index), how=_pick(via, found, index))
    said = reg.rewrites.get(key(query))
    if said and depth < 2:
        inner = _resolve(said, index, reg, depth + 1)
        if inner.status != "not_found":
            how = f'registry alias "{query}" = "{said}"; {inner.how}'
            status: Status = "alias" if inner.status == "exact" else inner.status
            return Resolution(query, status, inner.models, inner.candidates, how)
    return None


def _as_written(res: Resolution, name: str, form: mention.Form | None = None) -> Resolution:
    """The resolution under the name as the text wrote it, saying how it was read."""
    how = res.how
    if form is not None and res.found:
        how = f'read "{name.strip()}" as "{form.text}"{form.note}; {how}'
    return Resolution(name.strip(), res.status, res.models, res.candidates, how)


_NO_THINKING_NAMES = ("no thinking", "non thinking", "no reasoning", "non reasoning")


def _qualified(res: Resolution, form: mention.Form, index: BoardIndex) -> Resolution:
    """Apply what the form's dropped words said: "(new)" keeps the newest dated variant,
    "(non-reasoning)" drops the thinking/reasoning builds."""
    models = list(res.models)
    if form.sizes:  # "Hermes 3 (405B)" is not Hermes 3 70B; "V3-0324 (671B)" has no size
        models = [m for m in models if _sizes_fit(form.sizes, parts(m).tokens)]
    if form.no_reasoning:
        plain = [m for m in models if not _REASONING_WORDS & set(parts(m).tokens)]
        # "non-reasoning" picks the plain build only when the board lists a reasoning
        # one beside it; a lone entry may be a hybrid ("Qwen3-235B-A22B")
        if len(plain) == len(models) and not any(_reasoning_sibling(m, index) for m in plain):
            plain = []
        # "Qwen3-235B-A22B (non-thinking)": a hybrid whose plain build the board lists
        # under its own name ("Qwen3-235B-A22B-no-thinking")
        plain = (
            plain
            or [
                found
                for m in models
                for said in _NO_THINKING_NAMES
                for found in _ordered(_exact(f"{m} {said}", index), index)
            ][:1]
        )
        models = plain
    if form.newest and len(models) > 1:
        dated = [(d, m) for m in models if (d := mention.sortable_date(m)) is not None]
        if dated:
            newest = max(d for d, _ in dated)
            models = [m for d, m in dated if d == newest]
    if not models:
        return Resolution(res.query, "not_found", how=f"{res.how}; none left after {form.note}")
    if tuple(models) == res.models:
        return res
    status: Status = "alias" if res.status == "family" and len(models) == 1 else res.status
    return Resolution(res.query, status, tuple(models), how=f"{res.how}; kept {', '.join(models)}")


_REASONING_WORDS = frozenset({"thinking", "reasoning", "think", "reasoner"})


def _reasoning_sibling(model: str, index: BoardIndex) -> bool:
    core = parts(model).core
    return any(core + word in index.by_core for word in _REASONING_WORDS)


def _sizes_fit(said: tuple[str, ...], tokens: tuple[str, ...]) -> bool:
    """A board name carries no size, or every size the text gave."""
    have = {t for t in tokens if is_size(t)}
    return not have or set(said) <= have


def _exact(query: str, index: BoardIndex) -> list[int]:
    return list(index.by_key.get(key(query), ()))


def _variants(spelling: str, index: BoardIndex) -> list[int]:
    """Board names that are `spelling` up to decorations, carrying any date it gives.

    A dated name never matches an undated entry: "DeepSeek-V3-0324" is not the
    DeepSeek-V3 the board listed before it (a name the board only ever lists undated,
    like GPT-4.5-Preview, gets a registry alias for its dated API id instead)."""
    p = parts(spelling)
    return [i for i in index.by_core.get(p.core, ()) if same_release(p, index.parts[i])]


def _spelling(spelling: str, index: BoardIndex) -> set[int]:
    return set(index.by_key.get(key(spelling), ())) | set(_variants(spelling, index))


def _alias(query: str, index: BoardIndex, reg: Registry) -> tuple[set[int], str]:
    meant = reg.aliases.get(key(query), ())
    found: set[int] = set()
    for spelling in meant:
        found |= _spelling(spelling, index)
    if found:
        return found, f'registry alias "{query}" = {" / ".join(meant)}'
    found = set(_variants(query, index))
    if found:
        return found, "same model up to date, precision or packaging"
    curated = reg.curated(query)
    if curated is not None:
        for spelling in (curated.name, *curated.aliases):
            found |= _spelling(spelling, index)
    return found, f'another spelling of "{curated.name}"' if curated else ""


def _family(query: str, index: BoardIndex, reg: Registry) -> Resolution | None:
    """A family name -> its members on the board (registry family, token prefix)."""
    qk = key(query)
    fam = _family_of(qk, reg)
    if fam is None:
        return None
    family_name, surface_key = fam
    qp = parts(query)
    if qp.stamps:  # a dated name is one release, never a family
        return None
    whole_family = qk == surface_key
    members = []
    for i, fam_of_name in enumerate(index.families(reg)):
        if fam_of_name != family_name:
            continue
        tokens = index.parts[i].tokens
        # A family name covers only the members that carry it: "Pixtral" is not
        # Mistral-Large-2407, although the registry files both under "mistral".
        if (whole_family and _carries(qk, tokens)) or _proper_prefix(qp.tokens, tokens):
            members.append(i)
    if not members and len(qp.tokens) > 1 and not numbers(qp.tokens):
        members = _versionless(qp.tokens, family_name, index, reg)
    if not members:
        return None
    models = _ordered(members, index)
    if len({index.parts[i].core for i in members}) == 1:
        # one model (perhaps in several releases) is not a family: "Step 2" -> Step-2-16K-Exp
        via = f'the only {family_name} model on this board named "{query}"'
        return Resolution(query, "alias", models, how=_pick(via, members, index))
    order = "highest score" if index.scored else "first listed"
    how = f'family "{query}" ({family_name}): {len(models)} on this board; '
    how += f"best ({order}) {models[0]}"
    return Resolution(query, "family", models, how=how)


def _versionless(
    words: tuple[str, ...], family_name: str, index: BoardIndex, reg: Registry
) -> list[int]:
    """Members named by the words without their version ("Claude Sonnet" ->
    Claude 3 Sonnet, claude-sonnet-4-...): the words, in order, are the name with its
    numbers taken out; a sibling tier the text did not say ("Flash Lite") stays out."""
    out = []
    for i, fam_of_name in enumerate(index.families(reg)):
        if fam_of_name != family_name:
            continue
        plain = tuple(t for t in index.parts[i].tokens if not any(c.isdigit() for c in t))
        if plain[: len(words)] == words and not set(plain[len(words) :]) & TIER_WORDS:
            out.append(i)
    return out


def _family_of(qk: str, reg: Registry) -> tuple[str, str] | None:
    """The family whose surface name starts the query ("qwen25" -> qwen), longest first."""
    for surface_key, family_name in _surface_keys(reg):
        # short surfaces ("Yi") name their family only whole, never as a prefix
        if qk == surface_key or (len(surface_key) >= 3 and qk.startswith(surface_key)):
            return family_name, surface_key
    return None


# per registry (kept alive by the entry, so an id is never reused for another)
_surface_cache: dict[int, tuple[Registry, list[tuple[str, str]]]] = {}


def _surface_keys(reg: Registry) -> list[tuple[str, str]]:
    cached = _surface_cache.get(id(reg))
    if cached is None or cached[0] is not reg:
        pairs = {(key(s), f.name) for f in reg.families.values() for s in (f.name, *f.surfaces)}
        cached = _surface_cache[id(reg)] = (reg, sorted(pairs, key=lambda p: (-len(p[0]), p)))
    return cached[1]


def _carries(surface_key: str, tokens: tuple[str, ...]) -> bool:
    """Whether a name carries a family's word: as a run of its tokens ("code", "llama"),
    or closing a compound token ("chatgpt" carries "gpt", "openhermes" "hermes")."""
    keys = [t.replace(".", "") for t in tokens]
    for i in range(len(keys)):
        if len(surface_key) >= 3 and keys[i].endswith(surface_key):
            return True
        joined = ""
        for k in keys[i:]:
            joined += k
            if joined == surface_key:
                return True
            if len(joined) >= len(surface_key):
                break
    return False


_known_cache: dict[int, tuple[Registry, frozenset[str]]] = {}


def _known_words(reg: Registry) -> frozenset[str]:
    """One-word family names the registry knows: real names, never typos of others."""
    cached = _known_cache.get(id(reg))
    if cached is None or cached[0] is not reg:
        words = frozenset(k for k, _ in _surface_keys(reg) if k.isalpha())
        cached = _known_cache[id(reg)] = (reg, words)
    return cached[1]


def _proper_prefix(prefix: tuple[str, ...], tokens: tuple[str, ...]) -> bool:
    return len(tokens) > len(prefix) and tokens[: len(prefix)] == prefix


def _fuzzy(query: str, index: BoardIndex, known: frozenset[str] = frozenset()) -> Resolution:
    qp = parts(query)
    q_nums = numbers(qp.tokens)
    q_grams = _trigrams(qp.core)
    q_tokens = set(qp.tokens)
    best_by_core: dict[str, tuple[float, int]] = {}
    unversioned: dict[str, tuple[float, int]] = {}  # matches but for a version not said
    for i, p in enumerate(index.parts):
        # fuzzy forgives typos and word order, never a different number or release,
        # and never a word of the query that the name lacks ("Flash Exp" != "Flash")
        if not q_nums <= index.nums[i] or not same_release(qp, p):
            continue
        covered = _covered(q_tokens, p.tokens, known)
        if covered is None:
            continue
        tok = covered / (len(q_tokens) + len(set(p.tokens)) - covered)
        score = 0.5 * tok + 0.5 * _jaccard(q_grams, index.grams[i])
        # nor a version the text did not give: "Qwen 32B" is not Qwen1.5-32B-Chat
        if any(not is_size(n) for n in index.nums[i] - q_nums):
            if covered >= len(q_tokens) and score > unversioned.get(p.core, (0.0, 0))[0]:
                unversioned[p.core] = (score, i)
            continue
        # variants of one model compete as one candidate: keep its best-listed member
        prev = best_by_core.get(p.core)
        if prev is None or score > prev[0]:
            best_by_core[p.core] = (score, i)
    ranked = sorted(best_by_core.values(), key=lambda si: (-si[0], si[1]))
    if not ranked or ranked[0][0] < MIN_SCORE:
        if len(unversioned) > 1:
            # "Qwen 72B" with Qwen2-72B and Qwen2.5-72B listed: say which, never pick
            versions = sorted(unversioned.values(), key=lambda si: (-si[0], si[1]))
            candidates = tuple(index.names[i] for _, i in versions)
            how = f'"{query}" gives no version; this board has {", ".join(candidates[:4])}'
            return Resolution(query, "ambiguous", candidates=candidates, how=how)
        return Resolution(query, "not_found", how=f'no model on this board matches "{query}"')
    top_score, top = ranked[0]
    runner = ranked[1][0] if len(ranked) > 1 else 0.0
    if top_score - runner < MARGIN:
        close = [(s, i) for s, i in ranked if top_score - s < MARGIN]
        shown = ", ".join(f"{index.names[i]} ({s:.2f})" for s, i in close[:4])
        candidates = tuple(index.names[i] for _, i in close)
        how = f"too close to tell: {shown}"
        return Resolution(query, "ambiguous", candidates=candidates, how=how)
    found = [i for i in index.by_core[index.parts[top].core] if same_release(qp, index.parts[i])]
    models = _ordered(found, index)
    how = f"closest name {models[0]} (similarity {top_score:.2f}; next {runner:.2f})"
    if len(models) > 1:
        how += f"; {len(models)} variants, using {models[0]}"
    return Resolution(query, "fuzzy", models, how=how)


def _covered(
    q_tokens: set[str], tokens: tuple[str, ...], known: frozenset[str] = frozenset()
) -> float | None:
    """How many query tokens the name has (a near-spelling counts), None if one is missing.

    A word the registry knows as a name ("pixtral", "magistral") is never a misspelling
    of another ("mixtral", "mistral"): it must be on the name as written."""
    have = set(tokens)
    count = 0.0
    said = set()
    for t in q_tokens:
        if t in have:
            count += 1
            said.add(t)
            continue
        if t in known:
            return None
        near, match = max(((_token_similarity(t, h), h) for h in have), default=(0.0, ""))
        if near < _NEAR_TOKEN:
            return None
        count += near
        said.add(match)
    if any(t in TIER_WORDS and t not in said for t in have):
        return None
    return count


_NEAR_TOKEN = 0.75


@lru_cache(maxsize=65536)
def _token_similarity(a: str, b: str) -> float:
    """Similarity of two words; numbers must be equal (they are checked elsewhere)."""
    if len(a) < 4 or len(b) < 4 or a[0].isdigit() or b[0].isdigit():
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _ordered(found: Iterable[int], index: BoardIndex) -> tuple[str, ...]:
    return tuple(index.names[i] for i in sorted(set(found)))


def _pick(via: str, found: Iterable[int], index: BoardIndex) -> str:
    models = _ordered(found, index)
    if len(models) == 1:
        return f"{via}: {models[0]}"
    order = "highest score" if index.scored else "first listed"
    return f"{via}: {len(models)} variants ({', '.join(models)}); using the {order}, {models[0]}"


def _trigrams(text: str) -> frozenset[str]:
    padded = f"  {text} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def _jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)
