"""Snapshots into the database: idempotent, all-or-nothing per file, bulk inserts.

    bytes (file | URL | bundled) -> parse_bytes -> [BoardSnapshot] -> plan -> apply

`plan_snapshot` is the pure decision for one snapshot against what is stored under
the same board/date/category/view: add it, leave it (same content hash: re-ingesting
is a no-op), keep the stored one (it came from a preferred format: the LMArena CSV
over the arena-catalog JSON), or replace the stored one's entries (a corrected
republication; the snapshot row and its id survive, so verdicts that cite it stay
valid). `ingest` applies the plans for one file in one transaction.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal, Protocol

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from store.errors import ClaimwatchError
from store.leaderboards.base import BoardEntry, BoardSnapshot
from store.leaderboards.boards import board_info
from store.leaderboards.readers import LeaderboardFormatError, parse_bytes, priority_of
from store.models import Entry, Leaderboard, Snapshot, utcnow

BUNDLED_DIR = Path(__file__).resolve().parent.parent / "data" / "leaderboards"
# bundled files that are not leaderboards (the registry reads them)
NOT_LEADERBOARDS = frozenset({"scatterplot-data.json.gz"})

Action = Literal["add", "unchanged", "kept", "replace"]
Progress = Callable[[int, int, str], None]  # (files done, files total, current item)

_SNAP = Snapshot.__table__  # type: ignore[attr-defined]
_ENTRY = Entry.__table__  # type: ignore[attr-defined]
_BOARD = Leaderboard.__table__  # type: ignore[attr-defined]


@dataclass
class IngestReport:
    files: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    kept: int = 0  # a preferred format's snapshot already holds the date
    entries: int = 0  # entries written
    errors: list[str] = field(default_factory=list)

    def merge(self, other: IngestReport) -> None:
        self.files += other.files
        self.added += other.added
        self.replaced += other.replaced
        self.unchanged += other.unchanged
        self.kept += other.kept
        self.entries += other.entries
        self.errors.extend(other.errors)

    @property
    def snapshots(self) -> int:
        """Snapshots written (added or replaced)."""
        return self.added + self.replaced

    def summary(self) -> str:
        text = (
            f"{self.files} file(s): {self.added} snapshot(s) added, {self.replaced} replaced, "
            f"{self.unchanged} unchanged, {self.kept} kept from a preferred source; "
            f"{self.entries} entries written"
        )
        if self.errors:
            text += f"; {len(self.errors)} file(s) rejected"
        return text


def _entry_fields(e: BoardEntry) -> list[Any]:
    return [
        e.model,
        e.rank,
        e.score,
        e.ci_lower,
        e.ci_upper,
        e.votes,
        e.organisation,
        e.licence,
        e.extra,
    ]


def content_hash(snap: BoardSnapshot) -> str:
    """A stable hash of everything a snapshot says (not where it came from)."""
    body: list[Any] = [
        snap.board,
        snap.date.isoformat(),
        snap.category,
        snap.view,
        snap.metric,
        [_entry_fields(e) for e in snap.entries],
    ]
    raw = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(raw.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Stored:
    id: int
    content_hash: str
    format: str | None


def plan_snapshot(digest: str, fmt: str | None, stored: Stored | None) -> Action:
    if stored is None:
        return "add"
    if stored.content_hash == digest:
        return "unchanged"
    if priority_of(stored.format) > priority_of(fmt):
        return "kept"
    return "replace"


def _board_ids(
    conn: Connection, snapshots: Sequence[BoardSnapshot], fmt: str | None
) -> dict[str, int]:
    slugs = sorted({s.board for s in snapshots})
    ids = {
        slug: id_
        for id_, slug in conn.execute(
            sa.select(_BOARD.c.id, _BOARD.c.slug).where(_BOARD.c.slug.in_(slugs))
        )
    }
    for slug in slugs:
        if slug in ids:
            continue
        metric = next(s.metric for s in snapshots if s.board == slug)
        info = board_info(slug, fmt, metric)
        result = conn.execute(
            _BOARD.insert().values(
                slug=info.slug,
                name=info.name,
                format=info.format,
                url=info.url,
                metric=info.metric,
                higher_is_better=info.higher_is_better,
            )
        )
        ids[slug] = _new_id(result)
    return ids


def _new_id(result: sa.CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def _entry_rows(snapshot_id: int, snap: BoardSnapshot) -> list[dict[str, Any]]:
    return [
        {
            "snapshot_id": snapshot_id,
            "model_name": e.model,
            "rank": e.rank,
            "score": e.score,
            "ci_lower": e.ci_lower,
            "ci_upper": e.ci_upper,
            "votes": e.votes,
            "organisation": e.organisation,
            "licence": e.licence,
            "extra": e.extra,
        }
        for e in snap.entries
    ]


def ingest(
    engine: Engine,
    snapshots: Sequence[BoardSnapshot],
    origin: str | None,
    *,
    format: str | None = None,
) -> IngestReport:
    """Store one file's snapshots in one transaction (all or nothing)."""
    report = IngestReport(files=1)
    if not snapshots:
        return report
    with engine.begin() as conn:
        board_ids = _board_ids(conn, snapshots, format)
        dates = [s.date for s in snapshots]
        existing: dict[tuple[int, date, str, str], Stored] = {
            (r.leaderboard_id, r.date, r.category, r.view): Stored(r.id, r.content_hash, r.format)
            for r in conn.execute(
                sa.select(
                    _SNAP.c.id,
                    _SNAP.c.leaderboard_id,
                    _SNAP.c.date,
                    _SNAP.c.category,
                    _SNAP.c.view,
                    _SNAP.c.content_hash,
                    _SNAP.c.format,
                ).where(
                    _SNAP.c.leaderboard_id.in_(set(board_ids.values())),
                    _SNAP.c.date.between(min(dates), max(dates)),
                )
            )
        }
        rows: list[dict[str, Any]] = []
        now = utcnow()
        for snap in snapshots:
            key = (board_ids[snap.board], snap.date, snap.category, snap.view)
            digest = content_hash(snap)
            stored = existing.get(key)
            action = plan_snapshot(digest, format, stored)
            values = {
                "content_hash": digest,
                "origin": (origin or "")[:2000] or None,
                "format": format,
                "entry_count": len(snap.entries),
                "ingested_at": now,
            }
            if action == "unchanged":
                report.unchanged += 1
                continue
            if action == "kept":
                report.kept += 1
                continue
            if action == "add":
                result = conn.execute(
                    _SNAP.insert().values(
                        leaderboard_id=key[0],
                        date=snap.date,
                        category=snap.category,
                        view=snap.view,
                        **values,
                    )
                )
                snapshot_id = _new_id(result)
                report.added += 1
            else:
                assert stored is not None
                snapshot_id = stored.id
                conn.execute(_ENTRY.delete().where(_ENTRY.c.snapshot_id == snapshot_id))
                conn.execute(_SNAP.update().where(_SNAP.c.id == snapshot_id).values(**values))
                report.replaced += 1
            existing[key] = Stored(snapshot_id, digest, format)
            rows.extend(_entry_rows(snapshot_id, snap))
        if rows:
            # one executemany: SQLAlchemy batches it into multi-row INSERTs on Postgres
            conn.execute(_ENTRY.insert(), rows)
        report.entries = len(rows)
    return report


