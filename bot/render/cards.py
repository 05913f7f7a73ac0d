"""Alert and reply cards: pure functions from stored claims to Discord embeds and text.

A `Card` is written once in Discord markdown (user text escaped); `to_embed` fits
it into Discord's limits and `to_text` prints the same words for a terminal.
Limits: https://discord.com/developers/docs/resources/message#embed-object-embed-limits
Nothing here does I/O; everything comes in as `store.claims_queries` views.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from bot.render.evidence import as_markdown, md_escape, read_evidence, verdict_word
from store.claims import VERDICT_WORDS
from store.claims_queries import AppearanceView, ClaimView, VerdictView
from store.models import utcnow

TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FIELDS_MAX = 25
FOOTER_MAX = 2048
TOTAL_MAX = 6000
CONTENT_MAX = 2000
ELLIPSIS = "…"
SOURCES_LISTED = 10
NOTE_ROOM = 40  # characters kept for the "N more not shown" field

COLOURS = {
    "supported": 0x2ECC71,
    "contradicted": 0xE74C3C,
    "within_uncertainty": 0xF1C40F,
    "partially_supported": 0xE67E22,
    "outdated": 0x9B59B6,
    "unverifiable": 0x95A5A6,
    "not_checkable": 0x7F8C8D,
}
WORDS = VERDICT_WORDS

_ZWSP = "\u200b"

escape = md_escape  # user text made inert in Discord markdown (bot/render/evidence.py)


def explanation_md(text: str | None) -> str:
    """An explanation escaped, each view's part ("[raw ratings] ...") on its own line."""
    return escape(_split_views(text or ""))


def _split_views(text: str) -> str:
    return re.sub(r" +(?=\[(?:raw ratings|style-controlled view)\])", "\n", text.strip())


