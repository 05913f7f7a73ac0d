"""A snapshot's registry facts are computed per model when first asked for, and give what
one dict built over every entry gave: the facts of a name's last entry."""

from __future__ import annotations

from datetime import date

import pytest

from store.judge.index import SnapshotIndex
from store.leaderboards.base import BoardEntry
from store.registry.base import ModelFacts
from tests.judge.judge_support import FakeRegistry, snap


class CountingRegistry(FakeRegistry):
    def __init__(self) -> None:
        self.asked: list[tuple[str, str | None]] = []

    def facts(
        self, model: str, organisation: str | None = None, licence: str | None = None
    ) -> ModelFacts:
        self.asked.append((model, organisation))
        return super().facts(model, organisation, licence)


SNAP = snap(
    date(2025, 1, 1),
    [
        BoardEntry("Alpha-1", 1, 1300.0),
        BoardEntry("Mystery-7B", 2, 1250.0, organisation="First Lab"),
        BoardEntry("Gamma-Open", 3, 1240.0),
        BoardEntry("Mystery-7B", 4, 1200.0, organisation="Second Lab"),  # listed twice
    ],
)


def test_only_the_models_asked_for_are_computed_once_each() -> None:
    registry = CountingRegistry()
    index = SnapshotIndex(SNAP)
    facts = index.facts(registry)
    assert registry.asked == []
    assert facts["Alpha-1"].country == "US"
    assert facts.get("Gamma-Open") == FakeRegistry().facts("Gamma-Open")
    assert facts["Alpha-1"].organisation == "OpenAI"
    assert registry.asked == [("Alpha-1", None), ("Gamma-Open", None)]
    assert index.facts(registry) is facts  # kept per index and registry


def test_a_name_listed_twice_has_its_last_entrys_facts() -> None:
    registry = CountingRegistry()
    facts = SnapshotIndex(SNAP).facts(registry)
    assert facts["Mystery-7B"].organisation == "Second Lab"
    assert registry.asked == [("Mystery-7B", "Second Lab")]


def test_it_reads_as_a_mapping_of_every_listed_model() -> None:
    facts = SnapshotIndex(SNAP).facts(CountingRegistry())
    assert list(facts) == ["Alpha-1", "Mystery-7B", "Gamma-Open"]
    assert len(facts) == 3 and "Gamma-Open" in facts and "Beta-Open" not in facts
    assert facts.get("Beta-Open") is None
    with pytest.raises(KeyError):
        facts["Beta-Open"]
    assert dict(facts) == {m: CountingRegistry().facts(m) for m in ("Alpha-1", "Gamma-Open")} | {
        "Mystery-7B": ModelFacts("Mystery-7B", "Second Lab", None, None)
    }
