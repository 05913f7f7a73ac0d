"""Hugging Face Open LLM Leaderboard v2 contents CSV (one row per evaluated model).

Two header variants in the fboulnois history:
- 2024: `t,model,average,ifeval,ifeval_raw,bbh,bbh_raw,...,hub_license,...` where the
  bare benchmark column is the normalised score (0-100) and `_raw` the accuracy (0-1);
- 2025: `id,model_name,...,model_average_score,evaluations_ifeval_value,
  evaluations_ifeval_normalized_score,...,metadata_hub_license,...`.
The board publishes no rank: rank is by average, descending (ties share a rank).
The same repo can appear more than once (one row per precision): all rows are kept.
"""

from __future__ import annotations

from typing import Any

from store.leaderboards.base import BoardEntry, BoardSnapshot
from store.leaderboards.csvrows import Table, header_of, number, text_or_none
from store.leaderboards.formats import SourceFile, register
from store.leaderboards.ranking import competition_ranks

BENCHMARKS = ("ifeval", "bbh", "math_lvl_5", "gpqa", "musr", "mmlu_pro")


class _Layout:
    def __init__(
        self,
        model: str,
        average: str,
        licence: str,
        columns: dict[str, tuple[str, str]],  # benchmark -> (normalised, raw)
        extras: dict[str, str],
    ) -> None:
        self.model = model
        self.average = average
        self.licence = licence
        self.columns = columns
        self.extras = extras


_V2024 = _Layout(
    model="fullname",
    average="average",
    licence="hub_license",
    columns={
        b: (src, f"{src}_raw")
        for b, src in zip(
            BENCHMARKS, ("ifeval", "bbh", "math_lvl_5", "gpqa", "musr", "mmlupro"), strict=True
        )
    },
    extras={"precision": "precision", "params_b": "params_b", "type": "type"},
)
_V2025 = _Layout(
    model="model_name",
    average="model_average_score",
    licence="metadata_hub_license",
    columns={
        b: (f"evaluations_{src}_normalized_score", f"evaluations_{src}_value")
        for b, src in zip(
            BENCHMARKS, ("ifeval", "bbh", "math", "gpqa", "musr", "mmlu_pro"), strict=True
        )
    },
    extras={
        "precision": "model_precision",
        "params_b": "metadata_params_billions",
        "type": "model_type",
    },
)


def _layout(header: list[str]) -> _Layout | None:
    cols = set(header)
    if {"model_name", "model_average_score"} <= cols:
        return _V2025
    if {"average", "ifeval", "ifeval_raw"} <= cols and ("fullname" in cols or "model" in cols):
        return _V2024
    return None


class OpenLlmV2Reader:
    format = "open-llm-v2-csv"
    board = "open-llm-leaderboard-v2"
    priority = 10

    def sniff(self, head: str) -> bool:
        return _layout(header_of(head)) is not None

    def read(self, src: SourceFile) -> list[BoardSnapshot]:
        day = src.require_date()
        table = Table(src, [])
        layout = _layout(table.header)
        if layout is None:
            raise src.error(1, "missing columns: not an Open LLM Leaderboard v2 header")
        model_col = layout.model if layout.model in table.header else "model"
        needed = [layout.average, *(c for pair in layout.columns.values() for c in pair)]
        missing = [c for c in needed if c not in table.header]
        if missing:
            raise src.error(1, f"missing column {', '.join(repr(c) for c in missing)}")

        rows: list[tuple[str, float, str | None, dict[str, Any]]] = []
        for row in table.rows():
            model = row.get(model_col)
            if not model:
                raise src.error(row.line, f"{model_col}: missing value")
            average = number(src, row, layout.average)
            assert average is not None
            extra: dict[str, Any] = {}
            for bench, (norm_col, raw_col) in layout.columns.items():
                extra[bench] = number(src, row, norm_col, required=False)
                extra[f"{bench}_raw"] = number(src, row, raw_col, required=False)
            for key, col in layout.extras.items():
                if value := row.get(col):
                    extra[key] = value
            rows.append((model, average, text_or_none(row, layout.licence), extra))
        if not rows:
            raise src.error(None, "no rows")
        rows.sort(key=lambda r: -r[1])  # stable: file order among equal averages
        ranks = competition_ranks([r[1] for r in rows])
        entries = tuple(
            BoardEntry(model=m, rank=rank, score=avg, licence=lic, extra=extra)
            for (m, avg, lic, extra), rank in zip(rows, ranks, strict=True)
        )
        return [BoardSnapshot(board=self.board, date=day, entries=entries, metric="average")]


register(OpenLlmV2Reader())
