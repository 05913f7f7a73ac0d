"""The extraction cache and the LLM's daily token budget, in front of any extractor.

    article -> input_hash -> ExtractionRun(hash, extractor, version)? -> its drafts
            -> over today's token budget? -> the fallback (the offline rules)
            -> the inner extractor -> a new ExtractionRun row

The same input with the same extractor name and version is never extracted
twice, across processes too. The input is what the extractor sees: the text, and the
publication date, source and title it resolves dates ("in January") and the default
claimant against; a syndicated copy under another outlet or date is extracted again
rather than handed the first copy's dates and claimant. The table's unique
constraint decides a race, and the loser keeps its own (equally valid) result.
Failures are not cached, so a failed article is tried again later. The budget is
the sum of today's (00:00 UTC) recorded tokens for the inner extractor, plus tokens
this process spent on failed attempts.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import UTC, date, datetime, time

from pydantic import ValidationError
from sqlalchemy.engine import Engine

from bot.extract.base import ArticleText, ExtractionResult, Extractor
from bot.extract.llm import ExtractionError
from bot.logs import event
from store import extraction_runs
from store.claims import CLAIM_ADAPTER
from store.models import utcnow

log = logging.getLogger(__name__)


class BudgetExhausted(ExtractionError):
    """Today's token budget is spent and there is no fallback: try again tomorrow."""


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def input_hash(article: ArticleText) -> str:
    """The cache key: everything an extractor reads from the article (see above)."""
    parts = (article.published.isoformat(), article.source or "", article.title or "")
    return content_hash("\x00".join((*parts, article.text)))


def day_start(now: datetime) -> datetime:
    """00:00 UTC of `now`'s UTC day: when the daily budget resets."""
    return datetime.combine(now.astimezone(UTC).date(), time(0), tzinfo=UTC)


def over_budget(spent: int, budget: int | None) -> bool:
    """None means unlimited; a budget of 0 means no LLM calls at all."""
    return budget is not None and spent >= budget


class CachedExtractor:
    """An `Extractor` that remembers results and keeps the inner one inside a daily budget."""

    def __init__(
        self,
        engine: Engine,
        inner: Extractor,
        fallback: Extractor | None = None,
        *,
        budget: int | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.engine = engine
        self.inner = inner
        self.fallback = fallback
        self.budget = budget
        self._clock = clock
        self.name = inner.name
        self.version = inner.version
        self._unrecorded: dict[date, int] = {}  # tokens spent on failures, per UTC day
        self._logged_exhausted: date | None = None

    def extract(self, article: ArticleText) -> ExtractionResult:
        key = input_hash(article)
        cached = self._lookup(key)
        if cached is not None:
            event(
                log, "extract.cache.hit", extractor=self.name, version=self.version, hash=key[:12]
            )
            return cached
        if self.budget is not None:
            now = self._clock()
            spent = self.spent_today(now)
            if over_budget(spent, self.budget):
                return self._over_budget(article, now, spent)
        try:
            result = self.inner.extract(article)
        except ExtractionError as exc:
            spent_now = exc.prompt_tokens + exc.completion_tokens
            if spent_now:
                today = self._clock().astimezone(UTC).date()
                self._unrecorded[today] = self._unrecorded.get(today, 0) + spent_now
            raise
        self._store(key, result)
        return result

    # --- budget ----------------------------------------------------------------------

    def spent_today(self, now: datetime) -> int:
        since = day_start(now)
        recorded = extraction_runs.tokens_since(self.engine, self.name, since)
        return recorded + self._unrecorded.get(since.date(), 0)

    def _over_budget(self, article: ArticleText, now: datetime, spent: int) -> ExtractionResult:
        today = now.astimezone(UTC).date()
        if self._logged_exhausted != today:  # once per day, not once per article
            self._logged_exhausted = today
            event(
                log,
                "extract.budget_exhausted",
                level=logging.WARNING,
                extractor=self.name,
                day=today.isoformat(),
                spent=spent,
                budget=self.budget,
                fallback=self.fallback.name if self.fallback else "none",
            )
        if self.fallback is None:
            raise BudgetExhausted(
                f"the daily LLM token budget is spent ({spent} of {self.budget} tokens "
                f"on {today.isoformat()} UTC) and no fallback extractor is configured",
                cause="budget",
            )
        return self.fallback.extract(article)

    # --- the cache table -------------------------------------------------------------

    def _lookup(self, key: str) -> ExtractionResult | None:
        row = extraction_runs.find(self.engine, key, self.name, self.version)
        if row is None:
            return None
        try:
            drafts = [CLAIM_ADAPTER.validate_python(c) for c in row.claims]
        except ValidationError as exc:
            # a row written under an older claims contract: extract afresh
            event(log, "extract.cache.unreadable", level=logging.WARNING, id=row.id, error=exc)
            return None
        # nothing was spent now: a hit costs no tokens
        return ExtractionResult(
            drafts=drafts, dropped=row.dropped, extractor=self.name, version=self.version
        )

    def _store(self, key: str, result: ExtractionResult) -> None:
        stored = extraction_runs.record(
            self.engine,
            content_hash=key,
            extractor=self.name,
            version=self.version,
            claims=[CLAIM_ADAPTER.dump_python(d, mode="json") for d in result.drafts],
            dropped=result.dropped,
            prompt_tokens=result.prompt_tokens,
            completion_tokens=result.completion_tokens,
            created_at=self._clock(),
        )
        if not stored:
            # another worker stored the same content first; its row stands, ours was
            # equally valid, and its tokens are spent all the same
            event(log, "extract.cache.race", extractor=self.name, hash=key[:12])
            self._unrecorded_add(result)

    def _unrecorded_add(self, result: ExtractionResult) -> None:
        today = self._clock().astimezone(UTC).date()
        spent = result.prompt_tokens + result.completion_tokens
        self._unrecorded[today] = self._unrecorded.get(today, 0) + spent
