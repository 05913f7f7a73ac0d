"""/verify: check a sentence or a pasted paragraph, answered only to the asker."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy.engine import Engine

from bot.boards import MAIN_BOARD, board_catalog, newest, staleness_warning
from bot.checking import check_text
from bot.claim_filters import CommandError
from bot.config import load_settings
from bot.discord.replies import (
    CheckedClaim,
    Checker,
    CommandContext,
    Invoker,
    Reply,
    friendly,
    parse_day,
)
from bot.extract import make_extractor
from bot.render.cards import (
    COLOURS,
    Card,
    Field,
    escape,
    evidence_fields,
    explanation_md,
    one_line,
    verdict_word,
)
from bot.render.evidence import age_words
from bot.render.evidence import parse_day as parse_iso
from store.judging import Judge, load_judge, snapshot_stamp

MAX_TEXT = 4000


@friendly
async def verify_command(
    ctx: CommandContext, invoker: Invoker, text: str, date_: str | None = None
) -> Reply:
    """Check the claims in `text` as of `date_` (default today), answered only to you."""
    day = parse_day(date_, default=ctx.today())
    text = (text or "").strip()
    if not text:
        raise CommandError("give a sentence or a paragraph to check")
    if len(text) > MAX_TEXT:
        raise CommandError(f"that text is {len(text)} characters; /verify takes {MAX_TEXT}")
    if ctx.checker is None:
        raise CommandError("checking is not available on this server (no checker installed)")
    claims = await ctx.checker(text, day)
    warning = await _stale(ctx, claims, day)
    if not claims:
        return Reply(
            content="\n".join(
                ["No checkable claim about model rankings found in that text.", *warning]
            ),
            ephemeral=True,
        )
    today = ctx.today()
    cards = tuple(_card(c, today) for c in claims[:10])
    more = f" (showing 10 of {len(claims)})" if len(claims) > 10 else ""
    head = f"{len(claims)} claim(s) found{more}, checked as of {day.isoformat()}."
    return Reply(content="\n".join([head, *warning]), cards=cards, ephemeral=True)


async def _stale(ctx: CommandContext, claims: Sequence[CheckedClaim], day: date) -> list[str]:
    """The one-line staleness warning when the data ends too long before `day`."""
    catalog = await ctx.db(board_catalog, ctx.engine)
    boards = sorted({c.board for c in claims if c.board}) or [MAIN_BOARD]
    out = []
    for board in boards:
        last = newest(catalog, board)
        if last is not None and (day - last).days > ctx.staleness_days:
            out.append(staleness_warning(last, ctx.today(), ctx.staleness_days, board) or "")
    return [w for w in out if w]


def _card(claim: CheckedClaim, today: date) -> Card:
    fields = []
    if claim.quote:
        fields.append(Field("Quote", f"> {escape(one_line(claim.quote))}"))
    if claim.reason:
        fields.append(Field("Reason", escape(claim.reason.replace("_", " "))))
    as_of = parse_iso(claim.as_of)
    if claim.snapshot:
        age = claim.snapshot_age_days
        when = f"snapshot {claim.snapshot}" + (
            f" ({age_words(age, 'before the claim')})" if age is not None else ""
        )
        fields.append(Field("Checked against", f"{escape(claim.board or 'the board')}, {when}"))
    elif as_of is not None:
        fields.append(
            Field(
                "Checked against",
                f"no {escape(claim.board or 'leaderboard')} snapshot usable on {as_of}",
            )
        )
    if claim.judgement:
        fields.extend(evidence_fields(claim.judgement, claim.judgement, as_of=as_of, today=today))
    return Card(
        title=f"{verdict_word(claim.verdict)}: {escape(one_line(claim.statement))}",
        description=explanation_md(claim.explanation),
        colour=COLOURS.get(claim.verdict),
        fields=tuple(fields),
    )


def _as_checked(item: Any) -> CheckedClaim:
    data = item.model_dump(mode="json") if hasattr(item, "model_dump") else dict(item)
    # the as-of snapshot the judge used: never "the first evidence row's" (a trend's
    # first row is its period's start), never None when the judge named one
    snapshot = data.get("snapshot")
    return CheckedClaim(
        statement=str(data.get("statement", "")),
        verdict=str(data.get("verdict", "unverifiable")),
        explanation=str(data.get("explanation") or ""),
        reason=data.get("reason"),
        board=data.get("board"),
        snapshot=str(snapshot) if snapshot else None,
        quote=data.get("quote"),
        as_of=data.get("as_of"),
        snapshot_age_days=data.get("snapshot_age_days"),
        judgement=data if "evidence" in data else {},
    )


def adapt_check_result(result: Any) -> list[CheckedClaim]:
    """The `check --json` shape -> CheckedClaims."""
    if hasattr(result, "model_dump"):
        result = result.model_dump(mode="json")
    claims = (
        result.get("claims", []) if isinstance(result, dict) else getattr(result, "claims", result)
    )
    return [_as_checked(c) for c in claims or []]


def default_checker(engine: Engine, staleness_days: int = 45) -> Checker:
    """`check` on the asker's text: the offline or configured extractor, the stored
    snapshots as of today. The judge is reloaded only when new snapshots arrive."""

    settings = load_settings()
    # no engine for the extractor: /verify stores nothing, not even the extraction cache
    extractor = make_extractor(settings, None, "auto")
    loaded: list[Judge] = []

    def run(text: str, day: date | None) -> list[CheckedClaim]:
        if not loaded or loaded[0].stamp != snapshot_stamp(engine):
            loaded[:] = [load_judge(engine, staleness_days=staleness_days)]
        result = check_text(
            text, published=day or date.today(), extractor=extractor, judge=loaded[0]
        )
        return adapt_check_result(result)

    async def checker(text: str, day: date | None = None) -> Sequence[CheckedClaim]:
        return await asyncio.to_thread(run, text, day)

    return checker
