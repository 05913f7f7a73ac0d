"""Curated facts: organisations (country, spellings), licences (open or not), model
overrides and fine-tune links, and model families for boards that publish nothing.

    registry = load_registry()
    registry.facts("DeepSeek-R1", "DeepSeek", "MIT")      # ModelFacts(country="CN", ...)
    registry.facts("qwen3-235b-a22b")                     # placed by family: Alibaba, permissive
    registry.unplaced(snapshot.entries)                   # what it cannot place

The data lives in store/registry/data/*.yaml (see README, "Registry").
"""

from __future__ import annotations

from functools import lru_cache

from store.registry.base import LicenceClass, ModelFacts, RegistryLike
from store.registry.registry import CuratedModel, Family, Organisation, Registry, load

__all__ = [
    "CuratedModel",
    "Family",
    "LicenceClass",
    "ModelFacts",
    "Organisation",
    "Registry",
    "RegistryLike",
    "country_names",
    "load_registry",
]


@lru_cache(maxsize=1)
def load_registry() -> Registry:
    """The bundled registry, parsed once per process."""
    return load()


def country_names() -> dict[str, str]:
    """Lower-cased country names and demonyms -> ISO code ("chinese" -> "CN")."""
    return dict(load_registry().country_names)
