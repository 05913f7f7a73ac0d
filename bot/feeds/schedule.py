"""When to poll a source next, and what its stored state becomes: pure decisions.

Success: the source's interval with jitter, stretched (never shortened) by the
server's Cache-Control max-age or the feed's RSS <ttl>, both capped.
Failure: exponential backoff, 5 min x 2^(n-1) capped at a day, or the server's
Retry-After (capped at two days) when that is later. After `max_failures`
consecutive failures the source is disabled with its reason and then probed
once a day, so it recovers on its own when the feed comes back.
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Literal

RETRY_AFTER_CAP = timedelta(days=2)  # Retry-After is honoured up to two days
FRESHNESS_CAP = timedelta(days=1)  # max-age / <ttl> stretch a poll at most this far
BACKOFF_BASE = timedelta(minutes=5)
BACKOFF_CAP = timedelta(days=1)
DISABLED_PROBE = timedelta(days=1)
JITTER = 0.1  # +-10% of the interval, so sources added together drift apart

OutcomeKind = Literal["ok", "not_modified", "unchanged", "failed"]


@dataclass(frozen=True)
class SourceState:
    """The stored polling state of one source, as plain data."""

    consecutive_failures: int = 0
    disabled_reason: str | None = None
    disabled_at: datetime | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_success_at: datetime | None = None
    baseline_done: bool = False


@dataclass(frozen=True)
class Outcome:
    """What one poll found, before any decision about the future."""

    kind: OutcomeKind
    status: str  # short code stored as last_status: ok, not_modified, timeout, http_500...
    error: str | None = None  # one explained line for a failure
    etag: str | None = None
    last_modified: str | None = None
    retry_after: timedelta | None = None
    max_age: timedelta | None = None
    ttl: timedelta | None = None


@dataclass(frozen=True)
class Transition:
    state: SourceState
    last_status: str
    last_error: str | None
    next_poll_at: datetime
    events: tuple[str, ...] = field(default=())  # "disabled", "recovered"


def jittered(interval: timedelta, u: float) -> timedelta:
    """`u` in [0, 1) from an injected random source."""
    return timedelta(seconds=interval.total_seconds() * (1 + JITTER * (2 * u - 1)))


def backoff(failures: int) -> timedelta:
    if failures <= 0:
        return timedelta(0)
    factor: int = 2 ** min(failures - 1, 30)
    return min(BACKOFF_BASE * factor, BACKOFF_CAP)


def next_success_poll(
    now: datetime, interval: timedelta, u: float, max_age: timedelta | None, ttl: timedelta | None
) -> datetime:
    wait = jittered(interval, u)
    for hint in (max_age, ttl):
        if hint is not None and hint > wait:
            wait = min(hint, max(FRESHNESS_CAP, wait))
    return now + wait


def transition(
    prev: SourceState,
    outcome: Outcome,
    *,
    now: datetime,
    interval: timedelta,
    max_failures: int,
    u: float,
) -> Transition:
    """The source's next state after `outcome`."""
    if outcome.kind != "failed":
        events = ("recovered",) if prev.disabled_reason else ()
        etag, modified = prev.etag, prev.last_modified
        if outcome.kind == "ok":
            # a new body replaces the validators; ones the server no longer sends are dropped
            etag, modified = outcome.etag, outcome.last_modified
        elif outcome.etag or outcome.last_modified:
            etag = outcome.etag or etag
            modified = outcome.last_modified or modified
        state = replace(
            prev,
            consecutive_failures=0,
            disabled_reason=None,
            disabled_at=None,
            etag=etag,
            last_modified=modified,
            last_success_at=now,
        )
        return Transition(
            state=state,
            last_status=outcome.status,
            last_error=None,
            next_poll_at=next_success_poll(now, interval, u, outcome.max_age, outcome.ttl),
            events=events,
        )
    failures = prev.consecutive_failures + 1
    reason = outcome.error or outcome.status
    disabled_reason, disabled_at, events = prev.disabled_reason, prev.disabled_at, ()
    if disabled_reason is None and failures >= max_failures:
        disabled_reason = f"{failures} consecutive failures, last: {reason}"
        disabled_at, events = now, ("disabled",)
    wait = DISABLED_PROBE if disabled_reason is not None else backoff(failures)
    if outcome.retry_after is not None:
        wait = max(wait, min(outcome.retry_after, RETRY_AFTER_CAP))
    state = replace(
        prev,
        consecutive_failures=failures,
        disabled_reason=disabled_reason,
        disabled_at=disabled_at,
    )
    return Transition(
        state=state,
        last_status=outcome.status,
        last_error=reason,
        next_poll_at=now + wait,
        events=events,
    )


def parse_retry_after(value: str | None, now: datetime) -> timedelta | None:
    """Retry-After as seconds or an HTTP date -> a delay (capped; garbage -> None)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        # clamped before timedelta sees it: a remote number can be any size
        delay = timedelta(seconds=min(int(value[:12]), int(RETRY_AFTER_CAP.total_seconds())))
    else:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when is None:
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        delay = when - now
    return max(timedelta(0), min(delay, RETRY_AFTER_CAP))


MAX_AGE_CAP_S = 7 * 86400
_MAX_AGE = re.compile(r"(?:^|[,\s])(s-maxage|max-age)\s*=\s*\"?(\d{1,10})", re.I)


def parse_max_age(cache_control: str | None) -> timedelta | None:
    """Cache-Control max-age; no-store/no-cache mean 'ask again', not 'wait longer'."""
    if not cache_control:
        return None
    low = cache_control.lower()
    if "no-store" in low or "no-cache" in low:
        return None
    ages = [int(m.group(2)) for m in _MAX_AGE.finditer(cache_control)]
    # clamped before arithmetic; next_success_poll caps its effect at FRESHNESS_CAP
    return timedelta(seconds=min(max(ages), MAX_AGE_CAP_S)) if ages else None
