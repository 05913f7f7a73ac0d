"""LMArena text leaderboard CSV (the fboulnois/llm-leaderboard-csv history).

Header variants seen in the real files:
- up to 2024-07-10: `rank,model,arena_elo,95_pct_ci,votes,organization,license,...`
- 2024-07-18 ..:    `rank,model,arena_score,95_pct_ci,votes,...`
- later:            `rank,rank_stylectrl,model,arena_score,95_pct_ci,votes,...`

The rank columns changed meaning on 2025-07-27 (see docs/leaderboards.md, which
records the data publisher's notes): before it, `rank` is the published rank (models whose intervals
overlap share it) and `rank_stylectrl` the style-control rank, so a file yields a
raw snapshot and a style-control one (ranks only, the CSV has no style-controlled
scores). From 2025-07-27 on, `rank` is only the row position and `rank_stylectrl` is
the interval rank of the raw scores: it becomes the raw rank and there is no
style-control view.
"""

from __future__ import annotations

import re
from datetime import date

from store.leaderboards.base import BoardEntry, BoardSnapshot
from store.leaderboards.csvrows import Row, Table, header_of, integer, number, text_or_none
from store.leaderboards.formats import SourceFile, register

RANK_SEMANTICS_CHANGED = date(2025, 7, 27)
_CI = re.compile(r"^\+\s*(\d+(?:\.\d+)?)\s*/\s*-\s*(\d+(?:\.\d+)?)$")
_SCORE_COLUMNS = ("arena_score", "arena_elo")


def parse_ci(src: SourceFile, row: Row, score: float) -> tuple[float | None, float | None]:
    """'+5/-4' -> (score - 4, score + 5); empty -> no interval."""
    value = row.get("95_pct_ci")
    if not value:
        return None, None
    m = _CI.match(value)
    if m is None:
        raise src.error(row.line, f"95_pct_ci: not of the form +U/-L: {value!r}")
    return score - float(m.group(2)), score + float(m.group(1))


class LmarenaCsvReader:
    format = "lmarena-csv"
    board = "lmarena-text"
    priority = 20  # the published CSV beats arena-catalog JSON for the same date

    def sniff(self, head: str) -> bool:
        cols = set(header_of(head))
        return {"rank", "model", "95_pct_ci"} <= cols and bool(cols & set(_SCORE_COLUMNS))

    def read(self, src: SourceFile) -> list[BoardSnapshot]:
        day = src.require_date()
        table = Table(src, ["rank", "model", "95_pct_ci", "votes"])
        score_col = next((c for c in _SCORE_COLUMNS if c in table.header), None)
        if score_col is None:
            raise src.error(1, "missing column 'arena_score' (or 'arena_elo')")
        has_style = "rank_stylectrl" in table.header
        new_semantics = day >= RANK_SEMANTICS_CHANGED
        if new_semantics and not has_style:
            raise src.error(1, "missing column 'rank_stylectrl' (needed from 2025-07-27 on)")

        raw: list[BoardEntry] = []
        style: list[BoardEntry] = []
        seen: set[str] = set()
        for row in table.rows():
            model = row.get("model")
            if not model:
                raise src.error(row.line, "model: missing value")
            score = number(src, row, score_col)
            assert score is not None
            lower, upper = parse_ci(src, row, score)
            rank = integer(src, row, "rank")
            style_rank = integer(src, row, "rank_stylectrl") if has_style else None
            if model in seen:
                continue  # the 2025-07-27+ files repeat a row verbatim (Yi-34B-Chat)
            seen.add(model)
            votes = integer(src, row, "votes", required=False)
            org = text_or_none(row, "organization")
            licence = text_or_none(row, "license")
            extra = {k: v for k in ("knowledge_cutoff", "url") if (v := row.get(k))}
            raw.append(
                BoardEntry(
                    model=model,
                    rank=style_rank if new_semantics else rank,
                    score=score,
                    ci_lower=lower,
                    ci_upper=upper,
                    votes=votes,
                    organisation=org,
                    licence=licence,
                    extra=extra,
                )
            )
            if has_style and not new_semantics:
                style.append(
                    BoardEntry(
                        model=model,
                        rank=style_rank,
                        score=None,
                        votes=votes,
                        organisation=org,
                        licence=licence,
                    )
                )
        if not raw:
            raise src.error(None, "no rows")
        out = [BoardSnapshot(board=self.board, date=day, entries=tuple(raw))]
        if style:
            style.sort(key=lambda e: e.rank if e.rank is not None else 1 << 30)
            out.append(
                BoardSnapshot(
                    board=self.board, date=day, entries=tuple(style), view="style_control"
                )
            )
        return out


register(LmarenaCsvReader())
