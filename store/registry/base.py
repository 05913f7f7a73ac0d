"""What the registry knows about a model on a board: the facts group claims turn on.

Country and openness are facts about organisations and licences, not strings in a
CSV: the registry derives them from curated data with overrides where a board is
wrong. The judge depends only on this Protocol.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

LicenceClass = Literal["permissive", "restricted", "proprietary"]


@dataclass(frozen=True, slots=True)
class ModelFacts:
    model: str  # the board's spelling
    organisation: str | None  # canonical organisation name
    country: str | None  # ISO 3166 alpha-2, e.g. "CN", "US", "FR"
    licence_class: LicenceClass | None  # None: unknown
    family: str | None = None  # e.g. "qwen", "deepseek", "llama"
    base_model: str | None = None  # a fine-tune's base model (canonical name)
    base_country: str | None = None  # the base model's organisation's country

    @property
    def open_weights(self) -> bool | None:
        if self.licence_class is None:
            return None
        return self.licence_class != "proprietary"


class RegistryLike(Protocol):
    def facts(
        self, model: str, organisation: str | None = None, licence: str | None = None
    ) -> ModelFacts:
        """Facts for a model as a board lists it (published organisation and licence
        are hints; curated overrides win). Unknown facts are None, never guessed."""
        ...
