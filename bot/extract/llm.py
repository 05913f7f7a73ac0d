"""The LLM extractor: an OpenAI-compatible chat-completions server turns article text
into claim drafts (OpenAI, vLLM, Ollama and llama.cpp all speak this API).

    article -> chunks (paragraph boundaries) -> one request per chunk
            -> refusal? no claims | truncated? split the chunk | invalid JSON? once more
            -> flat wire items -> drafts whose quote is found in the article (else dropped)

The model only extracts; `schema.to_draft` decides what becomes a draft. Transient
failures (429 honouring Retry-After, 5xx, timeouts) are retried with a bounded
tenacity policy; the SDK's own retries are off so there is one policy, with an
injectable sleep. Anything that still fails raises `ExtractionError` with its cause:
nothing is silently dropped, and the caller records the failure and retries later.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Literal

import openai
from openai.types.chat import ChatCompletion
from tenacity import RetryCallState, Retrying, retry_if_exception

from bot.config import Settings
from bot.extract.base import ArticleText, ExtractionResult
from bot.extract.prompt import PROMPT_VERSION, Chunk, messages, split_chunks, split_in_two
from bot.extract.regexes import regex
from bot.extract.schema import (
    Dropped,
    Provenance,
    json_schema_response_format,
    parse_items,
    to_draft,
)
from bot.logs import event
from store.claims import ClaimDraft, claim_dedupe_key
from store.errors import ClaimwatchError

log = logging.getLogger(__name__)

NAME = "llm"
_VERSION_MAX = 50  # ExtractionRun.version is VARCHAR(50)


# Why an extraction failed. The first four mean the endpoint is unavailable (it
# refuses connections, does not answer in time, keeps failing, or today's budget is
# spent): `--extractor auto` then falls back to the offline rules.
Cause = Literal["connection", "timeout", "server_error", "budget", "rejected", "invalid_reply"]
UNAVAILABLE: frozenset[str] = frozenset({"connection", "timeout", "server_error", "budget"})


class _DeadlinePassed(Exception):
    """The article's overall deadline passed before the next request."""


class ExtractionError(ClaimwatchError):
    """An article could not be extracted; `retryable` says whether trying later may help.

    Carries the tokens already spent, so a budget can count failed attempts too, and
    the `cause` (see `Cause`).
    """

    def __init__(
        self,
        message: str,
        *,
        retryable: bool = True,
        prompt_tokens: int = 0,
        completion_tokens: int = 0,
        cause: Cause = "invalid_reply",
    ) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.prompt_tokens = prompt_tokens
        self.completion_tokens = completion_tokens
        self.cause: Cause = cause

    @property
    def unavailable(self) -> bool:
        """The endpoint, not this article, is the problem: another extractor may help."""
        return self.cause in UNAVAILABLE


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    attempts: int = 5  # per request, the first try included
    backoff_base: float = 1.0  # seconds; doubles per attempt
    backoff_max: float = 30.0
    retry_after_cap: float = 60.0  # a server asking for longer gets this, then we give up later
    # attempts when the server cannot be reached at all (refused, connect timeout); with
    # a fallback extractor, 1: a dead endpoint should not hold every article for minutes
    connection_attempts: int = 5


def extractor_version(model: str) -> str:
    """Prompt version + model, at most 50 characters (long model ids keep a hash)."""
    version = f"{PROMPT_VERSION}+{model}"
    if len(version) <= _VERSION_MAX:
        return version
    digest = hashlib.sha256(model.encode()).hexdigest()[:8]
    return f"{version[: _VERSION_MAX - 9]}~{digest}"


def retry_after_seconds(headers: Mapping[str, str], now: datetime | None = None) -> float | None:
    """The wait a 429/503 asks for: `retry-after-ms`, `retry-after` seconds or HTTP date."""
    lowered = {k.lower(): v for k, v in headers.items()}
    try:
        if "retry-after-ms" in lowered:
            return max(0.0, float(lowered["retry-after-ms"]) / 1000)
        raw = lowered.get("retry-after")
        if raw is None:
            return None
        try:
            return max(0.0, float(raw))
        except ValueError:
            when = parsedate_to_datetime(raw)
            return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
    except (ValueError, TypeError):
        return None


