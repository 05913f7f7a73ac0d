"""The extractor's regex shortcuts (bot/extract/prefilter.py) give the patterns' own
answers: the literals they derive are required, the case-folded twins match where the
patterns do, and the extractor reads the corpus the same with and without them."""

from __future__ import annotations

import importlib
import re
import string
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.extract import extract_article, make_gazetteer
from bot.extract.corpus import load_items
from bot.extract.gate import Gate
from bot.extract.goldens import load_goldens
from bot.extract.prefilter import (
    Prefiltered,
    folded,
    folded_twin,
    prefilter_patterns,
    required_literals,
    split_alternation,
)
from bot.extract.rules import RulesExtractor, split_sentences

DATA = Path(__file__).resolve().parent.parent / "data"
MODULES = [
    importlib.import_module(f"bot.extract.{name}")
    for name in (
        "consistency",
        "cues",
        "dates",
        "gaps",
        "gate",
        "groups",
        "modality",
        "patterns",
        "referents",
        "rules",
        "scope",
        "subjects",
    )
]


def prefiltered() -> list[tuple[str, Prefiltered]]:
    out = []
    for module in MODULES:
        for name, value in vars(module).items():
            if isinstance(value, Prefiltered):
                if value.clauses is None:
                    value._prepare()
                out.append((f"{module.__name__}.{name}", value))
    return out


PATTERNS = prefiltered()


def test_the_extractors_patterns_are_prefiltered() -> None:
    names = {n for n, _ in PATTERNS}
    assert {"bot.extract.patterns._VERB", "bot.extract.rules._TRIGGER"} <= names
    assert sum(bool(p.clauses) for _, p in PATTERNS) > len(PATTERNS) // 2
    assert sum(p.twin is not None for _, p in PATTERNS) > len(PATTERNS) // 2


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        # a run of literals, lower-cased; the optional part and the lookahead add nothing
        (r"(?:very )?Best(?= model)", (("best",),)),
        # every branch contributes; a class of one letter in both cases is that letter;
        # each required group is a clause, the longer literals first
        (
            r"\b(?:ranks?|is)\s+(?:#|[Nn]o\.\s?|number\s+)\d",
            (("rank", "is"), ("no.", "number", "#")),
        ),
        # one of the required groups per clause, the most selective first
        (r"\bgap between (.+?) and (.+)", (("gap between ",), (" and ",))),
        # a repeat of at least one is required, of at least zero is not
        (r"(?:ab)+x*", (("ab",),)),
        # a branch that requires nothing makes the alternation require nothing
        (r"foo|\d+", ()),
        # "rank" is found wherever "ranked" is: the clause keeps the shorter
        (r"(?:rank|ranked|placed)", (("rank", "placed"),)),
    ],
)
def test_required_literals(pattern: str, expected: tuple[tuple[str, ...], ...]) -> None:
    got = required_literals(re.compile(pattern, re.IGNORECASE))
    assert [set(c) for c in got] == [set(c) for c in expected]


def test_folding_keeps_what_the_twin_relies_on() -> None:
    """Over every code point: one character for one; digits, spaces and word characters
    stay so; and a character folds onto an ASCII letter exactly when IGNORECASE matches
    it to that letter (which plain lower-casing misses for dotless i and long s)."""
    letter = re.compile("[a-z]", re.IGNORECASE)
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        f = folded(ch)
        assert len(f) == 1, hex(code)
        for cls in (r"\w", r"\d", r"\s"):
            assert bool(re.match(cls, ch)) == bool(re.match(cls, f)), (hex(code), cls)
        if letter.fullmatch(ch):
            assert f in string.ascii_lowercase and re.fullmatch(f, ch, re.IGNORECASE), hex(code)
        else:
            assert f not in string.ascii_letters, hex(code)
        if f != ch and f.isascii():
            assert f in string.ascii_lowercase, hex(code)


