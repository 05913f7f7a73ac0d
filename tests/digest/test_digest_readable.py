"""The digest reads like the alerts: unverifiable claims counted per reason, evidence
worded as in the terminal and Discord, and a chart whose x-axis ends at the data."""

from __future__ import annotations

import io
from datetime import date
from typing import cast

from PIL import Image
from sqlalchemy.engine import Engine

from bot.digest.build import build_digest
from bot.digest.chart import ChartData, Point, render_png
from bot.digest.render import render_html, render_text
from tests.digest.digest_support import HOSTILE_MODEL, WEEK, add_claims, fake_facts, seed_all


def test_unverifiable_claims_are_one_counted_line_per_reason(engine: Engine) -> None:
    seed_all(engine)
    stale = add_claims(engine, 18, "unverifiable", "no_data_for_date")
    missing = add_claims(engine, 2, "unverifiable", "model_not_found")
    data = build_digest(engine, WEEK, facts=fake_facts, with_chart=False)
    text = render_text(data)
    assert "Unverifiable (20)" in text
    ids = ", ".join(f"#{i}" for i in stale[:8])
    assert f"  no data for date: 18 claims ({ids}, ...)" in text
    assert f"  model not found: 2 claims (#{missing[0]}, #{missing[1]})" in text
    assert "claimwatch claims --verdict unverifiable" in text
    # no near-identical items: the statements themselves are not listed
    assert "number 3 beats another" not in text
    html = render_html(data, chart_src=None)
    assert "no data for date: 18 claims" in html and "number 3 beats another" not in html


def test_evidence_reads_as_in_the_alerts_and_is_escaped(engine: Engine) -> None:
    seed_all(engine)
    judgement = {
        "snapshot": "2025-07-27",
        "evidence": [
            {
                "board": "lmarena-text",
                "snapshot": "2025-07-27",
                "view": "raw",
                "model": HOSTILE_MODEL,
                "rank": 1,
                "score": 1470.4321,
                "role": "model_a",
            },
            {
                "board": "lmarena-text",
                "snapshot": "2025-07-27",
                "view": "raw",
                "model": "M2",
                "rank": 2,
                "score": 1450.0,
                "ci": [1445.0, 1455.0],
                "votes": 12000,
                "role": "model_b",
            },
        ],
    }
    add_claims(engine, 1, "supported", None, judgement)
    data = build_digest(engine, WEEK, facts=fake_facts, with_chart=False)
    text = render_text(data)
    assert "Evidence: lmarena-text · raw ratings · snapshot 2025-07-27" in text
    assert f"{HOSTILE_MODEL} (claimed leader): rank 1 · score 1,470" in text
    assert "M2 (compared with): rank 2 · score 1,450 · 95% CI 1,445–1,455 · 12,000 votes" in text
    html = render_html(data, chart_src=None)
    assert "&lt;b&gt;Evil&lt;/b&gt; &amp; Co" in html and "<b>Evil</b>" not in html


WEEK_SHADE = (255, 234, 167)  # #FFD54F at alpha 0.5 over white


def _colours(png: bytes) -> set[tuple[int, int, int]]:
    with Image.open(io.BytesIO(png)) as img:
        colours = img.convert("RGB").getcolors(maxcolors=1_000_000) or []
    # an RGB image's colours are (r, g, b); the stubs allow any band count
    return {cast(tuple[int, int, int], c) for _, c in colours}


def _chart(first_day: date, latest: date) -> ChartData:
    pts = (Point(date(2025, 1, 1), 1300.0, "A"), Point(latest, 1350.0, "B"))
    return ChartData({"CN": pts}, first_day, date.fromordinal(first_day.toordinal() + 6), latest)


def near(colours: set[tuple[int, int, int]]) -> bool:
    return any(all(abs(a - b) <= 3 for a, b in zip(c, WEEK_SHADE, strict=True)) for c in colours)


def test_chart_marks_the_week_only_inside_the_data() -> None:
    inside = _colours(render_png(_chart(date(2025, 7, 28), date(2025, 8, 1))))
    assert near(inside)
    # a week long after the data: no shading, no empty months up to it
    after = _colours(render_png(_chart(date(2026, 11, 30), date(2025, 8, 1))))
    assert not near(after)
