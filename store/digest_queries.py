"""What the weekly digest asks of the store.

Read side: plain frozen rows for one week [start, end), decided on nothing: ranking
sources, picking the biggest moves and drawing the chart happen in bot/digest over
these rows. Write side: the Digest row that makes each (week, recipient list) go out
once. Every state change is one conditional UPDATE in its own transaction, so two
instances (or a service and a manual `--send`) racing for the same row cannot both win.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from store.models import (
    Appearance,
    Article,
    Claim,
    Digest,
    Entry,
    Leaderboard,
    Snapshot,
    Source,
    Verdict,
)

# --- read side ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArticleRef:
    title: str | None
    url: str | None
    source: str | None
    published_at: datetime | None


@dataclass(frozen=True, slots=True)
class ClaimRow:
    id: int
    statement: str
    type: str
    board: str | None
    as_of: date
    first_seen_at: datetime
    verdict: str | None  # the label in force at the end of the week
    explanation: str
    quote: str | None
    articles: tuple[ArticleRef, ...]  # earliest appearance first
    reason: str | None = None  # why it is unverifiable, when it is
    judgement: dict[str, Any] | None = None  # the verdict's evidence, for the reader
    data: dict[str, Any] | None = None  # the claim's fields (relation: who is the leader)


@dataclass(frozen=True, slots=True)
class VerdictChangeRow:
    claim: ClaimRow
    before: str  # the label in force when the week began
    after: str  # ... and when it ended
    reason: str | None
    changed_at: datetime


@dataclass(frozen=True, slots=True)
class SourceTally:
    """A source's checked claims seen this week, by the verdict in force at week's end."""

    source: str
    held: int  # supported + within_uncertainty
    contradicted: int


@dataclass(frozen=True, slots=True)
class BoardEntryPair:
    """One model on one board: its standing before the week and at the week's end."""

    board: str
    model: str
    rank_before: int | None
    score_before: float | None
    rank_after: int | None
    score_after: float | None


@dataclass(frozen=True, slots=True)
class BoardWeek:
    board: str
    name: str
    snapshot_before: date | None
    snapshot_after: date | None
    pairs: tuple[BoardEntryPair, ...]


@dataclass(frozen=True, slots=True)
class ScorePoint:
    """One entry of one snapshot, for the chart (facts are applied by the caller)."""

    date: date
    model: str
    score: float
    organisation: str | None
    licence: str | None


HELD = ("supported", "within_uncertainty")


def _labels_as_of(session: Session, claim_ids: Iterable[int], when: datetime) -> dict[int, Any]:
    """claim id -> its newest Verdict created before `when` (the label then in force)."""
    ids = sorted(set(claim_ids))
    if not ids:
        return {}
    rows = session.exec(
        select(Verdict)
        .where(col(Verdict.claim_id).in_(ids), col(Verdict.created_at) < when)
        .order_by(col(Verdict.claim_id), col(Verdict.created_at), col(Verdict.id))
    ).all()
    out: dict[int, Verdict] = {}
    for v in rows:
        out[v.claim_id] = v  # ordered, so the last one wins
    return out


def _articles_for(session: Session, claim_ids: Sequence[int]) -> dict[int, list[ArticleRef]]:
    if not claim_ids:
        return {}
    rows = session.exec(
        select(Appearance, Article, Source)
        .join(Article, col(Article.id) == col(Appearance.article_id))
        .join(Source, col(Source.id) == col(Article.source_id), isouter=True)
        .where(col(Appearance.claim_id).in_(claim_ids))
        .order_by(col(Appearance.claim_id), col(Appearance.created_at), col(Appearance.id))
    ).all()
    out: dict[int, list[ArticleRef]] = defaultdict(list)
    seen: set[tuple[int, int]] = set()
    for app, art, src in rows:
        assert art.id is not None
        if (app.claim_id, art.id) in seen:
            continue
        seen.add((app.claim_id, art.id))
        out[app.claim_id].append(
            ArticleRef(
                title=art.title,
                url=art.canonical_url or art.url,
                source=src.name if src is not None else None,
                published_at=art.published_at,
            )
        )
    return out


def _first_quotes(session: Session, claim_ids: Sequence[int]) -> dict[int, str]:
    if not claim_ids:
        return {}
    rows = session.exec(
        select(Appearance)
        .where(col(Appearance.claim_id).in_(claim_ids))
        .order_by(col(Appearance.claim_id), col(Appearance.created_at), col(Appearance.id))
    ).all()
    out: dict[int, str] = {}
    for app in rows:
        out.setdefault(app.claim_id, app.quote)
    return out


