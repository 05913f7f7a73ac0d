"""Regular expressions whose compiled form is kept between processes.

The offline extractor compiles several hundred patterns, and `re` parses and compiles
each in pure Python: about 0.3 s of every process that extracts, most of `claimwatch
check`'s start-up on a short text (benchmarks/cli_startup.py). What `re.compile` hands
to the C engine in the end (`_sre.compile`) is a list of integers and a few group
tables; those are kept, per pattern, in one file of the user's cache directory
(CLAIMWATCH_CACHE_DIR, else $XDG_CACHE_HOME/claimwatch or ~/.cache/claimwatch; the
interpreter's tag in its name), and later processes build the pattern straight from
them.

The file is only ever a shortcut: written when a process compiled something new,
replaced atomically, skipped where it cannot be written, and ignored when it is
unreadable, another interpreter's, or open to other users' writing (an entry that
does not build is compiled afresh). A pattern built from it is equal to
`re.compile`'s (`re.Pattern` equality compares the pattern, the flags and the compiled
code; tests/extract/test_regexes.py checks every pattern the extractor uses). Where the
interpreter's `re` internals differ from what this module knows, every pattern is
compiled by `re.compile` as usual.
"""

from __future__ import annotations

import atexit
import importlib
import logging
import marshal
import os
import re
import stat
import sys
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

# What `_sre.compile` takes besides the pattern: final flags, code, group count,
# group index, index to group.
Compiled = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]

# Past this size a save keeps only the patterns its own process used, so that patterns
# of older versions (and names of older data) do not pile up; the extractor's take 1.2 MB.
MAX_BYTES = 8_000_000
_FORMAT = 1

# `re`'s own engine, parser, compiler and constants (private, hence looked up by name;
# their names since 3.11), shared with prefilter.py. Without them every pattern is
# compiled as `re` does.
_sre: Any
_parser: Any
_compiler: Any
RE_CONSTANTS: Any
try:
    _sre = importlib.import_module("_sre")
    _parser = importlib.import_module("re._parser")
    _compiler = importlib.import_module("re._compiler")
    RE_CONSTANTS = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - another Python
    _sre = _parser = _compiler = RE_CONSTANTS = None
RE_PARSER, RE_COMPILER = _parser, _compiler


def _build(pattern: str, flags: int) -> Compiled:
    """What `re._compiler.compile` passes to `_sre.compile` for a text pattern."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    final = flags | parsed.state.flags
    # opcodes are int subclasses, which marshal does not take
    return final, [int(c) for c in code], parsed.state.groups - 1, groupindex, tuple(indexgroup)


def _make(pattern: str, parts: Compiled) -> re.Pattern[str]:
    flags, code, groups, groupindex, indexgroup = parts
    compiled: re.Pattern[str] = _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)
    return compiled


def _works() -> bool:
    """Whether patterns built here equal `re.compile`'s on this interpreter."""
    if _compiler is None or not hasattr(_compiler, "_code"):
        return False
    probe = r"(?P<a>\d+)\s+(?:ranks?|#)(?i:\s*x)?"
    try:
        return _make(probe, _build(probe, re.IGNORECASE)) == re.compile(probe, re.IGNORECASE)
    except Exception:
        return False