def _is_transient(exc: BaseException) -> bool:
    if isinstance(exc, openai.APIConnectionError):  # includes timeouts
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in (408, 409, 429) or exc.status_code >= 500
    return False


def _schema_unsupported(exc: openai.BadRequestError) -> bool:
    """A 400 that rejects structured outputs (older vLLM, llama.cpp, proxies)."""
    text = f"{exc.message} {exc.body}".lower()
    return any(w in text for w in ("response_format", "json_schema", "structured output"))


_FENCE = regex(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.S)


def _load_json(content: str) -> Any:
    """The reply as JSON; tolerates a ```json fence (local models in JSON mode add one)."""
    m = _FENCE.match(content)
    return json.loads(m.group(1) if m else content)


@dataclass(slots=True)
class _Usage:
    prompt: int = 0
    completion: int = 0

    def add(self, completion: ChatCompletion) -> None:
        if completion.usage is not None:
            self.prompt += completion.usage.prompt_tokens or 0
            self.completion += completion.usage.completion_tokens or 0


@dataclass(slots=True)
class _ChunkOutcome:
    drafts: list[ClaimDraft]
    dropped: list[Dropped]


class LLMExtractor:
    """Extractor `llm`: one OpenAI-compatible model, temperature 0, strict structured output."""

    name = NAME

    def __init__(
        self,
        settings: Settings,
        client: openai.OpenAI | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        retry: RetryPolicy | None = None,
        max_chunk_chars: int = 12_000,
        overlap_chars: int = 400,
        max_output_tokens: int | None = 4096,
        min_split_chars: int = 400,
        timeout: float = 120.0,
        connect_timeout: float = 5.0,
        deadline: float | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if not settings.llm_model:
            raise ClaimwatchError("the LLM extractor needs CLAIMWATCH_LLM_MODEL (the model name)")
        self.model = settings.llm_model
        self.version = extractor_version(self.model)
        if client is None:
            key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
            client = openai.OpenAI(
                base_url=settings.openai_base_url,
                # local servers (Ollama, llama.cpp, vLLM) accept any key; the SDK wants one
                api_key=key or "not-needed",
                max_retries=0,  # our own policy below, with an injectable sleep
                # a refused or unroutable endpoint fails in seconds, a slow answer may
                # take the full read timeout
                timeout=openai.Timeout(timeout, connect=connect_timeout),
            )
        self._client = client
        self._sleep = sleep
        self._retry = retry or RetryPolicy()
        self._max_chunk_chars = max_chunk_chars
        self._overlap_chars = overlap_chars
        self._max_output_tokens = max_output_tokens
        self._min_split_chars = min_split_chars
        # set once a server rejects json_schema; every later request uses JSON mode
        self.json_mode = False
        # overall seconds per article, retries and waits included (None: unbounded)
        self._deadline = deadline
        self._monotonic = monotonic
        self._deadline_at: float | None = None

    # --- the Extractor protocol ------------------------------------------------------

    def extract(self, article: ArticleText) -> ExtractionResult:
        if self._deadline is not None:
            self._deadline_at = self._monotonic() + self._deadline
        usage = _Usage()
        result = ExtractionResult(extractor=self.name, version=self.version)
        if not article.text.strip():
            return result
        chunks = split_chunks(article.text, self._max_chunk_chars, self._overlap_chars)
        seen: set[tuple[str, tuple[int, int]]] = set()
        reasons: Counter[str] = Counter()
        try:
            for part, chunk in enumerate(chunks, 1):
                outcome = self._extract_chunk(article, chunk, part, len(chunks), usage)
                for dropped in outcome.dropped:
                    reasons[dropped.reason] += 1
                    if dropped.check is not None:
                        # a claim its own quote contradicts: counted, never judged
                        event(
                            log,
                            "extract.claim_rejected",
                            level=logging.WARNING,
                            reason=dropped.check,
                            detail=dropped.detail,
                            url=article.url,
                        )
                    else:
                        event(
                            log,
                            "extract.llm.dropped",
                            reason=dropped.reason,
                            detail=dropped.detail,
                        )
                for draft in outcome.drafts:
                    key = (claim_dedupe_key(draft), draft.span)
                    if key not in seen:  # the overlap between chunks repeats claims
                        seen.add(key)
                        result.drafts.append(draft)
        except ExtractionError as exc:
            exc.prompt_tokens, exc.completion_tokens = usage.prompt, usage.completion
            raise
        result.dropped = sum(reasons.values())
        result.prompt_tokens, result.completion_tokens = usage.prompt, usage.completion
        result.drafts.sort(key=lambda d: d.span)
        event(
            log,
            "extract.llm.done",
            url=article.url,
            chunks=len(chunks),
            claims=len(result.drafts),
            dropped=result.dropped,
            prompt_tokens=usage.prompt,
            completion_tokens=usage.completion,
        )
        return result

    # --- one chunk ---------------------------------------------------------------------

    def _extract_chunk(
        self, article: ArticleText, chunk: Chunk, part: int, parts: int, usage: _Usage
    ) -> _ChunkOutcome:
        for attempt in (1, 2):
            completion = self._request(article, chunk, part, parts)
            if not isinstance(completion, ChatCompletion):  # the SDK hands back a non-JSON body
                raise ExtractionError(
                    "the LLM server answered with something that is not a chat completion"
                    " (an HTML page?)"
                )
            usage.add(completion)
            if not completion.choices:
                raise ExtractionError("the LLM server returned no choices")
            choice = completion.choices[0]
            if choice.message.refusal or choice.finish_reason == "content_filter":
                event(
                    log,
                    "extract.llm.refused",
                    level=logging.WARNING,
                    url=article.url,
                    part=part,
                    refusal=choice.message.refusal or "content_filter",
                )
                return _ChunkOutcome([], [])
            if choice.finish_reason == "length":
                return self._split_truncated(article, chunk, usage)
            try:
                items, dropped = parse_items(_load_json(choice.message.content or ""))
            except ValueError as exc:  # json.JSONDecodeError is a ValueError
                event(
                    log,
                    "extract.llm.invalid_json",
                    level=logging.WARNING,
                    url=article.url,
                    part=part,
                    attempt=attempt,
                    error=str(exc)[:200],
                )
                continue
            where = Provenance(article, chunk.text, chunk.start, self.name, self.version)
            drafts: list[ClaimDraft] = []
            for item in items:
                made = to_draft(item, where)
                if isinstance(made, Dropped):
                    dropped.append(made)
                else:
                    drafts.append(made)
            return _ChunkOutcome(drafts, dropped)
        raise ExtractionError(
            f"the LLM returned invalid JSON twice for part {part} of {parts}"
            f" ({article.url or 'article'})"
        )

    def _split_truncated(self, article: ArticleText, chunk: Chunk, usage: _Usage) -> _ChunkOutcome:
        """The reply hit the output limit: never parse half a JSON, ask about halves instead."""
        if len(chunk.text) < 2 * self._min_split_chars:
            raise ExtractionError(
                f"the LLM output was truncated (finish_reason=length) on a chunk of "
                f"{len(chunk.text)} characters, too small to split"
            )
        halves = split_in_two(chunk.text)
        event(
            log, "extract.llm.truncated", url=article.url, chars=len(chunk.text), parts=len(halves)
        )
        out = _ChunkOutcome([], [])
        for i, half in enumerate(halves, 1):
            sub = Chunk(chunk.start + half.start, chunk.start + half.end, half.text)
            got = self._extract_chunk(article, sub, i, len(halves), usage)
            out.drafts += got.drafts
            out.dropped += got.dropped
        return out

    # --- the HTTP request --------------------------------------------------------------

    def _request(self, article: ArticleText, chunk: Chunk, part: int, parts: int) -> ChatCompletion:
        if not self.json_mode:
            try:
                return self._create(
                    messages(article, chunk.text, part, parts, json_mode=False),
                    json_schema_response_format(),
                )
            except openai.BadRequestError as exc:
                if not _schema_unsupported(exc):
                    raise ExtractionError(
                        f"the LLM server rejected the request: {exc.message}", retryable=False
                    ) from exc
                self.json_mode = True
                event(
                    log,
                    "extract.llm.json_mode",
                    level=logging.WARNING,
                    model=self.model,
                    reason=exc.message[:200],
                )
        try:
            return self._create(
                messages(article, chunk.text, part, parts, json_mode=True), {"type": "json_object"}
            )
        except openai.BadRequestError as exc:
            raise ExtractionError(
                f"the LLM server rejected the request (JSON mode): {exc.message}", retryable=False
            ) from exc

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        asked = None
        if isinstance(exc, openai.APIStatusError):
            asked = retry_after_seconds(exc.response.headers)
        if asked is not None:
            wait = min(asked, self._retry.retry_after_cap)
        else:
            backoff = self._retry.backoff_base * 2 ** (state.attempt_number - 1)
            wait = float(min(backoff, self._retry.backoff_max))
        remaining = self._remaining()
        # never sleep past the article's deadline: the next request would not be sent
        return wait if remaining is None else max(0.0, min(wait, remaining))

    def _before_sleep(self, state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        event(
            log,
            "extract.llm.retry",
            level=logging.WARNING,
            attempt=state.attempt_number,
            wait=round(state.upcoming_sleep, 2),
            error=type(exc).__name__,
            status=getattr(exc, "status_code", None),
        )

    def _create(
        self, msgs: list[dict[str, str]], response_format: dict[str, Any]
    ) -> ChatCompletion:
        kwargs: dict[str, Any] = {
            "model": self.model,
            "messages": msgs,
            "temperature": 0,
            "response_format": response_format,
        }
        if self._max_output_tokens is not None:
            kwargs["max_tokens"] = self._max_output_tokens
        retrying = Retrying(
            stop=self._stop,
            wait=self._wait,
            retry=retry_if_exception(_is_transient),
            sleep=self._sleep,
            before_sleep=self._before_sleep,
            reraise=True,
        )
        try:
            return retrying(self._send, kwargs)
        except openai.BadRequestError:
            raise  # the caller decides whether it is a json_schema refusal
        except openai.APIStatusError as exc:
            raise ExtractionError(
                f"the LLM server answered HTTP {exc.status_code}"
                f"{' after retries' if _is_transient(exc) else ''}: {exc.message}",
                retryable=_is_transient(exc),
                cause="server_error" if _is_transient(exc) else "rejected",
            ) from exc
        except openai.APITimeoutError as exc:
            tries = retrying.statistics.get("attempt_number", 1)
            raise ExtractionError(
                f"the LLM server did not answer in time ({tries} attempts): {exc}",
                cause="timeout",
            ) from exc
        except openai.APIConnectionError as exc:
            tries = retrying.statistics.get("attempt_number", 1)
            raise ExtractionError(
                f"the LLM server could not be reached after {tries} attempts: {exc}",
                cause="connection",
            ) from exc
        except _DeadlinePassed as exc:
            raise ExtractionError(str(exc), cause="timeout") from exc
        except openai.OpenAIError as exc:
            raise ExtractionError(f"the LLM request failed: {exc}") from exc
        except ValueError as exc:  # a 200 whose body is not JSON (a proxy's error page)
            raise ExtractionError(f"the LLM server sent an unreadable response: {exc}") from exc

    def _remaining(self) -> float | None:
        if self._deadline_at is None:
            return None
        return self._deadline_at - self._monotonic()

    def _send(self, kwargs: dict[str, Any]) -> ChatCompletion:
        """One request, its timeout cut to what is left of the article's deadline."""
        remaining = self._remaining()
        if remaining is not None:
            if remaining <= 0:
                raise _DeadlinePassed(f"the LLM extraction deadline ({self._deadline:g} s) passed")
            kwargs = {**kwargs, "timeout": remaining}
        completion: ChatCompletion = self._client.chat.completions.create(**kwargs)
        return completion

    def _stop(self, state: RetryCallState) -> bool:
        """Stop after the attempts allowed for this kind of failure, or at the deadline."""
        if state.attempt_number >= self._retry.attempts:
            return True
        exc = state.outcome.exception() if state.outcome else None
        unreachable = isinstance(exc, openai.APIConnectionError)
        if unreachable and state.attempt_number >= self._retry.connection_attempts:
            return True
        remaining = self._remaining()
        return remaining is not None and remaining <= 0
