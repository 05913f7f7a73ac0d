"""Full text of an article page (sources with `full_text: true`), with trafilatura.

The page is fetched through the same Fetcher as feeds (same limits, same address
safety). Extraction failing for any reason gives None: the caller keeps the feed's
own summary and content.
"""

from __future__ import annotations

import asyncio
import logging

from bot.feeds.fetch import PAGE_ACCEPT, Fetcher
from bot.logs import event

log = logging.getLogger(__name__)

_MIN_CHARS = 200  # shorter "main text" is usually a cookie banner or a nav fragment


def extract_main_text(html: bytes, url: str | None = None) -> str | None:
    """The page's main text, or None when trafilatura finds none worth keeping."""
    if b"<" not in html[:4096]:
        return None  # sniffed: not HTML whatever the Content-Type said
    import trafilatura

    try:
        text = trafilatura.extract(
            html, url=url, include_comments=False, include_tables=True, favor_precision=True
        )
    except Exception as exc:  # trafilatura raises a variety of parser errors
        event(log, "fulltext.extract_failed", logging.WARNING, url=url, error=repr(exc))
        return None
    if not text or len(text.strip()) < _MIN_CHARS:
        return None
    return str(text).strip()


async def fetch_full_text(fetcher: Fetcher, url: str) -> str | None:
    result = await fetcher.fetch(url, accept=PAGE_ACCEPT)
    if result.kind != "ok":
        event(log, "fulltext.fetch_failed", logging.INFO, url=url, error=result.error)
        return None
    return await asyncio.to_thread(extract_main_text, result.body, result.url)
