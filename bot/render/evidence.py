"""Evidence for a person: one reading of a stored judgement, three renderings.

    judgement dict (store.claims.Judgement dump)
        -> evidence_groups(): rows grouped by (board, category, view, snapshot), the
           view named, roles worded for a reader ("claimed leader", not "model_a"),
           numbers as the boards publish them, absent values left out
        -> as_markdown (Discord, every value escaped) / as_text (terminal) / as_html
           (e-mail, every value HTML-escaped)

The terminal, Discord and the e-mail digest all print the same words from here, so
a reader sees the same evidence wherever the verdict reaches them. Pure: no I/O.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from store.claims import VERDICT_WORDS


def verdict_word(label: str | None) -> str:
    if label is None:
        return "Not checked yet"
    return VERDICT_WORDS.get(label, label.replace("_", " ").capitalize())


VIEW_NAMES = {"raw": "raw ratings", "style_control": "style-controlled ratings"}

_ZWSP = "\u200b"
_MD_SPECIAL = re.compile(r"([\\*_~`|\[\]()<>#])")


def md_escape(text: str | None) -> str:
    """Text made inert in Discord markdown: no formatting, links, lists or mentions.

    A zero-width space after every '@' defuses @everyone, <@id> and <@&role> even in
    clients that ignore allowed_mentions.
    """
    if not text:
        return ""
    text = _MD_SPECIAL.sub(r"\\\1", text.replace("\r", ""))
    text = text.replace("@", "@" + _ZWSP)
    # a leading '-', '+' or '1.' would start a list, a leading '>' a quote
    return re.sub(r"(?m)^(\s*)([-+]|\d+\.)(\s)", r"\1\\\2\3", text)


def number(value: Any) -> str:
    """A score as the boards publish it: whole Elo-like scores, two decimals below 100."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if abs(value) >= 100:
        return f"{round(value):,}"
    if float(value).is_integer():
        return f"{int(value)}"
    return f"{value:.2f}"


def age_words(days: int, suffix: str = "old") -> str:
    """'5 days old', '1 day before the claim'; the same day says so."""
    if days <= 0:
        return "today" if suffix == "old" else "the claim's date"
    return ("1 day" if days == 1 else f"{days:,} days") + f" {suffix}"


def parse_day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def role_words(role: str | None, claim: dict[str, Any] | None = None) -> str | None:
    """Internal roles as a reader says them; descriptive roles ("best of CN") kept."""
    if not role:
        return None
    claim = claim or {}
    relation = claim.get("relation")
    negated = bool(claim.get("negated"))
    if role in ("model_a", "model_b"):
        if negated or relation == "ties":
            return "named first" if role == "model_a" else "compared with"
        leader = "model_b" if relation == "trails" else "model_a"
        return "claimed leader" if role == leader else "compared with"
    if role == "model":
        return None  # the only model the claim names: a label adds nothing
    if role == "unplaced":
        return "country or licence unknown"
    return role


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    model: str
    role: str | None = None
    rank: int | None = None
    score: float | None = None
    ci: tuple[float, float] | None = None
    votes: int | None = None
    base_model: str | None = None

    def parts(self) -> list[str]:
        """'rank 9', 'score 1,318', '95% CI 1,313–1,323', '12,345 votes' (present only)."""
        out = []
        if self.rank is not None:
            out.append(f"rank {self.rank}")
        if self.score is not None:
            out.append(f"score {number(self.score)}")
        if self.ci is not None:
            out.append(f"95% CI {number(self.ci[0])}–{number(self.ci[1])}")
        if self.votes is not None:
            out.append(f"{self.votes:,} votes")
        if self.base_model:
            out.append(f"fine-tune of {self.base_model}")
        return out


@dataclass(frozen=True, slots=True)
class EvidenceGroup:
    board: str
    view: str | None
    category: str | None
    snapshot: date | None
    rows: tuple[EvidenceRow, ...] = field(default_factory=tuple)

    def heading(
        self,
        *,
        age_from: date | None = None,
        age_suffix: str = "old",
        esc: Callable[[str], str] = str,
    ) -> str:
        """'lmarena-text · style-controlled ratings · snapshot 2025-01-29 (5 days old)'."""
        parts = [esc(self.board)]
        if self.category and self.category != "full":
            parts.append(f"category {esc(self.category)}")
        if self.view:
            parts.append(VIEW_NAMES.get(self.view) or esc(self.view.replace("_", " ")))
        if self.snapshot is not None:
            snap = f"snapshot {self.snapshot.isoformat()}"
            if age_from is not None:
                snap += f" ({age_words((age_from - self.snapshot).days, age_suffix)})"
            parts.append(snap)
        return " · ".join(parts)


def _row(ev: dict[str, Any], claim: dict[str, Any] | None) -> EvidenceRow:
    ci = ev.get("ci")
    return EvidenceRow(
        model=str(ev.get("model") or "?"),
        role=role_words(ev.get("role"), claim),
        rank=ev.get("rank"),
        score=ev.get("score"),
        ci=(ci[0], ci[1]) if isinstance(ci, list | tuple) and len(ci) == 2 else None,
        votes=ev.get("votes"),
        base_model=ev.get("base_model"),
    )


