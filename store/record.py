"""Persist what extraction found and what the judge decided, in the caller's transaction.

Deciding happens elsewhere (store/judge/); this module only applies the
decision: one Claim per dedupe key however many articles make it, one Appearance per
article, and a verdict history where a new row supersedes the old only when the
verdict really changed. The returned `VerdictChange`s are what the outbox alerts on,
written in the same transaction so a verdict and its alerts land together or not at all.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from store.claims import ClaimDraft, Judgement, claim_dedupe_key
from store.db import insert_or_ignore
from store.models import Appearance, Article, Claim, Verdict, utcnow

_APPEARANCES = Appearance.__table__  # type: ignore[attr-defined]


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


@dataclass
class Known:
    """Rows a batch of articles will ask about, read in a few queries instead of a few
    per claim (store them with `prefetch`; the record functions keep them current).

    Only valid inside the transaction that read them: rows are locked by nobody, but a
    racing insert of the same claim is caught by the unique keys, which roll back the
    batch (bot.processing then writes its articles one by one).

    With `deferred` set, `record_article_claims` leaves its appearance rows and its
    verdicts' flush to `write_deferred`, so a batch writes them in one statement each
    rather than one flush per claim and per article."""

    claims: dict[str, Claim] = field(default_factory=dict)  # dedupe key -> claim
    verdicts: dict[int, Verdict | None] = field(default_factory=dict)  # claim id -> current
    appearances: set[tuple[int, int, int]] = field(default_factory=set)  # claim, article, start
    # claim ids made by a non-baseline article; None: not tracked (see read_fresh)
    fresh: set[int] | None = None
    deferred: bool = False
    pending_appearances: list[dict[str, Any]] = field(default_factory=list)
    _keys: dict[int, tuple[ClaimDraft, str]] = field(default_factory=dict)

    def key(self, draft: ClaimDraft) -> str:
        """`claim_dedupe_key(draft)`, computed once per draft of the batch."""
        hit = self._keys.get(id(draft))
        if hit is not None and hit[0] is draft:
            return hit[1]
        key = claim_dedupe_key(draft)
        self._keys[id(draft)] = (draft, key)  # the draft is kept, so its id stays its own
        return key

    def only_baseline(self, claim_id: int) -> bool:
        """Whether every article making this claim is baseline (as far as this
        transaction knows: `fresh` must be tracked)."""
        assert self.fresh is not None
        return claim_id not in self.fresh


def prefetch(
    session: Session,
    drafts: Iterable[ClaimDraft],
    *,
    articles: Collection[int] | None = None,
) -> Known:
    """The claims these drafts dedupe to, their current verdicts and appearances.

    `articles`: the batch's articles; only their appearances are read, the only ones a
    batch asks about (a popular claim appears in many)."""
    known = Known()
    keys = sorted({known.key(d) for d in drafts})
    if not keys:
        return known
    for claim in session.exec(select(Claim).where(col(Claim.dedupe_key).in_(keys))):
        known.claims[claim.dedupe_key] = claim
    ids = [c.id for c in known.claims.values() if c.id is not None]
    if ids:
        known.verdicts = dict.fromkeys(ids)
        for verdict in session.exec(
            select(Verdict).where(
                col(Verdict.claim_id).in_(ids), col(Verdict.superseded_at).is_(None)
            )
        ):
            known.verdicts[verdict.claim_id] = verdict
        seen = select(Appearance.claim_id, Appearance.article_id, Appearance.span_start).where(
            col(Appearance.claim_id).in_(ids)
        )
        if articles is not None:
            seen = seen.where(col(Appearance.article_id).in_(list(articles)))
        known.appearances = set(session.exec(seen))
    return known


def read_fresh(session: Session, known: Known) -> None:
    """Start tracking `known.fresh`: which of the known claims a stored non-baseline
    article makes (one query; `record_article_claims` adds the batch's own)."""
    ids = [c.id for c in known.claims.values() if c.id is not None]
    known.fresh = set()
    if ids:
        # one fresh appearance is enough: a claim many outlets repeat is not read whole
        fresh_appearance = (
            sa.select(col(Appearance.id))
            .join(Article, col(Article.id) == col(Appearance.article_id))
            .where(col(Appearance.claim_id) == col(Claim.id), ~col(Article.baseline))
        )
        fresh = select(col(Claim.id)).where(col(Claim.id).in_(ids), fresh_appearance.exists())
        known.fresh.update(i for i in session.exec(fresh) if i is not None)


def current_verdict(session: Session, claim_id: int, known: Known | None = None) -> Verdict | None:
    if known is not None and claim_id in known.verdicts:
        return known.verdicts[claim_id]
    return session.exec(
        select(Verdict).where(Verdict.claim_id == claim_id, col(Verdict.superseded_at).is_(None))
    ).first()


def apply_judgement(
    session: Session,
    claim: Claim,
    judgement: Judgement,
    *,
    now: datetime | None = None,
    known: Known | None = None,
) -> VerdictChange | None:
    """Record `judgement` as the claim's verdict if it differs from the current one."""
    now = now or utcnow()
    assert claim.id is not None
    previous = current_verdict(session, claim.id, known)
    if previous is not None and (previous.label, previous.reason) == (
        judgement.verdict,
        judgement.reason,
    ):
        # Same verdict: refresh the evidence (a newer `latest` snapshot) without a change.
        previous.judgement = judgement.model_dump(mode="json")
        previous.explanation = judgement.explanation
        session.add(previous)
        return None
    deferred = known is not None and known.deferred
    if previous is not None:
        previous.superseded_at = now
        session.add(previous)
        if not deferred:
            session.flush()
    verdict = _verdict_row(claim.id, judgement, now)
    session.add(verdict)
    claim.current_verdict = judgement.verdict
    session.add(claim)
    if not deferred:
        # A deferred batch flushes once (write_deferred): the unit of work emits the
        # superseding UPDATEs before the INSERTs, as the one-current index needs.
        session.flush()
    if known is not None:
        known.verdicts[claim.id] = verdict
    return VerdictChange(claim=claim, verdict=verdict, previous=previous)


def _new_claim(draft: ClaimDraft, key: str, now: datetime) -> Claim:
    return Claim(
        dedupe_key=key,
        type=draft.type,
        statement=draft.statement,
        board=draft.board,
        as_of=draft.as_of,
        data=draft.model_dump(mode="json"),
        first_seen_at=now,
    )


def create_claims(
    session: Session, drafts: Iterable[ClaimDraft], known: Known, *, now: datetime
) -> None:
    """Insert the claims `drafts` make that `known` lacks in one statement, read them
    back in one, and add them to `known` (a batch's new claims, not two round trips
    each). Another instance's racing insert of the same claim wins, as one at a time."""
    fresh: dict[str, Claim] = {}
    for draft in drafts:
        key = known.key(draft)
        if key not in known.claims and key not in fresh:
            fresh[key] = _new_claim(draft, key, now)
    if not fresh:
        return
    table = Claim.__table__  # type: ignore[attr-defined]
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    session.execute(
        insert(table).on_conflict_do_nothing(index_elements=["dedupe_key"]),
        [c.model_dump(exclude={"id"}) for c in fresh.values()],
    )
    for stored in session.exec(select(Claim).where(col(Claim.dedupe_key).in_(list(fresh)))):
        known.claims[stored.dedupe_key] = stored
        if stored.current_verdict is None and stored.id is not None:
            known.verdicts.setdefault(stored.id, None)


def _get_or_create_claim(
    session: Session, draft: ClaimDraft, now: datetime, known: Known | None
) -> Claim:
    key = known.key(draft) if known is not None else claim_dedupe_key(draft)
    if known is not None and key in known.claims:
        return known.claims[key]
    existing = session.exec(select(Claim).where(Claim.dedupe_key == key)).first()
    if existing is not None:
        return existing
    claim = _new_claim(draft, key, now)
    # Another instance may insert the same claim concurrently: its row wins, ours is
    # skipped, and the caller's transaction goes on either way.
    insert_or_ignore(session, claim, ["dedupe_key"])
    stored = session.exec(select(Claim).where(Claim.dedupe_key == key)).one()
    if known is not None and stored.id is not None:
        known.claims[key] = stored
        if stored.current_verdict is None:  # ours (or a racer's not yet judged)
            known.verdicts.setdefault(stored.id, None)
    return stored


def record_article_claims(
    session: Session,
    article_id: int,
    drafts: list[ClaimDraft],
    judgements: list[Judgement],
    *,
    now: datetime | None = None,
    known: Known | None = None,
    baseline: bool | None = None,
) -> list[VerdictChange]:
    """Store each draft as a claim appearance in the article and apply its judgement.

    `known` (from `prefetch`) answers the lookups a batch of articles would otherwise
    make claim by claim; `baseline` is the article's flag, which `known.fresh` needs
    when it is tracked. With `known.deferred`, the rows wait for `write_deferred`."""
    now = now or utcnow()
    changes: list[VerdictChange] = []
    if known is not None and known.fresh is not None:
        assert baseline is not None, "known.fresh is tracked: say whether the article is"
    for draft, judgement in zip(drafts, judgements, strict=True):
        claim = _get_or_create_claim(session, draft, now, known)
        assert claim.id is not None
        appearance = (claim.id, article_id, draft.span[0])
        if known is not None:
            seen = appearance in known.appearances
            known.appearances.add(appearance)
            if known.fresh is not None and not baseline:
                known.fresh.add(claim.id)
        else:
            seen = (
                session.exec(
                    select(Appearance.id).where(
                        Appearance.claim_id == claim.id,
                        Appearance.article_id == article_id,
                        Appearance.span_start == draft.span[0],
                    )
                ).first()
                is not None
            )
        if not seen:
            row = _appearance_row(claim.id, article_id, draft, now)
            if known is not None and known.deferred:
                known.pending_appearances.append(row)
            else:
                session.add(Appearance(**row))
        change = apply_judgement(session, claim, judgement, now=now, known=known)
        if change is not None:
            changes.append(change)
    if known is None or not known.deferred:
        session.flush()
    return changes


def _appearance_row(
    claim_id: int, article_id: int, draft: ClaimDraft, now: datetime
) -> dict[str, Any]:
    return {
        "claim_id": claim_id,
        "article_id": article_id,
        "quote": draft.quote,
        "span_start": draft.span[0],
        "span_end": draft.span[1],
        "hedged": draft.hedged,
        "claimant": draft.claimant,
        "extractor": draft.extractor,
        "extractor_version": draft.extractor_version,
        "created_at": now,
    }


def write_deferred(session: Session, known: Known) -> None:
    """Write what deferred `record_article_claims` calls left: the verdicts and claim
    updates in one flush, the appearances in one executemany."""
    session.flush()
    if known.pending_appearances:
        session.execute(sa.insert(_APPEARANCES), known.pending_appearances)
        known.pending_appearances = []
