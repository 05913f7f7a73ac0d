"""/verify: check a sentence or a pasted paragraph, answered only to the asker."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy.engine import Engine

from bot.alerts.embeds import COLOURS, Card, Field, escape, one_line, verdict_word
from bot.commands.replies import (
    CheckedClaim,
    Checker,
    CommandContext,
    CommandError,
    Invoker,
    Reply,
    friendly,
)

MAX_TEXT = 4000


@friendly
async def verify_command(ctx: CommandContext, invoker: Invoker, text: str) -> Reply:
    text = (text or "").strip()
    if not text:
        raise CommandError("give a sentence or a paragraph to check")
    if len(text) > MAX_TEXT:
        raise CommandError(f"that text is {len(text)} characters; /verify takes {MAX_TEXT}")
    if ctx.checker is None:
        raise CommandError("checking is not available on this server (no checker installed)")
    claims = await ctx.checker(text)
    if not claims:
        return Reply(
            content="No checkable claim about model rankings found in that text.", ephemeral=True
        )
    cards = tuple(_card(c) for c in claims[:10])
    more = f" (showing 10 of {len(claims)})" if len(claims) > 10 else ""
    return Reply(content=f"{len(claims)} claim(s) found{more}.", cards=cards, ephemeral=True)


def _card(claim: CheckedClaim) -> Card:
    fields = []
    if claim.quote:
        fields.append(Field("Quote", f"> {escape(one_line(claim.quote))}"))
    if claim.reason:
        fields.append(Field("Reason", escape(claim.reason.replace("_", " "))))
    if claim.board or claim.snapshot:
        fields.append(
            Field("Checked against", f"{escape(claim.board or '?')}, snapshot {claim.snapshot}")
        )
    return Card(
        title=f"{verdict_word(claim.verdict)}: {escape(one_line(claim.statement))}",
        description=escape(claim.explanation),
        colour=COLOURS.get(claim.verdict),
        fields=tuple(fields),
    )


def _as_checked(item: Any) -> CheckedClaim:
    data = item.model_dump(mode="json") if hasattr(item, "model_dump") else dict(item)
    evidence = data.get("evidence") or []
    snapshot = data.get("snapshot") or (evidence[0].get("snapshot") if evidence else None)
    return CheckedClaim(
        statement=str(data.get("statement", "")),
        verdict=str(data.get("verdict", "unverifiable")),
        explanation=str(data.get("explanation") or ""),
        reason=data.get("reason"),
        board=data.get("board"),
        snapshot=str(snapshot) if snapshot else None,
        quote=data.get("quote"),
    )


def adapt_check_result(result: Any) -> list[CheckedClaim]:
    """Engineer D's check output (the `check --json` shape) -> CheckedClaims."""
    if hasattr(result, "model_dump"):
        result = result.model_dump(mode="json")
    claims = (
        result.get("claims", []) if isinstance(result, dict) else getattr(result, "claims", result)
    )
    return [_as_checked(c) for c in claims or []]


def default_checker(engine: Engine) -> Checker:
    """`check` on the asker's text: the offline or configured extractor, the stored
    snapshots as of today. The judge is reloaded only when new snapshots arrive."""
    from bot.checking import check_text
    from bot.config import load_settings
    from bot.extract import make_extractor
    from store.judging import Judge, load_judge, snapshot_stamp

    settings = load_settings()
    # no engine for the extractor: /verify stores nothing, not even the extraction cache
    extractor = make_extractor(settings, None, "auto")
    loaded: list[Judge] = []

    def run(text: str) -> list[CheckedClaim]:
        if not loaded or loaded[0].stamp != snapshot_stamp(engine):
            loaded[:] = [load_judge(engine)]
        result = check_text(text, published=date.today(), extractor=extractor, judge=loaded[0])
        return adapt_check_result(result)

    async def checker(text: str) -> Sequence[CheckedClaim]:
        return await asyncio.to_thread(run, text)

    return checker
