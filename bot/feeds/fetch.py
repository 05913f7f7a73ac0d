"""HTTP fetching that survives the real web: limits, safety, conditional GET, retries.

One shared httpx.AsyncClient; redirects followed here (at most 5) so every target
is checked; bodies streamed and counted both compressed and decompressed (a gzip
bomb is refused); feed URLs and redirect targets resolving to loopback, private,
link-local, reserved or cloud metadata addresses refused unless allowed.
Transport errors, timeouts, 5xx and 429 without a long Retry-After are retried
within a poll (tenacity, exponential with jitter); other 4xx are not.
A fetch never raises for a network problem: it returns a FetchResult that says what
happened.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Literal, Protocol
from urllib.parse import urljoin, urlsplit

import httpx
from tenacity import AsyncRetrying, retry_if_result, stop_after_attempt, wait_exponential_jitter
from tenacity.wait import wait_base

from bot.feeds.schedule import parse_max_age, parse_retry_after
from store.models import utcnow

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json;q=0.5, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.3"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.3"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_DRAIN_MAX = 64 * 1024  # an unread answer body read to its end to keep the connection
_DRAIN_TIME = 2.0  # ... if that takes at most this many seconds
# in-poll retries of a 429 only when the server asks for a short pause
_SHORT_RETRY_AFTER = timedelta(seconds=10)
_CHALLENGE_MARKERS = (b"challenge-platform", b"cf-chl", b"just a moment", b"attention required")
_METADATA = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)

Resolver = Callable[[str, int], Awaitable[list[str]]]


@dataclass(frozen=True)
class FetchLimits:
    max_bytes: int = 10 * 1024 * 1024  # compressed and decompressed
    max_redirects: int = 5
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 120.0  # a server dripping bytes cannot hold a slot forever
    attempts: int = 3
    allow_private_networks: bool = False


FetchKind = Literal["ok", "not_modified", "failed"]


@dataclass
class FetchResult:
    kind: FetchKind
    status: str  # ok, not_modified, http_404, timeout, too_large, blocked_address, ...
    url: str  # the URL finally fetched, after redirects
    body: bytes = b""
    error: str | None = None
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    retry_after: timedelta | None = None
    max_age: timedelta | None = None
    content_type: str | None = None
    attempts: int = 1
    retryable: bool = field(default=False, repr=False)


class Fetcher(Protocol):
    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = FEED_ACCEPT,
    ) -> FetchResult: ...


class Blocked(Exception):
    pass


class _TooLarge(Exception):
    pass


def ip_is_blocked(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        ip in _METADATA
        or ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
        or not ip.is_global
    )


def blocked_message(host: str, address: str) -> str:
    what = host if host == address else f"{host} resolves to {address}, which"
    return (
        f"blocked: {what} is a private, loopback, link-local, reserved or metadata "
        "address (set allow_private_networks: true to allow)"
    )


async def system_resolver(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def valid_validator(value: str | None, limit: int = 1000) -> str | None:
    """An ETag / Last-Modified worth storing and sending back: printable ASCII, bounded.

    A malformed one (control characters, non-ASCII, absurd length) is dropped rather
    than stored: sending it back would make the next request invalid.
    """
    if value is None:
        return None
    value = value.strip()
    if not value or len(value) > limit:
        return None
    if any(not (32 <= ord(c) < 127) for c in value):
        return None
    return value


class _Decoder:
    """Content-Encoding decoding with a hard cap on the decompressed size."""

    def __init__(self, encoding: str, limit: int) -> None:
        self.limit = limit
        self.size = 0
        enc = encoding.strip().lower()
        self._raw_deflate_fallback = False
        if enc in ("", "identity"):
            self._z = None
        elif enc in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif enc == "deflate":
            self._z = zlib.decompressobj()
            self._raw_deflate_fallback = True
        else:
            raise ValueError(f"unsupported Content-Encoding {encoding!r}")

    def feed(self, data: bytes) -> bytes:
        if self._z is None:
            out = data
        else:
            try:
                out = self._z.decompress(data, self.limit - self.size + 1)
            except zlib.error:
                if not (self._raw_deflate_fallback and self.size == 0):
                    raise
                # some servers send raw deflate without the zlib header
                self._z, self._raw_deflate_fallback = zlib.decompressobj(-zlib.MAX_WBITS), False
                out = self._z.decompress(data, self.limit - self.size + 1)
        self.size += len(out)
        if self.size > self.limit:
            raise _TooLarge(f"too large: more than {self.limit} bytes once decompressed")
        return out

    def flush(self) -> bytes:
        return self._z.flush() if self._z is not None else b""


class HttpFetcher:
    """The Fetcher over a shared httpx.AsyncClient (which must not follow redirects)."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        limits: FetchLimits = FetchLimits(),
        *,
        resolver: Resolver = system_resolver,
        wait: wait_base | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.client = client
        self.limits = limits
        self.resolver = resolver
        self.wait = wait if wait is not None else wait_exponential_jitter(initial=1, max=10)
        self.clock = clock
        self._host_locks: dict[str, asyncio.Lock] = {}

    def _host_lock(self, url: str) -> asyncio.Lock:
        # one request at a time per host: politeness towards small sites
        host = urlsplit(url).netloc.lower()
        lock = self._host_locks.get(host)
        if lock is None:
            lock = self._host_locks[host] = asyncio.Lock()
        return lock

    async def check_url(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise Blocked(f"blocked: {url!r} is not an http(s) URL")
        if self.limits.allow_private_networks:
            return
        host = parts.hostname
        try:
            addresses = [str(ipaddress.ip_address(host))]
        except ValueError:
            try:
                addresses = await self.resolver(host, parts.port or 443)
            except (OSError, UnicodeError) as exc:
                raise httpx.ConnectError(f"cannot resolve {host}: {exc}") from None
        # an early, clear refusal; the connection itself is checked (and pinned to the
        # checked address) again at connect time by transport.GuardedBackend
        for address in addresses:
            if ip_is_blocked(address):
                raise Blocked(blocked_message(host, address))

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = FEED_ACCEPT,
    ) -> FetchResult:
        first = await self._attempt(url, etag, last_modified, accept)
        if not first.retryable or self.limits.attempts <= 1:
            return first  # the common case needs no retry machinery (a warm poll: 500 of them)
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.limits.attempts),
            wait=self.wait,
            retry=retry_if_result(lambda r: r.retryable),
            retry_error_callback=lambda state: state.outcome.result(),  # type: ignore[union-attr]
            reraise=True,
        )
        attempt_no = 0

        async def once() -> FetchResult:
            nonlocal attempt_no
            attempt_no += 1
            if attempt_no == 1:
                return first  # already made: tenacity decides the waits and the rest
            result = await self._attempt(url, etag, last_modified, accept)
            result.attempts = attempt_no
            return result

        result: FetchResult = await retrying(once)
        if result.kind == "failed" and result.attempts > 1 and result.error:
            result.error = f"{result.error} (after {result.attempts} attempts)"
        return result

    async def _attempt(
        self, url: str, etag: str | None, last_modified: str | None, accept: str
    ) -> FetchResult:
        try:
            async with asyncio.timeout(self.limits.total_timeout):
                return await self._follow(url, etag, last_modified, accept)
        except Blocked as exc:
            return FetchResult("failed", "blocked_address", url, error=str(exc))
        except _TooLarge as exc:
            return FetchResult("failed", "too_large", url, error=str(exc))
        except (TimeoutError, httpx.TimeoutException) as exc:
            what = type(exc).__name__ if isinstance(exc, httpx.TimeoutException) else "total time"
            return FetchResult("failed", "timeout", url, error=f"timeout ({what})", retryable=True)
        except httpx.TransportError as exc:
            return FetchResult(
                "failed",
                "connection_error",
                url,
                error=f"connection error: {type(exc).__name__}: {exc}",
                retryable=True,
            )
        except (zlib.error, ValueError) as exc:
            return FetchResult("failed", "bad_encoding", url, error=f"bad response: {exc}")

    async def _follow(
        self, url: str, etag: str | None, last_modified: str | None, accept: str
    ) -> FetchResult:
        seen: set[str] = set()
        for _hop in range(self.limits.max_redirects + 1):
            await self.check_url(url)
            seen.add(url)
            headers = {"Accept": accept}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            async with self._host_lock(url):
                conditional = bool(etag or last_modified)
                result, location = await self._request(url, headers, conditional=conditional)
            if location is None:
                return result
            target = urljoin(url, location)
            if target in seen:
                return FetchResult(
                    "failed", "redirect_loop", url, error=f"redirect loop: {url} -> {target}"
                )
            url = target
        return FetchResult(
            "failed",
            "too_many_redirects",
            url,
            error=f"more than {self.limits.max_redirects} redirects",
        )

    async def _request(
        self, url: str, headers: dict[str, str], *, conditional: bool
    ) -> tuple[FetchResult, str | None]:
        async with self.client.stream("GET", url, headers=headers) as response:
            answer = await self._answer(url, response, conditional=conditional)
            if response.status_code != 200:
                await self._drain(response)
            return answer

    async def _drain(self, response: httpx.Response) -> None:
        """Read the rest of an unread answer (a 304, a redirect, a short error page), so
        the connection goes back to the pool: closing a response before its end closes
        the connection, and every 304 of a warm poll would then pay a new TCP (and TLS)
        handshake. Only bodies known to be short: a long one is cheaper to hang up on."""
        if response.is_stream_consumed:
            return  # transport.FeedTransport already finished a 304
        declared = response.headers.get("content-length", "")
        if response.status_code != 304 and not (declared.isdigit() and int(declared) <= _DRAIN_MAX):
            return
        with contextlib.suppress(httpx.HTTPError, TimeoutError):
            async with asyncio.timeout(_DRAIN_TIME):
                async for _chunk in response.aiter_raw():
                    pass

    async def _answer(
        self, url: str, response: httpx.Response, *, conditional: bool
    ) -> tuple[FetchResult, str | None]:
        code = response.status_code
        h = response.headers
        if code in _REDIRECTS and h.get("location"):
            return FetchResult("failed", f"http_{code}", url, http_status=code), h["location"]
        base = FetchResult(
            "failed",
            f"http_{code}",
            url,
            error=f"HTTP {code} {response.reason_phrase}".strip(),
            http_status=code,
            etag=valid_validator(h.get("etag")),
            last_modified=valid_validator(h.get("last-modified"), 200),
            max_age=parse_max_age(h.get("cache-control")),
            retry_after=parse_retry_after(h.get("retry-after"), self.clock()),
            content_type=h.get("content-type"),
        )
        if code == 304:
            if not conditional:
                why = "304 Not Modified to an unconditional request"
                return replace(base, error=why), None
            return replace(base, kind="not_modified", status="not_modified", error=None), None
        if code == 200:
            body = await self._read_body(response)
            return replace(base, kind="ok", status="ok", body=body, error=None), None
        if code in (403, 429, 503) and await self._is_challenge(response):
            why = (
                f"HTTP {code}: a Cloudflare challenge page (the site asks for a browser; "
                "ask its owner to allow feed readers, or use another feed URL)"
            )
            return replace(base, status="challenge", error=why), None
        if code == 429:
            ra = base.retry_after
            short = ra is None or ra <= _SHORT_RETRY_AFTER
            return replace(base, status="rate_limited", retryable=short), None
        return replace(base, retryable=code >= 500), None

    async def _is_challenge(self, response: httpx.Response) -> bool:
        """A Cloudflare (or similar) bot challenge instead of the feed: said by the
        `cf-mitigated: challenge` header, else by a short look at a Cloudflare body."""
        h = response.headers
        if h.get("cf-mitigated", "").strip().lower() == "challenge":
            return True
        if "cloudflare" not in h.get("server", "").lower() and "cf-ray" not in h:
            return False
        head = b""
        with contextlib.suppress(httpx.HTTPError, TimeoutError, zlib.error):
            async with asyncio.timeout(_DRAIN_TIME):
                async for chunk in response.aiter_bytes():
                    head += chunk
                    if len(head) >= _DRAIN_MAX:
                        break
        low = head[:_DRAIN_MAX].lower()
        return any(marker in low for marker in _CHALLENGE_MARKERS)

    async def _read_body(self, response: httpx.Response) -> bytes:
        limit = self.limits.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise _TooLarge(f"too large: Content-Length {declared} > {limit} bytes")
        decoder = _Decoder(response.headers.get("content-encoding", ""), limit)
        chunks: list[bytes] = []
        raw = 0
        async for chunk in response.aiter_raw():
            raw += len(chunk)
            if raw > limit:
                raise _TooLarge(f"too large: more than {limit} bytes")
            chunks.append(decoder.feed(chunk))
        chunks.append(decoder.flush())
        return b"".join(chunks)
