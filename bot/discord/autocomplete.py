"""Suggestions for slash-command options as the user types (plain data, no discord.py).

Each returns at most 25 (label, value) pairs, Discord's limit:
https://discord.com/developers/docs/interactions/application-commands#autocomplete
"""

from __future__ import annotations

from sqlmodel import Session

from bot.boards import BoardSlice, board_catalog
from bot.discord.replies import CommandContext
from store.claims_queries import search_claims
from store.registry import load_registry

LIMIT = 25
LABEL_MAX = 100  # a choice's name: 1-100 characters


def _label(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1] + "…"


def _claims(ctx: CommandContext, current: str) -> list[tuple[str, str]]:
    typed = current.strip().lstrip("#")
    with Session(ctx.engine) as session:
        if typed.isdigit() or not typed:
            # recent claims whose id starts with what was typed
            page = search_claims(session, None, page=1, page_size=200)
            items = [c for c in page.items if str(c.id).startswith(typed)]
        else:
            items = list(search_claims(session, typed, page=1, page_size=LIMIT).items)
    return [
        (
            _label(
                f"{c.id} · {(c.current_verdict or 'pending').replace('_', ' ')} · {c.statement}"
            ),
            str(c.id),
        )
        for c in items[:LIMIT]
    ]


async def claim_ids(ctx: CommandContext, current: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = await ctx.db(_claims, ctx, current)
    return out


def _matching(values: list[str], current: str) -> list[tuple[str, str]]:
    typed = current.strip().lower()
    starts = [v for v in values if v.lower().startswith(typed)]
    inside = [v for v in values if typed in v.lower() and v not in starts]
    return [(_label(v), v) for v in (starts + inside)[:LIMIT]]


async def _catalog(ctx: CommandContext) -> list[BoardSlice]:
    found: list[BoardSlice] = await ctx.db(board_catalog, ctx.engine)
    return found


async def boards(ctx: CommandContext, current: str) -> list[tuple[str, str]]:
    return _matching(sorted({s.board for s in await _catalog(ctx)}), current)


async def categories(
    ctx: CommandContext, current: str, board: str | None = None
) -> list[tuple[str, str]]:
    slug = board or "lmarena-text"
    found = sorted({s.category for s in await _catalog(ctx) if s.board == slug})
    return _matching(found, current)


async def countries(ctx: CommandContext, current: str) -> list[tuple[str, str]]:
    registry = load_registry()
    by_code: dict[str, str] = {}
    for name, code in sorted(registry.country_names.items()):
        if len(name) > 2:  # a name, not the code itself
            by_code.setdefault(code, name.title())
    typed = current.strip().lower()
    out = [
        (f"{code} · {name}", code)
        for code, name in sorted(by_code.items())
        if not typed or code.lower().startswith(typed) or name.lower().startswith(typed)
    ]
    return out[:LIMIT]
