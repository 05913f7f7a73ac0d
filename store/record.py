"""Persist what extraction found and what the judge decided, in the caller's transaction.

Deciding happens elsewhere (store/crosscheck.py); this module only applies the
decision: one Claim per dedupe key however many articles make it, one Appearance per
article, and a verdict history where a new row supersedes the old only when the
verdict really changed. The returned `VerdictChange`s are what the outbox alerts on,
written in the same transaction so a verdict and its alerts land together or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from store.claims import ClaimDraft, Judgement, claim_dedupe_key
from store.db import insert_or_ignore
from store.models import Appearance, Claim, Verdict, utcnow


@dataclass(frozen=True, slots=True)
class VerdictChange:
    claim: Claim
    verdict: Verdict
    previous: Verdict | None  # None: the claim's first verdict


def _verdict_row(claim_id: int, judgement: Judgement, now: datetime) -> Verdict:
    return Verdict(
        claim_id=claim_id,
        label=judgement.verdict,
        reason=judgement.reason,
        explanation=judgement.explanation,
        board=judgement.board,
        snapshot_date=judgement.snapshot,
        judgement=judgement.model_dump(mode="json"),
        created_at=now,
    )


def current_verdict(session: Session, claim_id: int) -> Verdict | None:
    return session.exec(
        select(Verdict).where(Verdict.claim_id == claim_id, col(Verdict.superseded_at).is_(None))
    ).first()


def apply_judgement(
    session: Session, claim: Claim, judgement: Judgement, *, now: datetime | None = None
) -> VerdictChange | None:
    """Record `judgement` as the claim's verdict if it differs from the current one."""
    now = now or utcnow()
    assert claim.id is not None
    previous = current_verdict(session, claim.id)
    if previous is not None and (previous.label, previous.reason) == (
        judgement.verdict,
        judgement.reason,
    ):
        # Same verdict: refresh the evidence (a newer `latest` snapshot) without a change.
        previous.judgement = judgement.model_dump(mode="json")
        previous.explanation = judgement.explanation
        session.add(previous)
        return None
    if previous is not None:
        previous.superseded_at = now
        session.add(previous)
        session.flush()
    verdict = _verdict_row(claim.id, judgement, now)
    session.add(verdict)
    claim.current_verdict = judgement.verdict
    session.add(claim)
    session.flush()
    return VerdictChange(claim=claim, verdict=verdict, previous=previous)


def _get_or_create_claim(session: Session, draft: ClaimDraft, now: datetime) -> Claim:
    key = claim_dedupe_key(draft)
    existing = session.exec(select(Claim).where(Claim.dedupe_key == key)).first()
    if existing is not None:
        return existing
    claim = Claim(
        dedupe_key=key,
        type=draft.type,
        statement=draft.statement,
        board=draft.board,
        as_of=draft.as_of,
        data=draft.model_dump(mode="json"),
        first_seen_at=now,
    )
    # Another instance may insert the same claim concurrently: its row wins, ours is
    # skipped, and the caller's transaction goes on either way.
    insert_or_ignore(session, claim, ["dedupe_key"])
    return session.exec(select(Claim).where(Claim.dedupe_key == key)).one()


def record_article_claims(
    session: Session,
    article_id: int,
    drafts: list[ClaimDraft],
    judgements: list[Judgement],
    *,
    now: datetime | None = None,
) -> list[VerdictChange]:
    """Store each draft as a claim appearance in the article and apply its judgement."""
    now = now or utcnow()
    changes: list[VerdictChange] = []
    for draft, judgement in zip(drafts, judgements, strict=True):
        claim = _get_or_create_claim(session, draft, now)
        assert claim.id is not None
        seen = session.exec(
            select(Appearance.id).where(
                Appearance.claim_id == claim.id,
                Appearance.article_id == article_id,
                Appearance.span_start == draft.span[0],
            )
        ).first()
        if seen is None:
            session.add(
                Appearance(
                    claim_id=claim.id,
                    article_id=article_id,
                    quote=draft.quote,
                    span_start=draft.span[0],
                    span_end=draft.span[1],
                    hedged=draft.hedged,
                    claimant=draft.claimant,
                    extractor=draft.extractor,
                    extractor_version=draft.extractor_version,
                    created_at=now,
                )
            )
        change = apply_judgement(session, claim, judgement, now=now)
        if change is not None:
            changes.append(change)
    session.flush()
    return changes
