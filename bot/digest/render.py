"""DigestData -> subject, HTML (inline CSS, no scripts) and a plain-text twin.

Autoescape is on for the HTML template, so a title such as `<script>` or `"><img`
arrives as text; links are only ever http(s) (a `javascript:` URL is shown, not
linked); every single-line field is flattened so a CR/LF in a title cannot break
the text layout or, in the subject, a header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from bot.digest.build import DigestData
from bot.digest.chart import country_name, render_png
from bot.render.evidence import as_html, as_text, read_evidence
from store import claims

TEMPLATES = Path(__file__).parent / "templates"
SUBJECT_HEADLINE = 70

VERDICT_WORDS = {**claims.VERDICT_WORDS, "pending": "Not yet checked"}
VERDICT_COLOURS = {
    "supported": "#1a7f37",
    "contradicted": "#cf222e",
    "within_uncertainty": "#9a6700",
    "partially_supported": "#bc4c00",
    "outdated": "#8250df",
}
_GREY = "#57606a"
_SPACE = re.compile(r"[\s\x00-\x1f\x7f\u2028\u2029\x85]+")


@dataclass(frozen=True, slots=True)
class Rendered:
    subject: str
    html: str
    text: str
    chart_png: bytes | None


def oneline(value: Any, limit: int | None = None) -> str:
    """Any text as one line: control characters and line breaks become single spaces."""
    text = _SPACE.sub(" ", "" if value is None else str(value)).strip()
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) URL that is safe to put in an href, else None."""
    if not url:
        return None
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if _SPACE.search(url):
        return None
    return url


def verdict_word(label: str | None) -> str:
    return VERDICT_WORDS.get(label or "pending", oneline(label))


def verdict_colour(label: str | None) -> str:
    return VERDICT_COLOURS.get(label or "pending", _GREY)


def signed(value: float | int | None, digits: int = 0) -> str:
    if value is None:
        return "–"
    return f"{value:+.{digits}f}" if digits else f"{round(value):+d}"


def score(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def percent(value: float) -> str:
    return f"{round(value * 100)}%"


def _reading(claim: Any) -> Any:
    judgement = getattr(claim, "judgement", None) or {}
    return read_evidence(judgement, getattr(claim, "data", None) or {}, as_of=claim.as_of)


def evidence_html(claim: Any) -> Markup:
    """The claim's evidence as the terminal and Discord word it (bot/render/evidence.py),
    every value HTML-escaped there; only the as-of groups, the e-mail stays short."""

    reading = _reading(claim)
    parts = []
    for section in as_html(reading)[: len(reading.groups)]:
        parts.append(
            f"{section.title}<br>" + "<br>".join(f"&nbsp;&nbsp;{line}" for line in section.lines)
        )
    # every value in `parts` was HTML-escaped by as_html; only our own <br> tags remain
    return Markup("<br>".join(parts))  # noqa: S704


def evidence_text(claim: Any) -> str:
    reading = _reading(claim)
    lines = []
    for section in as_text(reading)[: len(reading.groups)]:
        lines.append(section.title)
        lines.extend("  " + line for line in section.lines)
    return "\n".join(lines)


def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(enabled_extensions=("html",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        oneline=oneline,
        safe_url=safe_url,
        verdict_word=verdict_word,
        verdict_colour=verdict_colour,
        signed=signed,
        score=score,
        percent=percent,
        country=country_name,
        evidence_html=evidence_html,
        evidence_text=evidence_text,
    )
    return env


_ENV = _env()


def subject(data: DigestData) -> str:
    """One line, built from counts and at most one flattened statement."""
    if data.is_empty:
        return f"claimwatch digest {data.period}: nothing new"
    parts = []
    if data.new_count:
        parts.append(f"{data.new_count} new claim{'s' if data.new_count != 1 else ''}")
    if data.changes:
        n = len(data.changes)
        parts.append(f"{n} verdict{'s' if n != 1 else ''} changed")
    if not parts:
        parts.append("leaderboard moves")
    head = f"claimwatch digest {data.period}: " + ", ".join(parts)
    contradicted = next((g.claims for g in data.new_by_verdict if g.verdict == "contradicted"), ())
    if contradicted:
        head += f" (contradicted: {oneline(contradicted[0].statement, SUBJECT_HEADLINE)})"
    return oneline(head)


def _context(data: DigestData, chart_src: str | None) -> dict[str, Any]:
    return {
        "d": data,
        "chart_src": chart_src if data.chart is not None else None,
        "leaders": data.chart.leaders() if data.chart is not None else [],
    }


def render_html(data: DigestData, *, chart_src: str | None) -> str:
    """`chart_src`: "cid:..." in the email, the PNG's file name in a preview."""
    return _ENV.get_template("digest.html").render(_context(data, chart_src))


def render_text(data: DigestData) -> str:
    return _ENV.get_template("digest.txt").render(_context(data, None))


def render(data: DigestData, *, chart_src: str | None) -> Rendered:
    png = render_png(data.chart) if data.chart is not None else None
    return Rendered(
        subject=subject(data),
        html=render_html(data, chart_src=chart_src if png is not None else None),
        text=render_text(data),
        chart_png=png,
    )
