"""One text in, its claims with verdicts out: the `check --json` object (DESIGN.md).

    text (plain or HTML -> main text) -> gate -> extractor -> drafts
         -> (--as-of overrides each claim's date) -> judge against the snapshots
         -> {"published", "claims": [{type, statement, quote, span, ..., explanation}]}

Used by `claimwatch check`, the Discord /verify command and the pipeline; it knows
nothing of the command line and stores nothing. The caller passes a judge loaded once
(store/judging.py: every snapshot, the registry, the limits).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from bot.extract import Gate, extract_article
from bot.extract.base import ArticleText, Extractor
from bot.extract.html import looks_like_html, main_text
from store.claims import ClaimDraft, Evidence, Judgement

# The evidence keys DESIGN.md's `check --json` shows, in its order; the rest of each
# row (view, category, role, organisation, ...) follows, so --json keeps everything.
EVIDENCE_KEYS = ("board", "snapshot", "model", "rank", "score", "ci", "votes")


def prepare_text(text: str) -> str:
    """HTML reduced to its main text; plain text as it is."""
    return main_text(text) if looks_like_html(text) else text


def check_text(
    text: str,
    *,
    published: date,
    as_of: date | None = None,
    extractor: Extractor,
    judge: Callable[[ClaimDraft], Judgement],
    source: str | None = None,
    gate: Gate | None = None,
) -> dict[str, Any]:
    article = ArticleText(text=prepare_text(text), published=published, source=source)
    drafts = extract_article(article, extractor, gate).drafts
    claims = []
    for draft in drafts:
        # a day given on the command line replaces the span the text named
        claim = draft.model_copy(update={"as_of": as_of, "as_of_start": None}) if as_of else draft
        claims.append(claim_json(claim, judge(claim)))
    return {"published": published.isoformat(), "claims": claims}


def claim_json(claim: ClaimDraft, judgement: Judgement) -> dict[str, Any]:
    """One claim with its verdict, keyed exactly as DESIGN.md's `check --json`."""
    latest = judgement.latest
    out: dict[str, Any] = {
        "type": claim.type,
        "statement": claim.statement,
        "quote": claim.quote,
        "span": list(claim.span),
        "board": judgement.board or claim.board,
        "metric": claim.metric,
        "models": list(judgement.models),
        "mentions": list(claim.mentions),
        "groups": [g.model_dump(exclude_none=True) for g in judgement.groups],
        "as_of": claim.as_of.isoformat(),
        "hedged": claim.hedged,
        "negated": claim.negated,
        "forecast": claim.forecast,
        "verdict": judgement.verdict,
        "reason": judgement.reason,
        "snapshot": judgement.snapshot.isoformat() if judgement.snapshot else None,
        "snapshot_age_days": judgement.snapshot_age_days,
        "evidence": [evidence_json(e) for e in judgement.evidence],
        "latest": {
            "snapshot": latest.snapshot.isoformat() if latest and latest.snapshot else None,
            "verdict": latest.verdict if latest else None,
            "reason": latest.reason if latest else None,
            "evidence": [evidence_json(e) for e in latest.evidence] if latest else [],
        },
        "explanation": judgement.explanation,
    }
    return out


def evidence_json(evidence: Evidence) -> dict[str, Any]:
    data = evidence.model_dump(mode="json")
    return {key: data.get(key) for key in EVIDENCE_KEYS} | {
        k: v for k, v in data.items() if k not in EVIDENCE_KEYS and v is not None
    }
