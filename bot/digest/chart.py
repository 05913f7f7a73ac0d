"""The digest's chart: the best open-weights model's score by country over time.

One picture answers the question the news keeps asking ("have China's open models
overtaken the US's?") better than a paragraph. `best_open_by_country` is pure;
`render_png` draws with matplotlib's object API on the Agg canvas (no pyplot state,
no display, safe in a service thread).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from store.digest_queries import ScorePoint
from store.registry.base import ModelFacts

Facts = Callable[[str, str | None, str | None], ModelFacts]

WINDOW = timedelta(days=365)
MAX_COUNTRIES = 5
COUNTRY_NAMES = {
    "US": "United States",
    "CN": "China",
    "FR": "France",
    "GB": "United Kingdom",
    "CA": "Canada",
    "DE": "Germany",
    "IL": "Israel",
    "KR": "South Korea",
    "JP": "Japan",
    "AE": "UAE",
    "IN": "India",
    "SG": "Singapore",
}
# colour-blind-safe (Okabe-Ito), fixed per country so weeks compare at a glance
_COLOURS = {"US": "#0072B2", "CN": "#D55E00", "FR": "#009E73", "GB": "#CC79A7", "CA": "#E69F00"}
_SPARE = ["#56B4E9", "#F0E442", "#000000", "#999999"]


@dataclass(frozen=True, slots=True)
class Point:
    date: date
    score: float
    model: str


@dataclass(frozen=True, slots=True)
class ChartData:
    series: dict[str, tuple[Point, ...]]  # country -> best open model per snapshot date
    first_day: date  # the digest's week
    last_day: date
    latest_snapshot: date

    def leaders(self) -> list[tuple[str, Point]]:
        """Each country's newest point, best first: the chart's caption in words."""
        last = [(cc, pts[-1]) for cc, pts in self.series.items() if pts]
        return sorted(last, key=lambda item: -item[1].score)


def country_name(code: str) -> str:
    return COUNTRY_NAMES.get(code, code)


def best_open_by_country(
    points: Sequence[ScorePoint],
    facts: Facts,
    first_day: date,
    last_day: date,
    *,
    max_countries: int = MAX_COUNTRIES,
) -> ChartData | None:
    """Per snapshot date and country, the top-scoring open-weights model.

    Only the year of data up to the week (or up to the newest snapshot, when the data
    stops before the week) is kept; the countries shown are the `max_countries` with
    the best open model on the newest date. None when no model qualifies.
    """
    cache: dict[tuple[str, str | None, str | None], ModelFacts] = {}
    best: dict[tuple[date, str], Point] = {}
    for p in points:
        if p.date > last_day:
            continue
        key = (p.model, p.organisation, p.licence)
        f = cache.get(key)
        if f is None:
            f = cache[key] = facts(*key)
        if f.open_weights is not True or not f.country:
            continue
        slot = (p.date, f.country)
        if slot not in best or p.score > best[slot].score:
            best[slot] = Point(p.date, p.score, p.model)
    if not best:
        return None
    latest = max(d for d, _ in best)
    since = min(last_day, latest) - WINDOW
    series: dict[str, list[Point]] = {}
    for (d, cc), pt in sorted(best.items()):
        if d >= since:
            series.setdefault(cc, []).append(pt)
    # rank countries by their newest point, so a country that left the board sinks
    ranked = sorted(
        series, key=lambda cc: (-series[cc][-1].date.toordinal(), -series[cc][-1].score)
    )
    keep = ranked[:max_countries]
    return ChartData(
        series={cc: tuple(series[cc]) for cc in keep},
        first_day=first_day,
        last_day=last_day,
        latest_snapshot=latest,
    )


def _x(day: date) -> float:
    """A date as matplotlib's x coordinate (its date2num is untyped)."""
    import matplotlib.dates as mdates

    return float(mdates.date2num(day))  # type: ignore[no-untyped-call]


def render_png(data: ChartData, *, width_px: int = 720, height_px: int = 360) -> bytes:
    """The chart as PNG bytes."""
    # the Agg canvas directly: no pyplot, no global backend switch for other users
    import matplotlib.dates as mdates
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    dpi = 100
    fig = Figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    spare = iter(_SPARE)
    for cc, pts in data.series.items():
        colour = _COLOURS.get(cc) or next(spare, "#666666")
        xs = [_x(p.date) for p in pts]
        ys = [p.score for p in pts]
        ax.step(xs, ys, where="post", color=colour, linewidth=2, label=country_name(cc))
        ax.plot(xs[-1:], ys[-1:], "o", color=colour, markersize=4)  # one-point series show too
        ax.annotate(
            pts[-1].model,
            (xs[-1], ys[-1]),
            xytext=(4, 0),
            textcoords="offset points",
            fontsize=7,
            color=colour,
            va="center",
            annotation_clip=False,  # the names sit in the right margin
        )
    # the x-axis ends at the data: the week is shaded only when the data reaches it,
    # otherwise the chart says since when there is none (no empty year to "this week")
    data_end = _x(data.latest_snapshot)
    if data.first_day <= data.latest_snapshot:
        week_start = _x(data.first_day)
        week_end = _x(data.last_day + timedelta(days=1))
        ax.axvspan(week_start, week_end, color="#FFD54F", alpha=0.5)
        ax.axvline(week_start, color="#B8860B", linewidth=0.8)
        ax.text(
            week_start,
            1.0,
            " this week",
            transform=ax.get_xaxis_transform(),
            fontsize=8,
            va="top",
            color="#7A5C00",
        )
        ax.set_xlim(right=max(week_end, data_end))
    else:
        ax.set_xlim(right=data_end)
        ax.text(
            1.0,
            0.02,
            f"no data since {data.latest_snapshot.isoformat()}",
            transform=ax.transAxes,
            fontsize=8,
            ha="right",
            va="bottom",
            color="#7A5C00",
        )
    ax.set_title("Best open-weights model on LMArena text, by country", fontsize=11)
    ax.set_ylabel("Arena score")
    ax.grid(True, alpha=0.3)
    locator = mdates.AutoDateLocator(maxticks=8)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    # scores climb over time, so the upper left is where the lines are not
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.subplots_adjust(left=0.09, right=0.72, top=0.9, bottom=0.12)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()
