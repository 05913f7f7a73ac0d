"""When the digest is due and which week it covers (pure)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from bot.digest.schedule import (
    current_complete_week,
    due_week,
    iso_week,
    slot_for,
    week_bounds,
    week_days,
    week_monday,
)
from store.errors import ClaimwatchError

MONDAY_8 = (0, time(8, 0))


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_iso_weeks_across_year_ends() -> None:
    assert iso_week(date(2025, 7, 28)) == "2025-W31"
    assert iso_week(date(2024, 12, 30)) == "2025-W01"  # a Monday that belongs to next year
    assert iso_week(date(2021, 1, 3)) == "2020-W53"
    assert week_days("2025-W31") == (date(2025, 7, 28), date(2025, 8, 3))
    assert week_bounds("2025-W01") == (utc("2024-12-30T00:00"), utc("2025-01-06T00:00"))


@pytest.mark.parametrize("bad", ["2025-31", "2025-W1", "W31", "2021-W53", "2025-W00", ""])
def test_bad_week_labels_are_one_clear_error(bad: str) -> None:
    with pytest.raises(ClaimwatchError):
        week_monday(bad)


def test_slot_is_the_configured_time_of_the_following_week() -> None:
    assert slot_for("2025-W31", *MONDAY_8) == utc("2025-08-04T08:00")
    assert slot_for("2025-W31", 4, time(17, 30)) == utc("2025-08-08T17:30")


def test_due_week_switches_exactly_at_the_slot() -> None:
    assert due_week(utc("2025-08-04T07:59:59"), *MONDAY_8) == "2025-W30"
    assert due_week(utc("2025-08-04T08:00:00"), *MONDAY_8) == "2025-W31"
    # down over the slot, back on Sunday: still W31 (sent late, once)
    assert due_week(utc("2025-08-10T23:00:00"), *MONDAY_8) == "2025-W31"
    # a Friday slot: on the Wednesday after W31, W30's digest is the newest due
    assert due_week(utc("2025-08-06T12:00"), 4, time(9, 0)) == "2025-W30"
    assert due_week(utc("2025-08-08T09:00"), 4, time(9, 0)) == "2025-W31"
    # across the year end
    assert due_week(utc("2025-01-06T08:00"), *MONDAY_8) == "2025-W01"


def test_current_complete_week() -> None:
    assert current_complete_week(utc("2025-08-04T00:00")) == "2025-W31"
    assert current_complete_week(utc("2025-08-03T23:59")) == "2025-W30"
