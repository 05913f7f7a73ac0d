"""The curated data files under store/registry/data, parsed and validated.

Read with importlib.resources so an installed package works the same as a checkout.
A malformed file fails loudly with the file and the entry: these files are edited by
hand, and a silently skipped entry would be a silently wrong verdict.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from store.errors import ClaimwatchError

LicenceClassName = Literal["permissive", "restricted", "proprietary"]
DATA_PACKAGE = "store.registry.data"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OrganisationSpec(_Strict):
    name: str
    country: str = Field(pattern=r"^[A-Z]{2}$")
    aliases: tuple[str, ...] = ()
    why: str | None = None


class LicenceTable(_Strict):
    permissive: tuple[str, ...] = ()
    restricted: tuple[str, ...] = ()
    proprietary: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()

    @field_validator("*", mode="before")
    @classmethod
    def _strings(cls, value: Any) -> Any:
        # YAML reads an empty cell as None; the file lists "" deliberately
        return tuple("" if v is None else str(v) for v in (value or ()))


class FamilyRule(_Strict):
    match: tuple[str, ...]
    organisation: str | None = None  # overrides the family's organisation for this rule
    licence_class: LicenceClassName | None = None


class FamilySpec(_Strict):
    family: str
    organisation: str
    surfaces: tuple[str, ...] = ()
    rules: tuple[FamilyRule, ...]


class ModelSpec(_Strict):
    name: str
    aliases: tuple[str, ...] = ()
    organisation: str | None = None
    licence: str | None = None
    licence_class: LicenceClassName | None = None
    base: str | None = None
    family: str | None = None
    why: str


class AliasSpec(_Strict):
    """How text names a model that no board spells that way ("R1", "GPT-4o").

    Either `means` (board spellings, the variants of each included) or `reads_as` (the
    name the alias stands for, resolved in its place: "4o" reads as "GPT-4o",
    "Tongyi Qianwen" as the family "Qwen"). `source` says where the usage was seen.
    """

    alias: str
    means: tuple[str, ...] = ()
    reads_as: str | None = None
    why: str | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _one_target(self) -> AliasSpec:
        if bool(self.means) == bool(self.reads_as):
            raise ValueError("give exactly one of 'means' (board names) or 'reads_as'")
        return self


class CountrySpec(_Strict):
    code: str = Field(pattern=r"^[A-Z]{2}$")
    names: tuple[str, ...]


class CatalogRow(_Strict):
    """One row of arena-catalog's scatterplot-data.json: what it says a model is."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    model_api_name: str
    organization: str | None = None
    license: str | None = None


# libyaml's loader reads the registry in a tenth of the pure-Python one's time (7 ms
# against 115 ms, benchmarks/cli_startup.py); PyYAML built without libyaml lacks it.
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader either way


def _read(name: str) -> str:
    return resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def _yaml_list(name: str) -> list[Any]:
    data = _load_yaml(_read(name))
    if not isinstance(data, list):
        raise ClaimwatchError(f"registry data {name}: expected a list of entries")
    return data


def _parse(name: str, cls: type[BaseModel], items: list[Any]) -> list[Any]:
    out = []
    for i, item in enumerate(items):
        try:
            out.append(cls.model_validate(item))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            label = item.get("name") or item.get("family") if isinstance(item, dict) else None
            raise ClaimwatchError(
                f"registry data {name}: entry {i + 1} ({label or '?'}): {where}: {first['msg']}"
            ) from exc
    return out


def organisations() -> list[OrganisationSpec]:
    return _parse("organisations.yaml", OrganisationSpec, _yaml_list("organisations.yaml"))


def licences() -> LicenceTable:
    data = _load_yaml(_read("licences.yaml"))
    try:
        return LicenceTable.model_validate(data)
    except ValidationError as exc:
        raise ClaimwatchError(f"registry data licences.yaml: {exc.errors()[0]['msg']}") from exc


def families() -> list[FamilySpec]:
    return _parse("families.yaml", FamilySpec, _yaml_list("families.yaml"))


def models() -> list[ModelSpec]:
    return _parse("models.yaml", ModelSpec, _yaml_list("models.yaml"))


def aliases() -> list[AliasSpec]:
    return _parse("aliases.yaml", AliasSpec, _yaml_list("aliases.yaml"))


def countries() -> list[CountrySpec]:
    return _parse("countries.yaml", CountrySpec, _yaml_list("countries.yaml"))


def catalog() -> list[CatalogRow]:
    rows = json.loads(_read("scatterplot-data.json"))
    return _parse("scatterplot-data.json", CatalogRow, rows)
