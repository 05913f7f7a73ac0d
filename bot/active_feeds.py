"""The feeds claimwatch polls: sources.yaml's, plus those added at run time, minus those
removed since. The poller (`run`, `poll`), source notices, `sources list` and
`/sources list` all ask here, so what is listed is what is polled.

sources.yaml stays the file a person edits; a feed added with `/sources add` lives as a
`sources` row (store/sources.py). A name in sources.yaml wins over an added row.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.engine import Engine

from bot.sources import Feed, SourcesFile
from store.sources import added_feeds


def active_feeds(engine: Engine, listed: Sequence[Feed]) -> tuple[Feed, ...]:
    """`listed` (sources.yaml's feeds, enabled or not) and the feeds added at run time."""
    names = {f.name for f in listed}
    added = tuple(Feed(name=a.name, url=a.url) for a in added_feeds(engine) if a.name not in names)
    return (*listed, *added)


def with_active_feeds(engine: Engine, config: SourcesFile) -> SourcesFile:
    """`config` with the feeds to poll (`active_feeds`) in place of the file's own."""
    return config.model_copy(update={"feeds": active_feeds(engine, config.feeds)})
