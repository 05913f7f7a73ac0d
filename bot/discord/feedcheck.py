"""The default /sources add validator: fetch the URL once with the poller
pieces (address checks, size limits) and parse it as a feed."""

from __future__ import annotations

from bot import poller
from bot.config import Settings
from bot.discord.replies import FeedCheck, FeedValidator
from bot.feeds import fetch, parse
from bot.sources import SourcesFile


def default_feed_validator(config: SourcesFile, settings: Settings) -> FeedValidator:
    async def validate(url: str) -> FeedCheck:
        client = poller.make_client(config.settings, settings)
        try:
            fetcher = fetch.HttpFetcher(client, poller.fetch_limits(config.settings))
            result = await fetcher.fetch(url)
            if result.kind != "ok":
                return FeedCheck(False, error=result.error or result.status)
            try:
                feed = parse.parse_feed(result.body, base_url=result.url)
            except parse.FeedError as exc:
                return FeedCheck(False, error=str(exc))
            return FeedCheck(True, title=feed.title, entries=len(feed.entries))
        finally:
            await client.aclose()

    return validate
