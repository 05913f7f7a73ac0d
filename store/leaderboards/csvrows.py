"""CSV plumbing shared by the CSV readers: rows with their line numbers, strict numbers.

Every problem becomes a `LeaderboardFormatError` on the line it was found, so a
user can open the file at that line.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from store.leaderboards.formats import SourceFile


def header_of(head: str) -> list[str]:
    """The first CSV record of some text, stripped (for sniffing)."""
    first = head.split("\n", 1)[0].rstrip("\r")
    try:
        return [c.strip() for c in next(csv.reader([first]))]
    except (StopIteration, csv.Error):
        return []


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "").strip()


class Table:
    """A CSV file read strictly: required columns present, every row the header's width."""

    def __init__(self, src: SourceFile, required: Sequence[str]) -> None:
        self.src = src
        self._reader = csv.reader(io.StringIO(src.text, newline=""))
        try:
            self.header = [c.strip() for c in next(self._reader)]
        except StopIteration:
            raise src.error(1, "empty file") from None
        except csv.Error as exc:
            raise src.error(1, f"bad CSV header: {exc}") from None
        missing = [c for c in required if c not in self.header]
        if missing:
            raise src.error(1, f"missing column {', '.join(repr(c) for c in missing)}")

    def rows(self) -> Iterator[Row]:
        width = len(self.header)
        while True:
            try:
                cells = next(self._reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise self.src.error(self._reader.line_num, f"bad CSV: {exc}") from None
            line = self._reader.line_num
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue  # blank line
            if len(cells) != width:
                raise self.src.error(
                    line, f"expected {width} fields as in the header, found {len(cells)}"
                )
            yield Row(line, dict(zip(self.header, cells, strict=True)))


def number(src: SourceFile, row: Row, column: str, *, required: bool = True) -> float | None:
    value = row.get(column)
    if not value:
        if required:
            raise src.error(row.line, f"{column}: missing value")
        return None
    try:
        out = float(value)
    except ValueError:
        raise src.error(row.line, f"{column}: not a number: {value!r}") from None
    if not math.isfinite(out):
        raise src.error(row.line, f"{column}: not a finite number: {value!r}")
    return out


def integer(src: SourceFile, row: Row, column: str, *, required: bool = True) -> int | None:
    value = row.get(column)
    if not value:
        if required:
            raise src.error(row.line, f"{column}: missing value")
        return None
    try:
        return int(value.replace(",", ""))
    except ValueError:
        raise src.error(row.line, f"{column}: not a whole number: {value!r}") from None


def text_or_none(row: Row, column: str) -> str | None:
    return row.get(column) or None
