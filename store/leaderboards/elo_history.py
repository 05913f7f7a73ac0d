"""The wide LMArena Elo history CSV (nakasyou/lmarena-history `output/result.csv`).

One row per date (`20240629`), one column per model id, `0.0` where the model was
not rated yet: such cells are omitted, not stored as a score of zero. Every date row
is its own snapshot on the `lmarena-history` board; the file name's date is ignored
because the content dates each row. Values before about 2024-06-29 sit well below
the published scores (README "Known traps"): good for trends, not for rank claims;
the judge decides that, the reader stores what the file says.
"""

from __future__ import annotations

import re
from datetime import date

from store.leaderboards.base import BoardEntry, BoardSnapshot
from store.leaderboards.csvrows import Table, header_of, number
from store.leaderboards.formats import SourceFile, register
from store.leaderboards.ranking import competition_ranks

_DAY = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})$")
_DATE_COLUMNS = ("", "date")


class EloHistoryReader:
    format = "elo-history-csv"
    board = "lmarena-history"
    priority = 10

    def sniff(self, head: str) -> bool:
        header = header_of(head)
        if len(header) < 2 or header[0].lower() not in _DATE_COLUMNS:
            return False
        lines = head.split("\n", 2)
        return len(lines) > 1 and bool(_DAY.match(lines[1].split(",", 1)[0].strip()))

    def read(self, src: SourceFile) -> list[BoardSnapshot]:
        table = Table(src, [])
        date_col = table.header[0]
        if date_col.lower() not in _DATE_COLUMNS or len(table.header) < 2:
            raise src.error(1, "expected a date column followed by one column per model")
        models = table.header[1:]
        if any(not m for m in models):
            raise src.error(1, "a model column has no name")
        out: list[BoardSnapshot] = []
        seen: set[date] = set()
        for row in table.rows():
            m = _DAY.match(row.get(date_col))
            try:
                day = date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
            except ValueError:
                day = None
            if day is None:
                raise src.error(row.line, f"not a date: {row.get(date_col)!r}")
            if day in seen:
                raise src.error(row.line, f"date {day} appears twice")
            seen.add(day)
            rated: list[tuple[str, float]] = []
            for model in models:
                score = number(src, row, model, required=False)
                if score:  # None (empty) or 0.0: not rated on that date
                    rated.append((model, score))
            if not rated:
                continue
            rated.sort(key=lambda r: -r[1])
            ranks = competition_ranks([s for _, s in rated])
            entries = tuple(
                BoardEntry(model=name, rank=rank, score=score)
                for (name, score), rank in zip(rated, ranks, strict=True)
            )
            out.append(BoardSnapshot(board=self.board, date=day, entries=entries, metric="elo"))
        if not out:
            raise src.error(None, "no rated models on any date")
        return out


register(EloHistoryReader())
