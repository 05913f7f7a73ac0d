"""`--extractor auto`: the LLM while its endpoint answers, the offline rules when not.

    article -> LLM endpoint in an outage and not due for a probe? -> the rules
            -> the LLM (cached, budgeted) -> drafts
               unavailable (refused, timed out, failing, over budget)? -> the rules,
               the outage logged once with its cause; probed again after `probe_after`

An article the rules extracted in an outage carries `fallback_from="llm"` on its
result, so the caller can extract it again once the endpoint is back. The LLM's
cache (bot/extract/cache.py) is keyed by extractor name and version and never holds
the rules' result, so that later extraction is a real LLM one, not a stale copy. Any
other failure (the server rejects the request, answers nonsense twice) is about the
article, not the endpoint: it is raised for the caller to record and retry.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace

from bot.extract.base import ArticleText, ExtractionResult, Extractor
from bot.extract.llm import ExtractionError
from bot.logs import event

log = logging.getLogger(__name__)

PROBE_AFTER = 60.0  # seconds in an outage before the endpoint is tried again


class FallingBackExtractor:
    """An `Extractor`: `primary`, or `fallback` while `primary`'s endpoint is down."""

    def __init__(
        self,
        primary: Extractor,
        fallback: Extractor,
        *,
        probe_after: float = PROBE_AFTER,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.primary = primary
        self.fallback = fallback
        self.name = primary.name
        self.version = primary.version
        self._probe_after = probe_after
        self._monotonic = monotonic
        self._down_since: float | None = None  # monotonic time the outage began
        self._next_probe = 0.0

    @property
    def in_outage(self) -> bool:
        return self._down_since is not None

    def extract(self, article: ArticleText) -> ExtractionResult:
        now = self._monotonic()
        if self._down_since is not None and now < self._next_probe:
            return self._fall_back(article)
        try:
            result = self.primary.extract(article)
        except ExtractionError as exc:
            if not exc.unavailable:
                raise
            self._outage(exc, now)
            return self._fall_back(article)
        if self._down_since is not None:
            event(
                log,
                "extract.llm.recovered",
                extractor=self.primary.name,
                down_seconds=round(now - self._down_since, 1),
            )
            self._down_since = None
        return result

    def _outage(self, exc: ExtractionError, now: float) -> None:
        if self._down_since is None:  # once per outage, not once per article
            self._down_since = now
            event(
                log,
                "extract.llm.unavailable",
                level=logging.WARNING,
                extractor=self.primary.name,
                cause=exc.cause,
                error=str(exc)[:300],
                fallback=self.fallback.name,
                probe_after=self._probe_after,
            )
        self._next_probe = now + self._probe_after

    def _fall_back(self, article: ArticleText) -> ExtractionResult:
        result = self.fallback.extract(article)
        return replace(result, fallback_from=self.primary.name)