class Fetcher(Protocol):
    """`url -> bytes`, raising ClaimwatchError. store/ has no network code: the caller
    (bot/net.py's guarded fetch) brings it."""

    def __call__(self, url: str, /) -> bytes: ...


def _is_url(item: str) -> bool:
    return item.startswith(("http://", "https://"))


def expand(items: Iterable[str | Path]) -> list[str]:
    """Paths and URLs, with each directory replaced by its files in name order."""
    out: list[str] = []
    for item in items:
        text = str(item)
        path = Path(text)
        if not _is_url(text) and path.is_dir():
            out.extend(
                str(p)
                for p in sorted(path.iterdir())
                if p.is_file() and not p.name.startswith(".") and p.name not in NOT_LEADERBOARDS
            )
        else:
            out.append(text)
    return out


def ingest_paths(
    engine: Engine,
    paths_or_urls: Iterable[str | Path],
    progress: Progress | None = None,
    *,
    fetch: Fetcher | None = None,
    format: str | None = None,
    date_hint: date | None = None,
    view: str | None = None,
    today: Callable[[], date] = date.today,
) -> IngestReport:
    """Ingest files and URLs one by one, each in its own transaction.

    A rejected file is reported in `errors` and the others still load. A URL without a
    date in its name (a live `leaderboard-text.json`) is dated `today()` unless
    `date_hint` says otherwise.
    """
    items = expand(paths_or_urls)
    report = IngestReport()
    for done, item in enumerate(items):
        if progress is not None:
            progress(done, len(items), item)
        try:
            if _is_url(item):
                if fetch is None:
                    raise ClaimwatchError(f"{item}: URLs need a fetcher (bot.net.sync_fetcher)")
                data = fetch(item)
                hint: date | None = date_hint or today()
            else:
                try:
                    data = Path(item).read_bytes()
                except OSError as exc:
                    raise ClaimwatchError(f"{item}: cannot read: {exc.strerror}") from None
                hint = date_hint
            parsed = parse_bytes(data, item, format=format, date_hint=hint, view=view)
            report.merge(ingest(engine, parsed.snapshots, item, format=parsed.format))
        except (LeaderboardFormatError, ClaimwatchError) as exc:
            report.files += 1
            report.errors.append(str(exc))
    if progress is not None:
        progress(len(items), len(items), "")
    return report


def bundled_paths() -> list[Path]:
    """The leaderboard files shipped in store/data/leaderboards, CSV history first."""
    files = [
        p
        for p in BUNDLED_DIR.iterdir()
        if p.name.endswith(".gz") and p.name not in NOT_LEADERBOARDS
    ]
    # the preferred format first, so the catalog's overlapping dates are simply "kept"
    return sorted(files, key=lambda p: (not p.name.startswith("lmarena-text-"), p.name))


def ingest_bundled(engine: Engine, progress: Progress | None = None) -> IngestReport:
    report = ingest_paths(engine, bundled_paths(), progress)
    if report.errors:
        raise ClaimwatchError(f"bundled leaderboard data is broken: {report.errors[0]}")
    return report
