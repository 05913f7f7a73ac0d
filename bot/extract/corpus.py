"""The labelled corpus (tests/data/corpus): loading, folds, and matching found claims.

Each line of a corpus file is one item: its text, publication date and every claim it
makes, labelled by hand in the LLM wire format (tests/data/corpus/LABELS.md). A found
claim matches a labelled one when they have the same type, their quotes overlap in the
text (the offline extractor quotes whole sentences, labels quote the words that carry
the claim) and their key fields agree:

    rank_position        model, rank (when labelled), op (top_k and eq told apart)
    pairwise_comparison  the two models, in either order, and the direction the text
                         states: relation read with negation, flipped when swapped
    score_value          model and value
    group_comparison     type and place only (groups are checked field by field)
    trend_gap            direction

A match whose models and numbers agree but whose direction is opposite is counted as
"wrong way round": the claim a reader would get is the reverse of the text's.
Folds are by item id (a stable hash), so tuning on some folds and measuring on the
others is repeatable. Used by benchmarks/extraction.py and tests/extract.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from bot.extract import board_model_names
from bot.extract.base import ArticleText, headline_and_body, locate_quote
from store import db
from store.claims import ClaimDraft
from store.leaderboards.ingest import ingest_bundled

FOLDS = 5
# Items with no date are read as of this day; extraction is scored, not verdicts.
UNDATED = date(2025, 6, 30)


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    source: str
    title: str
    published: date | None
    text: str
    claims: list[dict[str, Any]]

    @property
    def fold(self) -> int:
        return fold_of(self.id)

    @property
    def full_text(self) -> str:
        """What production's extractors read: the headline, a blank line, the body
        (bot/processing.py), so a claim made only in the title is found where it is."""
        return headline_and_body(self.title, self.text)

    def article(self) -> ArticleText:
        return ArticleText(
            text=self.full_text,
            published=self.published or UNDATED,
            title=self.title,
            source=self.source.removeprefix("feed:"),
        )


def bundled_board_names() -> list[str]:
    """Every model name of the bundled leaderboard snapshots, as production's gazetteer
    reads them from the database (ingested into a throwaway SQLite file)."""
    with tempfile.TemporaryDirectory() as tmp:
        engine = db.make_engine(f"sqlite:///{tmp}/boards.db")
        db.upgrade(engine)
        ingest_bundled(engine)
        names = board_model_names(engine)
        engine.dispose()
    return names


def fold_of(item_id: str) -> int:
    return int(hashlib.sha256(item_id.encode()).hexdigest(), 16) % FOLDS


def load_items(paths: Iterable[Path]) -> list[Item]:
    items = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            published = date.fromisoformat(row["published"]) if row.get("published") else None
            items.append(
                Item(
                    row["id"],
                    row.get("source") or "",
                    row.get("title") or "",
                    published,
                    row["text"],
                    row.get("claims") or [],
                )
            )
    return items


# -- names ------------------------------------------------------------------------

_ORG_WORDS = frozenset(
    [
        "openai",
        "anthropic",
        "google",
        "deepmind",
        "meta",
        "alibaba",
        "deepseek",
        "moonshot",
        "zhipu",
        "xai",
        "mistral",
        "microsoft",
        "nvidia",
        "minimax",
        "tencent",
        "baidu",
        "bytedance",
        "xiaomi",
        "ai",
    ]
)
_NOISE = frozenset(
    ["the", "new", "model", "models", "family", "instruct", "chat", "preview", "version"]
)
_TOKEN = re.compile(r"[a-z]+|\d+(?:\.\d+)*")


def name_tokens(name: str) -> tuple[str, ...]:
    """A model name as comparable tokens: case, dashes, possessives and an
    organisation prefix ("DeepSeek's R1", "Meta's Llama 3") do not count."""
    text = unicodedata.normalize("NFKC", name).lower().replace("’", "'")
    text = re.sub(r"\([^)]*\)", " ", text)  # "(new)", "(August '24)": a variant note
    text = re.sub(r"'s\b", " ", text)
    tokens = [t for t in _TOKEN.findall(text) if t not in _NOISE]
    while len(tokens) > 1 and tokens[0] in _ORG_WORDS and tokens[1] not in ("s",):
        rest = tokens[1:]
        if not rest:
            break
        tokens = rest
    return tuple(tokens)


def same_model(a: str | None, b: str | None) -> bool:
    return _same(a, b)


def _same(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return False
    if ta == tb or "".join(ta) == "".join(tb):
        return True
    # "DeepSeek-R1" and "R1", "Claude 3.5 Sonnet" and "Anthropic Claude 3.5 Sonnet":
    # one name is the other with words in front that name the maker or family
    short, long_ = (ta, tb) if len(ta) < len(tb) else (tb, ta)
    return long_[-len(short) :] == short and any(c.isdigit() for c in "".join(short))


def short_for(short: str | None, full: str | None, text: str) -> bool:
    """A label may write the short name the article uses ("Pixtral") for the one fuller
    name the article gives it ("Pixtral 12B"), or the claim may: the same model, when
    every name in the text that starts with the short one goes on the same way, or when
    the short name is the last word of the full name the text writes ("Maverick" for
    "Llama 4 Maverick")."""
    if not short or not full or any(c.isdigit() for c in short):
        return False
    ts, tf = name_tokens(short), name_tokens(full)
    if ts and len(tf) > len(ts) and tf[-len(ts) :] == ts and full in text:
        # "Maverick" for the "Llama 4 Maverick" the text named: the name's last word
        return True
    if not ts or len(tf) <= len(ts) or tf[: len(ts)] != ts:
        return False
    nxt = tf[len(ts)]
    pattern = re.compile(rf"(?<![\w-]){re.escape(short)}[\s_-]+([A-Za-z0-9][\w.]*)", re.I)
    # a name goes on with a capitalised or numbered word ("Pixtral 12B"); "Pixtral is"
    # and "Pixtral outperforms" are the short name itself
    goes_on = {
        name_tokens(m.group(1))[:1]
        for m in pattern.finditer(text)
        if m.group(1)[0].isupper() or m.group(1)[0].isdigit()
    }
    return goes_on == {(nxt,)}


# -- matching ---------------------------------------------------------------------

_FLIP = {"beats": "trails", "trails": "beats", "ties": "ties"}


def _direction(relation: str | None, negated: bool) -> str:
    rel = relation or "beats"
    return f"not {rel}" if negated else rel


def _span(item: Item, claim: dict[str, Any]) -> tuple[int, int] | None:
    if claim.get("in_title"):
        title = item.title.strip()
        start = title.find(claim["quote"].strip())
        return (start, start + len(claim["quote"].strip())) if start >= 0 else None
    # past the title: a quote the body shares with its headline is the body's
    offset = len(item.full_text) - len(item.text)
    span = locate_quote(item.text, claim["quote"])
    return (span[0] + offset, span[1] + offset) if span else None


def _overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _num_equal(a: Any, b: Any) -> bool:
    try:
        return abs(float(a) - float(b)) < 1e-6
    except (TypeError, ValueError):
        return str(a) == str(b)


def compare(gold: dict[str, Any], found: dict[str, Any], text: str = "") -> str | None:
    """ "match", "wrong_way" (same subjects, opposite direction) or None."""

    def same_model(a: str | None, b: str | None) -> bool:
        return _same(a, b) or short_for(a, b, text) or short_for(b, a, text)

    kind = gold["type"]
    if kind != found["type"]:
        return None
    if kind == "rank_position":
        if not same_model(gold.get("model"), found.get("model")):
            return None
        if gold.get("rank") is not None and not _num_equal(gold["rank"], found.get("rank")):
            return None
        g_top = (gold.get("op") or "eq") == "top_k"
        f_top = (found.get("op") or "eq") == "top_k"
        if g_top != f_top and gold.get("rank") not in (None, 1):
            return None
        g_neg = bool(gold.get("negated")) or gold.get("op") == "not_top_k"
        f_neg = bool(found.get("negated")) or found.get("op") == "not_top_k"
        return "match" if g_neg == f_neg else "wrong_way"
    if kind == "score_value":
        if not same_model(gold.get("model"), found.get("model")):
            return None
        return "match" if _num_equal(gold.get("value"), found.get("value")) else None
    if kind == "pairwise_comparison":
        ga, gb = gold.get("model_a"), gold.get("model_b")
        fa, fb = found.get("model_a"), found.get("model_b")
        g_dir = _direction(gold.get("relation"), bool(gold.get("negated")))
        if same_model(ga, fa) and same_model(gb, fb):
            f_dir = _direction(found.get("relation"), bool(found.get("negated")))
        elif same_model(ga, fb) and same_model(gb, fa):
            rel = _FLIP.get(found.get("relation") or "beats", "beats")
            f_dir = _direction(rel, bool(found.get("negated")))
        else:
            return None
        return "match" if g_dir == f_dir else "wrong_way"
    if kind == "trend_gap":
        same = (gold.get("direction") or "") == (found.get("direction") or "")
        return "match" if same else "wrong_way"
    return "match"  # group_comparison: type and place


def wire(draft: ClaimDraft) -> dict[str, Any]:
    """A found claim in the corpus's flat field names."""
    data = draft.model_dump(mode="json")
    if data["type"] == "group_comparison":
        data["group_a"], data["group_b"] = data.pop("group_a"), data.pop("group_b")
    if data["type"] == "trend_gap":
        subjects = data.pop("subjects")
        data["group_a"], data["group_b"] = subjects
    return data


