"""Which entries of a fetch are new, which changed, which are already stored. Pure.

Touches no database and no network: the caller loads what is stored for the
fetch's keys (`Known`) and applies the resulting plan in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.feeds.dedupe import Identity, KeyPolicy, canonical_url, content_hash, entry_keys
from bot.feeds.parse import FeedEntry


@dataclass(frozen=True)
class Known:
    """A stored article, as much as the decision needs."""

    id: int
    content_hash: str


@dataclass(frozen=True)
class KeyedEntry:
    key: str
    entry: FeedEntry
    canonical_url: str | None
    content_hash: str


@dataclass(frozen=True)
class NewArticle:
    item: KeyedEntry
    baseline: bool


@dataclass(frozen=True)
class ChangedArticle:
    id: int
    item: KeyedEntry


@dataclass(frozen=True)
class EntryPlan:
    new: list[NewArticle]
    changed: list[ChangedArticle]
    unchanged: int
    repeated: int  # entries repeating a key already seen in the same fetch
    policy: KeyPolicy


def key_entries(entries: Sequence[FeedEntry]) -> tuple[list[KeyedEntry], KeyPolicy, int]:
    """Key every entry; an entry repeating a key of the same fetch keeps its first copy."""
    keys, policy = entry_keys(
        [Identity(e.guid, e.link, e.title, e.content or e.summary) for e in entries]
    )
    seen: set[str] = set()
    out: list[KeyedEntry] = []
    for key, e in zip(keys, entries, strict=True):
        if key in seen:
            continue
        seen.add(key)
        out.append(
            KeyedEntry(
                key=key,
                entry=e,
                canonical_url=canonical_url(e.link) if e.link else None,
                content_hash=content_hash(e.title, e.summary, e.content),
            )
        )
    return out, policy, len(entries) - len(out)


MAX_AGE_DAYS_LIMIT = 36_500  # a century: beyond it, datetime arithmetic overflows


def is_old(published_at: datetime | None, now: datetime, max_age_days: int | None) -> bool:
    if max_age_days is None or published_at is None:
        return False
    if max_age_days >= MAX_AGE_DAYS_LIMIT:
        return False  # sources.yaml refuses more; an added feed's row could still hold it
    return published_at < now - timedelta(days=max_age_days)


def plan_keyed(
    keyed: Sequence[KeyedEntry],
    known: Mapping[str, Known],
    *,
    policy: KeyPolicy,
    repeated: int,
    backlog_is_baseline: bool,
    max_age_days: int | None,
    now: datetime,
) -> EntryPlan:
    """Decide keyed entries against what is stored for their keys.

    `backlog_is_baseline` is true on a source's first successful poll when the
    source wants a baseline: its whole backlog is stored without alerting.
    Entries older than `max_age_days` are stored as baseline too.
    """
    new: list[NewArticle] = []
    changed: list[ChangedArticle] = []
    unchanged = 0
    for item in keyed:
        stored = known.get(item.key)
        if stored is None:
            baseline = backlog_is_baseline or is_old(item.entry.published_at, now, max_age_days)
            new.append(NewArticle(item=item, baseline=baseline))
        elif stored.content_hash != item.content_hash:
            changed.append(ChangedArticle(id=stored.id, item=item))
        else:
            unchanged += 1
    return EntryPlan(
        new=new, changed=changed, unchanged=unchanged, repeated=repeated, policy=policy
    )
