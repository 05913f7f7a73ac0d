"""The LLM extraction path end to end on the labelled corpus, with the labels as replies.

    .venv/bin/python benchmarks/llm_path.py [--corpus tests/data/corpus] [--chunk-chars 12000] [-v]

A local OpenAI-compatible server (127.0.0.1, this process) answers every chat request
with the corpus labels whose quote is in the chunk it was sent, in the LLM wire format
(bot/extract/schema.py); the article is its headline and its body, as production reads
it, and claims found only in the title are sent with the first chunk.
claimwatch runs its normal LLM path on each item: LLMExtractor (chunking, strict JSON,
quote location, schema checks, the consistency check), then the judge against the
bundled leaderboard data and the registry (name resolution included).

Prints where the labelled claims go:
  extraction: kept, or lost as invalid item / quote not found / quote is an instruction /
              bad fields / inconsistent (with the check that failed) / merged duplicate;
  judging:    decided (supported, contradicted, within uncertainty, partially supported,
              outdated), not checkable (forecast), or unverifiable by reason
              (model_not_found, ambiguous_model, no_data_for_date, unsupported_metric);
              items with no date at all are not judged.
and the target: of the labelled claims the bundled data can check, >= 90% reach a
decided verdict. "Can check" is decided from reviewed data, not from the code: a
claim that is not a forecast, on an undated-or-bundled board (lmarena-text, or none),
dated on or after the first bundled lmarena-text snapshot, whose every model mention is
a reviewed resolvable mention (tests/data/resolution/mentions.yaml); group and trend
claims need only the board and the date.
"""

from __future__ import annotations

import argparse
import json
import logging
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml
from pydantic import SecretStr, ValidationError

from bot.config import Settings
from bot.extract.base import ArticleText, headline_and_body, locate_quote
from bot.extract.llm import LLMExtractor
from bot.extract.schema import Dropped, Provenance, parse_items, to_draft
from store.claims import ClaimDraft, claim_dedupe_key
from store.judge import BoardData, judge
from store.leaderboards.ingest import bundled_paths
from store.leaderboards.readers import parse_bytes
from store.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
MENTIONS = ROOT / "tests" / "data" / "resolution" / "mentions.yaml"
FILES = ("articles-dev.jsonl", "feeds-dev.jsonl")
DECIDED = {"supported", "contradicted", "within_uncertainty", "partially_supported", "outdated"}
CHECKABLE_BOARDS = {None, "lmarena-text"}
FIRST_SNAPSHOT = date(2024, 6, 19)  # the first bundled lmarena-text CSV
# the newest bundled lmarena-text snapshot is 2025-12-11; the judge uses a snapshot up
# to 45 days old (JudgeOptions.staleness_days), so claims dated later have no data
LAST_CHECKABLE = date(2026, 1, 25)
# the metric the boards publish, as the labels write it (or none named)
BOARD_METRICS = {None, "elo", "arena score", "arena_score", "score", "rating", "arena elo"}
TARGET = 0.90


def default_corpus() -> Path:
    """The labelled corpus the repository carries (tests/data/corpus)."""
    return ROOT / "tests" / "data" / "corpus"


# --- the fake server ----------------------------------------------------------------


@dataclass
class LabelServer:
    """Answers each chat request with the labels of the item whose chunk it was sent."""

    items: list[dict[str, Any]] = field(default_factory=list)
    current: dict[str, Any] | None = None
    requests: int = 0

    def reply_for(self, body: dict[str, Any]) -> dict[str, Any]:
        self.requests += 1
        user = "\n".join(m["content"] for m in body["messages"] if m["role"] == "user")
        chunk = user.split("<article>\n", 1)[1].rsplit("\n</article>", 1)[0]
        first = "part 1 of" in user or "part " not in user
        item = self.current or {}
        claims = [
            c
            for c in item.get("claims", [])
            if locate_quote(chunk, c["quote"]) is not None or (c.get("in_title") and first)
        ]
        content = json.dumps({"claims": claims}, ensure_ascii=False)
        return {
            "id": f"chatcmpl-{self.requests}",
            "object": "chat.completion",
            "created": 0,
            "model": body.get("model", "labels"),
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": len(user) // 4, "completion_tokens": len(content) // 4},
        }


@contextmanager
def serve(labels: LabelServer) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", 0))
            payload = json.dumps(labels.reply_for(json.loads(self.rfile.read(length)))).encode()
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()


# --- what the data can check (reviewed, not computed by the code under test) --------


def reviewed_mentions() -> set[tuple[str, str]]:
    data = yaml.safe_load(MENTIONS.read_text(encoding="utf-8"))
    return {(c["id"], c["name"]) for c in data["resolvable"]}


def checkable(item: dict[str, Any], claim: dict[str, Any], reviewed: set[tuple[str, str]]) -> bool:
    day = claim.get("as_of") or item.get("published")
    if claim.get("forecast") or not day:
        return False
    if not FIRST_SNAPSHOT <= date.fromisoformat(day[:10]) <= LAST_CHECKABLE:
        return False
    if claim.get("board") not in CHECKABLE_BOARDS or claim.get("category") not in (None, "full"):
        return False
    metric = claim.get("metric")
    if (metric.lower() if metric else None) not in BOARD_METRICS:
        return False
    names = [claim.get(k) for k in ("model", "model_a", "model_b") if claim.get(k)]
    if claim["type"] in ("group_comparison", "trend_gap"):
        return not names
    return bool(names) and all((item["id"], n) in reviewed for n in names)


