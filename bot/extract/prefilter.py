"""Cheap substring checks in front of the extractor's regular expressions.

Most of the offline extractor's time goes to long case-insensitive patterns that find
nothing in most sentences ("ranks #3", "the gap between ... is narrowing"). Python's
`re` compares every character case-insensitively at every position under IGNORECASE,
and cannot skip ahead to a literal. Two shortcuts give the pattern's own answers sooner:

- Most such patterns cannot match without one of a few words ("#", "no.", "number"):
  `required_literals` reads them off the parsed pattern, and `Prefiltered` looks for
  them in the lower-cased text first. A text without them cannot match.
- Where the text may match, a case-sensitive twin of the pattern (`folded_twin`: its
  letters lower-cased) runs over the lower-cased text, which `re` scans several times
  faster; it matches at exactly the positions where the pattern does, so the pattern
  itself then runs only there, anchored, to give the match.

The extractor's output is the same with or without this module
(tests/extract/test_prefilter.py).

The derivation is conservative by construction: only parts every match must contain
count (a literal run, a repeat of at least one, a group, every branch of an
alternation); lookarounds, optional parts and anything not understood add nothing, and
a pattern with no requirement is run as it is. Literals are compared lower-cased, which
case-sensitive patterns satisfy too; the three characters that IGNORECASE matches to
ASCII letters but `str.lower` does not map to them (dotted and dotless I, long s) are
mapped first. Folded so, every character stays one character (offsets are kept), keeps
whether it is a digit, a space or a word character, and equals an ASCII letter exactly
when IGNORECASE matches it to that letter: what the twin relies on.

A long alternation of rarely met branches (the comparison verbs) is also taken apart
(`Split`): groups of its branches, each run only on a text holding their words.

`prefilter_patterns(globals())` at the end of a module puts its patterns behind the
check. A pattern is looked at only after WARMUP calls, so a process that extracts one
short text (`claimwatch check`) never pays for the parsing.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Collection, Iterator, MutableMapping
from functools import lru_cache
from typing import Any

from bot.extract.regexes import RE_COMPILER, RE_CONSTANTS, RE_PARSER

# The parser and compiler `re` itself uses (bot/extract/regexes.py looks them up);
# without them every pattern runs as it is.
_sre: Any = RE_CONSTANTS
_sre_parse: Any = RE_PARSER
_sre_compile: Any = RE_COMPILER

WARMUP = 64  # calls before a pattern's literals and twin are derived
MAX_CLAUSES = 3  # checks per call: the most selective few

_END = sys.maxsize  # re.Pattern's own default endpos
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "split", "sub", "subn")

# (AND of ORs) every match contains: one literal of each clause
Clauses = tuple[tuple[str, ...], ...]

# IGNORECASE matches these to "i", "i", "s"; str.lower() keeps the last two and turns
# the first into "i" plus a combining dot, so they are mapped before lower-casing.
_ODD = re.compile("[\u0130\u0131\u017f]")
_ODD_TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


@lru_cache(maxsize=64)
def folded(text: str) -> str:
    """`text` as the literals are compared with: lower-cased, odd letters mapped."""
    if not text.isascii() and _ODD.search(text):
        text = text.translate(_ODD_TO_ASCII)
    return text.lower()


def required_literals(pattern: re.Pattern[str]) -> Clauses:
    """Lower-cased literals every match of `pattern` contains: one of each clause.
    Empty when nothing is certain (the pattern is then always run)."""
    if _sre_parse is None or not isinstance(pattern.pattern, str):
        return ()
    try:
        tree = _sre_parse.parse(pattern.pattern, pattern.flags)
        clauses = _sequence(tree)
    except Exception:  # a construct this reader does not know: no shortcut
        return ()
    best = sorted({_minimal(c) for c in clauses}, key=_selectivity, reverse=True)
    return tuple(best[:MAX_CLAUSES])


def _selectivity(clause: Collection[str]) -> tuple[int, int]:
    """Longer literals are rarer; fewer alternatives are rarer."""
    return min(len(lit) for lit in clause), -len(clause)


def _minimal(clause: frozenset[str]) -> tuple[str, ...]:
    """The clause without literals that contain another of its literals (redundant:
    the shorter one is found wherever the longer is)."""
    kept = [lit for lit in clause if not any(o != lit and o in lit for o in clause)]
    return tuple(sorted(kept, key=lambda lit: (len(lit), lit)))


def _char(code: int) -> str | None:
    """The lower-cased ASCII character a literal stands for; None for others (their
    case folding is not worth reasoning about)."""
    ch = chr(code)
    return ch.lower() if ch.isascii() else None


def _one_letter(items: Any) -> str | None:
    """A class of one letter in both cases ("[Tt]"): that letter."""
    letters = set()
    for op, value in items:
        if op is not _sre.LITERAL:
            return None
        ch = _char(value)
        if ch is None:
            return None
        letters.add(ch)
    return letters.pop() if len(letters) == 1 else None


def _sequence(items: Any) -> list[frozenset[str]]:
    """The clauses every match of a concatenation satisfies: each literal run, and
    the clauses of every part that must match."""
    out: list[frozenset[str]] = []
    run: list[str] = []

    def end_run() -> None:
        if run:
            out.append(frozenset(["".join(run)]))
            run.clear()

    for op, value in items:
        ch = None
        if op is _sre.LITERAL:
            ch = _char(value)
        elif op is _sre.IN:
            ch = _one_letter(value)
        if ch is not None:
            run.append(ch)
            continue
        end_run()
        if op is _sre.SUBPATTERN:
            out += _sequence(value[3])
        elif op is _sre.ATOMIC_GROUP:
            out += _sequence(value)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            least, _most, item = value
            if least >= 1:
                out += _sequence(item)
        elif op is _sre.BRANCH:
            branches = [_sequence(b) for b in value[1]]
            if all(branches):
                # each branch's most selective clause; any match satisfies one of them
                out.append(frozenset().union(*(max(b, key=_selectivity) for b in branches)))
        # anything else (a lookaround, an anchor, a class, a back-reference, a
        # conditional, a literal outside ASCII) requires nothing that is relied on
    end_run()
    return out


def folded_twin(pattern: re.Pattern[str]) -> tuple[re.Pattern[str], bool] | None:
    """A case-sensitive pattern that matches `folded(text)` exactly where `pattern`
    matches `text` (same spans; without the groups, which only the pattern's own match
    gives: see `_untangle`), and whether it may match the empty string; None when
    `pattern` is not IGNORECASE or holds what this cannot carry over (a scoped flag, a
    back-reference, a cased letter outside ASCII)."""
    if _sre_parse is None or not isinstance(pattern.pattern, str):
        return None
    if not pattern.flags & re.IGNORECASE or pattern.flags & re.ASCII:
        return None
    try:
        tree = _sre_parse.parse(pattern.pattern, pattern.flags)
        if not _fold(tree.data):
            return None
        if "(?(" not in pattern.pattern:  # a conditional needs its group
            _untangle(tree.data, tree.state)
        tree.state.flags &= ~re.IGNORECASE
        twin = _sre_compile.compile(tree, 0)
        return twin, tree.getwidth()[0] == 0
    except Exception:  # a construct this reader does not know: the pattern as it is
        return None


def _untangle(items: list[Any], state: Any) -> None:
    """Make a parsed twin cheaper to try at each position, matching the same spans.

    `re` tries an alternation's branches one by one, and skips one at once only when it
    starts with a literal other than the text's character: a list of words, each in a
    group of its own or in a nested alternation, is tried word by word at every word
    boundary. The twin gives only where a match starts and ends (the pattern, run
    there, gives the groups), so its groups are dropped, nested alternations that are a
    whole branch are merged into their parent, and consecutive branches starting with
    a literal are factored by that literal ("ab|ac|d" -> "a(?:b|c)|d"). Only one
    literal can match at a position, so the branches that can match are tried in the
    same order as before: same matches, same spans."""
    for i, (op, value) in enumerate(items):
        if op is _sre.SUBPATTERN:
            _group, add_flags, del_flags, sub = value
            _untangle(sub.data, state)
            items[i] = (op, (None, add_flags, del_flags, sub))
        elif op is _sre.BRANCH:
            branches = []
            for branch in value[1]:
                _untangle(branch.data, state)
                branches += _branches(branch)
            items[i] = (op, (value[0], _factored(branches, state)))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            _untangle(value[2].data, state)
        elif op is _sre.ATOMIC_GROUP:
            _untangle(value.data, state)
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            _untangle(value[1].data, state)


def _branches(branch: Any) -> list[Any]:
    """A branch that is a whole alternation (bare or in a flagless group): its own
    branches, in order; any other branch as it is."""
    if len(branch.data) == 1:
        op, value = branch.data[0]
        if op is _sre.SUBPATTERN and value[0] is None and not value[1] and not value[2]:
            return _branches(value[3])
        if op is _sre.BRANCH:
            return list(value[1])
    return [branch]


def _factored(branches: list[Any], state: Any) -> list[Any]:
    """Consecutive branches that start with a literal, grouped by it (their order within
    a group kept); a branch that starts otherwise stays where it is."""
    out: list[Any] = []
    run: dict[int, list[Any]] = {}

    def flush() -> None:
        for code, group in run.items():
            if len(group) == 1:
                out.append(group[0])
                continue
            tails = [_sre_parse.SubPattern(state, b.data[1:]) for b in group]
            rest = _sre_parse.SubPattern(state, [(_sre.BRANCH, (None, _factored(tails, state)))])
            inner = (_sre.SUBPATTERN, (None, 0, 0, rest))
            out.append(_sre_parse.SubPattern(state, [(_sre.LITERAL, code), inner]))
        run.clear()

    for branch in branches:
        if branch.data and branch.data[0][0] is _sre.LITERAL:
            run.setdefault(branch.data[0][1], []).append(branch)
        else:
            flush()
            out.append(branch)
    flush()
    return out


def _fold_code(code: int) -> int | None:
    """A literal's code in the twin: an ASCII letter lower-cased, a character without
    case as it is; None for a cased letter outside ASCII."""
    ch = chr(code)
    if ch.isascii():
        return ord(ch.lower())
    return code if ch.lower() == ch == ch.upper() else None


def _fold(items: list[Any]) -> bool:
    """Lower-case the literals of a parsed pattern in place; False when it cannot."""
    for i, (op, value) in enumerate(items):
        if op in (_sre.LITERAL, _sre.NOT_LITERAL):
            code = _fold_code(value)
            if code is None:
                return False
            items[i] = (op, code)
        elif op is _sre.IN:
            members = _fold_class(value)
            if members is None:
                return False
            items[i] = (op, members)
        elif op in (_sre.ANY, _sre.AT):
            continue
        elif op is _sre.BRANCH:
            if not all(_fold(branch.data) for branch in value[1]):
                return False
        elif op is _sre.SUBPATTERN:
            _group, add_flags, del_flags, sub = value
            if add_flags or del_flags or not _fold(sub.data):
                return False
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            if not _fold(value[2].data):
                return False
        elif op is _sre.ATOMIC_GROUP:
            if not _fold(value.data):
                return False
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            if not _fold(value[1].data):
                return False
        elif op is _sre.GROUPREF_EXISTS:
            _group, yes, no = value
            if not _fold(yes.data) or (no is not None and not _fold(no.data)):
                return False
        else:  # a back-reference (compared case-insensitively), or unknown
            return False
    return True


def _fold_class(members: list[Any]) -> list[Any] | None:
    """A character class's members in the twin: ASCII ranges as the lower-cased
    characters they hold; digit, space and word classes as they are."""
    out: list[Any] = []
    for op, value in members:
        if op is _sre.LITERAL:
            code = _fold_code(value)
            if code is None:
                return None
            out.append((op, code))
        elif op is _sre.RANGE:
            low, high = value
            if high > 127:
                return None
            out += [(_sre.LITERAL, ord(chr(c).lower())) for c in range(low, high + 1)]
        elif op in (_sre.NEGATE, _sre.CATEGORY):
            out.append((op, value))
        else:
            return None
    return out


# A split alternation has at least this many branches (fewer gain nothing).
MIN_SPLIT = 8


class Split:
    """A long alternation's branches in groups, each group its own twin, run only on a
    text holding one of the literals its branches require.

    `re` tries every branch of an alternation at every position, so a pattern such as
    the comparison verbs ("beats|trails|ranks ahead of|...", a hundred branches) costs
    a sentence as much as its longest branch times its positions, though most sentences
    hold the words of a few branches at most. A match of the pattern at a position is a
    match of one of its branches there (with what comes before and after the
    alternation), so the leftmost position any group matches at is where the pattern's
    own search finds its match; the pattern, run there, gives the match itself. A group
    whose literals the text lacks cannot match anywhere, and is not run."""

    def __init__(self, groups: list[tuple[tuple[str, ...], re.Pattern[str]]]) -> None:
        self.twins = [twin for _clause, twin in groups]
        self.always = frozenset(i for i, (clause, _twin) in enumerate(groups) if not clause)
        by_literal: dict[str, set[int]] = {}
        for i, (clause, _twin) in enumerate(groups):
            for literal in clause:
                by_literal.setdefault(literal, set()).add(i)
        self.literals = tuple(by_literal)
        self.by_literal = {literal: frozenset(ids) for literal, ids in by_literal.items()}

    def active(self, low: str) -> list[re.Pattern[str]]:
        """The groups' twins that may match in the folded text, in order."""
        ids = set(self.always)
        for literal in self.literals:
            if literal in low:
                ids |= self.by_literal[literal]
        return [self.twins[i] for i in sorted(ids)]


