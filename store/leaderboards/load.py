"""Snapshots back out of the database as the plain dataclasses the judge consumes.

Two queries whatever the number of snapshots: one for the snapshot headers, one for
every entry of those snapshots in stored order (readers store entries best first).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from store.leaderboards.base import BoardEntry, BoardSnapshot, SnapshotHeader
from store.leaderboards.tables import ENTRIES as _ENTRY
from store.leaderboards.tables import LEADERBOARDS as _BOARD
from store.leaderboards.tables import SNAPSHOTS as _SNAP

_ENTRY_COLUMNS = (
    _ENTRY.c.snapshot_id,
    _ENTRY.c.model_name,
    _ENTRY.c.rank,
    _ENTRY.c.score,
    _ENTRY.c.ci_lower,
    _ENTRY.c.ci_upper,
    _ENTRY.c.votes,
    _ENTRY.c.organisation,
    _ENTRY.c.licence,
    # as text, decoded here: most entries have none ("{}"), and decoding every row's JSON
    # was half of loading all snapshots, which each instance of the service does at start
    sa.cast(_ENTRY.c.extra, sa.Text).label("extra"),
)
_NO_EXTRA = (None, "{}", "null")


def _headers() -> sa.Select[Any]:
    return sa.select(
        _SNAP.c.id,
        _BOARD.c.slug,
        _BOARD.c.metric,
        _SNAP.c.date,
        _SNAP.c.category,
        _SNAP.c.view,
    ).join(_BOARD, _BOARD.c.id == _SNAP.c.leaderboard_id)


def _entries(conn: Connection, where: sa.ColumnElement[bool]) -> dict[int, list[BoardEntry]]:
    by_snapshot: dict[int, list[BoardEntry]] = defaultdict(list)
    query = sa.select(*_ENTRY_COLUMNS).where(where).order_by(_ENTRY.c.snapshot_id, _ENTRY.c.id)
    for sid, model, rank, score, lo, hi, votes, org, licence, extra in conn.execute(query):
        by_snapshot[sid].append(
            BoardEntry(
                model=model,
                rank=rank,
                score=score,
                ci_lower=lo,
                ci_upper=hi,
                votes=votes,
                organisation=org,
                licence=licence,
                extra={} if extra in _NO_EXTRA else json.loads(extra) or {},
            )
        )
    return by_snapshot


def _build(headers: Sequence[Any], entries: dict[int, list[BoardEntry]]) -> list[BoardSnapshot]:
    return [
        BoardSnapshot(
            board=h.slug,
            date=h.date,
            entries=tuple(entries.get(h.id, ())),
            category=h.category,
            view=h.view,
            metric=h.metric,
        )
        for h in headers
    ]


def load_all(engine: Engine, boards: Iterable[str] | None = None) -> list[BoardSnapshot]:
    """Every stored snapshot (of the given boards), sorted by board/category/view/date."""
    wanted = None if boards is None else sorted(set(boards))
    headers_q = _headers().order_by(_BOARD.c.slug, _SNAP.c.category, _SNAP.c.view, _SNAP.c.date)
    if wanted is not None:
        headers_q = headers_q.where(_BOARD.c.slug.in_(wanted))
    with engine.connect() as conn:
        headers = conn.execute(headers_q).all()
        if not headers:
            return []
        if wanted is None:
            where: sa.ColumnElement[bool] = sa.true()
        else:
            ids = sa.select(_SNAP.c.id).join(_BOARD, _BOARD.c.id == _SNAP.c.leaderboard_id)
            where = _ENTRY.c.snapshot_id.in_(ids.where(_BOARD.c.slug.in_(wanted)))
        entries = _entries(conn, where)
    return _build(headers, entries)


def load_headers(engine: Engine) -> list[SnapshotHeader]:
    """Every stored snapshot without its entries, for `BoardData.deferred`."""
    query = _headers().order_by(_BOARD.c.slug, _SNAP.c.category, _SNAP.c.view, _SNAP.c.date)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        SnapshotHeader(
            key=h.id, board=h.slug, date=h.date, category=h.category, view=h.view, metric=h.metric
        )
        for h in rows
    ]


def snapshot_loader(engine: Engine) -> Callable[[SnapshotHeader], BoardSnapshot]:
    """Loads one header's entries (one query), for `BoardData.deferred`."""

    def load(header: SnapshotHeader) -> BoardSnapshot:
        with engine.connect() as conn:
            entries = _entries(conn, _ENTRY.c.snapshot_id == header.key).get(header.key, [])  # type: ignore[call-overload]
        return BoardSnapshot(
            board=header.board,
            date=header.date,
            entries=tuple(entries),
            category=header.category,
            view=header.view,
            metric=header.metric,
        )

    return load


def latest_on_or_before(
    engine: Engine, board: str, day: date, category: str = "full", view: str = "raw"
) -> BoardSnapshot | None:
    """The newest snapshot of a board dated `day` or earlier (never a later one)."""
    query = (
        _headers()
        .where(
            _BOARD.c.slug == board,
            _SNAP.c.category == category,
            _SNAP.c.view == view,
            _SNAP.c.date <= day,
        )
        .order_by(_SNAP.c.date.desc())
        .limit(1)
    )
    with engine.connect() as conn:
        header = conn.execute(query).first()
        if header is None:
            return None
        entries = _entries(conn, _ENTRY.c.snapshot_id == header.id)
    return _build([header], entries)[0]


def snapshot_dates(
    engine: Engine, board: str, category: str = "full", view: str = "raw"
) -> list[date]:
    """The dates a board has snapshots for, oldest first."""
    query = (
        sa.select(_SNAP.c.date)
        .join(_BOARD, _BOARD.c.id == _SNAP.c.leaderboard_id)
        .where(_BOARD.c.slug == board, _SNAP.c.category == category, _SNAP.c.view == view)
        .order_by(_SNAP.c.date)
    )
    with engine.connect() as conn:
        return [d for (d,) in conn.execute(query)]
