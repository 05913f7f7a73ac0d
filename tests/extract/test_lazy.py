"""A lazy pattern (bot/extract/lazy.py) answers as its compiled pattern does, and is
compiled only when first used."""

from __future__ import annotations

import re

import pytest

from bot.extract.lazy import lazy

TEXT = "GPT-4o leads; Claude 3.5 Sonnet trails gpt-4o by 12 points, then GEMINI."
SOURCE = r"(?P<name>gpt-4o|gemini)"


def test_each_method_answers_as_the_compiled_pattern() -> None:
    pattern, compiled = lazy(SOURCE, re.IGNORECASE), re.compile(SOURCE, re.IGNORECASE)
    found, expected = pattern.search(TEXT, 10), compiled.search(TEXT, 10)
    assert found is not None and expected is not None and found.span() == expected.span()
    first = pattern.match(TEXT)
    assert first is not None and first.group("name") == "GPT-4o"
    assert pattern.match(TEXT, 1) is None
    assert pattern.fullmatch("Gemini") is not None and pattern.fullmatch(TEXT) is None
    assert [m.span() for m in pattern.finditer(TEXT)] == [m.span() for m in compiled.finditer(TEXT)]
    assert pattern.findall(TEXT) == ["GPT-4o", "gpt-4o", "GEMINI"]
    assert pattern.sub("X", TEXT, 1) == compiled.sub("X", TEXT, 1)
    assert pattern.sub(lambda m: m.group().lower(), TEXT) == compiled.sub(
        lambda m: m.group().lower(), TEXT
    )
    assert pattern.split(TEXT) == compiled.split(TEXT)
    assert (pattern.pattern, pattern.flags) == (SOURCE, re.IGNORECASE)


def test_flags_are_the_callers() -> None:
    assert lazy("gemini").search(TEXT) is None
    assert lazy("gemini", re.I).search(TEXT) is not None


def test_compiled_on_first_use_not_before() -> None:
    broken = lazy("(unclosed")  # re.compile would raise here
    with pytest.raises(re.error):
        broken.search(TEXT)
