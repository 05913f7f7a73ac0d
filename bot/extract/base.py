"""The extraction interface: article text in, claim drafts out.

Every extractor (offline rules, an LLM) returns drafts whose quote is found in the
article text; `locate_quote` is the one check, so a model cannot invent a quote and
article text cannot smuggle in a claim it does not contain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from bot.extract.regexes import regex
from store.claims import ClaimDraft


@dataclass(frozen=True, slots=True)
class ArticleText:
    text: str  # plain text (HTML already reduced); spans index into this
    published: date
    title: str | None = None
    source: str | None = None  # the feed or outlet name, the default claimant
    url: str | None = None


@dataclass(slots=True)
class ExtractionResult:
    drafts: list[ClaimDraft] = field(default_factory=list)
    dropped: int = 0  # drafts whose quote was not found in the text
    prompt_tokens: int = 0
    completion_tokens: int = 0
    extractor: str = ""
    version: str = ""
    # set when `extractor` stood in for another that was unavailable (an LLM endpoint
    # down or over budget): the article is worth extracting again with that one later
    fallback_from: str | None = None


class Extractor(Protocol):
    name: str
    version: str  # changes whenever the prompt or rules change (the cache key)

    def extract(self, article: ArticleText) -> ExtractionResult: ...


_WS = regex(r"\s+")


def headline_and_body(title: str | None, body: str) -> str:
    """The text extractors read: the headline (headlines make claims), a blank line,
    the body."""
    title = (title or "").strip()
    return f"{title}\n\n{body}" if title else body


def locate_quote(text: str, quote: str) -> tuple[int, int] | None:
    """The span of `quote` in `text`, comparing with whitespace runs collapsed."""
    quote = quote.strip()
    if not quote:
        return None
    exact = text.find(quote)
    if exact >= 0:
        return exact, exact + len(quote)
    pattern = r"\s+".join(re.escape(part) for part in _WS.split(quote) if part)
    m = re.search(pattern, text)
    return (m.start(), m.end()) if m else None
