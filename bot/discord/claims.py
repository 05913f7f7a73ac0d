"""/claims, /claim and /why: read-only questions about stored claims."""

from __future__ import annotations

from sqlmodel import Session

from bot.claim_filters import CommandError, parse_claim_id, parse_since, parse_verdict
from bot.discord.replies import (
    CommandContext,
    Invoker,
    Reply,
    friendly,
)
from bot.render.cards import (
    COLOURS,
    Card,
    Field,
    claim_card,
    claim_evidence,
    escape,
    explanation_md,
    link,
    mentions_of,
    one_line,
    verdict_word,
)
from store.claims_queries import ClaimPage, ClaimView, claim_view, search_claims


def _page(
    ctx: CommandContext, query: str | None, verdict: str | None, since: str | None, page: int
) -> ClaimPage:
    with Session(ctx.engine) as session:
        return search_claims(
            session,
            query,
            verdict=verdict,
            since=parse_since(since, now=ctx.now()),
            page=page,
            page_size=ctx.page_size,
        )


@friendly
async def claims_command(
    ctx: CommandContext,
    invoker: Invoker,
    query: str | None = None,
    verdict: str | None = None,
    since: str | None = None,
    page: int = 1,
) -> Reply:
    """Recent or matching claims, newest first, one page at a time."""
    label = parse_verdict(verdict)
    if page < 1:
        raise CommandError("page numbers start at 1")
    parse_since(since, now=ctx.now())  # reject a bad date before touching the store
    result: ClaimPage = await ctx.db(_page, ctx, query, label, since, page)
    filters = []
    if query:
        filters.append(f"matching “{escape(one_line(query))}”")
    if label:
        filters.append(verdict_word(label).lower())
    if since:
        filters.append(f"since {escape(since)}")
    title = "Claims " + ", ".join(filters) if filters else "Recent claims"
    if not result.items:
        more = " on this page" if page > 1 else ""
        return Reply(content=f"No claims found{more} ({title.lower()}).", ephemeral=True)
    lines = [
        f"`{c.id}` **{verdict_word(c.current_verdict)}**: {escape(one_line(c.statement))}"
        f" ({c.as_of})"
        for c in result.items
    ]
    nav = f"page {page}"
    if result.has_more:
        nav += f" · next: /claims page:{page + 1}"
    if page > 1:
        nav += f" · previous: /claims page:{page - 1}"
    card = Card(title=title, description="\n".join(lines), footer=nav + " · /claim ID for one")
    return Reply(cards=(card,))


def _load(ctx: CommandContext, claim_id: int) -> ClaimView | None:
    with Session(ctx.engine) as session:
        return claim_view(session, claim_id)


async def _claim(ctx: CommandContext, claim_id: str | int) -> ClaimView:
    number = parse_claim_id(claim_id)
    claim: ClaimView | None = await ctx.db(_load, ctx, number)
    if claim is None:
        raise CommandError(f"there is no claim {number}: find ids with /claims")
    return claim


@friendly
async def claim_command(ctx: CommandContext, invoker: Invoker, claim_id: str | int) -> Reply:
    """One claim in full: every appearance, every verdict, the evidence."""
    return Reply(cards=(claim_card(await _claim(ctx, claim_id)),))


def why_card(claim: ClaimView) -> Card:
    """How the verdict was reached, step by step, from the article to the snapshot."""
    verdict = claim.latest_verdict
    fields: list[Field] = []
    for app in claim.appearances[:3]:
        label = escape(one_line(app.title)) or "the article"
        fields.append(
            Field(
                f"Sentence in {escape(app.outlet)}",
                f"> {escape(one_line(app.quote))}\n{link(label, app.url)}"
                f" (characters {app.span[0]}–{app.span[1]}"
                + (", hedged" if app.hedged else "")
                + (f", claimed by {escape(app.claimant)}" if app.claimant else "")
                + ")",
            )
        )
    mentions = mentions_of(claim)
    if mentions:
        # what was claimed about whom, even when no name resolves to a board model
        fields.append(Field("Names in the text", ", ".join(escape(m) for m in mentions)))
    extractors = sorted({f"{a.extractor} {a.extractor_version}" for a in claim.appearances})
    if extractors:
        fields.append(Field("Extracted by", ", ".join(escape(e) for e in extractors)))
    if verdict is None:
        return Card(
            title=f"Why: {escape(one_line(claim.statement))}",
            description="This claim has not been checked yet.",
            fields=tuple(fields),
            footer=f"claim {claim.id}",
        )
    judgement = verdict.judgement
    resolution = judgement.get("resolution") or {}
    if resolution:
        lines = []
        for name, found in resolution.items():
            if not found:
                lines.append(f"“{escape(name)}” → not found on the board")
            elif len(found) == 1:
                lines.append(f"“{escape(name)}” → {escape(found[0])}")
            else:
                lines.append(
                    f"“{escape(name)}” → ambiguous: " + ", ".join(escape(f) for f in found)
                )
        fields.append(Field("Model names", "\n".join(lines)))
    for group in judgement.get("groups") or []:
        parts = [f"{k}={v}" for k, v in group.items() if v is not None]
        fields.append(Field("Group", escape(", ".join(parts)) or "all models", inline=True))
    snapshot = judgement.get("snapshot") or verdict.snapshot_date
    board = judgement.get("board") or verdict.board or claim.board
    if snapshot:
        age = judgement.get("snapshot_age_days")
        why = (
            f"{escape(board or 'the board')} snapshot of {snapshot}: the newest one on or "
            f"before the claim's date ({claim.as_of})"
            + (f", {age} day(s) older than it" if age else "")
            + ". Later snapshots are never used for the as-of verdict."
        )
    else:
        why = f"No snapshot was used ({escape(verdict.reason or 'no data for the date')})."
    latest = judgement.get("latest") or {}
    if latest.get("snapshot") and latest.get("snapshot") != snapshot:
        why += (
            f"\nOn the newest snapshot ({latest['snapshot']}) the claim is "
            f"{verdict_word(latest.get('verdict')).lower()}."
        )
    fields.append(Field("Snapshot", why))
    fields.extend(claim_evidence(claim, verdict))
    return Card(
        title=f"Why {verdict_word(verdict.label).lower()}: {escape(one_line(claim.statement))}",
        description=explanation_md(verdict.explanation),
        colour=COLOURS.get(verdict.label),
        fields=tuple(fields),
        footer=f"claim {claim.id} · verdict {verdict.id}",
        text_footer=f"claim {claim.id} · verdict {verdict.id} · claimwatch claim {claim.id}",
    )


@friendly
async def why_command(ctx: CommandContext, invoker: Invoker, claim_id: str | int) -> Reply:
    return Reply(cards=(why_card(await _claim(ctx, claim_id)),))