def _claim_rows(session: Session, claims: Sequence[Claim], end: datetime) -> dict[int, ClaimRow]:
    ids = [c.id for c in claims if c.id is not None]
    labels = _labels_as_of(session, ids, end)
    articles = _articles_for(session, ids)
    quotes = _first_quotes(session, ids)
    out: dict[int, ClaimRow] = {}
    for c in claims:
        assert c.id is not None
        v = labels.get(c.id)
        out[c.id] = ClaimRow(
            id=c.id,
            statement=c.statement,
            type=c.type,
            board=c.board,
            as_of=c.as_of,
            first_seen_at=c.first_seen_at,
            verdict=v.label if v is not None else None,
            explanation=v.explanation if v is not None else "",
            quote=quotes.get(c.id),
            articles=tuple(articles.get(c.id, ())),
            reason=v.reason if v is not None else None,
            judgement=v.judgement if v is not None else None,
            data=c.data,
        )
    return out


def new_claims(engine: Engine, start: datetime, end: datetime) -> list[ClaimRow]:
    """Claims first seen in [start, end), oldest first, each with its verdict at `end`."""
    with Session(engine) as session:
        claims = session.exec(
            select(Claim)
            .where(col(Claim.first_seen_at) >= start, col(Claim.first_seen_at) < end)
            .order_by(col(Claim.first_seen_at), col(Claim.id))
        ).all()
        rows = _claim_rows(session, claims, end)
        return [rows[c.id] for c in claims if c.id is not None]


def verdict_changes(engine: Engine, start: datetime, end: datetime) -> list[VerdictChangeRow]:
    """Claims whose label at `end` differs from their label at `start`.

    A claim first judged during the week is new, not changed; a flip and flip back
    within the week is no change (the reader sees the week's net effect).
    """
    with Session(engine) as session:
        touched = session.exec(
            select(Verdict.claim_id)
            .where(col(Verdict.created_at) >= start, col(Verdict.created_at) < end)
            .distinct()
        ).all()
        if not touched:
            return []
        before = _labels_as_of(session, touched, start)
        after = _labels_as_of(session, touched, end)
        changed = [
            cid
            for cid in sorted(touched)
            if cid in before and cid in after and before[cid].label != after[cid].label
        ]
        if not changed:
            return []
        claims = session.exec(select(Claim).where(col(Claim.id).in_(changed))).all()
        rows = _claim_rows(session, claims, end)
        out = [
            VerdictChangeRow(
                claim=rows[cid],
                before=before[cid].label,
                after=after[cid].label,
                reason=after[cid].reason,
                changed_at=after[cid].created_at,
            )
            for cid in changed
        ]
        out.sort(key=lambda r: (r.changed_at, r.claim.id))
        return out


def source_tallies(engine: Engine, start: datetime, end: datetime) -> list[SourceTally]:
    """Per source: its distinct claims seen in [start, end) that held or were contradicted.

    "Seen" is an appearance recorded in the week; the label is the one in force at `end`.
    Sources with no checked claim that week are absent.
    """
    with Session(engine) as session:
        pairs = session.exec(
            select(Source.name, Appearance.claim_id)
            .join(Article, col(Article.source_id) == col(Source.id))
            .join(Appearance, col(Appearance.article_id) == col(Article.id))
            .where(col(Appearance.created_at) >= start, col(Appearance.created_at) < end)
            .distinct()
        ).all()
        labels = _labels_as_of(session, (cid for _, cid in pairs), end)
    held: dict[str, int] = defaultdict(int)
    contra: dict[str, int] = defaultdict(int)
    for name, cid in pairs:
        v = labels.get(cid)
        if v is None:
            continue
        if v.label in HELD:
            held[name] += 1
        elif v.label == "contradicted":
            contra[name] += 1
    names = sorted(set(held) | set(contra))
    return [SourceTally(source=n, held=held[n], contradicted=contra[n]) for n in names]


def _last_snapshot(
    session: Session, board_id: int, category: str, view: str, before: date
) -> Snapshot | None:
    return session.exec(
        select(Snapshot)
        .where(
            Snapshot.leaderboard_id == board_id,
            Snapshot.category == category,
            Snapshot.view == view,
            col(Snapshot.date) < before,
        )
        .order_by(col(Snapshot.date).desc())
        .limit(1)
    ).first()


def _entries(session: Session, snapshot: Snapshot | None) -> dict[str, Entry]:
    if snapshot is None:
        return {}
    rows = session.exec(select(Entry).where(Entry.snapshot_id == snapshot.id)).all()
    out: dict[str, Entry] = {}
    for e in rows:
        # a board listing a name twice: keep the better-ranked row
        old = out.get(e.model_name)
        if old is None or (e.rank or 10**9) < (old.rank or 10**9):
            out[e.model_name] = e
    return out


