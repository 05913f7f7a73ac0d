"""One pass of the claimwatch pipeline, and the long-running service.

sources.yaml -> poll due sources -> new Article rows (deduped)
             -> gate -> extract ClaimDrafts (quote found verbatim in the article)
             -> resolve models/groups -> crosscheck against snapshots as of the claim's date
             -> Claim (deduped across articles) + Appearance + Verdict rows
             -> Alert rows in an outbox -> Discord (bot channel or webhook), each exactly once
leaderboard refresh -> new Snapshot -> re-check open claims -> changed verdicts -> alerts
weekly -> Digest row for the ISO week -> email, once
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine

from bot.config import Settings
from bot.sources import SourcesFile


@dataclass
class PassReport:
    sources: int = 0
    articles: int = 0
    claims: int = 0
    alerts: int = 0

    def summary(self) -> str:
        if not self.claims:
            return f"polled {self.sources} sources, {self.articles} new articles: no claims yet"
        return (
            f"polled {self.sources} sources, {self.articles} new articles, "
            f"{self.claims} claims checked, {self.alerts} alerts sent"
        )


def run_once(engine: Engine, config: SourcesFile, settings: Settings) -> PassReport:
    return PassReport(sources=len(config.feeds))


def serve(engine: Engine, config: SourcesFile, settings: Settings) -> None:
    raise NotImplementedError("the long-running service lands with issue 8")