def one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` characters with an ellipsis, never splitting an escape."""
    if len(text) <= limit:
        return text
    if limit <= 0:
        return ""
    cut = text[: max(limit - 1, 0)].rstrip()
    # an odd run of trailing backslashes would escape the ellipsis: drop one
    trailing = len(cut) - len(cut.rstrip("\\"))
    if trailing % 2:
        cut = cut[:-1]
    return cut + ELLIPSIS


def link(label: str, url: str | None) -> str:
    """A markdown link when the URL is a plain http(s) one, else just the label."""
    if url and re.fullmatch(r"https?://[^\s()<>\[\]]{1,500}", url):
        return f"[{label}]({url})"
    return label


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    value: str
    inline: bool = False


@dataclass(frozen=True, slots=True)
class Card:
    title: str
    description: str = ""
    colour: int | None = None
    url: str | None = None
    fields: tuple[Field, ...] = ()
    footer: str = ""
    content: str = ""  # text above the embed
    text_footer: str | None = None  # the terminal's footer when it differs (shell commands)


@dataclass(frozen=True, slots=True)
class _Budget:
    left: int = TOTAL_MAX

    def take(self, text: str, limit: int) -> tuple[str, _Budget]:
        text = clip(text, min(limit, self.left))
        return text, _Budget(self.left - len(text))


class Embeddable(Protocol):
    """What an embed is made from: a `Card`, or an alert's `OutgoingMessage`."""

    @property
    def title(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def colour(self) -> int | None: ...
    @property
    def url(self) -> str | None: ...
    @property
    def fields(self) -> Sequence[Field]: ...
    @property
    def footer(self) -> str: ...


def to_embed(card: Embeddable) -> dict[str, Any]:
    """The card as an embed dict within every Discord limit, truncated cleanly.

    Title, footer and description are kept first; fields are added in order while
    the 6000-character total allows, and the last slot says how many were left out.
    """
    budget = _Budget()
    title, budget = budget.take(one_line(card.title) or "claimwatch", TITLE_MAX)
    footer, budget = budget.take(card.footer, FOOTER_MAX)
    # leave room for at least some evidence before the description takes the rest
    reserve = min(1500, 40 * len(card.fields))
    description, budget = _Budget(max(budget.left - reserve, 0)).take(
        card.description, DESCRIPTION_MAX
    )
    budget = _Budget(TOTAL_MAX - len(title) - len(footer) - len(description))
    fields: list[dict[str, Any]] = []
    for i, f in enumerate(card.fields):
        remaining = len(card.fields) - i
        last = remaining == 1
        # keep room for the "N more not shown" note while fields remain after this one
        room = budget.left if last else budget.left - NOTE_ROOM
        if (len(fields) == FIELDS_MAX - 1 and not last) or room < NOTE_ROOM:
            if budget.left >= NOTE_ROOM:
                fields.append(
                    {"name": ELLIPSIS, "value": f"{remaining} more not shown", "inline": False}
                )
            break
        part = _Budget(room)
        name, part = part.take(one_line(f.name) or "-", min(FIELD_NAME_MAX, part.left // 2))
        value, part = part.take(f.value.strip() or "-", FIELD_VALUE_MAX)
        budget = _Budget(budget.left - len(name) - len(value))
        fields.append({"name": name, "value": value, "inline": f.inline})
    embed: dict[str, Any] = {"title": title, "type": "rich"}
    if description:
        embed["description"] = description
    if card.colour is not None:
        embed["color"] = card.colour
    if card.url and link("x", card.url) != "x":
        embed["url"] = card.url
    if fields:
        embed["fields"] = fields
    if footer:
        embed["footer"] = {"text": footer}
    return embed


def embed_size(embed: dict[str, Any]) -> int:
    """Characters Discord counts toward the 6000 total."""
    size = len(embed.get("title", "")) + len(embed.get("description", ""))
    size += len(embed.get("footer", {}).get("text", ""))
    size += len(embed.get("author", {}).get("name", ""))
    for f in embed.get("fields", []):
        size += len(f["name"]) + len(f["value"])
    return size


def plain(markdown: str) -> str:
    """Discord markdown back to the same words as plain text (for the terminal)."""
    text = re.sub(r"\[([^\]]*)\]\((https?://[^)\s]+)\)", r"\1 <\2>", markdown)
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    text = re.sub(r"(?<!\\)~~(.+?)~~", r"\1", text)
    text = re.sub(r"\\(.)", r"\1", text)
    return text.replace(_ZWSP, "")


TEXT_WIDTH = 80


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Lines wrapped at `width`; a URL or other long word is never split."""
    out: list[str] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        lead = indent + line[: len(line) - len(line.lstrip())]
        follow = lead + ("  " if line.lstrip().startswith(("•", ">")) else "")
        out.extend(
            textwrap.wrap(
                line.strip(),
                width=width,
                initial_indent=lead,
                subsequent_indent=follow,
                break_long_words=False,
                break_on_hyphens=False,
            )
            or [lead]
        )
    return out


def to_text(card: Card, width: int = TEXT_WIDTH) -> str:
    """The card for a terminal: the same words without markdown, wrapped at `width`,
    each field's lines indented under its name."""
    lines: list[str] = []
    if card.content:
        lines += _wrap(plain(card.content), width)
    lines += _wrap(plain(card.title), width)
    if card.description:
        lines += _wrap(plain(card.description), width)
    for f in card.fields:
        lines += _wrap(plain(f.name) + ":", width)
        lines += _wrap(plain(f.value), width, indent="  ")
    footer = card.footer if card.text_footer is None else card.text_footer
    if footer:
        lines += _wrap(plain(footer), width)
    return "\n".join(lines) + "\n"


# --- evidence --------------------------------------------------------------------


def evidence_fields(
    judgement: dict[str, Any],
    claim: dict[str, Any] | None = None,
    *,
    as_of: date | None = None,
    today: date | None = None,
) -> list[Field]:
    """The as-of evidence grouped by view, then the newest snapshot's when it differs
    (bot/render/evidence.py: the same words in the terminal and the e-mail digest)."""
    reading = read_evidence(judgement, claim, as_of=as_of, today=today)
    return [Field(s.title, "\n".join(s.lines)) for s in as_markdown(reading)]


def sources_lines(
    appearances: Sequence[AppearanceView], limit: int = SOURCES_LISTED, max_chars: int = 900
) -> str:
    """One line per article making the claim: one alert, all of its sources."""
    lines: list[str] = []
    size = 0
    for app in appearances[:limit]:
        # titles clipped so one long title cannot push the other sources out of the field
        label = clip(escape(one_line(app.title)), 80) or "untitled article"
        line = f"• {link(label, app.url)} — {clip(escape(app.outlet), 40)}"
        if size + len(line) > max_chars:
            break
        lines.append(line)
        size += len(line) + 1
    if len(appearances) > len(lines):
        lines.append(f"• and {len(appearances) - len(lines)} more")
    return "\n".join(lines)


def _quote_block(quote: str) -> str:
    body = escape(one_line(quote))
    return f"> {body}" if body else ""


# --- cards -----------------------------------------------------------------------


def _footer(claim_id: int, ref: str | None = None) -> str:
    # webhook-only teams have no slash commands: the shell commands are named too
    text = (
        f"claim {claim_id} · /claim {claim_id} · /why {claim_id}"
        f" · shell: claimwatch claim {claim_id}, claimwatch why {claim_id}"
    )
    return text + (f" · ref {ref}" if ref else "")


def text_footer(claim_id: int) -> str:
    """The terminal's footer: only the commands a shell can run."""
    return f"claim {claim_id} · more: claimwatch claim {claim_id} · claimwatch why {claim_id}"


def claim_evidence(
    claim: ClaimView, verdict: VerdictView, today: date | None = None
) -> list[Field]:
    """A verdict's evidence with the claim's relation (who is the claimed leader) and date."""
    return evidence_fields(
        verdict.judgement, claim.data, as_of=claim.as_of, today=today or utcnow().date()
    )


def mentions_of(claim: ClaimView) -> list[str]:
    """The names as the text wrote them, when the claim carries them."""
    found = getattr(claim, "mentions", None) or (claim.data or {}).get("mentions") or []
    return [str(m) for m in found if m]


def alert_card(
    claim: ClaimView,
    verdict: VerdictView,
    previous: VerdictView | None,
    *,
    ref: str | None,
    today: date | None = None,
) -> Card:
    """The alert for `verdict`; with `previous`, it says what changed and why."""
    word = verdict_word(verdict.label)
    first = next((a for a in claim.appearances if not a.baseline), None) or (
        claim.appearances[0] if claim.appearances else None
    )
    parts = []
    if first is not None:
        parts.append(_quote_block(first.quote))
        article = link(escape(one_line(first.title)) or "the article", first.url)
        parts.append(f"— {article}, {escape(first.outlet)}")
    if verdict.explanation:
        parts.append(explanation_md(verdict.explanation))
    fields: list[Field] = []
    content = ""
    if previous is not None and previous.label != verdict.label:
        content = f"Verdict changed: {verdict_word(previous.label)} → {word}"
        why = explanation_md(verdict.explanation) or "a new check gave a different verdict"
        snap = verdict.snapshot_date or verdict.judgement.get("snapshot")
        fields.append(
            Field(
                "What changed",
                f"Was **{verdict_word(previous.label)}**, now **{word}**"
                + (f" (snapshot {snap})" if snap else "")
                + f".\n{why}",
            )
        )
    if verdict.reason:
        fields.append(Field("Reason", escape(verdict.reason.replace("_", " "))))
    mentions = mentions_of(claim)
    if mentions:
        fields.append(Field("Names in the text", ", ".join(escape(m) for m in mentions)))
    fields.extend(claim_evidence(claim, verdict, today))
    if claim.appearances:
        fields.append(
            Field(f"Sources ({len(claim.appearances)})", sources_lines(claim.appearances))
        )
    return Card(
        title=f"{word}: {escape(one_line(claim.statement))}",
        description="\n".join(p for p in parts if p),
        colour=COLOURS.get(verdict.label),
        url=first.url if first else None,
        fields=tuple(fields),
        footer=_footer(claim.id, ref),
        content=content,
        text_footer=text_footer(claim.id),
    )


def claim_card(claim: ClaimView, today: date | None = None) -> Card:
    """/claim: every appearance, every verdict it has had, the current evidence."""
    current = claim.latest_verdict
    fields: list[Field] = []
    history = [
        f"{v.created_at:%Y-%m-%d}: **{verdict_word(v.label)}**"
        + (f" ({escape(v.reason)})" if v.reason else "")
        + (f", snapshot {v.snapshot_date}" if v.snapshot_date else "")
        for v in claim.verdicts
    ]
    if history:
        fields.append(Field(f"Verdicts ({len(history)})", "\n".join(history)))
    if current is not None:
        fields.extend(claim_evidence(claim, current, today))
    for app in claim.appearances[:SOURCES_LISTED]:
        label = escape(one_line(app.title)) or "untitled article"
        when = f"{app.published_at:%Y-%m-%d}" if app.published_at else "undated"
        fields.append(
            Field(
                f"{escape(app.outlet)} · {when}" + (" · baseline" if app.baseline else ""),
                f"{_quote_block(app.quote)}\n{link(label, app.url)}",
            )
        )
    if len(claim.appearances) > SOURCES_LISTED:
        fields.append(Field("More sources", sources_lines(claim.appearances[SOURCES_LISTED:])))
    description = [f"Type: {claim.type.replace('_', ' ')} · as of {claim.as_of}"]
    if claim.board:
        description[0] += f" · board {escape(claim.board)}"
    mentions = mentions_of(claim)
    if mentions:
        description.append("Names in the text: " + ", ".join(escape(m) for m in mentions))
    if getattr(claim, "forecast", None) or (claim.data or {}).get("forecast"):
        description.append("A prediction: not checkable against past data.")
    if current is not None and current.explanation:
        description.append(explanation_md(current.explanation))
    return Card(
        title=f"{verdict_word(claim.current_verdict)}: {escape(one_line(claim.statement))}",
        description="\n".join(description),
        colour=COLOURS.get(claim.current_verdict or ""),
        fields=tuple(fields),
        footer=_footer(claim.id),
        text_footer=text_footer(claim.id),
    )


__all__ = [
    "COLOURS",
    "WORDS",
    "Card",
    "Field",
    "alert_card",
    "claim_card",
    "clip",
    "embed_size",
    "escape",
    "evidence_fields",
    "to_embed",
    "to_text",
    "verdict_word",
]