def split_alternation(pattern: re.Pattern[str]) -> Split | None:
    """The `Split` of the folded twin of `pattern` at its longest alternation that is a
    whole part of it (not inside a repeat or a lookaround, where a branch failing later
    may hand over to the next one differently); its branches grouped by the literals
    each requires. None when there is none of MIN_SPLIT branches, or the twin cannot be
    made (`folded_twin`)."""
    if folded_twin(pattern) is None or "(?(" in pattern.pattern:
        return None
    tree = _sre_parse.parse(pattern.pattern, pattern.flags)
    if not _fold(tree.data):
        return None
    tree.state.flags &= ~re.IGNORECASE
    state = tree.state
    options = [(len(_alternatives(item)), i) for i, item in enumerate(tree.data)]
    count, at = max(options, default=(0, -1))
    if count < MIN_SPLIT:
        return None
    branches = _alternatives(tree.data[at])
    grouped: dict[tuple[str, ...], list[Any]] = {}
    for branch in branches:
        clauses = sorted({_minimal(c) for c in _sequence(branch.data)}, key=_selectivity)
        grouped.setdefault(clauses[-1] if clauses else (), []).append(branch)
        _untangle(branch.data, state)
    rest = tree.data[:at] + tree.data[at + 1 :]
    _untangle(rest, state)
    before, after = rest[:at], rest[at:]
    groups = []
    for clause, members in grouped.items():
        alternation = _sre_parse.SubPattern(
            state, [(_sre.BRANCH, (None, _factored(members, state)))]
        )
        parts = [*before, (_sre.SUBPATTERN, (None, 0, 0, alternation)), *after]
        groups.append((clause, _sre_compile.compile(_sre_parse.SubPattern(state, parts), 0)))
    return Split(groups)


