"""Write the registry into the database: Organisation and Model rows.

The judge reads the registry in memory; the rows are for queries and for people
(`leaderboard top --country`, digests, SQL). Sync is an upsert by name, so running it
again after editing the data files updates rows in place and never duplicates them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import Session, select

from store.models import Model as ModelRow
from store.models import Organisation as OrganisationRow
from store.registry import load_registry
from store.registry.registry import EntryLike, Registry


@dataclass(frozen=True, slots=True)
class SyncCounts:
    organisations: int
    models: int


def sync_registry(
    session: Session,
    registry: Registry | None = None,
    entries: Iterable[EntryLike] = (),
) -> SyncCounts:
    """Upsert every organisation and curated model (with base links), plus a Model row
    for each board entry given (its facts as the registry derives them). The caller
    commits (session_scope does)."""
    if registry is None:
        registry = load_registry()

    org_rows = {row.name: row for row in session.exec(select(OrganisationRow)).all()}
    for org in registry.organisations.values():
        org_row = org_rows.get(org.name)
        if org_row is None:
            org_row = org_rows[org.name] = OrganisationRow(name=org.name)
        org_row.country = org.country
        org_row.aliases = list(org.aliases)
        session.add(org_row)
    session.flush()

    wanted: dict[str, tuple[str | None, str | None]] = {}  # name -> (published licence, org)
    for model in {id(m): m for m in registry.models.values()}.values():
        wanted[model.name] = (model.licence, model.organisation)
    for entry in entries:
        wanted.setdefault(entry.model, (entry.licence, entry.organisation))

    model_rows = {row.name: row for row in session.exec(select(ModelRow)).all()}
    for name, (licence, organisation) in wanted.items():
        facts = registry.facts(name, organisation, licence)
        row = model_rows.get(name)
        if row is None:
            row = model_rows[name] = ModelRow(name=name)
        row.family = facts.family
        owner = org_rows.get(facts.organisation) if facts.organisation else None
        row.organisation_id = owner.id if owner else None
        entry_curated = registry.curated(name)
        row.licence = (entry_curated.licence if entry_curated else None) or licence
        row.licence_class = facts.licence_class
        row.open_weights = facts.open_weights
        session.add(row)
    session.flush()

    # base links last: every target row now has an id
    for name in wanted:
        linked = registry.curated(name)
        base = linked.base if linked else None
        base_curated = registry.curated(base) if base else None
        base_row = model_rows.get(base_curated.name) if base_curated else None
        model_rows[name].base_model_id = base_row.id if base_row else None
        session.add(model_rows[name])
    session.flush()
    return SyncCounts(organisations=len(registry.organisations), models=len(wanted))
