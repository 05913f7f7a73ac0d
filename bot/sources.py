"""sources.yaml: what to watch and where to send it, validated with human errors.

Errors name the file, the line and the path of the bad value:
`sources.yaml:14: feeds[3].url: not an http(s) URL`. Secrets never live here:
a destination names the environment variable that holds its webhook URL.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import math
import re
from pathlib import Path
from typing import Annotated, Any, Literal, get_args
from urllib.parse import urlsplit

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from bot.alerts.destinations import DESTINATION_KINDS
from bot.alerts.kinds import Destination, destination
from bot.alerts.terminal import TerminalDestination
from store.claims import VERDICTS
from store.errors import ClaimwatchError

_DURATION = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


INTERVAL_MIN = 60  # a minute: faster is rude to the feed's host and useless to us
INTERVAL_MAX = 7 * 86400  # a week


def parse_duration(value: Any) -> int:
    """'15m', '2h', '1d' or a number of seconds -> seconds, between a minute and a week."""
    if isinstance(value, bool):
        raise ValueError("not a duration")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"not a duration: {value!r}")
    if isinstance(value, int | float):
        seconds = int(value)
    else:
        m = _DURATION.match(str(value))
        if not m or len(m.group(1)) > 12:
            raise ValueError(f"not a duration: {value!r} (use e.g. 90s, 15m, 6h, 1d)")
        seconds = int(m.group(1)) * _UNITS[m.group(2)]
    if seconds <= 0:
        raise ValueError("a duration must be positive")
    if not INTERVAL_MIN <= seconds <= INTERVAL_MAX:
        raise ValueError(f"{value!r} is out of range: use between 1m and 7d")
    return seconds


Duration = Annotated[int, Field(ge=INTERVAL_MIN, le=INTERVAL_MAX)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# characters RFC 3986 never allows in a URL, raw (a space, quotes, angle brackets, ...)
_URL_FORBIDDEN = re.compile(r"[\s\x00-\x1f\x7f<>\"{}|\\^`]")
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def _http_url(value: str) -> str:
    """An absolute http(s) URL, parsed strictly: no raw spaces or control characters, a
    valid host name or IP literal, a port in range, no user:password part."""
    if len(value) > 2000:
        raise ValueError("URL longer than 2000 characters")
    if _URL_FORBIDDEN.search(value):
        raise ValueError("not a valid URL: it contains a space or a character URLs cannot hold")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("not an http(s) URL")
    try:
        parts.port  # noqa: B018 (raises on a bad port)
    except ValueError:
        raise ValueError("not a valid URL: bad port") from None
    if "@" in parts.netloc:
        raise ValueError("not a valid URL: credentials do not belong in sources.yaml")
    host = parts.hostname or ""
    if host.startswith("[") or ":" in host:
        try:
            ipaddress.IPv6Address(host.strip("[]"))
        except ValueError:
            raise ValueError(f"not a valid URL: bad host {host!r}") from None
        return value
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise ValueError(f"not a valid URL: bad host {host!r}") from None
    labels = ascii_host.rstrip(".").split(".")
    if not ascii_host or not all(_HOST_LABEL.match(label) for label in labels):
        raise ValueError(f"not a valid URL: bad host {host!r}")
    return value


class Feed(_Strict):
    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
    url: str | None = None
    path: Path | None = None  # a local feed file, read like a fetched one (offline runs)
    interval: Duration = 15 * 60
    full_text: bool = False
    # First poll stores the backlog as baseline (no alerts). Off for demo data.
    baseline: bool = True
    # entries older than this never alert; None: no limit (0: only today's)
    max_age_days: int | None = Field(default=7, ge=0, le=36_500)
    enabled: bool = True
    tags: tuple[str, ...] = ()

    _interval = field_validator("interval", mode="before")(parse_duration)

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        return None if value is None else _http_url(value)

    @field_validator("path")
    @classmethod
    def _path(cls, value: Path | None, info: ValidationInfo) -> Path | None:
        # relative paths are relative to the sources file, not to the working directory
        base = (info.context or {}).get("base")
        if value is None or value.is_absolute() or base is None:
            return value
        return Path(base) / value

    @model_validator(mode="after")
    def _one_location(self) -> Feed:
        if (self.url is None) == (self.path is None):
            raise ValueError("give exactly one of url or path")
        return self

    @property
    def location(self) -> str:
        return self.url if self.url is not None else str(self.path)


class LeaderboardSource(_Strict):
    name: str
    board: str  # e.g. "lmarena-text"
    url: str
    format: str | None = None  # detected from content when omitted
    interval: Duration = 86400

    _interval = field_validator("interval", mode="before")(parse_duration)
    _url = field_validator("url")(_http_url)


Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAYS: tuple[Weekday, ...] = get_args(Weekday)


class DigestConfig(_Strict):
    recipients: tuple[str, ...] = ()
    weekday: Weekday = "monday"
    time: dt.time = dt.time(8, 0)
    send_empty: bool = True
    unsubscribe: str | None = None  # a mailto: or https: address for List-Unsubscribe

    @field_validator("recipients")
    @classmethod
    def _emails(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        for v in values:
            if not re.fullmatch(r"[^@\s<>,;]+@[^@\s<>,;]+", v):
                raise ValueError(f"not an e-mail address: {v!r}")
        return values

    @property
    def weekday_index(self) -> int:
        return _WEEKDAYS.index(self.weekday)


class Settings(_Strict):
    allow_private_networks: bool = False  # tests and local demos only
    user_agent: str | None = None
    max_concurrency: int = Field(default=20, ge=1, le=1000)
    max_failures: int = Field(default=10, ge=1, le=1000)  # failures in a row before disabling
    staleness_days: int = Field(default=45, ge=1, le=3650)  # oldest snapshot a verdict may use


class SourcesFile(_Strict):
    settings: Settings = Settings()
    feeds: tuple[Feed, ...] = ()
    leaderboards: tuple[LeaderboardSource, ...] = ()
    # one config class per registered kind, told apart by `kind` (bot/alerts/kinds.py)
    destinations: tuple[Destination, ...] = (TerminalDestination(name="terminal"),)
    digest: DigestConfig = DigestConfig()

    @model_validator(mode="after")
    def _unique_names(self) -> SourcesFile:
        for label, items in (
            ("feeds", self.feeds),
            ("leaderboards", self.leaderboards),
            ("destinations", self.destinations),
        ):
            seen: set[str] = set()
            for item in items:
                if item.name in seen:
                    raise ValueError(f"{label}: the name {item.name!r} is used twice")
                seen.add(item.name)
        return self

    def feed(self, name: str) -> Feed:
        for f in self.feeds:
            if f.name == name:
                return f
        raise ClaimwatchError(f"no feed named {name!r} in sources.yaml")


def _line_of(node: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """The 1-based line of the YAML node at `loc` (or the nearest parent that exists)."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            found = next((v for k, v in node.value if k.value == key), None)
            if found is None:
                # a missing field: point at the mapping that lacks it
                return line
            node = found
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            if key >= len(node.value):
                return line
            node = node.value[key]
        else:
            return line
        line = node.start_mark.line + 1
    return line