def _alternatives(item: Any) -> list[Any]:
    """The branches of an alternation, itself or in groups (nested alternations that are
    a whole branch taken apart); [] for any other part of a pattern."""
    op, value = item
    if op is _sre.SUBPATTERN and not value[1] and not value[2]:
        inner = value[3].data
        return _alternatives(inner[0]) if len(inner) == 1 else []
    if op is not _sre.BRANCH:
        return []
    out: list[Any] = []
    for branch in value[1]:
        nested = _alternatives(branch.data[0]) if len(branch.data) == 1 else []
        out += nested or [branch]
    return out


class Prefiltered:
    """A compiled pattern behind the check of its required literals: the methods the
    extractor uses, with the pattern's own results."""

    def __init__(self, pattern: re.Pattern[str], split: bool = False) -> None:
        self.raw = pattern
        self.pattern = pattern.pattern
        self.flags = pattern.flags
        self.groups = pattern.groups
        self.groupindex = pattern.groupindex
        self._calls = 0
        self.clauses: Clauses | None = None  # derived after WARMUP calls
        self.twin: re.Pattern[str] | None = None
        self._twin_iterates = False  # the twin's finditer stands for the pattern's
        self._wants_split = split
        self.alternation: Split | None = None  # a long alternation taken apart (`Split`)

    def __repr__(self) -> str:
        return f"Prefiltered({self.raw!r})"

    def __eq__(self, other: object) -> bool:
        return self.raw == (other.raw if isinstance(other, Prefiltered) else other)

    def __hash__(self) -> int:
        return hash(self.raw)

    def may_match(self, text: str) -> bool:
        """False only when the pattern cannot match anywhere in `text`."""
        clauses = self.clauses
        if clauses is None:
            self._calls += 1
            if self._calls < WARMUP:
                return True
            clauses = self._prepare()
        if not clauses:
            return True
        low = folded(text)
        for clause in clauses:
            for literal in clause:
                if literal in low:
                    break
            else:
                return False
        return True

    def _prepare(self) -> Clauses:
        clauses = self.clauses = required_literals(self.raw)
        twin = folded_twin(self.raw)
        if twin is not None:
            self.twin, empty = twin
            # an empty match makes finditer step on where search would not: only a
            # pattern that never matches empty is iterated through its twin
            self._twin_iterates = not empty
            if self._wants_split:
                self.alternation = split_alternation(self.raw)
        elif not clauses:
            # nothing to gain: the pattern's own methods from now on, without this layer
            for name in _METHODS:
                setattr(self, name, getattr(self.raw, name))
        return clauses

    # Each method takes the text first, as re.Pattern's do; pos/endpos only narrow
    # where the pattern looks, so a text without the literals still cannot match.
    # The twin finds where the pattern matches; the pattern, anchored there, gives the
    # match itself (the same one: a search is a match tried at each position in turn).
    def search(self, string: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        if not self.may_match(string):
            return None
        if self.alternation is not None:
            low = folded(string)
            at = _leftmost([t.search(low, pos, endpos) for t in self.alternation.active(low)])
            return None if at is None else self.raw.match(string, at, endpos)
        if self.twin is None:
            return self.raw.search(string, pos, endpos)
        found = self.twin.search(folded(string), pos, endpos)
        return None if found is None else self.raw.match(string, found.start(), endpos)

    def match(self, string: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        if not self.may_match(string):
            return None
        if self.twin is not None and self.twin.match(folded(string), pos, endpos) is None:
            return None
        return self.raw.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        if not self.may_match(string):
            return None
        if self.twin is not None and self.twin.fullmatch(folded(string), pos, endpos) is None:
            return None
        return self.raw.fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = _END) -> Iterator[re.Match[str]]:
        if not self.may_match(string):
            return iter(())
        if self.twin is None or not self._twin_iterates:
            return self.raw.finditer(string, pos, endpos)
        if self.alternation is not None:
            return self._split_finditer(string, pos, endpos)
        return self._finditer(string, pos, endpos)

    def _split_finditer(self, string: str, pos: int, endpos: int) -> Iterator[re.Match[str]]:
        # each group's next match from `pos` on; one found past where the search goes on
        # from is still the group's first there (no match empty: `_twin_iterates`)
        low = folded(string)
        twins = self.alternation.active(low)  # type: ignore[union-attr]
        found = [t.search(low, pos, endpos) for t in twins]
        while (at := _leftmost(found)) is not None:
            m = self.raw.match(string, at, endpos)
            assert m is not None and m.end() > at
            yield m
            pos = m.end()
            found = [
                t.search(low, pos, endpos) if f is not None and f.start() < pos else f
                for t, f in zip(twins, found, strict=True)
            ]

    def _finditer(self, string: str, pos: int, endpos: int) -> Iterator[re.Match[str]]:
        for found in self.twin.finditer(folded(string), pos, endpos):  # type: ignore[union-attr]
            m = self.raw.match(string, found.start(), endpos)
            assert m is not None and m.end() == found.end()
            yield m

    def findall(self, string: str, pos: int = 0, endpos: int = _END) -> list[Any]:
        return self.raw.findall(string, pos, endpos) if self.may_match(string) else []

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.raw.split(string, maxsplit) if self.may_match(string) else [string]

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.raw.sub(repl, string, count) if self.may_match(string) else string

    def subn(
        self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0
    ) -> tuple[str, int]:
        return self.raw.subn(repl, string, count) if self.may_match(string) else (string, 0)


def _leftmost(found: list[re.Match[str] | None]) -> int | None:
    starts = [f.start() for f in found if f is not None]
    return min(starts) if starts else None


def prefilter_patterns(namespace: MutableMapping[str, Any], split: Collection[str] = ()) -> None:
    """Put the compiled text patterns bound in `namespace` (a module's globals()) behind
    the check of their required literals; those named in `split` also have their long
    alternation taken apart (`Split`: worth it for a long list of rarely met branches,
    not for a list of names, which the twin's factoring already reads fast). A pattern a
    module-level tuple, list, set or dict also holds stays as it is: code may tell such
    patterns apart by identity (`form is _ISO`), which a wrapper in one place and not
    the other would break."""
    held = {id(p) for value in namespace.values() for p in _held(value)}
    for name, value in list(namespace.items()):
        is_text_pattern = isinstance(value, re.Pattern) and isinstance(value.pattern, str)
        if is_text_pattern and id(value) not in held:
            namespace[name] = Prefiltered(value, split=name in split)


def _held(value: Any, depth: int = 0) -> Iterator[Any]:
    """What a container holds, to a few levels (tuples of (pattern, value) pairs)."""
    if depth > 3:
        return
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if isinstance(value, tuple | list | set | frozenset):
        for item in value:
            yield item
            yield from _held(item, depth + 1)
