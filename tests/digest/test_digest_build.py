"""What the digest says about a seeded week (rows and expectations in digest_support.py)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine

from bot.digest.build import build_digest, pick_moves, rank_sources
from store.digest_queries import BoardEntryPair, BoardWeek, SourceTally
from tests.digest.digest_support import WEEK, fake_facts, seed_all


def test_week_collects_claims_changes_sources_moves_and_troubles(engine: Engine) -> None:
    ids = seed_all(engine)
    d = build_digest(engine, WEEK, facts=fake_facts)
    # C7 (next week) and C8 (the Sunday before) are outside; C9 (last second) is inside
    grouped = [(g.verdict, [c.id for c in g.claims]) for g in d.new_by_verdict]
    assert grouped == [
        ("supported", [ids["C1"]]),
        ("contradicted", [ids["C3"], ids["C2"]]),  # by first seen: 07-30 before 07-31
        ("within_uncertainty", [ids["C4"]]),
        ("pending", [ids["C9"]]),
    ]
    assert d.new_count == 5 and not d.is_empty
    c1 = d.new_by_verdict[0].claims[0]
    assert [a.url for a in c1.articles] == ["https://a.example/k2", "javascript:alert(1)"]
    assert [a.source for a in c1.articles] == ["outlet-a", "outlet-b"]
    assert c1.quote == "Kimi K2 is now the best open model"
    # C5 went supported -> contradicted during the week; C6 was re-judged with the same label
    assert [(c.claim.id, c.before, c.after) for c in d.changes] == [
        (ids["C5"], "supported", "contradicted")
    ]
    # outlet-a: C1, C4 held -> 2/2; outlet-b: C1 held, C3 and C2 contradicted -> 1/3;
    # outlet-c's only appearance (C5) was recorded before the week
    assert [(s.source, s.held, s.contradicted) for s in d.most_reliable] == [("outlet-a", 2, 0)]
    assert [(s.source, s.held, s.contradicted) for s in d.least_reliable] == [("outlet-b", 1, 2)]
    # lmarena-text: last before the week 07-27, last in it 08-01 (07-28 and 08-04 ignored)
    [board] = d.boards
    assert (board.snapshot_before, board.snapshot_after) == (date(2025, 7, 27), date(2025, 8, 1))
    assert [(m.model, m.rank_delta, m.score_delta) for m in board.moves] == [
        ("M3", 1, 12.0),
        ("M2", -1, -1.0),
        ("M4", -1, 0.0),
        ("M1", 0, 1.0),
    ]
    assert [(m.model, m.rank_after) for m in board.new_entries] == [("NewModel", 4)]
    assert [s.name for s in d.troubles.sources] == ["dead-feed", "broken-feed"]
    assert [(t.name, t.reason) for t in d.troubles.destinations] == [
        ("discord-main", "404 Unknown Webhook")
    ]
    # chart: open-weights only (M1 is proprietary), per country, snapshots up to Sunday 08-03
    assert d.chart is not None
    assert [(cc, p.model, p.score) for cc, p in d.chart.leaders()] == [
        ("CN", "M3", 1452.0),
        ("FR", "NewModel", 1445.0),
        ("US", "M4", 1430.0),
    ]
    us = [(p.date.isoformat(), p.score) for p in d.chart.series["US"]]
    assert us == [
        ("2025-07-18", 1420.0),
        ("2025-07-27", 1430.0),
        ("2025-07-28", 1500.0),
        ("2025-08-01", 1430.0),
    ]
    assert d.chart.latest_snapshot == date(2025, 8, 1)


def test_empty_week_is_empty_but_still_has_troubles_and_a_stale_chart(engine: Engine) -> None:
    seed_all(engine)
    d = build_digest(engine, "2025-W40", facts=fake_facts)
    assert d.is_empty and d.new_count == 0 and not d.changes and not d.boards
    assert not d.most_reliable and not d.least_reliable
    assert len(d.troubles.sources) == 2
    assert d.chart is not None and d.chart.latest_snapshot == date(2025, 8, 4)
    assert d.chart.latest_snapshot < d.first_day


def test_no_registry_means_no_chart_and_a_note(engine: Engine) -> None:
    seed_all(engine)
    d = build_digest(engine, WEEK, facts=None)
    assert d.chart is None and d.chart_note and "registry" in d.chart_note


def test_empty_database(engine: Engine) -> None:
    d = build_digest(engine, WEEK, facts=fake_facts)
    assert d.is_empty and d.chart is None and d.chart_note


def test_rank_sources_splits_best_and_worst_without_overlap() -> None:
    one = rank_sources([SourceTally("a", 1, 1)])
    assert [s.source for s in one[0]] == ["a"] and one[1] == ()
    tallies = [
        SourceTally("perfect-small", 1, 0),
        SourceTally("perfect-big", 5, 0),
        SourceTally("half", 2, 2),
        SourceTally("bad", 0, 3),
        SourceTally("unchecked", 0, 0),  # nothing held or contradicted: not ranked
    ]
    most, least = rank_sources(tallies, limit=3)
    # 4 ranked sources: the better half (2) are "most", worst first on the other side
    assert [s.source for s in most] == ["perfect-big", "perfect-small"]
    assert [s.source for s in least] == ["bad", "half"]
    assert most[0].share == 1.0 and least[0].share == 0.0


def test_pick_moves_needs_a_snapshot_before_and_ignores_the_tail() -> None:
    pairs = (BoardEntryPair("b", "x", None, None, 1, 1400.0),)
    first = pick_moves(BoardWeek("b", "B", None, date(2025, 1, 1), pairs))
    assert first.moves == () and first.new_entries == ()
    tail = (
        BoardEntryPair("b", "deep", 120, 1100.0, 90, 1150.0),  # +30 places, far from the top
        BoardEntryPair("b", "top", 3, 1400.0, 2, 1401.0),
        BoardEntryPair("b", "gone", 4, 1390.0, None, None),  # left the board: not a move
        BoardEntryPair("b", "late", None, None, 80, 1200.0),  # new but outside the top 50
    )
    moved = pick_moves(BoardWeek("b", "B", date(2025, 1, 1), date(2025, 1, 8), tail))
    assert [m.model for m in moved.moves] == ["top"]
    assert moved.new_entries == ()


def test_a_week_long_after_the_data_still_charts_the_last_year_of_data(engine: Engine) -> None:
    seed_all(engine)
    d = build_digest(engine, "2026-W47", facts=fake_facts)
    assert d.chart is not None and d.chart.latest_snapshot == date(2025, 8, 4)
    # the seeded board's whole history (2025-07-18 on) is within a year of its newest day
    assert d.chart.series["CN"][0].date == date(2025, 7, 18)
