"""Feed bytes -> entries, with feedparser. Pure: bytes in, plain data out.

feedparser gets bytes, never a URL (it would fetch it itself, outside our limits
and safety checks). A body that is not a feed (an HTML error page, a Cloudflare
challenge) raises NotAFeed: that is a failure with a reason, not "zero entries".
"""

from __future__ import annotations

import atexit
import calendar
import multiprocessing
import os
import re
import threading
import xml.sax
import zlib
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser


class FeedError(Exception):
    """The body cannot be used as a feed; `kind` names why, str() explains it."""

    kind = "not_a_feed"


class NotAFeed(FeedError):
    kind = "not_a_feed"


class UnsafeXML(FeedError):
    kind = "unsafe_xml"


class BodyTooLarge(FeedError):
    kind = "too_large"


@dataclass(frozen=True)
class FeedEntry:
    guid: str | None
    link: str | None
    title: str | None
    summary: str | None
    content: str | None
    published_at: datetime | None


@dataclass(frozen=True)
class ParsedFeed:
    version: str  # "rss20", "atom10", ... ("" when feedparser only guessed)
    title: str | None
    entries: list[FeedEntry]
    ttl_seconds: int | None  # RSS <ttl>, in seconds
    warning: str | None  # why the feed was bozo, when it still carried entries


# A DOCTYPE internal subset that declares an entity which references another entity,
# or an external one, is how billion-laughs and XXE payloads start. Real feeds do not
# need either; feedparser's own doctype rewriting already drops most of them, this
# refuses them outright with a clear reason.
_DOCTYPE_SUBSET = re.compile(rb"<!DOCTYPE[^\[>]*\[(.*?)\]\s*>", re.S | re.I)
_ENTITY_DECL = re.compile(rb"<!ENTITY\s+(%\s*)?[^\s]+\s+(SYSTEM|PUBLIC|\"[^\"]*\"|'[^']*')", re.I)
_PROLOG_SCAN = 65536
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html|<head|<body)", re.I | re.S)
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def check_entities(body: bytes) -> None:
    """Refuse nested or external entity declarations (billion laughs, XXE)."""
    m = _DOCTYPE_SUBSET.search(body[:_PROLOG_SCAN])
    if not m:
        return
    for decl in _ENTITY_DECL.finditer(m.group(1)):
        parameter, value = decl.group(1), decl.group(2)
        if parameter or value.upper() in (b"SYSTEM", b"PUBLIC") or b"&" in value or b"%" in value:
            raise UnsafeXML("unsafe XML: nested or external entity declarations (entity bomb?)")


