"""/leaderboard: the top of a board as of a date, optionally as a chart image."""

from __future__ import annotations

import asyncio
import io
from dataclasses import dataclass
from datetime import date

from sqlalchemy.engine import Engine

from bot.boards import age_note, board_catalog, newest, require_slice, staleness_warning
from bot.claim_filters import CommandError
from bot.discord.replies import (
    CommandContext,
    Invoker,
    Reply,
    ReplyFile,
    TopLoader,
    TopRow,
    TopTable,
    friendly,
    parse_day,
)
from bot.render.cards import Card, escape
from bot.render.evidence import VIEW_NAMES
from store.leaderboards.filters import select_entries
from store.leaderboards.load import latest_on_or_before
from store.registry import load_registry

DEFAULT_BOARD = "lmarena-text"


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}" if abs(value) >= 100 else f"{value:.2f}"


def row_line(row: TopRow) -> str:
    parts = [f"`{row.rank if row.rank is not None else '-':>3}` **{escape(row.model)}**"]
    if row.score is not None:
        parts.append(_num(row.score))
    if row.ci:
        parts.append(f"CI {_num(row.ci[0])}–{_num(row.ci[1])}")
    if row.votes is not None:
        parts.append(f"{row.votes:,} votes")
    facts = [f for f in (row.organisation, row.country) if f]
    if row.open_weights is not None:
        facts.append("open weights" if row.open_weights else "closed")
    if facts:
        parts.append(escape(", ".join(facts)))
    return " · ".join(parts)


def chart_png(table: TopTable) -> bytes:
    """A horizontal bar chart of the rows' scores (matplotlib, no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = [r for r in table.rows if r.score is not None]
    fig, ax = plt.subplots(figsize=(8, 0.45 * max(len(rows), 3) + 1), dpi=100)
    try:
        names = [r.model for r in rows][::-1]
        scores = [r.score or 0.0 for r in rows][::-1]
        cis = [r.ci for r in rows][::-1]
        # the CI's lower half as the error bar (boards publish near-symmetric intervals)
        errors = [max(s - ci[0], 0.0) for s, ci in zip(scores, cis, strict=True) if ci]
        ax.barh(names, scores, color="#5865F2", xerr=errors if len(errors) == len(rows) else None)
        if scores:
            low = min(scores)
            ax.set_xlim(low - (max(scores) - low) * 0.2 - 1, max(scores) * 1.002 + 1)
        ax.set_xlabel(table.metric)
        ax.set_title(f"{table.board} ({table.category}, {table.view}), snapshot {table.snapshot}")
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        return buf.getvalue()
    finally:
        plt.close(fig)


@dataclass(frozen=True, slots=True)
class TopQuery:
    """/leaderboard's options, checked: the same values `leaderboard top` takes."""

    board: str
    day: date
    category: str
    view: str
    open_weights: bool
    country: str | None
    limit: int


def _country_code(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None

    registry = load_registry()
    code = registry.country(value)
    if code is None:
        known = ", ".join(sorted(set(registry.country_names.values())))
        raise CommandError(f"unknown country {value.strip()!r}: use one of {known}")
    return code


async def validate_top_query(
    ctx: CommandContext,
    board: str | None = None,
    open_weights: bool = False,
    country: str | None = None,
    date_: str | None = None,
    category: str | None = None,
    view: str | None = None,
    limit: int = 10,
) -> TopQuery:
    """Every option validated before any slow work: a mistake is answered at once, and
    only to the one who made it."""
    day = parse_day(date_, default=ctx.today())
    code = await asyncio.to_thread(_country_code, country)
    slug = (board or DEFAULT_BOARD).strip()
    cat = (category or "full").strip()
    chosen_view = (view or "raw").strip()
    catalog = await ctx.db(board_catalog, ctx.engine)
    if catalog:  # with no data at all, the loader's "no snapshot" says so
        require_slice(catalog, slug, cat, chosen_view)
    return TopQuery(slug, day, cat, chosen_view, open_weights, code, max(1, min(limit, 25)))


@friendly
async def leaderboard_command(
    ctx: CommandContext,
    invoker: Invoker,
    board: str | None = None,
    open_weights: bool = False,
    country: str | None = None,
    date_: str | None = None,
    chart: bool = False,
    limit: int = 10,
    category: str | None = None,
    view: str | None = None,
) -> Reply:
    q = await validate_top_query(ctx, board, open_weights, country, date_, category, view, limit)
    if ctx.top_loader is None:
        raise CommandError("leaderboards are not available on this server")
    table = await ctx.top_loader(
        q.board, q.day, q.open_weights, q.country, q.limit, category=q.category, view=q.view
    )
    if table is None:
        raise CommandError(f"no {q.board} snapshot on or before {q.day}")
    today = ctx.today()
    if not table.rows:
        return Reply(
            content=f"No models match on {q.board} ({age_note(table.snapshot, today)}).",
            ephemeral=True,
        )
    filters = [f for f in ("open weights" if q.open_weights else "", q.country or "") if f]
    if q.category != "full":
        filters.insert(0, f"category {q.category}")
    if q.view != "raw":
        filters.insert(0, VIEW_NAMES.get(q.view, q.view))
    title = f"Top of {table.board}" + (f" ({', '.join(filters)})" if filters else "")
    warning = None
    if date_ is None or not date_.strip():
        catalog = await ctx.db(board_catalog, ctx.engine)
        warning = staleness_warning(newest(catalog, q.board), today, ctx.staleness_days, q.board)
    card = Card(
        title=title,
        description="\n".join(row_line(r) for r in table.rows),
        footer=f"{age_note(table.snapshot, today)} (newest on or before {q.day}) · "
        f"metric {table.metric}",
    )
    image = None
    if chart:
        data = await asyncio.to_thread(chart_png, table)
        image = ReplyFile(f"{table.board}-{table.snapshot}.png", data)
    return Reply(content=warning or "", cards=(card,), file=image)


def default_top_loader(engine: Engine) -> TopLoader:
    """The store's leaderboard loader (load + filters + registry)."""

    def _load(
        board: str,
        day: date,
        open_weights: bool,
        country: str | None,
        limit: int,
        category: str = "full",
        view: str = "raw",
    ) -> TopTable | None:
        snap = latest_on_or_before(engine, board, day, category=category, view=view)
        if snap is None:
            return None
        # the registry also places arena-catalog rows, which carry no organisation
        registry = load_registry()
        listed = select_entries(
            snap.entries, registry, open_weights=open_weights, country=country, limit=limit
        )
        rows = []
        for item in listed:
            e, facts = item.entry, item.facts
            rows.append(
                TopRow(
                    rank=e.rank,
                    model=e.model,
                    score=e.score,
                    ci=(e.ci_lower, e.ci_upper)
                    if e.ci_lower is not None and e.ci_upper is not None
                    else None,
                    votes=e.votes,
                    organisation=(facts.organisation if facts else None) or e.organisation,
                    country=facts.country if facts else None,
                    open_weights=facts.open_weights if facts else None,
                )
            )
        return TopTable(snap.board, snap.date, snap.metric, tuple(rows), category, view)

    async def loader(
        board: str,
        day: date,
        open_weights: bool,
        country: str | None,
        limit: int,
        category: str = "full",
        view: str = "raw",
    ) -> TopTable | None:
        return await asyncio.to_thread(
            _load, board, day, open_weights, country, limit, category, view
        )

    return loader
