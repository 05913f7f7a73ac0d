"""Small hand-built boards, a fake registry and a fake resolver for judge unit tests;
and the real bundled leaderboard data the golden verdict tests judge against.

The fakes implement only the shapes the judge reads (store.registry.base.RegistryLike,
store.judge.index.ResolutionLike), so the unit tests do not depend on the real
registry data or the real resolver. The bundled data is parsed with the real readers,
without a database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from store.judge import BoardData
from store.leaderboards.base import BoardEntry, BoardSnapshot
from store.leaderboards.ingest import bundled_paths
from store.leaderboards.readers import parse_bytes
from store.registry.base import LicenceClass, ModelFacts

# model -> (organisation, country, licence class, base model, base country)
FACTS: dict[str, tuple[str, str, LicenceClass, str | None, str | None]] = {
    "Alpha-1": ("OpenAI", "US", "proprietary", None, None),
    "Beta-Open": ("Meta", "US", "restricted", None, None),
    "Gamma-Open": ("DeepSeek", "CN", "permissive", None, None),
    "Delta-Closed": ("Alibaba", "CN", "proprietary", None, None),
    "Tune-72B": ("NexusFlow", "US", "restricted", "Qwen2.5-72B", "CN"),
    "Qwen2.5-7B": ("Alibaba", "CN", "restricted", None, None),
    "Qwen2.5-72B": ("Alibaba", "CN", "restricted", None, None),
}


class FakeRegistry:
    def facts(
        self, model: str, organisation: str | None = None, licence: str | None = None
    ) -> ModelFacts:
        known = FACTS.get(model)
        if known is None:
            return ModelFacts(model, organisation, None, None)
        org, country, cls, base, base_country = known
        return ModelFacts(model, org, country, cls, None, base, base_country)


@dataclass(frozen=True)
class FakeResolution:
    status: str
    models: Sequence[str] = ()
    candidates: Sequence[str] = field(default_factory=tuple)
    how: str = ""


def fake_resolve(name: str, board_models: Sequence[str], registry: object) -> FakeResolution:
    """Exact (case-insensitive) first; then a unique prefix family; "Qwen" is ambiguous."""
    exact = [m for m in board_models if m.lower() == name.lower()]
    if exact:
        return FakeResolution("exact", exact)
    if name.lower() == "qwen":
        cands = [m for m in board_models if m.lower().startswith("qwen")]
        return FakeResolution("ambiguous", (), cands)
    family = [m for m in board_models if m.lower().startswith(name.lower())]
    if family:
        return FakeResolution("family", family)
    return FakeResolution("not_found")


def entry(model: str, rank: int | None, score: float | None, half: float = 5.0) -> BoardEntry:
    if score is None:
        return BoardEntry(model, rank, None)
    return BoardEntry(model, rank, score, score - half, score + half, votes=1000)


def snap(
    day: date, entries: list[BoardEntry], view: str = "raw", board: str = "lmarena-text"
) -> BoardSnapshot:
    return BoardSnapshot(board=board, date=day, entries=tuple(entries), view=view)


@cache
def bundled_snapshots() -> tuple[BoardSnapshot, ...]:
    out: list[BoardSnapshot] = []
    for path in bundled_paths():
        out.extend(parse_bytes(path.read_bytes(), path.name).snapshots)
    return tuple(out)


@cache
def bundled_board_data() -> BoardData:
    return BoardData(bundled_snapshots())
