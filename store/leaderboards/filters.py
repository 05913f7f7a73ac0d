"""Which entries of a snapshot a "top" listing shows: pure, over the registry Protocol.

Openness and country are registry facts (curated, with overrides), never the raw
licence or organisation string of the CSV. A model the registry cannot place
(unknown licence or country) is left out of a filtered list rather than guessed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from store.leaderboards.base import BoardEntry
from store.registry.base import ModelFacts, RegistryLike


@dataclass(frozen=True, slots=True)
class Listed:
    entry: BoardEntry
    facts: ModelFacts | None


def select_entries(
    entries: Iterable[BoardEntry],
    registry: RegistryLike | None,
    *,
    open_weights: bool = False,
    country: str | None = None,
    limit: int | None = None,
) -> list[Listed]:
    """Entries in board order, keeping those that pass the filters, at most `limit`."""
    wanted_country = country.upper() if country else None
    if (open_weights or wanted_country) and registry is None:
        raise ValueError("filtering by openness or country needs the registry")
    out: list[Listed] = []
    for entry in entries:
        facts = (
            registry.facts(entry.model, entry.organisation, entry.licence)
            if registry is not None
            else None
        )
        if open_weights and (facts is None or facts.open_weights is not True):
            continue
        if wanted_country and (facts is None or facts.country != wanted_country):
            continue
        out.append(Listed(entry, facts))
        if limit is not None and len(out) >= limit:
            break
    return out