def test_a_pattern_the_twin_cannot_carry_runs_as_it_is() -> None:
    assert folded_twin(re.compile(r"(?-i:[A-Z])ab", re.IGNORECASE)) is None  # scoped flag
    assert folded_twin(re.compile(r"(a)\1", re.IGNORECASE)) is None  # back-reference
    assert folded_twin(re.compile(r"ab")) is None  # case-sensitive already
    assert folded_twin(re.compile(r"é", re.IGNORECASE)) is None  # cased, outside ASCII
    twin = folded_twin(re.compile(r"[A-C]’s #\d", re.IGNORECASE))
    assert twin is not None and twin[0].fullmatch("b’s #1")


# Alternations whose order decides the match ("a|ab" takes "a"), branches that are
# groups or alternations of their own, branches that do not start with a literal, and
# a conditional (whose group the twin must keep).
_TANGLED = [
    r"\b(?:(?P<x>ab|ac)|(?P<y>ad(?:e|)|a)|[bc]|b(?:a|c)|(?:ca|cb)|x?a)\b",
    r"a|ab|abc|b|(?:ba|bb)c|(a)b?",
    r"(?:ab|a)(?:bc|b)c",
    r"(?P<q>a)?(?(q)b|c)(?:ab|ac)",
]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdex -", max_size=12))
def test_the_twin_matches_the_same_spans_as_the_pattern(text: str) -> None:
    """The twin is rebuilt (groups dropped, branches factored by their first literal)
    to be cheaper; over the folded text it matches exactly where the pattern does."""
    for source in _TANGLED:
        pattern = re.compile(source, re.IGNORECASE)
        twin = folded_twin(pattern)
        assert twin is not None
        for t in (text, text.upper()):
            low = folded(t)
            assert [m.span() for m in twin[0].finditer(low)] == [
                m.span() for m in pattern.finditer(t)
            ]
            for pos in range(len(t) + 1):
                got, want = twin[0].match(low, pos), pattern.match(t, pos)
                assert (got and got.span()) == (want and want.span())


# Long alternations: branches whose order decides the match, lookbehinds before a
# branch, branches requiring no literal (a class of two letters), nested named groups,
# an alternation inside a group with more after it.
_LONG = [
    r"\b(?:(?P<x>ab|abc|ac|b(?:a|c)+)|(?P<y>(?<=a )bd|(?<=, )?de|ca?e|x?a\s+d)|"
    r"ed|e|[de][ab]|dd|cc|bb)\b",
    r"(?:ab|ba|a b|b-a|cab|d(?:e|x)|x|e(?=a)|(?<!a)bb|c\s*c|dd?e|[bd]\s?[ce])(?P<tail>\s?[a-c]+)?",
    r"(?P<w>a)?(?:abc|acb|bac|bca|cab|cba|d e|e d|a-)(?:x|\s)",
]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdex ,-", max_size=14))
def test_a_split_alternation_finds_the_patterns_matches(text: str) -> None:
    """Taken apart into groups that run only where their literals are, a long
    alternation finds the same matches as the pattern, at every starting position."""
    for source in _LONG:
        pattern = re.compile(source, re.IGNORECASE)
        assert split_alternation(pattern) is not None
        p = Prefiltered(pattern, split=True)
        p._prepare()
        assert p.alternation is not None
        for t in (text, text.upper()):
            assert_same(p, t)
            for pos in range(len(t) + 1):
                assert _spans(p.search(t, pos)) == _spans(pattern.search(t, pos))
                got = [_spans(m) for m in p.finditer(t, pos, len(t) - 1)]
                assert got == [_spans(m) for m in pattern.finditer(t, pos, len(t) - 1)]


def test_only_a_long_alternation_is_split() -> None:
    assert split_alternation(re.compile(r"\b(?:a|b|c)\b", re.IGNORECASE)) is None
    assert split_alternation(re.compile(r"(?:ab|bc|cd|de|ef|fg|gh|hi)+", re.IGNORECASE)) is None
    assert split_alternation(re.compile(r"(?:a|b|c|d|e|f|g|h)", 0)) is None  # no twin
    verb = dict(PATTERNS)["bot.extract.patterns._VERB"]
    assert verb.alternation is not None and len(verb.alternation.twins) > 20


