"""Stable identity for feed entries: pure functions, no I/O.

An entry is keyed by its GUID, else by its canonical link, else by a hash of its
title and content. A GUID that is an http(s) URL is keyed like a link, so a feed
that starts or stops sending permalink GUIDs keeps its entries' identity.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import SplitResult, parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that identify a campaign or a referrer, never the page.
_TRACKING_EXACT = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "ref",
        "ref_src",
        "ref_url",
        "referrer",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "cmpid",
    }
)
_TRACKING_PREFIXES = ("utm_", "__s", "_ga", "_gl")
_DEFAULT_PORTS = {"http": 80, "https": 443}
# dedupe_key is VARCHAR(200); longer identities are hashed (prefix + '#' + sha256)
_MAX_KEY = 190


def _is_tracking(name: str) -> bool:
    low = name.lower()
    return low in _TRACKING_EXACT or low.startswith(_TRACKING_PREFIXES)


def is_http_url(value: str) -> bool:
    return _canonical(value)[0]


def canonical_url(url: str) -> str:
    """The URL with tracking parameters, fragment, default port and trailing slash removed.

    Host and scheme are lower-cased; the path keeps its case (servers may care).
    Anything that is not an http(s) URL comes back stripped but otherwise as is.
    """
    return _canonical(url)[1]


# An entry's URL is usually both its GUID and its link, so keying a fetch asks for it
# two or three times: the answer is kept (the same URL, the same answer).
@functools.lru_cache(maxsize=1024)
def _canonical(url: str) -> tuple[bool, str]:
    """(whether `url` is an http(s) URL, its canonical form), from one parse."""
    url = url.strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.netloc:
        return False, url
    if any(c in parts.netloc for c in "@:[%"):  # credentials, a port, an IPv6 host
        netloc = _netloc(parts, scheme)
        if netloc is None:  # a port that is not a number: keep the URL as it came
            return True, url
    else:  # the common case, without SplitResult's re-parsing of the netloc
        netloc = parts.netloc.lower()
    path = parts.path.rstrip("/") or "/"
    query = ""
    if parts.query:
        kept = [
            (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
        ]
        query = urlencode(kept)
    return True, urlunsplit((scheme, netloc, path, query, ""))


def _netloc(parts: SplitResult, scheme: str) -> str | None:
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        return None
    netloc = host if port is None or port == _DEFAULT_PORTS.get(scheme) else f"{host}:{port}"
    if parts.username:  # credentials in a feed link are rare; keep them, they change the page
        netloc = f"{parts.username}{':' + parts.password if parts.password else ''}@{netloc}"
    return netloc


def content_hash(title: str | None, summary: str | None, content: str | None) -> str:
    """What decides whether an entry changed: its title, summary and content."""
    h = hashlib.sha256()
    for part in (title, summary, content):
        h.update((part or "").strip().encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


def _key(prefix: str, value: str) -> str:
    if len(value) + 2 <= _MAX_KEY:
        return f"{prefix}:{value}"
    return f"{prefix}#{hashlib.sha256(value.encode('utf-8', 'surrogatepass')).hexdigest()}"


@dataclass(frozen=True)
class Identity:
    """What an entry offers to identify it (plain strings from the feed)."""

    guid: str | None
    link: str | None
    title: str | None
    content: str | None


def _all_same(values: Sequence[str | None]) -> bool:
    """True when at least two entries all carry one and the same non-empty value."""
    present = [v for v in values if v]
    return len(values) >= 2 and len(present) == len(values) and len(set(present)) == 1


@dataclass(frozen=True)
class KeyPolicy:
    """Which identity fields are trustworthy for this fetch."""

    use_guid: bool = True
    use_link: bool = True

    @property
    def reason(self) -> str | None:
        if not self.use_guid and not self.use_link:
            return "every entry shares one GUID and one link: keyed by title and content"
        if not self.use_guid:
            return "every entry shares one GUID: keyed by link"
        return None


def key_policy(entries: Sequence[Identity]) -> KeyPolicy:
    """Detect feeds that reuse one GUID (or one link) for every entry in a fetch."""
    shared_guid = _all_same([e.guid for e in entries])
    # the links only matter when the GUIDs are shared
    shared_link = shared_guid and _all_same([e.link and canonical_url(e.link) for e in entries])
    return KeyPolicy(use_guid=not shared_guid, use_link=not shared_link)


def entry_key(entry: Identity, policy: KeyPolicy = KeyPolicy()) -> str:
    """The dedupe key of one entry under the fetch's key policy."""
    guid = (entry.guid or "").strip()
    if policy.use_guid and guid:
        is_url, canonical = _canonical(guid)
        return _key("u", canonical) if is_url else _key("g", guid)
    link = (entry.link or "").strip()
    if policy.use_link and link:
        return _key("u", canonical_url(link))
    h = hashlib.sha256()
    h.update((entry.title or "").strip().encode("utf-8", "surrogatepass"))
    h.update(b"\x1f")
    h.update((entry.content or "").strip().encode("utf-8", "surrogatepass"))
    return f"h:{h.hexdigest()}"


def entry_keys(entries: Sequence[Identity]) -> tuple[list[str], KeyPolicy]:
    policy = key_policy(entries)
    return [entry_key(e, policy) for e in entries], policy
