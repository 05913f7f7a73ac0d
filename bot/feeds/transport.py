"""The poller's httpx transport: pinned, checked connections and one small pool per host.

Two jobs the stock transport does not do:

- DNS rebinding: HttpFetcher.check_url resolves a name and refuses private addresses,
  but the stock transport would resolve the name again when it connects, and a
  hostile DNS server can answer differently the second time. `GuardedBackend`
  resolves at connect time, checks every address, and connects to exactly the
  address it checked. The request keeps the name: the Host header, TLS SNI and the
  certificate check all use the hostname (httpcore takes them from the URL, not
  from the socket).
- Speed: httpcore's one pool scans every pooled connection (and polls each idle
  socket) for every request, so a pool big enough to keep one connection per host
  costs more than it saves, and a small one closes connections the next source on
  the same host would have reused. Here each origin has its own tiny pool (the
  poller sends one request at a time per host anyway); a semaphore keeps the
  overall cap on requests in flight, and idle origins are closed after the
  keep-alive expiry or when too many are idle. Connections run on asyncio's own
  streams (`AsyncioBackend`) rather than through anyio; a 304 is finished here.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import ssl
import time
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

from bot.feeds.fetch import Blocked, Resolver, blocked_message, ip_is_blocked, system_resolver

# httpcore's exceptions -> httpx's, most specific first (httpx keeps its own map private)
_ERRORS: tuple[tuple[type[Exception], type[httpx.TransportError]], ...] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.TimeoutException, httpx.TimeoutException),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.ProtocolError, httpx.ProtocolError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
    (httpcore.ProxyError, httpx.ProxyError),
)


@contextlib.contextmanager
def _httpx_errors() -> Iterator[None]:
    try:
        yield
    except Exception as exc:
        for theirs, ours in _ERRORS:
            if isinstance(exc, theirs):
                raise ours(str(exc)) from exc
        raise


class AsyncioStream(httpcore.AsyncNetworkStream):
    """A connection on asyncio's streams (httpcore's own backend goes through anyio,
    whose cancel scopes around every read and write were a sixth of a warm poll)."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:  # noqa: ASYNC109
        try:
            async with asyncio.timeout(timeout):
                return await self._reader.read(max_bytes)
        except TimeoutError as exc:
            raise httpcore.ReadTimeout("read timed out") from exc
        except OSError as exc:
            raise httpcore.ReadError(str(exc) or type(exc).__name__) from exc

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:  # noqa: ASYNC109
        if not buffer:
            return
        try:
            self._writer.write(buffer)
            async with asyncio.timeout(timeout):
                await self._writer.drain()
        except TimeoutError as exc:
            raise httpcore.WriteTimeout("write timed out") from exc
        except OSError as exc:
            raise httpcore.WriteError(str(exc) or type(exc).__name__) from exc

    async def aclose(self) -> None:
        self._writer.close()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,  # noqa: ASYNC109
    ) -> httpcore.AsyncNetworkStream:
        try:
            async with asyncio.timeout(timeout):
                await self._writer.start_tls(ssl_context, server_hostname=server_hostname)
        except TimeoutError as exc:
            self._writer.close()
            raise httpcore.ConnectTimeout("TLS handshake timed out") from exc
        except OSError as exc:  # ssl.SSLError (a bad certificate) is an OSError
            self._writer.close()
            raise httpcore.ConnectError(str(exc) or type(exc).__name__) from exc
        return self

    def get_extra_info(self, info: str) -> Any:
        if info in ("ssl_object", "socket"):
            return self._writer.get_extra_info(info)
        if info == "client_addr":
            return self._writer.get_extra_info("sockname")
        if info == "server_addr":
            return self._writer.get_extra_info("peername")
        if info == "is_readable":
            # httpcore asks this of an idle kept-alive connection: readable there means
            # the server hung up. asyncio has already read the socket, so look at the end.
            return self._reader.at_eof()
        return None


