"""The poller's side of storing a poll: its decision types to the store's plain rows.

store/polls.py writes (sources from the feed list, leases, articles, source state);
this module only converts what bot/feeds decided (decide.py's EntryPlan,
schedule.py's Transition) into the store's values, and the store's rows back into
the poller's types. Synchronous: the poller calls these through one worker thread so
the event loop never blocks on the database and SQLite sees one writer at a time.
A poll that stores articles is applied in one transaction (articles + source state);
polls that only change the source's state (304, unchanged, failures) are written
many at a time by `apply_states` (the poller batches them: group commit).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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
    return [DueSource(r.id, r.name, _state(r.state)) for r in rows]


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
    """Store a poll's articles and the source's new state in one transaction.

    An article's content is its fetched full text when there is one, else the feed's.
    """
    texts = full_texts or {}
    new: list[polls.NewArticleRow] = []
    changed: list[polls.ChangedArticleRow] = []
    if plan is not None:
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
            for n in plan.new
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
            for c in plan.changed
        ]
    source = _polled(source_id, transition, now, baseline_done)
    stored = polls.store_poll(engine, source, new, changed)
    return Applied(new_ids=stored.new_ids, updated_ids=stored.updated_ids)


@dataclass(frozen=True)
class StateUpdate:
    """A poll that stores no article (304, unchanged, a failure): only the source's state."""

    source_id: int
    transition: Transition
    now: datetime
    baseline_done: bool | None = None


def apply_states(engine: Engine, updates: Sequence[StateUpdate]) -> None:
    """Store many sources' new states in one transaction (store/polls.py: one
    executemany UPDATE), each source's lease given back as `apply_poll` does."""
    polls.store_states(
        engine, [_polled(u.source_id, u.transition, u.now, u.baseline_done) for u in updates]
    )


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
