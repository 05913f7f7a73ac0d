"""Seeding helpers and a fake Discord webhook for tests/alerts (imported by conftest)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol, TypeVar

from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from store.claims import Evidence, Judgement, LatestJudgement
from store.claims_queries import ClaimView, claim_view
from store.models import Appearance, Article, Claim, Source, Verdict

T0 = datetime(2025, 2, 3, 12, 0, tzinfo=UTC)
M = TypeVar("M", bound=SQLModel)


class HasId(Protocol):
    @property
    def id(self) -> int | None: ...


def id_of(row: HasId) -> int:
    """The id of a row the test has flushed or committed."""
    assert row.id is not None, f"{row!r} has no id yet"
    return row.id


def view(session: Session, claim_id: int) -> ClaimView:
    """The claim's view (its appearances and verdicts) for a claim the test has written."""
    found = claim_view(session, claim_id)
    assert found is not None, f"no claim {claim_id}"
    return found


def fetch(session: Session, model: type[M], key: int | None) -> M:
    """The row of `model` with primary key `key`, which the test has written."""
    found = session.get(model, key)
    assert found is not None, f"no {model.__name__} {key}"
    return found


def judgement(label: str = "supported", *, latest_label: str = "supported") -> dict[str, Any]:
    return Judgement(
        verdict=label,
        explanation="DeepSeek-V3 ranks 9th, above Llama-3.1-405B at 14th.",
        board="lmarena-text",
        snapshot=date(2025, 1, 29),
        snapshot_age_days=5,
        models=["DeepSeek-V3", "Meta-Llama-3.1-405B-Instruct"],
        evidence=[
            Evidence(
                board="lmarena-text",
                snapshot=date(2025, 1, 29),
                model="DeepSeek-V3",
                rank=9,
                score=1318,
                ci=(1313, 1323),
                votes=12345,
                role="model_a",
            ),
            Evidence(
                board="lmarena-text",
                snapshot=date(2025, 1, 29),
                model="Meta-Llama-3.1-405B-Instruct",
                rank=14,
                score=1269,
                ci=(1265, 1273),
                votes=40000,
                role="model_b",
            ),
        ],
        latest=LatestJudgement(
            snapshot=date(2025, 8, 4),
            verdict=latest_label,
            evidence=[
                Evidence(
                    board="lmarena-text", snapshot=date(2025, 8, 4), model="DeepSeek-V3", rank=30
                )
            ],
        ),
        resolution={
            "DeepSeek V3": ["DeepSeek-V3"],
            "Llama 3.1 405B": ["Meta-Llama-3.1-405B-Instruct"],
        },
    ).model_dump(mode="json")


@dataclass
class Seeder:
    engine: Engine
    counter: int = 0

    def source(self, name: str = "techcrunch-ai") -> int:
        with Session(self.engine) as s:
            row = Source(name=name, url=f"https://example.com/{name}.xml")
            s.add(row)
            s.commit()
            assert row.id is not None
            return row.id

    def claim(
        self,
        statement: str = "DeepSeek-V3 ranks above Llama-3.1-405B on LMArena text",
        *,
        label: str = "supported",
        articles: int = 1,
        baseline: bool = False,
        title: str = "DeepSeek's new model beats Meta",
        first_seen_at: datetime | None = None,
        source_id: int | None = None,
    ) -> tuple[int, int]:
        """A claim made by `articles` articles, with one verdict; -> (claim id, verdict id)."""
        self.counter += 1
        n = self.counter
        sid = source_id or self.source(f"outlet-{n}")
        with Session(self.engine) as s:
            claim = Claim(
                dedupe_key=f"key-{n}",
                type="pairwise_comparison",
                statement=statement,
                board="lmarena-text",
                as_of=date(2025, 2, 3),
                data={"type": "pairwise_comparison"},
                first_seen_at=first_seen_at or T0 + timedelta(minutes=n),
                current_verdict=label,
            )
            s.add(claim)
            s.flush()
            assert claim.id is not None
            for i in range(articles):
                article = Article(
                    source_id=sid,
                    dedupe_key=f"a-{n}-{i}",
                    url=f"https://news.example/{n}/{i}",
                    title=title if i == 0 else f"{title} ({i})",
                    content_hash="0" * 64,
                    published_at=T0,
                    baseline=baseline,
                )
                s.add(article)
                s.flush()
                assert article.id is not None
                s.add(
                    Appearance(
                        claim_id=claim.id,
                        article_id=article.id,
                        quote="DeepSeek-V3 now sits above Llama 3.1 405B",
                        span_start=10,
                        span_end=52,
                        extractor="rules",
                        extractor_version="1.2",
                    )
                )
            verdict = Verdict(
                claim_id=claim.id,
                label=label,
                explanation="DeepSeek-V3 ranks 9th, above Llama-3.1-405B at 14th.",
                board="lmarena-text",
                snapshot_date=date(2025, 1, 29),
                judgement=judgement(label),
            )
            s.add(verdict)
            s.flush()
            verdict_id = id_of(verdict)
            s.commit()
            return claim.id, verdict_id

    def new_verdict(self, claim_id: int, label: str) -> int:
        with Session(self.engine) as s:
            for old in s.exec(select(Verdict).where(Verdict.claim_id == claim_id)).all():
                if old.superseded_at is None:
                    old.superseded_at = T0 + timedelta(days=1)
                    s.add(old)
            verdict = Verdict(
                claim_id=claim_id,
                label=label,
                explanation="On the 2025-08-04 snapshot DeepSeek-V3 fell to 30th.",
                board="lmarena-text",
                snapshot_date=date(2025, 8, 4),
                judgement=judgement(label),
            )
            s.add(verdict)
            claim = s.get(Claim, claim_id)
            assert claim is not None
            claim.current_verdict = label
            s.add(claim)
            s.commit()
            assert verdict.id is not None
            return verdict.id


# --- a fake Discord webhook endpoint ------------------------------------------------


@dataclass
class Scripted:
    status: int
    body: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class FakeDiscord:
    """Plays POST /api/webhooks/{id}/{token}: answers from a script, else 200 with an id."""

    url: str = ""
    script: list[Scripted] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    messages: list[dict[str, Any]] = field(default_factory=list)  # the ones Discord "created"
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, payload: dict[str, Any], query: str) -> Scripted:
        with self.lock:
            self.requests.append({"payload": payload, "query": query})
            step = self.script.pop(0) if self.script else Scripted(200)
            if step.status in (200, 204):
                message_id = str(1_000_000 + len(self.messages))
                self.messages.append({"id": message_id, **payload})
                if step.status == 200 and step.body is None:
                    step = Scripted(200, {"id": message_id, **payload}, step.headers)
            return step
