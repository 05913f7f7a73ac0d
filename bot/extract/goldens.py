"""The golden-file format for extraction (tests/data/articles), and per-field scoring.

`NAME.txt`: header lines `key: value` (published, source, url, note), a blank line,
then the article text (title on its first line). `NAME.expected.json`:
`{"gate": "pass"|"reject"|"either", "claims": [{"type": ..., key fields..., other
fields to check...}]}`. A found claim matches an expected one when its type and key
fields agree (model names compared loosely: case, separators, an organisation
prefix); every other field the expected claim lists is then scored on its own.
Used by tests/extract and benchmarks/extraction.py.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from bot.extract.base import ArticleText
from store.claims import CLAIM_KINDS, ClaimDraft, claim_dedupe_key

KEY_FIELDS: dict[str, tuple[str, ...]] = {kind.name: kind.key_fields for kind in CLAIM_KINDS}
_NON_ALNUM = re.compile(r"[^a-z0-9.]+")
_ORG_PREFIX = re.compile(
    r"^(?:openai|nvidia|google|meta|anthropic|deepseek-ai|moonshotai)\s*'?s?\s+"
)


@dataclass(frozen=True, slots=True)
class Golden:
    name: str
    article: ArticleText
    gate: str  # pass, reject, either
    claims: list[dict[str, Any]]
    known_gaps: dict[str, str] = field(default_factory=dict)


def load_goldens(folder: Path) -> list[Golden]:
    out = []
    for path in sorted(folder.glob("*.txt")):
        expected = json.loads(path.with_suffix(".expected.json").read_text())
        out.append(
            Golden(
                path.stem,
                parse_article(path.read_text(encoding="utf-8")),
                expected["gate"],
                expected["claims"],
                expected.get("known_gaps", {}),
            )
        )
    return out


def parse_article(raw: str) -> ArticleText:
    head, _, body = raw.partition("\n\n")
    meta = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        meta[key.strip()] = value.strip()
    return ArticleText(
        text=body.rstrip("\n"),
        published=date.fromisoformat(meta["published"]),
        source=meta.get("source"),
        url=meta.get("url"),
    )


def model_key(name: str) -> str:
    low = _ORG_PREFIX.sub("", name.lower().replace("’", "'"))
    return _NON_ALNUM.sub("", low)


def _norm(value: Any, field_name: str) -> Any:
    if field_name.startswith("model"):
        return model_key(str(value))
    if isinstance(value, dict):
        return tuple(sorted((k, v) for k, v in value.items() if v is not None))
    if isinstance(value, (list, tuple)):
        return tuple(_norm(v, field_name) for v in value)
    if isinstance(value, float) and value == int(value):
        return int(value)
    return value


def _models_match(a: str, b: str) -> bool:
    ka, kb = model_key(a), model_key(b)
    return ka == kb


def matches(expected: dict[str, Any], found: dict[str, Any]) -> bool:
    if expected["type"] != found["type"]:
        return False
    for name in KEY_FIELDS[expected["type"]]:
        if name not in expected:
            continue
        if name.startswith("model"):
            if not _models_match(expected[name], found.get(name, "")):
                return False
        elif _norm(expected[name], name) != _norm(found.get(name), name):
            return False
    return True


def field_mismatches(expected: dict[str, Any], found: dict[str, Any]) -> list[str]:
    """The non-key fields the expected claim lists that the found one gets wrong."""
    out = []
    for name, value in expected.items():
        if name == "type" or name in KEY_FIELDS[expected["type"]]:
            continue
        if _norm(value, name) != _norm(found.get(name), name):
            out.append(f"{name}: expected {value!r}, got {found.get(name)!r}")
    return out


def one_per_claim(drafts: Iterable[ClaimDraft]) -> list[ClaimDraft]:
    """The first draft of each claim: goldens list an article's claims once, however
    many sentences make them."""
    seen: set[str] = set()
    out = []
    for draft in drafts:
        key = claim_dedupe_key(draft)
        if key not in seen:
            seen.add(key)
            out.append(draft)
    return out


def best_match(expected: dict[str, Any], found: list[dict[str, Any]], used: set[int]) -> int | None:
    """The found claim an expected one matches: one whose other fields agree too, when
    there is one (a sentence may give the same model's rank twice, scoped differently)."""
    candidates = [i for i, f in enumerate(found) if i not in used and matches(expected, f)]
    exact = [i for i in candidates if not field_mismatches(expected, found[i])]
    chosen = exact or candidates
    return chosen[0] if chosen else None


@dataclass(slots=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    field_hits: int = 0
    field_total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def score(
    expected: Iterable[dict[str, Any]],
    drafts: Iterable[ClaimDraft],
    by_type: dict[str, Score] | None = None,
) -> Score:
    """Greedy one-to-one matching of expected to found claims; totals (and per type)."""
    total = Score()
    by_type = by_type if by_type is not None else {}
    found = [d.model_dump(mode="json") for d in one_per_claim(drafts)]
    used: set[int] = set()
    for exp in expected:
        kind = by_type.setdefault(exp["type"], Score())
        hit = best_match(exp, found, used)
        if hit is None:
            total.fn += 1
            kind.fn += 1
            total.misses.append(f"missed {exp}")
            continue
        used.add(hit)
        total.tp += 1
        kind.tp += 1
        for name, value in exp.items():
            if name == "type" or name in KEY_FIELDS[exp["type"]]:
                continue
            total.field_total += 1
            kind.field_total += 1
            if _norm(value, name) == _norm(found[hit].get(name), name):
                total.field_hits += 1
                kind.field_hits += 1
            else:
                total.misses.append(
                    f"{exp['type']}.{name}: expected {value!r}, got {found[hit].get(name)!r}"
                )
    for i, f in enumerate(found):
        if i not in used:
            total.fp += 1
            by_type.setdefault(f["type"], Score()).fp += 1
            total.misses.append(f"extra {f['type']}: {f['statement']}")
    return total
