"""Kept compiled patterns (bot/extract/regexes.py): a pattern built from the kept form
is `re.compile`'s own, the file is read back by a later process, and a bad or foreign
file, or one that cannot be written, costs only the time it would have saved."""

from __future__ import annotations

import importlib
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.extract import regexes
from bot.extract.lazy import LazyPattern
from bot.extract.prefilter import Prefiltered
from bot.extract.regexes import PatternCache, longest_first

pytestmark = pytest.mark.skipif(
    not regexes._works(), reason="this interpreter's re internals are not the ones kept"
)

MODULES = [
    "base",
    "consistency",
    "cues",
    "dates",
    "gaps",
    "gate",
    "groups",
    "sides",
    "lexicon",
    "modality",
    "names",
    "patterns",
    "placing",
    "referents",
    "rules",
    "scope",
    "subjects",
]


def _held(value: Any, depth: int = 0) -> list[Any]:
    if depth > 3:
        return []
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if isinstance(value, tuple | list | set | frozenset):
        return [x for item in value for x in (item, *_held(item, depth + 1))]
    return []


def extractor_patterns() -> list[tuple[str, int]]:
    """(pattern, flags) of every text pattern the extractor's modules hold."""
    found = set()
    for name in MODULES:
        module = importlib.import_module(f"bot.extract.{name}")
        for value in vars(module).values():
            for item in (value, *_held(value)):
                if isinstance(item, re.Pattern | Prefiltered | LazyPattern) and isinstance(
                    item.pattern, str
                ):
                    found.add((item.pattern, int(item.flags)))
    return sorted(found)


PATTERNS = extractor_patterns()


def test_the_extractors_patterns_are_found() -> None:
    assert len(PATTERNS) > 300
    sources = {p for p, _ in PATTERNS}
    assert any("state[- ]of[- ]the[- ]art" in p for p in sources)  # a module-level one
    assert any(
        isinstance(v, LazyPattern)
        for v in vars(importlib.import_module("bot.extract.scope")).values()
    )


def test_a_pattern_from_its_kept_form_is_re_compiles() -> None:
    """`re.Pattern` equality compares pattern, flags and compiled code; the kept form goes
    through marshal as it does on disk."""
    for pattern, flags in PATTERNS:
        kept = marshal.loads(marshal.dumps(regexes._build(pattern, flags)))
        built = regexes._make(pattern, kept)
        expected = re.compile(pattern, flags)
        assert built == expected, pattern
        assert (built.groups, built.groupindex) == (expected.groups, expected.groupindex)


def test_a_later_process_builds_from_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cache" / "patterns.marshal"
    first = PatternCache(path)
    made = first.compile(r"(?P<model>GPT-4o|o3)\s+ranks?\s+#(\d+)", re.IGNORECASE)
    first.save()
    assert path.is_file()

    def no_parsing(pattern: str, flags: int) -> Any:
        raise AssertionError(f"parsed again: {pattern}")

    monkeypatch.setattr(regexes, "_build", no_parsing)
    again = PatternCache(path).compile(r"(?P<model>GPT-4o|o3)\s+ranks?\s+#(\d+)", re.IGNORECASE)
    assert again == made
    match = again.search("gpt-4o ranks #3")
    assert match is not None and match.group("model", 2) == ("gpt-4o", "3")


def test_a_file_grown_too_large_keeps_only_what_its_last_process_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "patterns.marshal"
    older = PatternCache(path)
    for n in range(50):
        older.compile(f"pattern of an older version {n}", 0)
    older.save()
    monkeypatch.setattr(regexes, "MAX_BYTES", path.stat().st_size)
    later = PatternCache(path)
    later.compile("pattern of an older version 7", 0)
    later.compile("a new pattern", 0)
    later.save()
    assert set(PatternCache(path)._read()) == {
        ("pattern of an older version 7", 0),
        ("a new pattern", 0),
    }


def test_nothing_new_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "patterns.marshal"
    cache = PatternCache(path)
    cache.compile("a+", 0)
    cache.save()
    before = path.stat().st_mtime_ns
    os.utime(path, ns=(before - 10**9, before - 10**9))
    later = PatternCache(path)
    later.compile("a+", 0)
    later.save()
    assert path.stat().st_mtime_ns == before - 10**9


