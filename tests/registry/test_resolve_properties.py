"""Property: resolution does not depend on case, spacing or hyphenation."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from store.resolve import resolve
from tests.registry.registry_support import lmarena_entries

BOARD = lmarena_entries("2025-03-01")
QUERIES = [
    "DeepSeek V3",
    "Llama 3.1 405B",
    "GPT-4o",
    "Claude 3.5 Sonnet",
    "Qwen2.5",
    "Qwen 72B",
    "Gemini Pro 1.5",
    "Deepsek V3",
    "Mistral Large",
    "o1",
    "Llama 70B",
    "GPT-5",
    *[e.model for e in BOARD[:40]],
]
SEPARATORS = st.sampled_from([" ", "-", "_", "  ", " - "])


@st.composite
def respelled(draw: st.DrawFn) -> tuple[str, str]:
    """A query and the same query with random case and other separators."""
    query = draw(st.sampled_from(QUERIES))
    out = []
    for ch in query:
        if ch in " -_":
            out.append(draw(SEPARATORS))
        else:
            out.append(ch.upper() if draw(st.booleans()) else ch.lower())
    return query, "".join(out)


@settings(max_examples=300, deadline=None)
@given(respelled())
def test_resolution_ignores_case_spacing_and_hyphens(pair: tuple[str, str]) -> None:
    original, variant = pair
    a = resolve(original, BOARD)
    b = resolve(variant, BOARD)
    assert (a.status, a.models, a.candidates) == (b.status, b.models, b.candidates)