def _key(ev: dict[str, Any]) -> tuple[str, str | None, str | None, date | None]:
    return (
        str(ev.get("board") or "leaderboard"),
        ev.get("category"),
        ev.get("view"),
        parse_day(ev.get("snapshot")),
    )


def group_evidence(
    evidence: Iterable[dict[str, Any]],
    claim: dict[str, Any] | None = None,
    *,
    skip: Iterable[tuple[Any, ...]] = (),
) -> list[EvidenceGroup]:
    """Rows grouped by board, category, view and snapshot, in first-seen order; a row
    already shown (`skip`: board, category, view, snapshot, model) is left out."""
    seen = set(skip)
    groups: dict[tuple[Any, ...], list[EvidenceRow]] = {}
    for ev in evidence:
        key = _key(ev)
        row_key = (*key, ev.get("model"), ev.get("role"))
        if row_key in seen:
            continue
        seen.add(row_key)
        groups.setdefault(key, []).append(_row(ev, claim))
    return [
        EvidenceGroup(board=k[0], category=k[1], view=k[2], snapshot=k[3], rows=tuple(rows))
        for k, rows in groups.items()
    ]


@dataclass(frozen=True, slots=True)
class EvidenceReading:
    """What a judgement shows: the as-of groups, then the newest data when it differs."""

    as_of: date | None
    groups: tuple[EvidenceGroup, ...]
    latest_snapshot: date | None = None
    latest_verdict: str | None = None
    latest_groups: tuple[EvidenceGroup, ...] = ()
    today: date | None = None

    @property
    def latest_differs(self) -> bool:
        used = {g.snapshot for g in self.groups}
        return self.latest_snapshot is not None and self.latest_snapshot not in used


def read_evidence(
    judgement: dict[str, Any],
    claim: dict[str, Any] | None = None,
    *,
    as_of: date | None = None,
    today: date | None = None,
) -> EvidenceReading:
    evidence = judgement.get("evidence") or []
    groups = group_evidence(evidence, claim)
    latest = judgement.get("latest") or {}
    shown = {(*_key(ev), ev.get("model"), ev.get("role")) for ev in evidence}
    latest_groups = group_evidence(latest.get("evidence") or [], claim, skip=shown)
    return EvidenceReading(
        as_of=as_of,
        groups=tuple(groups),
        latest_snapshot=parse_day(latest.get("snapshot")),
        latest_verdict=latest.get("verdict"),
        latest_groups=tuple(g for g in latest_groups if g.rows),
        today=today,
    )


# --- renderings -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Style:
    text: Callable[[str], str]  # escape a value from a board or an article
    model: Callable[[str], str]  # a model name, already escaped


_MARKDOWN = _Style(text=md_escape, model=lambda m: f"**{m}**")
_PLAIN = _Style(text=lambda t: t, model=lambda m: m)
_HTML = _Style(text=lambda t: html.escape(t, quote=True), model=lambda m: f"<b>{m}</b>")


def _line(row: EvidenceRow, style: _Style) -> str:
    head = style.model(style.text(row.model))
    if row.role:
        head += f" ({style.text(row.role)})"
    parts = row.parts()
    return head + (": " + style.text(" · ".join(parts)) if parts else "")


def _group_lines(group: EvidenceGroup, style: _Style) -> list[str]:
    return [_line(r, style) for r in group.rows]


@dataclass(frozen=True, slots=True)
class Section:
    """One titled block of evidence lines in one rendering."""

    title: str
    lines: tuple[str, ...]


def sections(reading: EvidenceReading, style: _Style) -> list[Section]:
    out = []
    for g in reading.groups:
        title = g.heading(age_from=reading.as_of, age_suffix="before the claim", esc=style.text)
        out.append(Section("Evidence: " + title, tuple(_group_lines(g, style))))
    if reading.latest_differs and reading.latest_snapshot is not None:
        snap = reading.latest_snapshot.isoformat()
        if reading.today is not None:
            snap += f" ({age_words((reading.today - reading.latest_snapshot).days)})"
        title = f"{verdict_word(reading.latest_verdict)} on the newest snapshot, {snap}"
        lines: list[str] = []
        for g in reading.latest_groups:
            if len(reading.latest_groups) > 1 or g.view:
                lines.append(g.heading(esc=style.text) + ":")
            lines.extend(_group_lines(g, style))
        out.append(Section(title, tuple(lines or ["no entries for these models"])))
    return out


def as_markdown(reading: EvidenceReading) -> list[Section]:
    return sections(reading, _MARKDOWN)


def as_text(reading: EvidenceReading) -> list[Section]:
    return sections(reading, _PLAIN)


def as_html(reading: EvidenceReading) -> list[Section]:
    return sections(reading, _HTML)


def text_block(reading: EvidenceReading, indent: str = "  ") -> str:
    """The evidence as plain lines for a terminal."""
    out: list[str] = []
    for s in as_text(reading):
        out.append(s.title)
        out.extend(indent + line for line in s.lines)
    return "\n".join(out)


def models_of(groups: Sequence[EvidenceGroup]) -> list[str]:
    return [r.model for g in groups for r in g.rows]
