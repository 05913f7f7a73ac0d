"""The poller's side of storing a poll: its decision types to the store's plain rows.

store/polls.py writes (sources from the feed list, leases, articles, source state);
this module only converts what bot/feeds decided (decide.py's EntryPlan,
schedule.py's Transition) into the store's values, and the store's rows back into
the poller's types. Synchronous: the poller calls these through one worker thread so
the event loop never blocks on the database and SQLite sees one writer at a time.
`apply_polls` stores many sources' polls (articles + source state) in one
transaction; the poller groups the polls that finish while a write runs (group commit).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.engine import Engine

from bot.feeds.decide import EntryPlan, Known
from bot.feeds.schedule import SourceState, Transition
from store import polls


@dataclass(frozen=True)
class DueSource:
    id: int
    name: str
    state: SourceState
    has_articles: bool = True  # False: no stored article to look up


def lease_due(
    engine: Engine,
    names: Iterable[str],
    *,
    now: datetime,
    owner: str,
    force: bool = False,
    limit: int | None = None,
) -> list[DueSource]:
    """Lease the named sources that are due (all of them when `force`), at most `limit`,
    longest overdue first, with the state the poll decides from."""
    rows = polls.lease_due(engine, names, now=now, owner=owner, force=force, limit=limit)
    return [DueSource(r.id, r.name, _state(r.state), r.has_articles) for r in rows]


def _state(s: polls.PollState) -> SourceState:
    return SourceState(
        consecutive_failures=s.consecutive_failures,
        disabled_reason=s.disabled_reason,
        disabled_at=s.disabled_at,
        etag=s.etag,
        last_modified=s.last_modified,
        last_success_at=s.last_success_at,
        baseline_done=s.baseline_done,
    )


def load_known(engine: Engine, source_id: int, keys: Sequence[str]) -> dict[str, Known]:
    """The stored articles of a source among `keys` (only those: feeds can be long)."""
    known = polls.known_articles(engine, source_id, keys)
    return {k: Known(id=a.id, content_hash=a.content_hash) for k, a in known.items()}


@dataclass(frozen=True)
class Applied:
    new_ids: list[int]
    updated_ids: list[int]


@dataclass(frozen=True)
class PollUpdate:
    """One source's poll to store: its transition, and the articles it found when
    `plan` is given (a 304, an unchanged body or a failure has none)."""

    source_id: int
    transition: Transition
    now: datetime
    baseline_done: bool | None = None
    plan: EntryPlan | None = None
    full_texts: dict[str, str] = field(default_factory=dict)


def apply_poll(
    engine: Engine,
    source_id: int,
    transition: Transition,
    *,
    now: datetime,
    plan: EntryPlan | None = None,
    full_texts: dict[str, str] | None = None,
    baseline_done: bool | None = None,
) -> Applied:
    """Store one poll's articles and the source's new state in one transaction."""
    update = PollUpdate(source_id, transition, now, baseline_done, plan, full_texts or {})
    return apply_polls(engine, [update])[0]


def apply_polls(engine: Engine, updates: Sequence[PollUpdate]) -> list[Applied]:
    """Store many sources' polls in one transaction (store/polls.py: a few executemany
    statements), each source's lease given back.

    An article's content is its fetched full text when there is one, else the feed's.
    """
    stored = polls.store_polls(engine, [_write(u) for u in updates])
    return [Applied(s.new_ids, s.updated_ids) for s in stored]


def _write(u: PollUpdate) -> polls.PollWrite:
    source = _polled(u.source_id, u.transition, u.now, u.baseline_done)
    if u.plan is None:
        return polls.PollWrite(source)
    texts = u.full_texts
    new = [
        polls.NewArticleRow(
            dedupe_key=n.item.key,
            guid=n.item.entry.guid,
            url=n.item.entry.link,
            canonical_url=n.item.canonical_url,
            title=n.item.entry.title,
            summary=n.item.entry.summary,
            content=texts.get(n.item.key) or n.item.entry.content,
            content_hash=n.item.content_hash,
            published_at=n.item.entry.published_at,
            baseline=n.baseline,
        )
        for n in u.plan.new
    ]
    changed = [
        polls.ChangedArticleRow(
            id=c.id,
            url=c.item.entry.link,
            canonical_url=c.item.canonical_url,
            title=c.item.entry.title,
            summary=c.item.entry.summary,
            content=texts.get(c.item.key) or c.item.entry.content,
            content_hash=c.item.content_hash,
            published_at=c.item.entry.published_at,
        )
        for c in u.plan.changed
    ]
    return polls.PollWrite(source, new, changed)


def _polled(
    source_id: int, transition: Transition, now: datetime, baseline_done: bool | None
) -> polls.PolledSource:
    s = transition.state
    return polls.PolledSource(
        source_id=source_id,
        polled_at=now,
        consecutive_failures=s.consecutive_failures,
        disabled_reason=s.disabled_reason,
        disabled_at=s.disabled_at,
        etag=s.etag,
        last_modified=s.last_modified,
        last_success_at=s.last_success_at,
        last_status=transition.last_status,
        last_error=transition.last_error,
        next_poll_at=transition.next_poll_at,
        baseline_done=baseline_done,
    )