def board_weeks(
    engine: Engine,
    week_start: date,
    week_end: date,
    *,
    category: str = "full",
    view: str = "raw",
) -> list[BoardWeek]:
    """Each board's newest snapshot before the week and newest within [week_start, week_end].

    Boards with no snapshot published during the week did not move and are left out.
    """
    out: list[BoardWeek] = []
    with Session(engine) as session:
        boards = session.exec(select(Leaderboard).order_by(col(Leaderboard.slug))).all()
        for board in boards:
            assert board.id is not None
            after = _last_snapshot(session, board.id, category, view, week_end + timedelta(days=1))
            if after is None or after.date < week_start:
                continue
            before = _last_snapshot(session, board.id, category, view, week_start)
            old, new = _entries(session, before), _entries(session, after)
            pairs = tuple(
                BoardEntryPair(
                    board=board.slug,
                    model=name,
                    rank_before=old[name].rank if name in old else None,
                    score_before=old[name].score if name in old else None,
                    rank_after=new[name].rank if name in new else None,
                    score_after=new[name].score if name in new else None,
                )
                for name in sorted(set(old) | set(new))
            )
            out.append(
                BoardWeek(
                    board=board.slug,
                    name=board.name,
                    snapshot_before=before.date if before is not None else None,
                    snapshot_after=after.date,
                    pairs=pairs,
                )
            )
    return out


def latest_snapshot_date(
    engine: Engine, board: str, until: date, *, category: str = "full", view: str = "raw"
) -> date | None:
    """The newest snapshot date of `board` on or before `until`."""
    with Session(engine) as session:
        found = session.execute(
            sa.select(sa.func.max(col(Snapshot.date)))
            .join(Leaderboard, col(Leaderboard.id) == col(Snapshot.leaderboard_id))
            .where(
                col(Leaderboard.slug) == board,
                col(Snapshot.category) == category,
                col(Snapshot.view) == view,
                col(Snapshot.date) <= until,
            )
        ).scalar_one_or_none()
        return found if isinstance(found, date) else None


def board_history(
    engine: Engine,
    board: str,
    since: date,
    until: date,
    *,
    category: str = "full",
    view: str = "raw",
) -> list[ScorePoint]:
    """Every scored entry of `board`'s snapshots dated in [since, until], by date."""
    with Session(engine) as session:
        rows = session.execute(
            sa.select(
                col(Snapshot.date),
                col(Entry.model_name),
                col(Entry.score),
                col(Entry.organisation),
                col(Entry.licence),
            )
            .join(Entry, col(Entry.snapshot_id) == col(Snapshot.id))
            .join(Leaderboard, col(Leaderboard.id) == col(Snapshot.leaderboard_id))
            .where(
                col(Leaderboard.slug) == board,
                col(Snapshot.category) == category,
                col(Snapshot.view) == view,
                col(Snapshot.date) >= since,
                col(Snapshot.date) <= until,
                col(Entry.score).is_not(None),
            )
            .order_by(col(Snapshot.date), col(Entry.model_name))
        ).all()
        return [
            ScorePoint(date=d, model=m, score=float(s), organisation=o, licence=lic)
            for d, m, s, o, lic in rows
            if s is not None
        ]


# --- write side: exactly once per (week, recipients) -------------------------


