"""Extraction benchmark: quality on the golden articles, throughput on real feeds.

    .venv/bin/python benchmarks/extraction.py [--feeds ../shared/feeds] [--repeat 3]

Prints, for the offline `rules` extractor behind the gate:
- precision and recall per claim type on the labelled corpus (tests/data/corpus), on
  the folds the rules were developed against (0-2) and on the held-out folds (3-4),
  with the claims that came out the wrong way round (negation, swapped direction) and
  the forecasts misread, against each target; gate recall on the corpus items with
  claims;
- precision and recall per claim type on tests/data/articles (and per-field accuracy
  of the matched claims), gate recall (articles with claims it passes) and rejection
  rate (articles without claims it rejects), and the LLM calls the gate saved;
- throughput of gate + rules over every entry of every version of every feed (one
  core, articles/second, HTML reduction timed separately) and the share rejected.

The gazetteer is built as in production: registry names plus the model names of the
bundled leaderboard snapshots (ingested into a throwaway SQLite database).
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.extract import extract_article, make_gazetteer  # noqa: E402
from bot.extract.base import ArticleText  # noqa: E402
from bot.extract.corpus import Tally, bundled_board_names, load_items, score_item  # noqa: E402
from bot.extract.gate import Gate  # noqa: E402
from bot.extract.goldens import Score, load_goldens, score  # noqa: E402
from bot.extract.html import looks_like_html, main_text  # noqa: E402
from bot.extract.rules import RulesExtractor  # noqa: E402


def bundled_board_models() -> list[str]:
    return bundled_board_names()


def golden_report(extractor: RulesExtractor, gate: Gate) -> None:
    goldens = load_goldens(ROOT / "tests" / "data" / "articles")
    by_type: dict[str, Score] = {}
    total = Score()
    passed_with = passed_without = with_claims = without = 0
    for g in goldens:
        decision = gate.check(g.article)
        drafts = extractor.extract(g.article).drafts if decision.passed else []
        s = score(g.claims, drafts, by_type)
        for name in ("tp", "fp", "fn", "field_hits", "field_total"):
            setattr(total, name, getattr(total, name) + getattr(s, name))
        if g.claims:
            with_claims += 1
            passed_with += decision.passed
        else:
            without += 1
            passed_without += decision.passed
    print(f"golden articles: {len(goldens)} ({with_claims} with claims, {without} without)")
    print(
        f"{'type':22} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>10} {'recall':>8} {'fields':>8}"
    )
    for kind in sorted(by_type):
        s = by_type[kind]
        fields = f"{s.field_hits}/{s.field_total}"
        print(
            f"{kind:22} {s.tp:4} {s.fp:4} {s.fn:4} {s.precision:10.2f} {s.recall:8.2f} {fields:>8}"
        )
    fields = f"{total.field_hits}/{total.field_total}"
    print(
        f"{'all':22} {total.tp:4} {total.fp:4} {total.fn:4} {total.precision:10.2f} "
        f"{total.recall:8.2f} {fields:>8}"
    )
    print(
        f"gate recall (articles with claims passed): {passed_with}/{with_claims} "
        f"= {passed_with / max(with_claims, 1):.2f}"
    )
    rejected = without - passed_without
    print(
        f"gate rejection rate (articles without claims rejected): {rejected}/{without} "
        f"= {rejected / max(without, 1):.2f}"
    )
    print(
        f"LLM calls the gate saved on the golden set: {len(goldens) - passed_with - passed_without}"
        f" of {len(goldens)}"
    )


CORPUS = ROOT / "tests" / "data" / "corpus"
DEV_FOLDS, HELD_OUT = frozenset({0, 1, 2}), frozenset({3, 4})
TYPES = (
    "rank_position",
    "pairwise_comparison",
    "score_value",
    "group_comparison",
    "trend_gap",
)


def corpus_report(extractor: RulesExtractor, gate: Gate) -> None:
    items = load_items(sorted(CORPUS.glob("*.jsonl")))
    for label, folds in (("development folds 0-2", DEV_FOLDS), ("held-out folds 3-4", HELD_OUT)):
        tally, with_claims, passed = Tally(), 0, 0
        for item in (i for i in items if i.fold in folds):
            out = extract_article(item.article(), extractor, gate)
            if item.claims:
                with_claims += 1
                passed += out.decision.passed
            score_item(item, out.drafts, tally)
        print(f"corpus, {label}: {sum(tally.gold.values())} labelled claims")
        print(
            f"{'type':22} {'labelled':>8} {'found':>6} {'recall':>7} {'precision':>9} {'wrong':>6}"
        )
        for kind in (*TYPES, None):
            name = kind or "all (target R>=0.80, P>=0.90)"
            gold = tally.gold[kind] if kind else sum(tally.gold.values())
            found = tally.found[kind] if kind else sum(tally.found.values())
            wrong = tally.wrong_way[kind] if kind else sum(tally.wrong_way.values())
            print(
                f"{name[:30]:30} {gold:>8} {found:>6} {tally.recall(kind):7.2f} "
                f"{tally.precision(kind):9.2f} {wrong:>6}"
            )
        print(f"forecasts misread among matched claims: {tally.flags['forecast']} (target 0)")
        print(
            f"gate recall on items with claims: {passed}/{with_claims} = "
            f"{passed / max(with_claims, 1):.2f} (target >= 0.98)"
        )
        print()


def feed_articles(folder: Path) -> tuple[list[ArticleText], float]:
    import feedparser

    raw: list[tuple[str, str]] = []
    for path in sorted(folder.glob("*/*.xml.gz")):
        parsed = feedparser.parse(gzip.decompress(path.read_bytes()))
        for e in parsed.entries:
            body = e["content"][0]["value"] if e.get("content") else e.get("summary", "")
            raw.append((e.get("title", ""), body or ""))
    started = time.perf_counter()
    articles = []
    for title, body in raw:
        text = main_text(body) if looks_like_html(body) else body
        articles.append(ArticleText(f"{title}\n{text}", time_today()))
    return articles, time.perf_counter() - started


def time_today() -> date:
    return date(2026, 1, 1)


def throughput_report(extractor: RulesExtractor, gate: Gate, folder: Path, repeat: int) -> None:
    articles, html_seconds = feed_articles(folder)
    chars = sum(len(a.text) for a in articles)
    best = float("inf")
    rejected = claims = 0
    for _ in range(repeat):
        rejected = claims = 0
        started = time.perf_counter()
        for article in articles:
            out = extract_article(article, extractor, gate)
            rejected += not out.decision.passed
            claims += len(out.drafts)
        best = min(best, time.perf_counter() - started)
    n = len(articles)
    print(
        f"feed entries: {n} (all versions of {len(list(folder.glob('*/')))} feeds), "
        f"{chars / n:,.0f} characters on average"
    )
    print(f"gate + rules: {n / best:,.0f} articles/s on one core (best of {repeat}: {best:.2f}s)")
    print(f"HTML -> main text (separately): {n / html_seconds:,.0f} articles/s")
    print(f"gate rejects {rejected}/{n} = {rejected / n:.0%}; LLM calls saved: {rejected}")
    print(f"claims extracted from the passed entries: {claims}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=Path, default=ROOT.parent / "shared" / "feeds")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    started = time.perf_counter()
    gaz = make_gazetteer(board_models=bundled_board_models())
    print(
        f"gazetteer: {len(gaz.families)} family words, {len(gaz.orgs)} organisation names "
        f"({time.perf_counter() - started:.1f}s to build with the bundled boards)"
    )
    extractor, gate = RulesExtractor(gaz), Gate(gaz)
    corpus_report(extractor, gate)
    golden_report(extractor, gate)
    print()
    if args.feeds.is_dir():
        throughput_report(extractor, gate, args.feeds, args.repeat)
    else:
        print(f"no feeds at {args.feeds}: throughput skipped")


if __name__ == "__main__":
    main()