# --- the run ------------------------------------------------------------------------


@dataclass
class Tally:
    extraction: Counter[str] = field(default_factory=Counter)
    judging: Counter[str] = field(default_factory=Counter)
    checkable_total: int = 0
    checkable_decided: int = 0
    checkable_lost: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    drafts_from_extractor: int = 0
    drafts_attributed: int = 0

    def note(self, where: str, text: str) -> None:
        self.examples.setdefault(where, []).append(text)


def _published(item: dict[str, Any]) -> date | None:
    return date.fromisoformat(item["published"]) if item.get("published") else None


def _label_outcome(label: dict[str, Any], where: Provenance) -> ClaimDraft | Dropped:
    """What the extractor's own code makes of one label (the same parse and to_draft)."""
    items, dropped = parse_items({"claims": [label]})
    if dropped:
        return dropped[0]
    return to_draft(items[0], where)


def run(corpus: Path, chunk_chars: int) -> Tally:
    snapshots = []
    for path in bundled_paths():
        snapshots += parse_bytes(path.read_bytes(), path.name).snapshots
    data, registry = BoardData(snapshots), load_registry()
    reviewed = reviewed_mentions()
    items = [json.loads(line) for f in FILES for line in (corpus / f).open(encoding="utf-8")]
    labels = LabelServer(items)
    tally = Tally()
    logging.getLogger("bot").setLevel(logging.ERROR)  # the drops are tallied below
    with serve(labels) as base_url:
        settings = Settings(
            openai_api_key=SecretStr("sk-bench"), openai_base_url=base_url, llm_model="labels"
        )
        extractor = LLMExtractor(settings, max_chunk_chars=chunk_chars, timeout=10.0)
        for item in items:
            labels.current = item
            # an undated item still goes through extraction; its claims are not judged
            published = _published(item) or date(2100, 1, 1)
            text = headline_and_body(item["title"], item["text"])  # as production reads it
            article = ArticleText(text, published, item["title"], item["source"])
            result = extractor.extract(article)
            tally.drafts_from_extractor += len(result.drafts)
            kept = {(claim_dedupe_key(d), d.span) for d in result.drafts}
            where = Provenance(article, article.text, 0, extractor.name, extractor.version)
            attributed: set[tuple[str, tuple[int, int]]] = set()
            for label in item["claims"]:
                can = checkable(item, label, reviewed)
                tally.checkable_total += can
                step, verdict = _follow(label, where, kept, attributed, item, data, registry)
                tally.extraction[step] += 1
                if verdict is not None:
                    tally.judging[verdict] += 1
                if can and verdict is not None and verdict.split("/")[0] in DECIDED:
                    tally.checkable_decided += 1
                elif can:
                    lost_at = verdict if step == "kept" else step
                    tally.checkable_lost[lost_at or "not judged"] += 1
                    tally.note(lost_at or "?", f"{item['id']}: {label['quote'][:70]!r}")
            tally.drafts_attributed += len(attributed)
    return tally


def _follow(
    label: dict[str, Any],
    where: Provenance,
    kept: set[tuple[str, tuple[int, int]]],
    attributed: set[tuple[str, tuple[int, int]]],
    item: dict[str, Any],
    data: BoardData,
    registry: Any,
) -> tuple[str, str | None]:
    """(extraction step, verdict or None) for one label."""
    try:
        made = _label_outcome(label, where)
    except ValidationError:
        return "invalid_item", None
    if isinstance(made, Dropped):
        check = getattr(made, "check", None)
        if made.reason == "quote_not_found" and label.get("in_title"):
            return "quote_not_found (title only)", None
        return made.reason + (f": {check}" if check else ""), None
    key = (claim_dedupe_key(made), made.span)
    if key not in kept:
        return "lost in the extractor (chunking)", None
    if key in attributed:
        return "merged duplicate", None
    attributed.add(key)
    if _published(item) is None and not label.get("as_of"):
        return "kept", "not judged (undated item)"
    judgement = judge(made, data, registry)
    verdict = f"{judgement.verdict}/{judgement.reason}" if judgement.reason else judgement.verdict
    return "kept", verdict


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--chunk-chars", type=int, default=12_000)
    parser.add_argument("-v", "--verbose", action="store_true", help="list the lost claims")
    args = parser.parse_args()
    tally = run(args.corpus, args.chunk_chars)
    total = sum(tally.extraction.values())
    print(
        f"{total} labelled claims; extractor drafts {tally.drafts_from_extractor}, "
        f"attributed to labels {tally.drafts_attributed}"
    )
    print("extraction:")
    for step, n in tally.extraction.most_common():
        print(f"  {step:45} {n:5}")
    print("judging (claims kept):")
    for verdict, n in tally.judging.most_common():
        print(f"  {verdict:45} {n:5}")
    share = tally.checkable_decided / tally.checkable_total if tally.checkable_total else 0.0
    print(
        f"checkable by the bundled data: {tally.checkable_total}; decided "
        f"{tally.checkable_decided} ({share:.1%}); lost:"
    )
    for step, n in tally.checkable_lost.most_common():
        print(f"  {step:45} {n:5}")
        if args.verbose:
            for example in tally.examples.get(step, []):
                print(f"      {example}")
    print(f"target (>= {TARGET:.0%} decided): {'met' if share >= TARGET else 'NOT met'}")


if __name__ == "__main__":
    main()
