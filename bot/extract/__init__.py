"""Claim extraction: article text in, typed claim drafts out.

    article -> gate (offline, recall first; rejected: no extractor call at all)
            -> extractor: "rules" (offline gazetteer + patterns) or "llm" (cached,
               inside a daily token budget, falling back to the rules)
            -> drafts whose quotes are exact spans of the text

`make_extractor` picks and wires the extractor; `extract_article` is the one call
the pipeline, `claimwatch check` and the Discord /verify command make.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from bot.extract.base import ArticleText, ExtractionResult, Extractor, locate_quote
from bot.extract.gate import Gate, GateDecision
from bot.extract.names import Gazetteer
from bot.extract.rules import RulesExtractor
from bot.logs import event
from store.errors import ClaimwatchError

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from bot.config import Settings

__all__ = [
    "ArticleText",
    "ExtractionResult",
    "Extractor",
    "Gate",
    "GateDecision",
    "GatedResult",
    "Gazetteer",
    "RulesExtractor",
    "extract_article",
    "llm_configured",
    "locate_quote",
    "make_extractor",
    "make_gazetteer",
]

ExtractorKind = Literal["rules", "llm", "auto"]
KINDS: tuple[str, ...] = ("rules", "llm", "auto")
log = logging.getLogger(__name__)


@dataclass(slots=True)
class GatedResult:
    """What `extract_article` did: the gate's decision and, if it passed, the result."""

    decision: GateDecision
    result: ExtractionResult = field(default_factory=ExtractionResult)

    @property
    def drafts(self) -> list[Any]:
        return self.result.drafts


def registry_names() -> tuple[dict[str, str], dict[str, str]]:
    """The registry's surface names and country names; empty when it cannot load.

    The registry is curated data shipped in the package; if it is missing (startup
    ordering, a broken install) extraction still runs on the gazetteer's fallback.
    """
    try:
        from store.registry import load_registry
    except ImportError:
        return {}, {}
    try:
        registry = load_registry()
    except Exception as exc:  # never let curated data stop extraction
        event(log, "extract.registry.unavailable", error=str(exc))
        return {}, {}
    surface = _mapping(getattr(registry, "surface_names", None))
    countries = _mapping(getattr(registry, "country_names", None))
    return surface, countries


def _mapping(value: Any) -> dict[str, str]:
    if callable(value):
        value = value()
    if isinstance(value, Mapping):
        return {str(k): str(v) for k, v in value.items()}
    return {}


def board_model_names(engine: Engine) -> list[str]:
    """Every model name the stored leaderboard snapshots list (distinct)."""
    # late: importing the extractors alone does not load SQLAlchemy
    import sqlalchemy as sa

    from store.leaderboards.tables import ENTRIES

    with engine.connect() as conn:
        return [row[0] for row in conn.execute(sa.select(ENTRIES.c.model_name).distinct())]


def make_gazetteer(engine: Engine | None = None, board_models: Iterable[str] = ()) -> Gazetteer:
    surface, countries = registry_names()
    models = list(board_models)
    if engine is not None and not models:
        models = board_model_names(engine)
    return Gazetteer.build(surface, models, countries)


def llm_configured(settings: Settings) -> bool:
    """ "auto" picks the LLM when an endpoint (a key or a base URL) and a model are set."""
    has_endpoint = settings.openai_api_key is not None or bool(settings.openai_base_url)
    return has_endpoint and bool(settings.llm_model)


def make_extractor(
    settings: Settings,
    engine: Engine | None,
    kind: str = "auto",
    *,
    gazetteer: Gazetteer | None = None,
    client: Any = None,
) -> Extractor:
    """The extractor for `kind`: "rules", "llm" (cached and budgeted when `engine` is
    given, falling back to the rules when over budget), or "auto" (llm if configured,
    else rules; and the rules whenever the LLM endpoint is unavailable: refused,
    timed out, failing or over budget -- see bot/extract/fallback.py)."""
    if kind not in KINDS:
        raise ClaimwatchError(f"unknown extractor {kind!r} (choose from {', '.join(KINDS)})")
    rules = RulesExtractor(gazetteer or make_gazetteer(engine))
    if kind == "rules" or (kind == "auto" and not llm_configured(settings)):
        return rules
    if not settings.llm_model:
        raise ClaimwatchError(
            "--extractor llm needs CLAIMWATCH_LLM_MODEL (and OPENAI_BASE_URL or OPENAI_API_KEY)"
        )
    try:
        from bot.extract.llm import LLMExtractor
    except ImportError as exc:  # pragma: no cover - the module ships with the package
        raise ClaimwatchError(f"the LLM extractor is not available: {exc}") from exc
    if kind == "llm":
        llm: Extractor = LLMExtractor(settings, client=client)
        if engine is None:
            return llm
        from bot.extract.cache import CachedExtractor

        return CachedExtractor(engine, llm, rules, budget=settings.llm_daily_token_budget)
    return _auto(settings, engine, rules, client)


# "auto" gives up on an endpoint quickly: one connection attempt (a refused port fails
# in milliseconds, an unroutable one at the connect timeout) and an overall deadline
# per article, then the rules; the endpoint is probed again later.
AUTO_CONNECT_TIMEOUT = 5.0
AUTO_DEADLINE = 180.0


def _auto(settings: Settings, engine: Engine | None, rules: Extractor, client: Any) -> Extractor:
    from bot.extract.fallback import FallingBackExtractor
    from bot.extract.llm import LLMExtractor, RetryPolicy

    llm: Extractor = LLMExtractor(
        settings,
        client=client,
        retry=RetryPolicy(connection_attempts=1),
        connect_timeout=AUTO_CONNECT_TIMEOUT,
        deadline=AUTO_DEADLINE,
    )
    if engine is not None:
        from bot.extract.cache import CachedExtractor

        # no fallback inside the cache: over budget raises, and the outer extractor
        # falls back, marking the result so the article is extracted again later
        llm = CachedExtractor(engine, llm, None, budget=settings.llm_daily_token_budget)
    return FallingBackExtractor(llm, rules)


def extract_article(
    article: ArticleText, extractor: Extractor, gate: Gate | None = None
) -> GatedResult:
    """Gate first (a rejected article costs no extractor call), then extract."""
    decision = (gate or _default_gate()).check(article)
    if not decision.passed:
        # DEBUG: most articles make no ranking claim; a rejection is routine, not news
        event(
            log,
            "extract.gate.rejected",
            logging.DEBUG,
            url=article.url,
            reasons=";".join(decision.reasons),
        )
        return GatedResult(
            decision, ExtractionResult(extractor=extractor.name, version=extractor.version)
        )
    result = extractor.extract(article)
    result.drafts = consistent_drafts(result.drafts, article)
    return GatedResult(decision, result)


def consistent_drafts(drafts: list[Any], article: ArticleText) -> list[Any]:
    """The drafts whose fields say what their quote says, whichever extractor made
    them (bot/extract/consistency.py); the others are logged and dropped, never judged."""
    from bot.extract.consistency import check

    kept = []
    for draft in drafts:
        problem = check(draft, article.text, article.title)
        if problem is None:
            kept.append(draft)
            continue
        event(
            log,
            "extract.claim_rejected",
            logging.WARNING,
            reason=problem.reason,
            detail=problem.detail,
            url=article.url,
            quote=draft.quote[:120],
        )
    return kept


_GATE: Gate | None = None


def _default_gate() -> Gate:
    global _GATE
    if _GATE is None:
        _GATE = Gate(make_gazetteer())
    return _GATE
