"""The format registry: bytes in, format detected from content, snapshots out.

Each leaderboard format is one registered `Reader` (a registry dict, never an if/else
chain over format names). A reader says whether some text looks like its format
(`sniff`, from the header or the JSON shape: file names lie) and turns a whole file
into `BoardSnapshot`s. A file that does not parse is rejected whole with a
`LeaderboardFormatError` naming the file, the line and the reason.

This module does no I/O: callers hand it bytes and a name for error messages.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Protocol
from urllib.parse import urlsplit

from store.errors import ClaimwatchError
from store.leaderboards.base import BoardSnapshot

_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
VIEWS = ("raw", "style_control")


class LeaderboardFormatError(ClaimwatchError):
    """A leaderboard file that cannot be read; nothing of it is stored."""

    def __init__(self, file: str, line: int | None, reason: str) -> None:
        self.file = file
        self.line = line
        self.reason = reason
        where = f"{file}:{line}" if line is not None else file
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One decoded leaderboard file and what its name (or the caller) says about it."""

    name: str  # file path or URL, for error messages and provenance
    text: str
    date: dt.date | None = None  # from the file name, else the caller's hint
    view: str | None = None  # "style_control" when the name says so, else the hint

    def error(self, line: int | None, reason: str) -> LeaderboardFormatError:
        return LeaderboardFormatError(self.name, line, reason)

    def require_date(self) -> dt.date:
        if self.date is None:
            raise self.error(
                None, "no snapshot date: the file name carries none (pass a date explicitly)"
            )
        return self.date


class Reader(Protocol):
    format: str  # registry key, e.g. "lmarena-csv"
    board: str  # the board slug its snapshots belong to
    # when two formats publish the same board/date/category/view, the higher wins
    priority: int

    def sniff(self, head: str) -> bool:
        """Whether the start of a file (first few KB) looks like this format."""
        ...

    def read(self, src: SourceFile) -> list[BoardSnapshot]:
        """Every snapshot in the file; raise `src.error(...)` on anything malformed."""
        ...


READERS: dict[str, Reader] = {}


def register(reader: Reader) -> Reader:
    if reader.format in READERS:
        raise ValueError(f"leaderboard format {reader.format!r} is registered twice")
    READERS[reader.format] = reader
    return reader


def priority_of(fmt: str | None) -> int:
    reader = READERS.get(fmt or "")
    return reader.priority if reader is not None else 0


def base_name(name: str) -> str:
    """The last path segment of a file path or URL."""
    path = urlsplit(name).path if "://" in name else name
    return PurePosixPath(path.replace("\\", "/")).name


def date_from_name(name: str) -> dt.date | None:
    """The YYYY-MM-DD a leaderboard file is named after (the last one in its name)."""
    found = _ISO_DATE.findall(base_name(name))
    if not found:
        return None
    y, m, d = found[-1]
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def view_from_name(name: str) -> str | None:
    lowered = base_name(name).lower()
    return "style_control" if "style-control" in lowered or "style_control" in lowered else None


def decode(data: bytes, name: str) -> str:
    """Text of a file, gunzipped when it is gzip (by magic bytes, not by name)."""
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (EOFError, OSError, zlib.error) as exc:
            raise LeaderboardFormatError(
                name, None, f"truncated or corrupt gzip data ({exc})"
            ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LeaderboardFormatError(name, line, "not UTF-8 text") from None


def detect_format(text: str, name: str) -> str:
    """The registered format whose sniffer recognises the content."""
    head = text[:8192]
    matches = [fmt for fmt, reader in READERS.items() if reader.sniff(head)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        known = ", ".join(sorted(READERS))
        raise LeaderboardFormatError(name, 1, f"not a known leaderboard format ({known})")
    raise LeaderboardFormatError(name, 1, f"ambiguous format: {', '.join(matches)}")


@dataclass(frozen=True, slots=True)
class ParsedFile:
    origin: str
    format: str
    snapshots: list[BoardSnapshot]

    @property
    def entry_count(self) -> int:
        return sum(len(s.entries) for s in self.snapshots)


def parse_bytes(
    data: bytes,
    name: str,
    *,
    format: str | None = None,
    date_hint: dt.date | None = None,
    view: str | None = None,
) -> ParsedFile:
    """Decode, detect and read one file. A date in the file name beats `date_hint`."""
    if view is not None and view not in VIEWS:
        raise LeaderboardFormatError(name, None, f"unknown view {view!r} (use {VIEWS})")
    text = decode(data, name)
    fmt = format or detect_format(text, name)
    reader = READERS.get(fmt)
    if reader is None:
        raise LeaderboardFormatError(name, None, f"unknown format {fmt!r}")
    src = SourceFile(
        name=name,
        text=text,
        date=date_from_name(name) or date_hint,
        view=view or view_from_name(name),
    )
    return ParsedFile(origin=name, format=fmt, snapshots=reader.read(src))