def recipients_key(recipients: Iterable[str]) -> str:
    """A stable key for a recipient list: order and case of addresses do not matter."""
    norm = sorted({r.strip().lower() for r in recipients})
    return hashlib.sha256("\n".join(norm).encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class DigestClaim:
    """The result of trying to take a digest row for sending."""

    won: bool
    digest_id: int
    status: str  # the row's status after the attempt
    attempts: int
    message_id: str | None
    sent_at: datetime | None
    last_error: str | None


def _claim_view(row: Digest, won: bool) -> DigestClaim:
    assert row.id is not None
    return DigestClaim(
        won=won,
        digest_id=row.id,
        status=row.status,
        attempts=row.attempts,
        message_id=row.message_id,
        sent_at=row.sent_at,
        last_error=row.last_error,
    )


def get_digest(engine: Engine, period: str, key: str) -> Digest | None:
    with Session(engine) as session:
        return session.exec(
            select(Digest).where(Digest.period == period, Digest.recipients_key == key)
        ).first()


def claim_digest(
    engine: Engine,
    period: str,
    key: str,
    *,
    now: datetime,
    lease: timedelta,
    message_id: str,
    manual: bool = False,
) -> DigestClaim:
    """Take the (period, key) digest for sending, creating its row if needed.

    Won when the row is new, or pending and due, or a `sending` lease has expired (the
    sender died before the message itself went out: it is sent with the Message-ID it
    was given), or failed, skipped or unconfirmed and `manual` (a person asked for
    it; the same Message-ID lets mail systems and people recognise a copy). A row
    whose sender died during DATA (`data`, lease expired) becomes `unconfirmed`: it
    may have been delivered, so it is never resent automatically. A sent row is never
    taken again.
    """
    try:
        with Session(engine) as session, session.begin():
            session.add(
                Digest(
                    period=period,
                    recipients_key=key,
                    status="sending",
                    attempts=1,
                    next_attempt_at=now + lease,
                    message_id=message_id,
                    created_at=now,
                )
            )
        row = get_digest(engine, period, key)
        assert row is not None
        return _claim_view(row, won=True)
    except sa.exc.IntegrityError:
        pass  # the row exists: try to take it over below
    row = get_digest(engine, period, key)
    assert row is not None and row.id is not None
    if row.status == DATA and (row.next_attempt_at is None or row.next_attempt_at <= now):
        with engine.begin() as conn:
            conn.execute(
                sa.update(Digest)
                .where(
                    col(Digest.id) == row.id,
                    col(Digest.status) == DATA,
                    col(Digest.attempts) == row.attempts,
                )
                .values(
                    status="unconfirmed",
                    next_attempt_at=None,
                    last_error="the sender stopped while the message was being sent (DATA); "
                    "it may have been delivered, so it is not resent: `claimwatch digest "
                    "--send` sends it again under the same Message-ID",
                )
            )
        row = get_digest(engine, period, key)
        assert row is not None and row.id is not None
    takeable = (
        row.status in ("pending", "sending")
        and (row.next_attempt_at is None or row.next_attempt_at <= now)
    ) or (row.status in ("failed", "skipped", "unconfirmed") and manual)
    if not takeable:
        return _claim_view(row, won=False)
    with engine.begin() as conn:
        # optimistic: only the instance that saw this exact (status, attempts) wins
        result = conn.execute(
            sa.update(Digest)
            .where(
                col(Digest.id) == row.id,
                col(Digest.status) == row.status,
                col(Digest.attempts) == row.attempts,
            )
            .values(
                status="sending",
                attempts=row.attempts + 1,
                next_attempt_at=now + lease,
                message_id=row.message_id or message_id,
            )
        )
        won = result.rowcount == 1
    fresh = get_digest(engine, period, key)
    assert fresh is not None
    return _claim_view(fresh, won=won)


DATA = "data"  # the message itself is on its way (SMTP DATA): outcome unknown if cut off


def _finish(engine: Engine, digest_id: int, held: int, **values: Any) -> bool:
    """Update a row we hold (sending or data, our attempt number); False if we lost it."""
    with engine.begin() as conn:
        result = conn.execute(
            sa.update(Digest)
            .where(
                col(Digest.id) == digest_id,
                col(Digest.status).in_(("sending", DATA)),
                col(Digest.attempts) == held,
            )
            .values(**values)
        )
        return result.rowcount == 1


def mark_digest_sent(
    engine: Engine, digest_id: int, attempts: int, *, now: datetime, note: str | None = None
) -> bool:
    return _finish(
        engine,
        digest_id,
        attempts,
        status="sent",
        sent_at=now,
        next_attempt_at=None,
        last_error=note,
    )


def mark_digest_retry(
    engine: Engine, digest_id: int, attempts: int, *, error: str, retry_at: datetime
) -> bool:
    return _finish(
        engine, digest_id, attempts, status="pending", last_error=error, next_attempt_at=retry_at
    )


def bump_digest_attempt(
    engine: Engine, digest_id: int, attempts: int, *, error: str, lease_until: datetime
) -> bool:
    """Record a failed try and take the next one while still holding the row.

    The attempt number doubles as the holder's fencing token: the caller continues
    with `attempts + 1`, and a holder whose lease was taken over finds it changed.
    """
    return _finish(
        engine,
        digest_id,
        attempts,
        attempts=attempts + 1,
        last_error=error,
        next_attempt_at=lease_until,
    )


def mark_digest_skipped(engine: Engine, digest_id: int, attempts: int, *, note: str) -> bool:
    """Final without sending (an empty week with `send_empty: false`)."""
    return _finish(
        engine, digest_id, attempts, status="skipped", last_error=note, next_attempt_at=None
    )


def mark_digest_in_data(engine: Engine, digest_id: int, attempts: int) -> bool:
    """Written just before SMTP DATA: from here a lost answer means `unconfirmed`."""
    return _finish(engine, digest_id, attempts, status=DATA)


def mark_digest_unconfirmed(engine: Engine, digest_id: int, attempts: int, *, error: str) -> bool:
    return _finish(
        engine, digest_id, attempts, status="unconfirmed", last_error=error, next_attempt_at=None
    )


def mark_digest_failed(engine: Engine, digest_id: int, attempts: int, *, error: str) -> bool:
    return _finish(
        engine, digest_id, attempts, status="failed", last_error=error, next_attempt_at=None
    )