def test_a_pattern_a_container_also_holds_is_left_as_it_is() -> None:
    """Code may tell the patterns of a tuple apart by identity (dates.py: `form is
    _ISO`): wrapping the name but not the tuple's item would break that."""
    alone, held = re.compile("ab", re.I), re.compile("cd", re.I)
    namespace: dict[str, Any] = {"ALONE": alone, "HELD": held, "FORMS": ((held, 1),)}
    prefilter_patterns(namespace)
    assert isinstance(namespace["ALONE"], Prefiltered) and namespace["ALONE"] == alone
    assert namespace["HELD"] is held


def _spans(m: re.Match[str] | None) -> Any:
    return None if m is None else (m.span(), [m.span(g) for g in range(1, m.re.groups + 1)])


def assert_same(p: Prefiltered, text: str) -> None:
    raw = p.raw
    assert _spans(p.search(text)) == _spans(raw.search(text))
    assert [_spans(m) for m in p.finditer(text)] == [_spans(m) for m in raw.finditer(text)]
    for pos in {0, 1, len(text) // 3, len(text) // 2, max(len(text) - 1, 0)}:
        assert _spans(p.match(text, pos)) == _spans(raw.match(text, pos))
        assert _spans(p.search(text, pos)) == _spans(raw.search(text, pos))
    assert _spans(p.fullmatch(text)) == _spans(raw.fullmatch(text))


def corpus_sentences() -> list[str]:
    items = load_items(sorted((DATA / "corpus").glob("*.jsonl")))
    return [s.text for item in items for s in split_sentences(item.full_text)]


def test_prefiltered_patterns_answer_as_the_patterns_on_the_corpus() -> None:
    sentences = corpus_sentences()
    assert len(sentences) > 1000
    for _name, p in PATTERNS:
        for text in sentences[::20]:
            assert_same(p, text)


# Words the patterns look for, in odd cases and beside the characters that fold oddly.
_WORDS = ["ranks", "#1", "No. 2", "ahead of", "beats", "the gap between", "top-5", "Elo"]
_WORDS += ["ſtate-of-the-art", "İS", "ıs", "K", "’s", "GPT-4o", "Llama 3.1", "85.2%", ", "]
_TEXT = st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=4)), max_size=14).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_prefiltered_patterns_answer_as_the_patterns_on_odd_text(text: str) -> None:
    for _name, p in PATTERNS:
        assert_same(p, text)


@contextmanager
def unfiltered() -> Iterator[None]:
    """The extractor's modules with their plain compiled patterns."""
    swapped = []
    for module in MODULES:
        for name, value in list(vars(module).items()):
            if isinstance(value, Prefiltered):
                swapped.append((module, name, value))
                setattr(module, name, value.raw)
    patterns = importlib.import_module("bot.extract.patterns")
    patterns.verbs.cache_clear()
    try:
        yield
    finally:
        for module, name, value in swapped:
            setattr(module, name, value)
        patterns.verbs.cache_clear()


def test_the_extractor_reads_the_corpus_the_same_without_the_shortcuts() -> None:
    gaz = make_gazetteer()
    extractor, gate = RulesExtractor(gaz), Gate(gaz)
    articles = [i.article() for i in load_items(sorted((DATA / "corpus").glob("*.jsonl")))]
    articles += [g.article for g in load_goldens(DATA / "articles")]

    def read() -> list[Any]:
        out = []
        for a in articles:
            got = extract_article(a, extractor, gate)
            out.append((got.decision, [d.model_dump(mode="json") for d in got.drafts]))
        return out

    fast = read()
    with unfiltered():
        plain = read()
    assert sum(len(d) for _, d in plain) > 300
    assert fast == plain
