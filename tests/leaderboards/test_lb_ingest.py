"""Ingest and load on a real database (SQLite and Postgres via the `engine` fixture)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from store.errors import ClaimwatchError
from store.leaderboards import ingest as ingest_mod
from store.leaderboards.base import BoardSnapshot
from store.leaderboards.ingest import ingest, ingest_paths
from store.leaderboards.load import latest_on_or_before, load_all, snapshot_dates
from store.models import Entry, Leaderboard, Snapshot
from tests.leaderboards.leaderboards_support import bundled, entry, parse

HEADER = (
    "rank,rank_stylectrl,model,arena_score,95_pct_ci,votes,organization,license,"
    "knowledge_cutoff,url\n"
)


def count(engine: Engine, table: type) -> int:
    with engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


def test_round_trip_is_exact(engine: Engine) -> None:
    files = ["lmarena-text-2025-07-18.csv.gz", "open-llm-leaderboard-v2-2024-07-16.csv.gz"]
    parsed = [parse(f) for f in files]
    for p in parsed:
        report = ingest(engine, p.snapshots, p.origin, format=p.format)
        assert report.added == len(p.snapshots) and report.entries == p.entry_count
    loaded = load_all(engine)
    expected = sorted(
        (s for p in parsed for s in p.snapshots),
        key=lambda s: (s.board, s.category, s.view, s.date),
    )
    assert loaded == expected  # every field of every entry, extras included
    assert load_all(engine, boards=["open-llm-leaderboard-v2"]) == parsed[1].snapshots
    assert load_all(engine, boards=["nope"]) == []


def test_leaderboard_rows_are_filled(engine: Engine) -> None:
    ingest_paths(engine, [bundled("lmarena-history-result.csv.gz")])
    with Session(engine) as session:
        row = session.exec(select(Leaderboard)).one()
    assert (row.slug, row.format, row.metric) == ("lmarena-history", "elo-history-csv", "elo")
    assert "history" in row.name.lower()
    assert count(engine, Snapshot) == 98


def test_reingest_is_a_no_op(engine: Engine) -> None:
    paths = [bundled("lmarena-text-2024-08-01.csv.gz"), bundled("lmarena-text-2024-08-02.csv.gz")]
    first = ingest_paths(engine, paths)
    assert (first.added, first.unchanged, first.errors) == (2, 0, [])
    entries = count(engine, Entry)
    second = ingest_paths(engine, paths)
    assert (second.added, second.replaced, second.unchanged, second.entries) == (0, 0, 2, 0)
    assert count(engine, Entry) == entries and count(engine, Snapshot) == 2


def test_rejected_file_stores_nothing_and_others_still_load(engine: Engine, tmp_path: Path) -> None:
    bad = tmp_path / "2025-07-01.csv"
    rows = [f"{i},{i},Model-{i},{1500 - i},+5/-5,1000,Org,MIT,,\n" for i in range(1, 50)]
    bad.write_text(HEADER + "".join(rows) + "50,50,Model-50,1450,+5,1000,Org,MIT,,\n")
    good = bundled("lmarena-text-2024-08-02.csv.gz")
    report = ingest_paths(engine, [bad, good])
    assert report.errors == [f"{bad}:51: 95_pct_ci: not of the form +U/-L: '+5'"]
    assert report.added == 1
    assert snapshot_dates(engine, "lmarena-text") == [date(2024, 8, 2)]


def test_a_failure_mid_file_rolls_the_whole_file_back(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed = parse("leaderboard-text-2025-05-24.json.gz")  # 19 category snapshots
    calls = {"n": 0}
    real = ingest_mod._entry_rows

    def flaky(snapshot_id: int, snap: BoardSnapshot) -> list[dict[str, Any]]:
        calls["n"] += 1
        if calls["n"] == 5:
            raise RuntimeError("disk full")
        return real(snapshot_id, snap)

    monkeypatch.setattr(ingest_mod, "_entry_rows", flaky)
    with pytest.raises(RuntimeError):
        ingest(engine, parsed.snapshots, parsed.origin, format=parsed.format)
    assert count(engine, Snapshot) == 0 and count(engine, Entry) == 0
    assert count(engine, Leaderboard) == 0


def test_csv_snapshot_wins_over_catalog_for_the_same_date(engine: Engine) -> None:
    catalog = bundled("leaderboard-text-2025-03-07.json.gz")
    csv = bundled("lmarena-text-2025-03-07.csv.gz")
    first = ingest_paths(engine, [catalog])
    assert first.added == 20  # 20 categories, all raw
    # the CSV replaces the catalog's full/raw and adds its style_control ranks
    second = ingest_paths(engine, [csv])
    assert (second.replaced, second.added) == (1, 1)
    # ingesting the catalog again keeps the CSV one; its other categories are unchanged
    third = ingest_paths(engine, [catalog])
    assert (third.kept, third.unchanged, third.added, third.replaced) == (1, 19, 0, 0)
    full = latest_on_or_before(engine, "lmarena-text", date(2025, 3, 7))
    assert full is not None and full.entries[0].votes is not None  # the CSV's rows
    coding = latest_on_or_before(engine, "lmarena-text", date(2025, 3, 7), category="coding")
    assert coding is not None and coding.entries[0].votes is None  # the catalog's rows


def test_same_format_republication_replaces_entries_in_place(
    engine: Engine, tmp_path: Path
) -> None:
    # dated after 2025-07-27: a CSV then yields one (raw) snapshot
    path = tmp_path / "2025-08-09.csv"
    path.write_text(HEADER + "1,1,A,1474,+5/-4,100,Org,MIT,,\n2,2,B,1443,+7/-8,50,Org,MIT,,\n")
    ingest_paths(engine, [path])
    with engine.connect() as conn:
        sid = conn.execute(sa.select(col(Snapshot.id))).scalar_one()
    path.write_text(HEADER + "1,1,B,1480,+5/-4,120,Org,MIT,,\n2,2,A,1470,+5/-5,110,Org,MIT,,\n")
    report = ingest_paths(engine, [path])
    assert report.replaced == 1 and report.entries == 2
    snap = latest_on_or_before(engine, "lmarena-text", date(2025, 8, 9))
    assert snap is not None and [e.model for e in snap.entries] == ["B", "A"]
    with engine.connect() as conn:
        assert conn.execute(sa.select(col(Snapshot.id))).scalar_one() == sid  # verdicts keep it
    assert count(engine, Entry) == 2


def test_latest_on_or_before_never_uses_a_later_snapshot(engine: Engine) -> None:
    ingest_paths(
        engine,
        [bundled("lmarena-text-2024-08-01.csv.gz"), bundled("lmarena-text-2024-08-06.csv.gz")],
    )

    def picked(day: date) -> date | None:
        snap = latest_on_or_before(engine, "lmarena-text", day)
        return None if snap is None else snap.date

    assert picked(date(2024, 7, 31)) is None
    assert picked(date(2024, 8, 1)) == date(2024, 8, 1)
    assert picked(date(2024, 8, 5)) == date(2024, 8, 1)
    assert picked(date(2024, 8, 6)) == date(2024, 8, 6)
    style = latest_on_or_before(engine, "lmarena-text", date(2024, 8, 30), view="style_control")
    assert style is None  # these files have no rank_stylectrl column
    assert latest_on_or_before(engine, "lmarena-text", date(2024, 8, 5), category="math") is None


def test_urls_are_fetched_and_dated_today(engine: Engine) -> None:
    catalog = bundled("leaderboard-text-style-control-2025-11-05.json.gz").read_bytes()
    base = "https://raw.githubusercontent.com/lmarena/arena-catalog/main/data/"

    def fetch(url: str) -> bytes:
        # the network side (bot/net.py) hands ingest bytes or a ClaimwatchError
        if url.endswith("/leaderboard-text-style-control.json"):
            return catalog
        raise ClaimwatchError(f"{url}: HTTP 404")

    seen: list[tuple[int, int]] = []
    report = ingest_paths(
        engine,
        [base + "leaderboard-text-style-control.json", base + "missing.json"],
        lambda done, total, _item: seen.append((done, total)),
        fetch=fetch,
        today=lambda: date(2025, 11, 6),
    )
    assert report.errors == [f"{base}missing.json: HTTP 404"]
    assert report.added == 20 and seen == [(0, 2), (1, 2), (2, 2)]
    snap = latest_on_or_before(engine, "lmarena-text", date(2025, 11, 6), view="style_control")
    assert snap is not None and snap.date == date(2025, 11, 6)
    # leaderboard-text-style-control-2025-11-05.json "full": gemini-2.5-pro leads
    assert snap.entries[0].rank == 1
    assert entry(snap, snap.entries[0].model).score == snap.entries[0].score


def test_a_url_without_a_fetcher_is_refused_not_fetched(engine: Engine) -> None:
    """store/ has no network code: a URL needs the caller's guarded fetcher."""
    report = ingest_paths(engine, ["http://127.0.0.1:9/leaderboard.csv"])
    assert report.errors and "fetcher" in report.errors[0]
