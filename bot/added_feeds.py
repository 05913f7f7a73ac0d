"""Feeds added at run time with `/sources add`, polled beside those in sources.yaml.

sources.yaml stays the file a person edits; a feed added from Discord lives only as
a `sources` row (`added_by` set). `/sources remove` disables the row, so it stops here.
"""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.discord.admin import REMOVED
from bot.sources import Feed, SourcesFile
from store.models import Source


def with_added_feeds(engine: Engine, config: SourcesFile) -> SourcesFile:
    with Session(engine) as session:
        rows = session.exec(
            select(Source).where(col(Source.added_by).is_not(None), col(Source.url).is_not(None))
        ).all()
    listed = {f.name for f in config.feeds}
    added = tuple(
        Feed(name=row.name, url=row.url)
        for row in rows
        if row.name not in listed
        and row.url is not None
        and not (row.disabled_reason or "").startswith(REMOVED)
    )
    return config.model_copy(update={"feeds": config.feeds + added}) if added else config
