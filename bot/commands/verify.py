"""/verify: check a sentence or a pasted paragraph, answered only to the asker."""

from __future__ import annotations

import asyncio
import importlib
import inspect
from collections.abc import Sequence
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


def default_checker(engine: Engine) -> Checker | None:
    """bot.checking.check_text wrapped as a Checker, or None when it is not installed."""
    try:
        check_text: Any = importlib.import_module("bot.checking").check_text
    except (ImportError, AttributeError):
        return None
    accepts_engine = "engine" in inspect.signature(check_text).parameters

    async def checker(text: str) -> Sequence[CheckedClaim]:
        kwargs = {"engine": engine} if accepts_engine else {}
        if inspect.iscoroutinefunction(check_text):
            result = await check_text(text, **kwargs)
        else:
            result = await asyncio.to_thread(check_text, text, **kwargs)
        return adapt_check_result(result)

    return checker
