"""Feed bytes -> entries, with feedparser. Pure: bytes in, plain data out.

feedparser gets bytes, never a URL (it would fetch it itself, outside our limits
and safety checks). A body that is not a feed (an HTML error page, a Cloudflare
challenge) raises NotAFeed: that is a failure with a reason, not "zero entries".
"""

from __future__ import annotations

import atexit
import calendar
import functools
import multiprocessing
import re
import threading
import xml.sax
import zlib
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin
from xml.sax.expatreader import ExpatParser


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
# refuses them outright with a clear reason. Two forms real feeds do use are allowed:
# entities whose value is only character references (`<!ENTITY nbsp "&#160;">`) and
# the W3C's XHTML entity sets by their public identifier (never fetched: nothing here
# resolves external entities).
_DOCTYPE_SUBSET = re.compile(rb"<!DOCTYPE[^\[>]*\[(.*?)\]\s*>", re.S | re.I)
_ENTITY_DECL = re.compile(
    rb"<!ENTITY\s+(%\s*)?[^\s]+\s+(SYSTEM|PUBLIC\s+(?:\"[^\"]*\"|'[^']*')|\"[^\"]*\"|'[^']*')",
    re.I,
)
_DOCTYPE_START = re.compile(rb"<!DOCTYPE", re.I)
_SURROGATE_REF = re.compile(  # U+D800..U+DFFF, hex or decimal (55296..57343)
    rb"&#(?:[xX]0*[dD][89a-fA-F][0-9a-fA-F]{2}"
    rb"|0*(?:5529[6-9]|55[3-9][0-9]{2}|56[0-9]{3}|57[0-2][0-9]{2}|573[0-3][0-9]|5734[0-3]));"
)
_CHAR_REF = re.compile(rb"&#(?:[0-9]{1,7}|x[0-9a-fA-F]{1,6});")
_XHTML_SETS = re.compile(
    rb"^PUBLIC\s+[\"']-//W3C//ENTITIES (Latin 1|Special|Symbols) for XHTML//EN[\"']$", re.I
)
_UTF16_32 = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
)
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html|<head|<body)", re.I | re.S)
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def _as_utf8(body: bytes) -> bytes:
    """The body re-encoded as UTF-8 when it is UTF-16 or UTF-32 (by BOM or by the
    zero bytes around `<`), so the entity check reads what the XML parser will."""
    for mark, encoding in _UTF16_32:
        if body.startswith(mark):
            return body.decode(encoding, "replace").lstrip("\ufeff").encode("utf-8")
    return body


def _safe_declaration(parameter: bytes | None, value: bytes) -> bool:
    if _XHTML_SETS.match(value):
        return True
    if parameter or value.upper().startswith((b"SYSTEM", b"PUBLIC")):
        return False
    inner = _CHAR_REF.sub(b"", value)
    return b"&" not in inner and b"%" not in inner


def check_entities(body: bytes) -> None:
    """Refuse nested or external entity declarations (billion laughs, XXE).

    The whole body is read, not a prolog window: a DOCTYPE can follow any amount of
    comment or whitespace, and a fixed window was a way around the check.
    """
    text = _as_utf8(body)
    # XML allows one DOCTYPE: only the first is read, so a body full of "<!DOCTYPE x ["
    # costs one scan, not one per occurrence
    start = _DOCTYPE_START.search(text)
    m = _DOCTYPE_SUBSET.match(text, start.start()) if start else None
    if not m:
        return
    for decl in _ENTITY_DECL.finditer(m.group(1)):
        if not _safe_declaration(decl.group(1), decl.group(2)):
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


# feedparser's entries are dicts whose own get() looks keys up through aliases
# ("guid" -> "id", "updated_parsed" falling back to "published_parsed", ...); the keys
# read here are the stored ones, so the plain dict lookup gives the same values at a
# fraction of the cost (a fifth of this module's own time per feed).
_get = dict.get


def _when(entry: Any) -> datetime | None:
    for field in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = _get(entry, field)
        if parsed:
            try:
                return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
            except (OverflowError, ValueError, OSError):
                continue
    return None


def _content(entry: Any) -> str | None:
    # content:encoded / atom:content; prefer HTML over plain text when both exist
    items = _get(entry, "content") or []
    best = None
    for item in items:
        value = _get(item, "value")
        if value and (best is None or "html" in (_get(item, "type") or "")):
            best = value
    return _clean(best)