@dataclass(slots=True)
class Tally:
    gold: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    matched_gold: Counter[str] = field(default_factory=Counter)
    matched_found: Counter[str] = field(default_factory=Counter)
    wrong_way: Counter[str] = field(default_factory=Counter)
    misses: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    false: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    wrong: list[tuple[str, dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    flags: Counter[str] = field(default_factory=Counter)  # forecasts misread
    misread: list[tuple[str, dict[str, Any], dict[str, Any]]] = field(default_factory=list)

    def recall(self, kind: str | None = None) -> float:
        g = self.gold[kind] if kind else sum(self.gold.values())
        m = self.matched_gold[kind] if kind else sum(self.matched_gold.values())
        return m / g if g else 1.0

    def precision(self, kind: str | None = None) -> float:
        f = self.found[kind] if kind else sum(self.found.values())
        m = self.matched_found[kind] if kind else sum(self.matched_found.values())
        return m / f if f else 1.0


def score_item(item: Item, drafts: list[ClaimDraft], tally: Tally) -> None:
    """Add one item's found claims to the tally.

    A found claim matches every label in its span that says the same thing: a label per
    benchmark ("state-of-the-art on X and on Y") is covered by one claim of the sentence.
    The extractors read the title as the text's first paragraph, as in production. A
    headline restates its article: a label found only in the title matches a found claim
    anywhere, and a claim found in the title matches a label anywhere.
    """
    found = [(wire(d), (d.span[0], d.span[1])) for d in drafts]
    full_text = item.full_text
    title_end = len(full_text) - len(item.text)  # a headline restates its text
    gold = [(g, _span(item, g)) for g in item.claims]
    for g, _ in gold:
        tally.gold[g["type"]] += 1
    for f, _ in found:
        tally.found[f["type"]] += 1
    used_gold: set[int] = set()
    for f, fspan in found:
        outcomes: dict[int, str] = {}
        for i, (g, gspan) in enumerate(gold):
            if g.get("in_title") or fspan[1] <= title_end:
                pass  # the headline's claim, wherever the text makes it
            elif gspan is None or not _overlaps(gspan, fspan):
                continue
            outcome = compare(g, f, full_text)
            if outcome is not None:
                outcomes[i] = outcome
        matched = [i for i, o in outcomes.items() if o == "match"]
        if not outcomes:
            tally.false.append((item.id, f))
            continue
        if not matched:
            i = next(iter(outcomes))
            tally.wrong_way[f["type"]] += 1
            tally.wrong.append((item.id, gold[i][0], f))
            continue
        tally.matched_found[f["type"]] += 1
        for i in matched:
            if i in used_gold:
                continue
            used_gold.add(i)
            g = gold[i][0]
            tally.matched_gold[g["type"]] += 1
            if bool(g.get("forecast")) != bool(f.get("forecast")):
                tally.flags["forecast"] += 1
                tally.misread.append((item.id, g, f))
    for i, (g, _) in enumerate(gold):
        if i not in used_gold:
            tally.misses.append((item.id, g))
