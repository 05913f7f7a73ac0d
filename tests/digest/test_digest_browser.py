"""The preview opened in real headless Chromium: the page renders and the chart loads.

The e-mail has no scripts, so the test wraps a copy of the preview in a page with one
small script that reports the chart's natural size, and reads it back with --dump-dom.
A wrapper pointing at a missing image must report 0: the check can fail.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from bot.digest.deliver import write_preview
from tests.digest.digest_support import HOSTILE_MODEL, WEEK, add_claims, fake_facts, seed_all

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
_REPORT = """<script>
window.addEventListener("load", () => {
  const img = document.querySelector("img");
  const size = img ? img.naturalWidth + "x" + img.naturalHeight : "none";
  document.body.setAttribute("data-chart", size);
});
</script>"""


@pytest.fixture
def chromium() -> str:
    if CHROMIUM is None:
        if os.environ.get("CLAIMWATCH_REQUIRE_BROWSER") == "1":
            pytest.fail("chromium is not installed but CLAIMWATCH_REQUIRE_BROWSER=1")
        pytest.skip("headless browser test skipped: install chromium (apt-get install chromium)")
    return CHROMIUM


def run_chromium(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )


def chart_size(binary: str, tmp: Path, html: str, name: str) -> str:
    page = tmp / name
    page.write_text(html.replace("</body>", _REPORT + "</body>"), encoding="utf-8")
    done = run_chromium(
        binary, tmp / f"profile-{name}", "--virtual-time-budget=5000", "--dump-dom", page.as_uri()
    )
    m = re.search(r'data-chart="([^"]*)"', done.stdout)
    assert m, f"no report in the DOM; stderr: {done.stderr[-2000:]}"
    return m.group(1)


# the browser sees the same HTML whichever database built it: SQLite is enough here
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_preview_renders_and_its_chart_loads(engine: Engine, tmp_path: Path, chromium: str) -> None:
    from PIL import Image

    seed_all(engine)
    html_path, png_path, _ = write_preview(engine, WEEK, tmp_path / "digest.html", facts=fake_facts)
    assert png_path == tmp_path / "digest-chart.png" and png_path.stat().st_size > 5000
    html = html_path.read_text(encoding="utf-8")
    assert "<script" not in html.lower() and 'src="digest-chart.png"' in html

    # the chart loads at the size it was drawn (720x360), and a missing one would not
    assert chart_size(chromium, tmp_path, html, "wrapped.html") == "720x360"
    broken = html.replace("digest-chart.png", "missing.png")
    assert chart_size(chromium, tmp_path, broken, "broken.html") == "0x0"

    shot = tmp_path / "shot.png"
    done = run_chromium(
        chromium,
        tmp_path / "profile-shot",
        "--window-size=800,2000",
        "--hide-scrollbars",
        f"--screenshot={shot}",
        html_path.as_uri(),
    )
    assert shot.exists(), done.stderr[-2000:]
    with Image.open(shot) as img:
        assert img.size == (800, 2000)
        rgb = img.convert("RGB")
        colours = rgb.getcolors(maxcolors=1_000_000) or []
        # text, coloured verdict headings and the chart: far more than a blank page's few
        assert len(colours) > 200
        # the chart's China line (#D55E00) is on screen, so the image was painted
        assert any(c == (0xD5, 0x5E, 0x00) for _, c in colours)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_preview_in_chromium_counts_unverifiable_and_shows_evidence_as_text(
    engine: Engine, tmp_path: Path, chromium: str
) -> None:
    seed_all(engine)
    add_claims(engine, 18, "unverifiable", "no_data_for_date")
    evidence = {
        "snapshot": "2025-07-27",
        "evidence": [
            {
                "board": "lmarena-text",
                "snapshot": "2025-07-27",
                "view": "style_control",
                "model": HOSTILE_MODEL,
                "rank": 1,
                "role": "model_a",
            }
        ],
    }
    add_claims(engine, 1, "supported", None, evidence)
    html_path, _, _ = write_preview(engine, WEEK, tmp_path / "digest.html", facts=fake_facts)
    done = run_chromium(
        chromium,
        tmp_path / "profile-dom",
        "--virtual-time-budget=3000",
        "--dump-dom",
        html_path.as_uri(),
    )
    dom = done.stdout
    assert "no data for date: 18 claims" in dom, done.stderr[-2000:]
    assert "number 3 beats another" not in dom
    # the board's text reached the page as text (escaped in the DOM, inside our own
    # bold), never as an element of its own
    assert "<b>&lt;b&gt;Evil&lt;/b&gt; &amp; Co</b> (claimed leader): rank 1" in dom
    assert "style-controlled ratings · snapshot 2025-07-27" in dom
