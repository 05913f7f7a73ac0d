"""What boards the database holds, and how fresh they are.

One grouped query gives every (board, category, view) with its date range; from it
come `claimwatch leaderboard boards`, the one-line errors that name the valid
values of --board/--view/--category, the Discord autocomplete choices, and the
staleness warning that `check`, `/verify`, `leaderboard top` and the run summary
print when the newest data is older than the staleness limit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.errors import ClaimwatchError
from store.leaderboards.tables import LEADERBOARDS, SNAPSHOTS

REFRESH_COMMAND = "claimwatch leaderboard refresh"


@dataclass(frozen=True, slots=True)
class BoardSlice:
    board: str
    category: str
    view: str
    first: date
    last: date
    snapshots: int


def board_catalog(engine: Engine) -> list[BoardSlice]:
    """Every board, category and view stored, with its first and last snapshot date."""
    snap, board = SNAPSHOTS, LEADERBOARDS
    query = (
        sa.select(
            board.c.slug,
            snap.c.category,
            snap.c.view,
            sa.func.min(snap.c.date),
            sa.func.max(snap.c.date),
            sa.func.count(),
        )
        .join(board, board.c.id == snap.c.leaderboard_id)
        .group_by(board.c.slug, snap.c.category, snap.c.view)
        .order_by(board.c.slug, snap.c.category, snap.c.view)
    )
    with engine.connect() as conn:
        return [BoardSlice(*row) for row in conn.execute(query)]


def _names(values: Iterable[str]) -> str:
    return ", ".join(sorted(set(values)))


def require_slice(
    catalog: Sequence[BoardSlice], board: str, category: str | None = None, view: str | None = None
) -> None:
    """One-line errors naming the valid values; nothing when the combination exists."""
    if not catalog:
        raise ClaimwatchError("no leaderboard snapshots in the database: run `claimwatch init`")
    on_board = [s for s in catalog if s.board == board]
    if not on_board:
        raise ClaimwatchError(
            f"unknown board {board!r}: use one of {_names(s.board for s in catalog)}"
        )
    if category is not None and not any(s.category == category for s in on_board):
        raise ClaimwatchError(
            f"{board} has no category {category!r}: use one of "
            f"{_names(s.category for s in on_board)}"
        )
    in_category = [s for s in on_board if category is None or s.category == category]
    if view is not None and not any(s.view == view for s in in_category):
        raise ClaimwatchError(
            f"{board} (category {category or 'any'}) has no view {view!r}: use one of "
            f"{_names(s.view for s in in_category)}"
        )


def newest(catalog: Sequence[BoardSlice], board: str | None = None) -> date | None:
    """The newest snapshot date of `board` (of any board when None)."""
    dates = [s.last for s in catalog if board is None or s.board == board]
    return max(dates) if dates else None


def staleness_warning(
    newest_date: date | None, today: date, limit_days: int, board: str | None = None
) -> str | None:
    """One line when the newest data is older than the staleness limit, else None."""
    if newest_date is None:
        return None
    age = (today - newest_date).days
    if age <= limit_days:
        return None
    what = f"{board} snapshot" if board else "leaderboard snapshot"
    return (
        f"warning: newest {what} {newest_date.isoformat()} is {age} days old "
        f"(limit {limit_days}); run `{REFRESH_COMMAND}`"
    )


def age_note(snapshot: date, today: date) -> str:
    """'snapshot 2025-12-11, 360 days old'."""
    days = (today - snapshot).days
    age = "today" if days <= 0 else "1 day old" if days == 1 else f"{days:,} days old"
    return f"snapshot {snapshot.isoformat()}, {age}"


MAIN_BOARD = "lmarena-text"  # the board claims are judged on when they name none


def stale_note(engine: Engine, today: date, limit_days: int) -> str | None:
    """The run summary's warning: the main board's newest data older than the limit."""
    catalog = board_catalog(engine)
    board = MAIN_BOARD if any(s.board == MAIN_BOARD for s in catalog) else None
    return staleness_warning(newest(catalog, board), today, limit_days, board)