TTL_MAX_MINUTES = 7 * 24 * 60


def _ttl(feed: Any) -> int | None:
    raw = feed.get("ttl")
    try:
        minutes = int(str(raw).strip())
    except (TypeError, ValueError):
        return None
    # a remote number: clamped before any arithmetic (a <ttl> of 10^20 minutes overflowed
    # the scheduler's timedelta); schedule.FRESHNESS_CAP caps its effect at a day anyway
    return min(minutes, TTL_MAX_MINUTES) * 60 if minutes > 0 else None


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


class _BufferedExpat(ExpatParser):
    """The standard library's expat reader, with expat joining a text node's pieces.

    Unbuffered, expat hands every line and every entity of a text node over on its
    own, and feedparser spends a Python call on each: HTML escaped inside a feed is
    mostly entities. Joined, feedparser's time per feed fell by about a quarter, and
    its results for the bundled and recorded feeds were the same in every field."""

    def reset(self) -> None:
        super().reset()  # a new expat parser per document
        parser = self._parser  # type: ignore[attr-defined]  # the stubs leave it out
        parser.buffer_text = True
        parser.buffer_size = 1 << 16


def create_parser() -> ExpatParser:
    """The SAX driver feedparser is given (xml.sax.make_parser imports a driver module
    by name and calls this)."""
    return _BufferedExpat()


@functools.cache
def _feedparser() -> Any:
    """feedparser, told to parse with this module's driver.

    The setting is feedparser's own (module-wide: any other feedparser user in the
    process gets the same results, sooner). Imported on first use: a poller that
    parses in its child never loads it (11 MB)."""
    import feedparser.api

    # the drivers xml.sax.make_parser tries before its own default (expat, unbuffered)
    feedparser.api.PREFERRED_XML_PARSERS[:] = [__name__]
    return feedparser


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
    # a character reference to a lone surrogate (&#xD800;) makes feedparser raise
    # UnicodeEncodeError deep inside; it stands for no character, so it becomes U+FFFD
    body = _SURROGATE_REF.sub(b"&#xFFFD;", body)
    feedparser = _feedparser()
    try:
        # Neither feedparser's HTML sanitizer nor its relative-URI resolver: together
        # they were three fifths of its time, and nothing here needs them. Content is
        # stored only to be read as text (bot/extract/html.py drops scripts and styles,
        # and links are not kept), and every place that shows a title escapes it. Over
        # the 3,680 entries of the bundled and recorded feeds the text the extractors
        # see came out the same for all but one (a page in `<main>`, which the
        # sanitizer dropped with all its text). Entry links are still made absolute.
        result = feedparser.parse(
            body, response_headers=headers, sanitize_html=False, resolve_relative_uris=False
        )
    except (UnicodeError, ValueError, LookupError, RecursionError) as exc:
        # feedparser is third-party code fed hostile bytes: its own failure is this
        # feed's failure, said plainly, never a traceback through the poller
        raise NotAFeed(f"not a feed: the feed parser failed ({type(exc).__name__})") from None
    version = result.get("version") or ""
    entries = [
        FeedEntry(
            guid=_clean(_get(e, "id")),
            link=_link(_get(e, "link"), base_url),
            title=_clean(_get(e, "title")),
            summary=_clean(_get(e, "summary")),
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
# feedparser is CPU-bound pure Python. The poller parses in a thread of its own process
# unless asked to use this child (poll_due(parse_processes=True)). The child takes
# parsing off the poller's GIL, which pays only with a core to spare, and it costs a
# second interpreter: measured on a shared 2-core machine beside a CPU hog, a cold poll
# of 500 feeds was 0.74x the feedparser floor in process and 0.97x with the child, at
# 116 MB for every process against 155 MB (target 150; benchmarks/poll.py --parse
# inline|process). The child, when used, lives as long as the process: spawning one
# per poll cost 0.5 s of CPU each time. It is handed parse_feed itself, so it imports
# this module and feedparser, not the poller's database and HTTP stack.

_worker: ProcessPoolExecutor | None = None
_worker_lock = threading.Lock()


def parse_worker() -> ProcessPoolExecutor:
    """The process's one parse child, started on first use and replaced if it died."""
    global _worker
    with _worker_lock:
        if _worker is None or getattr(_worker, "_broken", False):
            _worker = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
            atexit.register(_worker.shutdown, wait=False, cancel_futures=True)
        return _worker