class AsyncioBackend(httpcore.AsyncNetworkBackend):
    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        local = (local_address, 0) if local_address else None
        try:
            async with asyncio.timeout(timeout):
                reader, writer = await asyncio.open_connection(host, port, local_addr=local)
        except TimeoutError as exc:
            raise httpcore.ConnectTimeout("connect timed out") from exc
        except OSError as exc:
            raise httpcore.ConnectError(str(exc) or type(exc).__name__) from exc
        sock = writer.get_extra_info("socket")
        for option in socket_options or ():
            sock.setsockopt(*option)
        return AsyncioStream(reader, writer)

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.UnsupportedProtocol("unix sockets are not used by the poller")

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolve once, refuse private addresses (unless allowed), connect to that address."""

    def __init__(
        self,
        resolver: Resolver = system_resolver,
        *,
        allow_private_networks: bool = False,
        inner: httpcore.AsyncNetworkBackend | None = None,
    ) -> None:
        self.resolver = resolver
        self.allow_private_networks = allow_private_networks
        self.inner = inner or AsyncioBackend()

    async def addresses(self, host: str, port: int, seconds: float | None) -> list[str]:
        try:
            addresses = [str(ipaddress.ip_address(host))]
        except ValueError:
            try:
                async with asyncio.timeout(seconds):
                    addresses = await self.resolver(host, port)
            except TimeoutError:
                raise httpcore.ConnectTimeout(f"resolving {host} timed out") from None
            except (OSError, UnicodeError) as exc:
                raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from None
        if not addresses:
            raise httpcore.ConnectError(f"cannot resolve {host}: no address")
        if not self.allow_private_networks:
            for address in addresses:
                if ip_is_blocked(address):
                    raise Blocked(blocked_message(host, address))
        return list(dict.fromkeys(addresses))  # in the resolver's order, once each

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        error: Exception | None = None
        for address in await self.addresses(host, port, timeout):
            try:
                return await self.inner.connect_tcp(
                    address.split("%", 1)[0], port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc  # next address, as getaddrinfo's callers do
        assert error is not None
        raise error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        return await self.inner.connect_unix_socket(path, timeout, socket_options)

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


@dataclass
class _Origin:
    pool: httpcore.AsyncConnectionPool
    active: int = 0
    last_used: float = 0.0


class _Body(httpx.AsyncByteStream):
    """The response body; closing it frees the request's slot."""

    def __init__(self, stream: AsyncIterable[bytes], done: Callable[[], None]) -> None:
        self._stream = stream
        self._done = done

    async def __aiter__(self) -> AsyncIterator[bytes]:
        with _httpx_errors():
            async for part in self._stream:
                yield part

    async def aclose(self) -> None:
        try:
            close = getattr(self._stream, "aclose", None)
            if close is not None:
                with _httpx_errors():
                    await close()
        finally:
            self._done()


class FeedTransport(httpx.AsyncBaseTransport):
    """An httpx transport for the poller (see the module docstring)."""

    def __init__(
        self,
        *,
        resolver: Resolver = system_resolver,
        allow_private_networks: bool = False,
        max_connections: int = 40,
        max_idle_origins: int = 256,
        keepalive_expiry: float = 5.0,
        ssl_context: ssl.SSLContext | None = None,
        backend: httpcore.AsyncNetworkBackend | None = None,
    ) -> None:
        self.backend = GuardedBackend(
            resolver, allow_private_networks=allow_private_networks, inner=backend
        )
        self.max_idle_origins = max_idle_origins
        self.keepalive_expiry = keepalive_expiry
        # one context for every origin, made on the first https origin: building one
        # costs ~15 ms (it loads the CA file), a tenth of a warm poll of plain-http feeds
        self._ssl = ssl_context
        self._slots = asyncio.Semaphore(max_connections)
        self._origins: dict[tuple[bytes, bytes, int | None], _Origin] = {}
        self._swept = time.monotonic()

    def _origin(self, url: httpx.URL) -> _Origin:
        key = (url.raw_scheme, url.raw_host, url.port)
        origin = self._origins.get(key)
        if origin is None:
            if self._ssl is None and url.scheme == "https":
                self._ssl = httpx.create_ssl_context(trust_env=False)
            pool = httpcore.AsyncConnectionPool(
                ssl_context=self._ssl,
                max_connections=2,  # HttpFetcher sends one request at a time per host
                max_keepalive_connections=2,
                keepalive_expiry=self.keepalive_expiry,
                network_backend=self.backend,
            )
            origin = self._origins[key] = _Origin(pool)
        return origin

    async def _sweep(self, now: float) -> None:
        """Close origins idle past the keep-alive expiry, and the oldest idle ones over the cap."""
        if now - self._swept < 1.0 and len(self._origins) <= self.max_idle_origins:
            return
        self._swept = now
        idle = sorted(
            ((o.last_used, k) for k, o in self._origins.items() if o.active == 0),
            key=lambda pair: pair[0],
        )
        surplus = len(idle) - self.max_idle_origins
        # popped before any await, so no request can pick up an origin being closed
        closing = [
            self._origins.pop(key)
            for i, (last_used, key) in enumerate(idle)
            if i < surplus or now - last_used > self.keepalive_expiry
        ]
        for origin in closing:
            with contextlib.suppress(Exception):
                await origin.pool.aclose()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.AsyncByteStream)
        await self._sweep(time.monotonic())
        wait = request.extensions.get("timeout", {}).get("pool")
        try:
            async with asyncio.timeout(wait):
                await self._slots.acquire()
        except TimeoutError:
            raise httpx.PoolTimeout("no free connection slot") from None
        origin = self._origin(request.url)
        origin.active += 1
        freed = False

        def done() -> None:
            nonlocal freed
            if not freed:
                freed = True
                origin.active -= 1
                origin.last_used = time.monotonic()
                self._slots.release()

        core = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        try:
            with _httpx_errors():
                response = await origin.pool.handle_async_request(core)
        except BaseException:
            done()
            raise
        assert isinstance(response.stream, AsyncIterable)
        if response.status == 304:
            # no body by definition: finish it here, so the connection is back in its pool
            # at once and the caller has nothing to drain (half of a warm poll's requests
            # are this path's cost otherwise)
            try:
                body = _Body(response.stream, done)
                async for _part in body:
                    pass
            finally:
                await body.aclose()
            return httpx.Response(
                status_code=304, headers=response.headers, extensions=response.extensions
            )
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            stream=_Body(response.stream, done),
            extensions=response.extensions,
        )

    async def aclose(self) -> None:
        origins, self._origins = list(self._origins.values()), {}
        for origin in origins:
            with contextlib.suppress(Exception):
                await origin.pool.aclose()
