"""The registry: curated facts about organisations, licences and models.

`Registry.facts()` answers the judge's question "what is this board entry?" from, in
order of trust:

1. a curated model entry (models.yaml): overrides where a board is wrong, base links;
2. what the board itself publishes (organisation and licence strings on the entry);
3. arena-catalog's scatterplot-data.json, for catalog ids that carry nothing;
4. the family rules (families.yaml), by name pattern.

A published string the registry does not know (an organisation or licence never seen)
yields None for that fact: it is reported (`unplaced`), never guessed from the name.
This module does no I/O of its own: it is built from parsed data (see `load`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from fnmatch import translate
from typing import Protocol

from store.registry import data_files as files
from store.registry.base import LicenceClass, ModelFacts
from store.registry.names import key, rule_key


@dataclass(frozen=True, slots=True)
class Organisation:
    name: str
    country: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CuratedModel:
    name: str
    aliases: tuple[str, ...]
    organisation: str | None
    licence: str | None
    licence_class: LicenceClass | None
    base: str | None
    family: str | None
    why: str


@dataclass(frozen=True, slots=True)
class Family:
    name: str
    organisation: str
    surfaces: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Rule:
    pattern: re.Pattern[str]
    family: str
    organisation: str
    licence_class: LicenceClass | None


class EntryLike(Protocol):
    @property
    def model(self) -> str: ...
    @property
    def organisation(self) -> str | None: ...
    @property
    def licence(self) -> str | None: ...


# Published cells that mean "nothing published" rather than an unknown licence.
_BLANK = frozenset({"", "na", "none", "null", "unknown"})


@dataclass
class Registry:
    organisations: dict[str, Organisation]  # canonical name -> organisation
    licence_classes: dict[str, LicenceClass]  # key(licence string) -> class
    unclassed_licences: frozenset[str]  # key(licence string), seen and deliberately unknown
    models: dict[str, CuratedModel]  # key(name or alias) -> curated entry
    families: dict[str, Family]
    catalog: dict[str, tuple[str | None, str | None]]  # key(api name) -> (org, licence)
    aliases: dict[str, tuple[str, ...]]  # key(text alias) -> board spellings
    rewrites: dict[str, str]  # key(text alias) -> the name it reads as ("4o" -> "GPT-4o")
    country_names: dict[str, str]  # lower-cased name -> ISO code
    rules: tuple[_Rule, ...] = ()
    spellings: tuple[str, ...] = ()  # the aliases as articles write them ("R1", "4o")
    _org_keys: dict[str, str] = field(default_factory=dict)
    _facts: dict[tuple[str, str | None, str | None], ModelFacts] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for org in self.organisations.values():
            for spelling in (org.name, *org.aliases):
                self._org_keys[key(spelling)] = org.name

    # --- organisations and licences ----------------------------------------

    def organisation(self, name: str | None) -> Organisation | None:
        """The organisation a spelling names ("DeepSeek AI" -> DeepSeek), or None."""
        if not name:
            return None
        canonical = self._org_keys.get(key(name))
        return self.organisations[canonical] if canonical else None

    def licence_class(self, licence: str | None) -> LicenceClass | None:
        """The class of a published licence string; None when unknown or blank."""
        if licence is None:
            return None
        return self.licence_classes.get(key(licence))

    def knows_licence(self, licence: str) -> bool:
        k = key(licence)
        return k in self.licence_classes or k in self.unclassed_licences

    def country(self, text: str) -> str | None:
        """The ISO code a country name or code denotes ("Chinese" -> "CN"), or None."""
        code = self.country_names.get(text.strip().lower())
        if code:
            return code
        upper = text.strip().upper()
        return upper if upper in set(self.country_names.values()) else None

    # --- models -------------------------------------------------------------

    def curated(self, model: str) -> CuratedModel | None:
        return self.models.get(key(model))

    def rule_for(self, model: str) -> tuple[str, str, LicenceClass | None] | None:
        """(family, organisation, default licence class) from the first matching rule."""
        rk = rule_key(model)
        for rule in self.rules:
            if rule.pattern.match(rk):
                return rule.family, rule.organisation, rule.licence_class
        return None

    def facts(
        self, model: str, organisation: str | None = None, licence: str | None = None
    ) -> ModelFacts:
        """Facts for a model as a board lists it; memoised (the judge asks per entry)."""
        cache_key = (model, organisation, licence)
        hit = self._facts.get(cache_key)
        if hit is None:
            hit = self._facts[cache_key] = self._compute(model, organisation, licence)
        return hit

    def _compute(self, model: str, organisation: str | None, licence: str | None) -> ModelFacts:
        curated = self.curated(model)
        rule = self.rule_for(model)
        catalog_org, catalog_licence = self.catalog.get(key(model), (None, None))

        org_name: str | None
        if curated and curated.organisation:
            org_name = curated.organisation
        elif _given(organisation):
            found = self.organisation(organisation)
            org_name = found.name if found else None  # unknown publisher: report, not guess
        elif _given(catalog_org):
            found = self.organisation(catalog_org)
            org_name = found.name if found else None
        else:
            org_name = rule[1] if rule else None

        lclass: LicenceClass | None
        if curated and (curated.licence_class or curated.licence):
            lclass = curated.licence_class or self.licence_class(curated.licence)
        elif _given(licence):
            lclass = self.licence_class(licence)
        elif _given(catalog_licence):
            lclass = self.licence_class(catalog_licence)
        else:
            lclass = rule[2] if rule else None

        family = (curated.family if curated else None) or (rule[0] if rule else None)
        base = curated.base if curated else None
        base_country: str | None = None
        if base:
            base_facts = self.facts(base)
            base_country = base_facts.country
        org = self.organisations.get(org_name) if org_name else None
        return ModelFacts(
            model=model,
            organisation=org_name,
            country=org.country if org else None,
            licence_class=lclass,
            family=family,
            base_model=base,
            base_country=base_country,
        )

    def unplaced(self, entries: Iterable[EntryLike | str]) -> list[str]:
        """Models whose country or openness the registry cannot tell (sorted, unique)."""
        missing: set[str] = set()
        for entry in entries:
            if isinstance(entry, str):
                f = self.facts(entry)
            else:
                f = self.facts(entry.model, entry.organisation, entry.licence)
            if f.country is None or f.licence_class is None:
                missing.add(f.model)
        return sorted(missing)

    # --- surface forms for extraction --------------------------------------

    def surface_names(self) -> dict[str, str]:
        """Every lower-cased surface form -> "org:<name>", "family:<name>", "country:<CC>"
        or "alias:<spelling>".

        Where a spelling is both an organisation and a family ("DeepSeek", "Mistral"),
        the organisation wins: the family's organisation is implied anyway. Where an
        alias is also an organisation's spelling ("Tongyi Qianwen"), the alias wins.
        """
        out: dict[str, str] = {}
        for name, code in self.country_names.items():
            out[name] = f"country:{code}"
        for fam in self.families.values():
            for surface in (fam.name, *fam.surfaces):
                out[surface.lower()] = f"family:{fam.name}"
        for org in self.organisations.values():
            for spelling in (org.name, *org.aliases):
                out[spelling.lower()] = f"org:{org.name}"
        for spelling in self.spellings:
            # an alias names a model: "Tongyi Qianwen" is also Alibaba's brand, but
            # "Tongyi Qianwen 2.5-Max" is a model; a family's own name stays a family
            if not out.get(spelling.lower(), "").startswith(("family:", "country:")):
                out[spelling.lower()] = f"alias:{spelling}"
        return out


def _given(value: str | None) -> bool:
    return value is not None and key(value) not in _BLANK


def build(
    orgs: list[files.OrganisationSpec],
    licences: files.LicenceTable,
    families: list[files.FamilySpec],
    models: list[files.ModelSpec],
    aliases: list[files.AliasSpec],
    countries: list[files.CountrySpec],
    catalog: list[files.CatalogRow],
) -> Registry:
    """A Registry from parsed data, checking that every cross-reference resolves."""
    organisations = {o.name: Organisation(o.name, o.country, o.aliases) for o in orgs}
    classes: dict[str, LicenceClass] = {}
    for cls in ("permissive", "restricted", "proprietary"):
        for s in getattr(licences, cls):
            if key(s) in classes and classes[key(s)] != cls:
                raise ValueError(f"licences.yaml: {s!r} is in two classes")
            classes[key(s)] = cls
    unclassed = frozenset(key(s) for s in licences.unknown)
    registry = Registry(
        organisations=organisations,
        licence_classes=classes,
        unclassed_licences=unclassed,
        models={},
        families={f.family: Family(f.family, f.organisation, f.surfaces) for f in families},
        catalog={
            key(r.model_api_name): (r.organization, r.license) for r in catalog if r.model_api_name
        },
        aliases={key(a.alias): a.means for a in aliases if a.means},
        rewrites={key(a.alias): a.reads_as for a in aliases if a.reads_as},
        spellings=tuple(a.alias for a in aliases),
        country_names={n.lower(): c.code for c in countries for n in c.names},
    )
    rules: list[_Rule] = []
    for fam in families:
        _check_org(registry, fam.organisation, f"families.yaml {fam.family}")
        for r in fam.rules:
            org = r.organisation or fam.organisation
            _check_org(registry, org, f"families.yaml {fam.family}")
            pattern = re.compile("|".join(f"(?:{translate(m)})" for m in r.match))
            rules.append(_Rule(pattern, fam.family, org, r.licence_class))
    registry.rules = tuple(rules)
    for m in models:
        where = f"models.yaml {m.name}"
        if m.organisation:
            _check_org(registry, m.organisation, where)
        if m.licence and registry.licence_class(m.licence) is None:
            raise ValueError(f"{where}: licence {m.licence!r} is not classed in licences.yaml")
        owner = registry.organisation(m.organisation)
        entry = CuratedModel(
            m.name, m.aliases, owner.name if owner else None,
            m.licence, m.licence_class, m.base, m.family, m.why,
        )  # fmt: skip
        for spelling in (m.name, *m.aliases):
            if registry.models.get(key(spelling), entry) is not entry:
                raise ValueError(f"{where}: {spelling!r} is already another entry's spelling")
            registry.models[key(spelling)] = entry
    for m in models:
        if m.base and key(m.base) not in registry.models:
            raise ValueError(f"models.yaml {m.name}: base {m.base!r} has no entry of its own")
    return registry


def _check_org(registry: Registry, name: str, where: str) -> None:
    if registry.organisation(name) is None:
        raise ValueError(f"{where}: organisation {name!r} is not in organisations.yaml")


def load() -> Registry:
    """Parse and build the bundled registry (uncached; see store.registry.load_registry)."""
    return build(
        files.organisations(),
        files.licences(),
        files.families(),
        files.models(),
        files.aliases(),
        files.countries(),
        files.catalog(),
    )