@pytest.mark.parametrize(
    "content",
    [
        b"",  # a write cut short before the rename cannot leave this, but a disk can
        b"\x00garbage",
        marshal.dumps(((1, "another Python", 0), {("a+", 0): (0, [1], 0, {}, (None,))})),
        marshal.dumps(["not", "the", "format"]),
    ],
)
def test_a_bad_or_foreign_file_is_compiled_past_and_replaced(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "patterns.marshal"
    path.write_bytes(content)
    cache = PatternCache(path)
    assert cache.compile("a+b", 0) == re.compile("a+b")
    cache.save()
    assert ("a+b", 0) in PatternCache(path)._read()


def test_an_unwritable_place_costs_nothing_but_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the directory would be")
    cache = PatternCache(blocker / "cache" / "patterns.marshal")
    assert cache.compile("x|y", 0) == re.compile("x|y")
    cache.save()  # no exception; nothing kept
    assert cache.dirty


def test_a_bad_pattern_raises_as_re_compile_does(tmp_path: Path) -> None:
    with pytest.raises(re.error):
        PatternCache(tmp_path / "p.marshal").compile("(unclosed", 0)


def test_the_extractor_writes_the_file_once_and_then_reads_it(tmp_path: Path) -> None:
    """Two processes that extract: the first keeps what it compiled, the second compiles
    nothing (a pattern built from a set's order would differ per process and be kept
    again each time)."""
    env = {**os.environ, "CLAIMWATCH_CACHE_DIR": str(tmp_path)}
    script = (
        "from bot.extract import regexes, make_gazetteer\n"
        "from datetime import date\n"
        "from bot.extract.base import ArticleText\n"
        "from bot.extract.rules import RulesExtractor\n"
        "text = 'Gemini 2.5 Pro ranks #1 on LMArena, ahead of GPT-4o by 40 points.'\n"
        "RulesExtractor(make_gazetteer(board_models=['gemini-2.5-pro', 'gpt-4o-2024-05-13']))"
        ".extract(ArticleText(text, date(2025, 7, 1)))\n"
        "print(regexes._CACHE.dirty)\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        ).stdout.strip()
        for _ in range(2)
    ]
    assert runs == ["True", "False"]
    assert len(list(tmp_path.glob("patterns.*.marshal"))) == 1


def test_alternatives_longest_first_in_one_order() -> None:
    terms = {"GPT-4o", "o3", "GPT-4o mini", "R1", "o1"}
    assert longest_first(terms) == ["GPT-4o mini", "GPT-4o", "R1", "o1", "o3"]
    assert longest_first(reversed(longest_first(terms))) == longest_first(terms)


def _header() -> tuple[int, str, int]:
    return PatternCache(None)._header()


@pytest.mark.parametrize(
    "entry",
    [
        ("not", "five", "parts"),  # the wrong shape
        (0, [999999, 1, 2], 0, {}, (None,)),  # code the engine refuses
        (0, "not a list", 0, {}, (None,)),  # the wrong types
    ],
)
def test_a_damaged_entry_is_compiled_afresh_and_replaced(tmp_path: Path, entry: Any) -> None:
    path = tmp_path / "patterns.marshal"
    path.write_bytes(marshal.dumps((_header(), {("a+b", 0): entry})))
    path.chmod(0o600)
    cache = PatternCache(path)
    assert cache.compile("a+b", 0) == re.compile("a+b")
    cache.save()
    assert PatternCache(path)._read()[("a+b", 0)] == regexes._build("a+b", 0)


def test_a_file_others_may_write_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "patterns.marshal"
    cache = PatternCache(path)
    cache.compile("a+b", 0)
    cache.save()
    path.chmod(0o666)
    assert PatternCache(path)._read() == {}
    path.chmod(0o600)
    assert ("a+b", 0) in PatternCache(path)._read()


def test_a_relative_xdg_cache_home_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert regexes._user_cache() == Path.home() / ".cache"
    monkeypatch.setenv("XDG_CACHE_HOME", "/var/cache/someone")
    assert regexes._user_cache() == Path("/var/cache/someone")
