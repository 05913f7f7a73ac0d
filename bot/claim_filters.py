"""What a user types to pick stored claims (a claim id, a verdict, a since date), read
into values: one reading for the slash commands (bot/discord) and the command line.

Kept apart from the Discord replies and cards so that `claimwatch claims` loads none
of them (benchmarks/cli_startup.py).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from store.errors import ClaimwatchError
from store.verdict_labels import VERDICTS


class CommandError(ClaimwatchError):
    """Bad input to a command: shown to the user as is."""


def parse_claim_id(value: str | int | None) -> int:
    text = str(value if value is not None else "").strip().lstrip("#")
    if not text.isdigit() or int(text) <= 0:
        raise CommandError(
            f"{str(value)!r} is not a claim id: use the number shown as `claim N` in an alert"
        )
    return int(text)


_RELATIVE = re.compile(r"^\s*(\d{1,4})\s*([hdw])\s*$", re.IGNORECASE)


def parse_since(value: str | None, *, now: datetime) -> datetime | None:
    """'2025-02-03', '7d', '24h' or '2w' -> an aware UTC time; None when empty."""
    if value is None or not value.strip():
        return None
    m = _RELATIVE.match(value)
    if m:
        hours = {"h": 1, "d": 24, "w": 168}[m.group(2).lower()] * int(m.group(1))
        return now - timedelta(hours=hours)
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise CommandError(
            f"could not read the date {value.strip()!r}: use YYYY-MM-DD (e.g. 2025-02-03) "
            "or a duration such as 7d, 24h or 2w"
        ) from None
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def parse_verdict(verdict: str | None) -> str | None:
    if verdict is None or not verdict.strip():
        return None
    label = verdict.strip().lower().replace(" ", "_").replace("-", "_")
    if label not in VERDICTS:
        raise CommandError(f"unknown verdict {verdict!r}: use one of {', '.join(VERDICTS)}")
    return label
