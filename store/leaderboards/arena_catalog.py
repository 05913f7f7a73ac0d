"""lmarena/arena-catalog `leaderboard-text*.json`: category -> model -> rating with bounds.

`{"full": {"gpt-4o": {"rating": 1285.3, "rating_q025": 1281.0, "rating_q975": 1289.1},
...}, "coding": {...}}`. One snapshot per category, all on the `lmarena-text` board
(the same board as the CSV history; the CSV wins where both have a date). The file
carries neither a date nor its view: the date comes from the file name (or the
caller), and `leaderboard-text-style-control*.json` is the style-controlled view.
The file publishes no rank; the one computed here is the board's published style,
1 + the number of models whose lower bound is above this model's upper bound.
"""

from __future__ import annotations

import json
import math
from typing import Any

from store.leaderboards.base import BoardEntry, BoardSnapshot
from store.leaderboards.formats import SourceFile, register
from store.leaderboards.ranking import interval_ranks

_FIELDS = ("rating", "rating_q025", "rating_q975")


def _line_of(text: str, *keys: str) -> int | None:
    """Best-effort line of a nested key path (JSON errors should point somewhere)."""
    pos = 0
    for key in keys:
        found = text.find(json.dumps(key), pos)
        if found < 0:
            return None
        pos = found
    return text.count("\n", 0, pos) + 1


class ArenaCatalogReader:
    format = "arena-catalog-json"
    board = "lmarena-text"
    priority = 10

    def sniff(self, head: str) -> bool:
        return head.lstrip().startswith("{") and '"rating_q025"' in head

    def read(self, src: SourceFile) -> list[BoardSnapshot]:
        day = src.require_date()
        view = src.view or "raw"
        try:
            data: Any = json.loads(src.text)
        except json.JSONDecodeError as exc:
            raise src.error(exc.lineno, f"not valid JSON: {exc.msg}") from None
        if not isinstance(data, dict) or not data:
            raise src.error(1, "expected an object of categories")
        out: list[BoardSnapshot] = []
        for category, models in data.items():
            if not isinstance(models, dict):
                raise src.error(_line_of(src.text, category), f"{category}: expected an object")
            out.append(
                BoardSnapshot(
                    board=self.board,
                    date=day,
                    category=category,
                    view=view,
                    entries=self._entries(src, category, models),
                )
            )
        return out

    def _entries(
        self, src: SourceFile, category: str, models: dict[str, Any]
    ) -> tuple[BoardEntry, ...]:
        rows: list[tuple[str, float, float, float]] = []
        for model, rating in models.items():
            values: list[float] = []
            for field in _FIELDS:
                value = rating.get(field) if isinstance(rating, dict) else None
                if isinstance(value, bool) or not isinstance(value, int | float):
                    raise src.error(
                        _line_of(src.text, category, model),
                        f"{category}.{model}.{field}: missing or not a number",
                    )
                if not math.isfinite(value):
                    raise src.error(
                        _line_of(src.text, category, model),
                        f"{category}.{model}.{field}: not a finite number",
                    )
                values.append(float(value))
            rows.append((model, values[0], values[1], values[2]))
        rows.sort(key=lambda r: (-r[1], r[0]))
        ranks = interval_ranks([r[2] for r in rows], [r[3] for r in rows])
        return tuple(
            BoardEntry(model=m, rank=rank, score=s, ci_lower=lo, ci_upper=hi)
            for (m, s, lo, hi), rank in zip(rows, ranks, strict=True)
        )


register(ArenaCatalogReader())
