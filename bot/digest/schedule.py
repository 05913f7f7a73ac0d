"""When a digest is due and which ISO week it covers: pure functions of a clock.

The digest for ISO week W (Monday 00:00 to the next Monday 00:00, UTC) goes out at
the configured weekday and time of week W+1, once the week is over. The due week at
`now` is the one whose slot is the latest at or before `now`: a service that was
down over a slot sends that week when it comes back (once: the Digest row records
it), and a service down for longer sends only the newest week, not a backlog.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from store.errors import ClaimwatchError

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def iso_week(day: date) -> str:
    """The ISO week label of a day, e.g. "2026-W48"."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_monday(period: str) -> date:
    """The Monday of an ISO week label; a ClaimwatchError for a label that is no week."""
    m = _WEEK.match(period.strip())
    if not m:
        raise ClaimwatchError(f"not an ISO week: {period!r} (use YYYY-Www, e.g. 2025-W31)")
    year, week = int(m.group(1)), int(m.group(2))
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        raise ClaimwatchError(f"{period!r}: {year} has no week {week}") from None
    return monday


def week_days(period: str) -> tuple[date, date]:
    """First and last day (Monday, Sunday) of the week."""
    monday = week_monday(period)
    return monday, monday + timedelta(days=6)


def week_bounds(period: str) -> tuple[datetime, datetime]:
    """[start, end) of the week as aware UTC datetimes."""
    monday = week_monday(period)
    start = datetime.combine(monday, time(0, 0), tzinfo=UTC)
    return start, start + timedelta(days=7)


def previous_week(period: str) -> str:
    return iso_week(week_monday(period) - timedelta(days=7))


def slot_for(period: str, weekday: int, at: time) -> datetime:
    """When the digest of `period` is sent: `weekday` (0=Monday) at `at` UTC, the week after."""
    following_monday = week_monday(period) + timedelta(days=7)
    return datetime.combine(following_monday + timedelta(days=weekday), at, tzinfo=UTC)


def due_week(now: datetime, weekday: int, at: time) -> str:
    """The week whose digest slot is the latest one at or before `now`."""
    this_week = iso_week(now.astimezone(UTC).date())
    last = previous_week(this_week)
    if slot_for(last, weekday, at) <= now:
        return last
    return previous_week(last)


def current_complete_week(now: datetime) -> str:
    """The newest week that has ended at `now` (the default for `claimwatch digest`)."""
    return previous_week(iso_week(now.astimezone(UTC).date()))