def _dotted(loc: tuple[int | str, ...]) -> str:
    out = ""
    for key in loc:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


def _clean_msg(msg: str) -> str:
    msg = msg.removeprefix("Value error, ")
    if msg == "Extra inputs are not permitted":
        return "unknown setting (check its spelling)"
    return msg


def _not_a_key(part: str) -> bool:
    """A part of an error's location that names no key in the file: an "after"
    validator, or the kind tag a destination's union adds."""
    return part.startswith("function") or part in DESTINATION_KINDS


def load_sources(path: Path) -> SourcesFile:
    """Read and validate a sources file; any problem is one clear ClaimwatchError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ClaimwatchError(f"{path}: no such file (pass --sources FILE)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ClaimwatchError(f"{path}: cannot read: {exc}") from None
    return parse_sources(text, str(path), base=path.parent)


class _DuplicateKey(yaml.YAMLError):
    def __init__(self, key: str, line: int, first: int) -> None:
        super().__init__(f"the key {key!r} appears twice (first on line {first})")
        self.line = line


def _refuse_duplicate_keys(node: yaml.Node | None) -> None:
    """PyYAML keeps the last of two equal keys silently (a second `feeds:` replaced the
    first list); the file is refused instead, at the second key's line. Iterative, so a
    deeply nested file cannot exhaust the stack."""
    stack = [node] if node is not None else []
    seen_nodes: set[int] = set()  # aliases share nodes, and `&a [*a]` contains itself
    while stack:
        current = stack.pop()
        if id(current) in seen_nodes:
            continue
        seen_nodes.add(id(current))
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    line = key.start_mark.line + 1
                    if key.value in seen and key.tag != "tag:yaml.org,2002:merge":
                        raise _DuplicateKey(key.value, line, seen[key.value])
                    seen.setdefault(key.value, line)
                stack.extend((key, value))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


# libyaml's parser where PyYAML was built with it: the pure-Python one took 0.2 s for
# a file of 1,000 feeds, paid by every instance at start (benchmarks/service.py)
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _construct(node: yaml.Node | None, text: str) -> Any:
    """The Python values of a composed document, as `yaml.safe_load` makes them, without
    parsing the text a second time."""
    if node is None:
        return None
    loader = _YAML_LOADER(text)
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def parse_sources(text: str, name: str = "sources.yaml", base: Path | None = None) -> SourcesFile:
    try:
        node = yaml.compose(text, Loader=_YAML_LOADER)
        _refuse_duplicate_keys(node)
        data = _construct(node, text)
    except _DuplicateKey as exc:
        raise ClaimwatchError(f"{name}:{exc.line}: {exc}") from None
    except RecursionError:
        raise ClaimwatchError(f"{name}: nested too deeply to be a sources file") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ClaimwatchError(f"{name}{where}: not valid YAML: {problem}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ClaimwatchError(f"{name}: the top level must be a mapping (feeds:, destinations:)")
    # the loc of a tagged-union or "after" validator error has trailing non-field parts
    try:
        return SourcesFile.model_validate(data, context={"base": base})
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(p for p in err["loc"] if isinstance(p, int) or not _not_a_key(str(p)))
        line = _line_of(node, loc)
        where = f":{line}" if line else ""
        path = _dotted(loc)
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        prefix = f"{name}{where}: {path}: " if path else f"{name}{where}: "
        raise ClaimwatchError(prefix + _clean_msg(err["msg"]) + more) from None


__all__ = [
    "VERDICTS",
    "Destination",
    "DigestConfig",
    "Feed",
    "LeaderboardSource",
    "Settings",
    "SourcesFile",
    "destination",
    "load_sources",
    "parse_duration",
    "parse_sources",
]