def gunzip_limited(body: bytes, limit: int) -> bytes:
    """A gzip file's content, refusing more than `limit` bytes (a gzip bomb)."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(body, limit + 1)
    except zlib.error as exc:
        raise NotAFeed(f"not a feed: corrupt gzip data ({exc})") from None
    if len(out) > limit:
        raise BodyTooLarge(f"too large: more than {limit} bytes once decompressed")
    return out


def _clean(value: Any) -> str | None:
    """Text safe for any database: no NUL or other C0 controls, no lone surrogates."""
    if value is None:
        return None
    text = _CONTROL.sub("", str(value)).strip()
    return text or None


def _link(value: Any, base_url: str | None) -> str | None:
    link = _clean(value)
    if link and base_url and not link.startswith(("http://", "https://")):
        link = urljoin(base_url, link)
    return link


def _when(entry: Any) -> datetime | None:
    for field in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(field)
        if parsed:
            try:
                return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
            except (OverflowError, ValueError, OSError):
                continue
    return None


def _content(entry: Any) -> str | None:
    # content:encoded / atom:content; prefer HTML over plain text when both exist
    items = entry.get("content") or []
    best = None
    for item in items:
        value = item.get("value")
        if value and (best is None or "html" in (item.get("type") or "")):
            best = value
    return _clean(best)


def _ttl(feed: Any) -> int | None:
    raw = feed.get("ttl")
    try:
        minutes = int(str(raw).strip())
    except (TypeError, ValueError):
        return None
    return minutes * 60 if minutes > 0 else None


def _why_not_a_feed(body: bytes, result: Any) -> str:
    head = body[:4096]
    if _HTML_START.search(head) or b"<html" in head.lower():
        m = _TITLE.search(body[:65536])
        title = m.group(1).decode("utf-8", "replace").strip()[:80] if m else ""
        if (
            "just a moment" in title.lower()
            or b"cf-chl" in body[:65536]
            or b"challenge-platform" in body[:65536]
        ):
            return f"not a feed: a Cloudflare challenge page ({title!r})"
        return f"not a feed: an HTML page{f' ({title!r})' if title else ''}"
    if not body.strip():
        return "not a feed: empty body"
    exc = result.get("bozo_exception")
    return f"not a feed: {exc}" if exc else "not a feed: no RSS or Atom structure found"


def parse_feed(
    body: bytes, *, base_url: str | None = None, limit: int = 10 * 1024 * 1024
) -> ParsedFeed:
    """Parse a feed body (gzip sniffed, not trusted to a header)."""
    if body[:2] == b"\x1f\x8b":
        body = gunzip_limited(body, limit)
    check_entities(body)
    # the Content-Type is sniffed, not trusted: feedparser is told "XML" and decides itself
    # No content-location: feedparser would resolve Atom <id>s against it as if they were
    # links, changing every GUID. Links are made absolute below instead.
    headers = {"content-type": "application/xml"}
    result = feedparser.parse(body, response_headers=headers, sanitize_html=True)
    version = result.get("version") or ""
    entries = [
        FeedEntry(
            guid=_clean(e.get("id")),
            link=_link(e.get("link"), base_url),
            title=_clean(e.get("title")),
            summary=_clean(e.get("summary")),
            content=_content(e),
            published_at=_when(e),
        )
        for e in result.entries
    ]
    broken = isinstance(result.get("bozo_exception"), xml.sax.SAXException)
    if not entries and (not version or broken):
        raise NotAFeed(_why_not_a_feed(body, result))
    warning = None
    if result.get("bozo"):
        warning = f"{type(result.get('bozo_exception')).__name__}: {result.get('bozo_exception')}"
    return ParsedFeed(
        version=version,
        title=_clean(result.feed.get("title")),
        entries=entries,
        ttl_seconds=_ttl(result.feed),
        warning=warning,
    )


# --- where parsing runs --------------------------------------------------------------
#
# feedparser is CPU-bound pure Python. A child process takes it off the poller's GIL,
# so fetching and storing overlap with parsing, but only a free core makes that pay:
# on a busy 2-core machine (load 5) a cold poll of 500 feeds was 1.33x the feedparser
# floor with the child and 1.09x parsing in process (benchmarks/poll.py --parse
# process|inline). The child, when used, lives as long as the process: spawning one
# per poll cost 0.5 s of CPU each time. It is handed parse_feed itself, so it imports
# this module and feedparser, not the poller's database and HTTP stack.

_worker: ProcessPoolExecutor | None = None
_worker_lock = threading.Lock()


def spare_core() -> bool:
    """Whether the machine has room for a parse child to pay off: a load average below
    the number of cores (measured on 2 cores: at load 1.7 the child made a cold poll
    1.12x the floor against 1.58x in process; at load 5, 1.33x against 1.09x)."""
    try:
        load = os.getloadavg()[0]
    except OSError:  # not available on this platform
        return False
    return load < (os.cpu_count() or 1)


def parse_worker() -> ProcessPoolExecutor:
    """The process's one parse child, started on first use and replaced if it died."""
    global _worker
    with _worker_lock:
        if _worker is None or getattr(_worker, "_broken", False):
            _worker = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
            atexit.register(_worker.shutdown, wait=False, cancel_futures=True)
        return _worker