class PatternCache:
    """The compiled forms read from one file, and those this process added."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.stored: dict[tuple[str, int], Compiled] = {}
        self.used: dict[tuple[str, int], Compiled] = {}
        self.dirty = False
        self.loaded = False
        self.lock = threading.Lock()

    def compile(self, pattern: str, flags: int | re.RegexFlag) -> re.Pattern[str]:
        flags = int(flags)  # a RegexFlag is an int subclass, which marshal does not take
        with self.lock:
            if not self.loaded:
                self.stored = self._read()
                self.loaded = True
            key = (pattern, flags)
            parts = self.stored.get(key)
            if parts is not None:
                try:
                    made = _make(pattern, parts)
                except (ValueError, TypeError, RuntimeError, OverflowError):
                    parts = None  # a damaged entry: compiled afresh, and replaced
                else:
                    self.used[key] = parts
                    return made
            parts = _build(pattern, flags)
            self.stored[key] = parts
            self.used[key] = parts
            self.dirty = True
            return _make(pattern, parts)

    def _header(self) -> tuple[int, str, int]:
        return _FORMAT, sys.version, int(_sre.MAGIC)

    def _read(self) -> dict[tuple[str, int], Compiled]:
        if self.path is None:
            return {}
        try:
            info = self.path.stat()
            if not _trusted(info.st_uid, info.st_mode) or info.st_size > 4 * MAX_BYTES:
                log.debug("regex cache %s not ours, open to others or too large", self.path)
                return {}
            # marshal reads only what this user alone could have written (_trusted)
            data = marshal.loads(self.path.read_bytes())  # noqa: S302
        except FileNotFoundError:
            return {}
        except (OSError, EOFError, ValueError, TypeError) as exc:
            log.debug("regex cache %s unreadable (%s); compiling afresh", self.path, exc)
            return {}
        if not (isinstance(data, tuple) and len(data) == 2 and data[0] == self._header()):
            return {}  # another interpreter's, or another format's
        entries = data[1]
        if not isinstance(entries, dict):
            return {}
        return {k: v for k, v in entries.items() if _well_formed(k, v)}

    def save(self) -> None:
        """Write the file if this process compiled anything new (atomically: a reader
        never sees half a file)."""
        if not self.dirty or self.path is None:
            return
        try:
            blob = marshal.dumps((self._header(), self.stored))
            if len(blob) > MAX_BYTES:
                blob = marshal.dumps((self._header(), self.used))
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name, suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(blob)
                os.replace(tmp, self.path)
            except BaseException:
                os.unlink(tmp)
                raise
        # a read-only home (or, were it ever so, a value marshal refuses): nothing kept
        except (OSError, ValueError) as exc:
            log.debug("regex cache not written to %s: %s", self.path, exc)
            return
        self.dirty = False


def _trusted(uid: int, mode: int) -> bool:
    """A file this user owns and nobody else may write."""
    getuid = getattr(os, "getuid", None)
    return (getuid is None or uid == getuid()) and not mode & (stat.S_IWGRP | stat.S_IWOTH)


def _well_formed(key: Any, value: Any) -> bool:
    """An entry shaped as `save` writes them (a damaged one is compiled afresh)."""
    return (
        isinstance(key, tuple)
        and len(key) == 2
        and isinstance(key[0], str)
        and isinstance(key[1], int)
        and isinstance(value, tuple)
        and len(value) == 5
        and isinstance(value[0], int)
        and isinstance(value[1], list)
        and isinstance(value[2], int)
        and isinstance(value[3], dict)
        and isinstance(value[4], tuple)
    )


def _cache_path() -> Path | None:
    explicit = os.environ.get("CLAIMWATCH_CACHE_DIR")
    try:
        base = Path(explicit) if explicit else _user_cache() / "claimwatch"
    except RuntimeError:  # no home directory to keep it in
        return None
    return base / f"patterns.{sys.implementation.cache_tag}.marshal"


def _user_cache() -> Path:
    xdg = os.environ.get("XDG_CACHE_HOME")  # the XDG spec ignores a relative one
    return Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"


_CACHE: PatternCache | None = None
if _works():
    _CACHE = PatternCache(_cache_path())
    atexit.register(_CACHE.save)


def regex(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, built from the kept compiled form when there is one."""
    if _CACHE is None:
        return re.compile(pattern, flags)
    return _CACHE.compile(pattern, flags)


def longest_first(terms: Iterable[str]) -> list[str]:
    """Alternatives in the order a pattern should try them: longer first, so that
    "GPT-4o mini" is matched before "GPT-4o"; ties by text, so that the pattern reads
    the same in every process (a set's order does not) and its compiled form is kept."""
    return sorted(terms, key=lambda term: (-len(term), term))
