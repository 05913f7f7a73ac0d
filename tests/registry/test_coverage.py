"""Every organisation and every model in the bundled data is placed by the registry.

These read the bundled copies (store/data/leaderboards), so a newly bundled snapshot
with an unknown organisation, licence or catalog id fails here until the registry
data says what it is.
"""

from __future__ import annotations

from store.registry import load_registry
from tests.registry.registry_support import (
    catalog_files,
    catalog_models,
    csv_rows,
    lmarena_csvs,
    scatterplot_rows,
)


def test_every_published_organisation_has_a_country() -> None:
    registry = load_registry()
    seen: dict[str, str] = {}
    for path in lmarena_csvs():
        for row in csv_rows(path):
            seen.setdefault(row["organization"], path.name)
    for row in scatterplot_rows():
        seen.setdefault(row["organization"], "scatterplot-data.json")
    assert len(seen) > 50  # both sources were read
    unplaced = {
        org: where
        for org, where in seen.items()
        if (found := registry.organisation(org)) is None or not found.country
    }
    assert unplaced == {}, f"organisations missing from organisations.yaml: {unplaced}"


def test_every_published_licence_string_is_known() -> None:
    registry = load_registry()
    seen: dict[str, str] = {}
    for path in lmarena_csvs():
        for row in csv_rows(path):
            seen.setdefault(row["license"], path.name)
    for row in scatterplot_rows():
        seen.setdefault(row["license"], "scatterplot-data.json")
    unknown = {lic: where for lic, where in seen.items() if not registry.knows_licence(lic)}
    assert unknown == {}, f"licence strings missing from licences.yaml: {unknown}"


def test_every_lmarena_entry_is_placed() -> None:
    registry = load_registry()
    for path in lmarena_csvs():
        rows = csv_rows(path)
        missing = [
            row["model"]
            for row in rows
            if None
            in (
                (f := registry.facts(row["model"], row["organization"], row["license"])).country,
                f.licence_class,
            )
        ]
        assert missing == [], f"{path.name}: unplaced {missing}"


def test_every_arena_catalog_model_is_placed() -> None:
    """The catalog files carry no organisation or licence: families and the
    scatterplot place every id, in all eight snapshots (2025-03 .. 2025-12)."""
    registry = load_registry()
    files = catalog_files()
    assert len(files) == 8
    for path in files:
        models = catalog_models(path)
        assert len(models) > 200
        assert registry.unplaced(sorted(models)) == [], path.name
