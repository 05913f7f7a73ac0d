"""A seeded store for the digest tests, written down so expected values can be reasoned.

Week under test: 2025-W31 = Monday 2025-07-28 .. Sunday 2025-08-03 (UTC).

Claims (first seen -> verdicts):
  C1 Kimi K2 best open      2025-07-29  supported (07-29)             apps: A1 (07-29), A2 (07-30)
  C2 DeepSeek-R1 beats o1   2025-07-31  contradicted (07-31)          apps: A4 (07-31)
  C3 hostile statement      2025-07-30  contradicted (07-30)          apps: A2 (07-30)
  C4 GLM-4.5 scores 1434    2025-07-30  within_uncertainty (07-30)    apps: A1 (07-30)
  C5 old, changed           2025-07-10  supported (07-10) -> contradicted (07-30)  apps: A3 (07-10)
  C6 old, same label again  2025-07-05  unverifiable (07-05), unverifiable (07-31)  apps: A3 (07-05)
  C7 next week              2025-08-05  supported (08-05)             apps: A1 (08-05)
  C8 the Sunday before      2025-07-27 23:59:59  supported           apps: A1 (07-27)
  C9 the last second in     2025-08-03 23:59:59  no verdict yet       apps: A4 (08-03)

Sources: outlet-a (A1), outlet-b (A2 hostile, A4), outlet-c (A3), broken-feed (4 failures,
"HTTP 500"), dead-feed (disabled "gone (410)"). Destinations: discord-main broken
("404 Unknown Webhook"), terminal ok.

lmarena-text (category full, view raw), score / rank:
  2025-07-18: M2 1 1440, M4 2 1420
  2025-07-27: M1 1 1470, M2 2 1450, M3 3 1440, M4 4 1430, OldModel 5 1420   <- last before
  2025-07-28: M4 1 1500, M1 2 1470                                            (in week, not last)
  2025-08-01: M1 1 1471, M3 2 1452, M2 3 1449, NewModel 4 1445, M4 5 1430   <- last in week
  2025-08-04: M4 1 1510                                                      (after the week)
Organisations/licences: M1 Google/Proprietary, M2 DeepSeek/MIT, M3 Moonshot/Modified MIT,
M4 Meta/Llama 4, NewModel Mistral/Apache 2.0, OldModel Google/Proprietary.
"""

from __future__ import annotations

import hashlib
import logging
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope
from aiosmtpd.smtp import Session as SmtpSession
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.config import Settings
from bot.sources import DigestConfig
from store.db import session_scope
from store.models import (
    Appearance,
    Article,
    Claim,
    DestinationState,
    Entry,
    Leaderboard,
    Snapshot,
    Source,
    Verdict,
)
from store.registry.base import LicenceClass, ModelFacts
from tests.alerts.alerts_support import id_of

WEEK = "2025-W31"
HOSTILE_TITLE = '<script>alert(1)</script> "Quoted" & <b>bold</b>\r\nBcc: evil@example.com'
HOSTILE_STATEMENT = "Qwen3 <img src=x onerror=alert(1)> ranks #1\r\nBcc: evil@example.com"

ORG_COUNTRY = {"Google": "US", "DeepSeek": "CN", "Moonshot": "CN", "Meta": "US", "Mistral": "FR"}


def t(day: str, clock: str = "12:00:00") -> datetime:
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=UTC)


def fake_facts(
    model: str, organisation: str | None = None, licence: str | None = None
) -> ModelFacts:
    """The registry's answer for the seeded models: country by organisation, open unless
    the licence is Proprietary."""
    cls: LicenceClass | None = None
    if licence is not None:
        cls = "proprietary" if licence == "Proprietary" else "permissive"
    return ModelFacts(
        model=model,
        organisation=organisation,
        country=ORG_COUNTRY.get(organisation or ""),
        licence_class=cls,
    )


def _key(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def seed_sources(engine: Engine) -> dict[str, int]:
    with session_scope(engine) as s:
        rows = {
            "outlet-a": Source(name="outlet-a", url="https://a.example/feed"),
            "outlet-b": Source(name="outlet-b", url="https://b.example/feed"),
            "outlet-c": Source(name="outlet-c", url="https://c.example/feed"),
            "broken-feed": Source(
                name="broken-feed",
                url="https://broken.example/feed",
                consecutive_failures=4,
                last_error="HTTP 500",
            ),
            "dead-feed": Source(
                name="dead-feed",
                url="https://dead.example/feed",
                consecutive_failures=10,
                disabled_reason="gone (410)",
            ),
        }
        for r in rows.values():
            s.add(r)
        s.flush()
        return {k: id_of(v) for k, v in rows.items()}


def _article(
    s: Session, source_id: int, key: str, title: str, url: str, published: datetime
) -> int:
    a = Article(
        source_id=source_id,
        dedupe_key=key,
        url=url,
        title=title,
        content_hash=_key(key),
        published_at=published,
    )
    s.add(a)
    s.flush()
    assert a.id is not None
    return a.id


def _claim(
    s: Session, statement: str, first_seen: datetime, claim_type: str = "rank_position"
) -> int:
    c = Claim(
        dedupe_key=_key(statement),
        type=claim_type,
        statement=statement,
        board="lmarena-text",
        as_of=first_seen.date(),
        data={},
        first_seen_at=first_seen,
    )
    s.add(c)
    s.flush()
    assert c.id is not None
    return c.id


def _appear(s: Session, claim_id: int, article_id: int, at: datetime, quote: str) -> None:
    s.add(
        Appearance(
            claim_id=claim_id,
            article_id=article_id,
            quote=quote,
            span_start=0,
            span_end=len(quote),
            extractor="rules",
            extractor_version="1",
            created_at=at,
        )
    )


def _verdict(s: Session, claim_id: int, label: str, at: datetime, explanation: str = "") -> None:
    # as the pipeline does: the verdict in force is superseded when a new one is recorded
    for old in s.exec(
        select(Verdict).where(Verdict.claim_id == claim_id, col(Verdict.superseded_at).is_(None))
    ):
        old.superseded_at = at
        s.add(old)
    s.flush()
    s.add(
        Verdict(
            claim_id=claim_id,
            label=label,
            explanation=explanation or f"{label} by the seeded data",
            board="lmarena-text",
            created_at=at,
        )
    )


def seed_claims(engine: Engine) -> dict[str, int]:
    """Sources, articles, claims, appearances, verdicts and destinations; returns claim ids."""
    src = seed_sources(engine)
    ids: dict[str, int] = {}
    with session_scope(engine) as s:
        a1 = _article(
            s,
            src["outlet-a"],
            "a1",
            "Kimi K2 tops the open models",
            "https://a.example/k2",
            t("2025-07-29"),
        )
        a2 = _article(
            s, src["outlet-b"], "a2", HOSTILE_TITLE, "javascript:alert(1)", t("2025-07-30")
        )
        a3 = _article(
            s, src["outlet-c"], "a3", "Old news", "https://c.example/old", t("2025-07-05")
        )
        a4 = _article(
            s, src["outlet-b"], "a4", "DeepSeek claims", "https://b.example/ds", t("2025-07-31")
        )

        ids["C1"] = c = _claim(
            s, "Kimi K2 is the best open-weights model on LMArena text", t("2025-07-29", "10:00:00")
        )
        _appear(s, c, a1, t("2025-07-29", "10:00:00"), "Kimi K2 is now the best open model")
        _appear(s, c, a2, t("2025-07-30"), "K2 leads the open models")
        _verdict(s, c, "supported", t("2025-07-29", "10:01:00"))

        ids["C2"] = c = _claim(
            s, "DeepSeek-R1 ranks above o1 on LMArena text", t("2025-07-31"), "pairwise_comparison"
        )
        _appear(s, c, a4, t("2025-07-31"), "R1 beats o1")
        _verdict(s, c, "contradicted", t("2025-07-31", "12:01:00"))

        ids["C3"] = c = _claim(s, HOSTILE_STATEMENT, t("2025-07-30"))
        _appear(s, c, a2, t("2025-07-30"), "Qwen3 <b>is</b> #1")
        _verdict(s, c, "contradicted", t("2025-07-30", "12:01:00"), "<i>rank 5</i> on 2025-07-27")

        ids["C4"] = c = _claim(
            s, "GLM-4.5 scores 1434 on LMArena text", t("2025-07-30", "13:00:00"), "score_value"
        )
        _appear(s, c, a1, t("2025-07-30", "13:00:00"), "GLM-4.5 scores 1434")
        _verdict(s, c, "within_uncertainty", t("2025-07-30", "13:01:00"))

        ids["C5"] = c = _claim(s, "Llama 4 Maverick ranks #2 on LMArena text", t("2025-07-10"))
        _appear(s, c, a3, t("2025-07-10"), "Maverick is #2")
        _verdict(s, c, "supported", t("2025-07-10", "12:01:00"))
        _verdict(
            s,
            c,
            "contradicted",
            t("2025-07-30", "09:00:00"),
            "fell to rank 9 on the 2025-07-27 board",
        )

        ids["C6"] = c = _claim(s, "Some model X scores 1300", t("2025-07-05"), "score_value")
        _appear(s, c, a3, t("2025-07-05"), "X scores 1300")
        _verdict(s, c, "unverifiable", t("2025-07-05", "12:01:00"))
        _verdict(s, c, "unverifiable", t("2025-07-31", "09:00:00"))

        ids["C7"] = c = _claim(s, "Next week's claim", t("2025-08-05"))
        _appear(s, c, a1, t("2025-08-05"), "next week")
        _verdict(s, c, "supported", t("2025-08-05", "12:01:00"))

        ids["C8"] = c = _claim(s, "Claim from the Sunday before", t("2025-07-27", "23:59:59"))
        _appear(s, c, a1, t("2025-07-27", "23:59:59"), "sunday")
        _verdict(s, c, "supported", t("2025-07-27", "23:59:59"))

        ids["C9"] = c = _claim(
            s, "Claim in the last second of the week", t("2025-08-03", "23:59:59")
        )
        _appear(s, c, a4, t("2025-08-03", "23:59:59"), "last second")

        s.add(
            DestinationState(
                name="discord-main",
                kind="discord_webhook",
                status="broken",
                broken_reason="404 Unknown Webhook",
            )
        )
        s.add(DestinationState(name="terminal", kind="terminal", status="ok"))
    return ids


BOARD = {
    "2025-07-18": [("M2", 1, 1440.0, "DeepSeek", "MIT"), ("M4", 2, 1420.0, "Meta", "Llama 4")],
    "2025-07-27": [
        ("M1", 1, 1470.0, "Google", "Proprietary"),
        ("M2", 2, 1450.0, "DeepSeek", "MIT"),
        ("M3", 3, 1440.0, "Moonshot", "Modified MIT"),
        ("M4", 4, 1430.0, "Meta", "Llama 4"),
        ("OldModel", 5, 1420.0, "Google", "Proprietary"),
    ],
    "2025-07-28": [
        ("M4", 1, 1500.0, "Meta", "Llama 4"),
        ("M1", 2, 1470.0, "Google", "Proprietary"),
    ],
    "2025-08-01": [
        ("M1", 1, 1471.0, "Google", "Proprietary"),
        ("M3", 2, 1452.0, "Moonshot", "Modified MIT"),
        ("M2", 3, 1449.0, "DeepSeek", "MIT"),
        ("NewModel", 4, 1445.0, "Mistral", "Apache 2.0"),
        ("M4", 5, 1430.0, "Meta", "Llama 4"),
    ],
    "2025-08-04": [("M4", 1, 1510.0, "Meta", "Llama 4")],
}


def seed_board(engine: Engine) -> None:
    with session_scope(engine) as s:
        board = Leaderboard(slug="lmarena-text", name="LMArena text", format="lmarena-csv")
        s.add(board)
        s.flush()
        for day, rows in BOARD.items():
            snap = Snapshot(
                leaderboard_id=id_of(board),
                date=date.fromisoformat(day),
                content_hash=_key(day),
                entry_count=len(rows),
            )
            s.add(snap)
            s.flush()
            for model, rank, score, org, lic in rows:
                s.add(
                    Entry(
                        snapshot_id=id_of(snap),
                        model_name=model,
                        rank=rank,
                        score=score,
                        organisation=org,
                        licence=lic,
                    )
                )


def seed_all(engine: Engine) -> dict[str, int]:
    ids = seed_claims(engine)
    seed_board(engine)
    return ids


# --- a real SMTP server on 127.0.0.1 ------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage


@dataclass
class Recorder:
    """An aiosmtpd handler that keeps what it accepts and can refuse some recipients."""

    refuse: set[str] = field(default_factory=set)
    messages: list[Received] = field(default_factory=list)

    async def handle_RCPT(  # aiosmtpd's hook names
        self,
        server: Any,
        session: SmtpSession,
        envelope: Envelope,
        address: str,
        options: list[str],
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: SmtpSession, envelope: Envelope) -> str:
        raw = envelope.original_content or envelope.content
        assert isinstance(raw, bytes)
        msg = message_from_bytes(raw, policy=policy.default)
        assert isinstance(msg, EmailMessage)
        self.messages.append(Received(str(envelope.mail_from), list(envelope.rcpt_tos), msg))
        return "250 Message accepted"


def refuse_all(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
    return AuthResult(success=False, handled=False)


def accept_all(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
    return AuthResult(success=True)


@dataclass
class SmtpServer:
    port: int
    handler: Recorder
    controller: Controller | None = None

    def start(self, *, authenticator: Callable[..., AuthResult] | None = None) -> None:
        kwargs: dict[str, Any] = {}
        if authenticator is not None:
            # plain-text AUTH on loopback only: the test server has no certificate
            kwargs.update(authenticator=authenticator, auth_require_tls=False)
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, **kwargs)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@contextmanager
def quiet_smtp_server() -> Iterator[SmtpServer]:
    """A server on a free port, not yet started (tests start it, maybe after an outage)."""
    # aiosmtpd logs from its own thread; the CLI tests point the root logger at a
    # CliRunner stream that is closed by then, so keep the server's log to itself
    mail_log = logging.getLogger("mail.log")
    propagate = mail_log.propagate
    mail_log.propagate = False
    server = SmtpServer(port=free_port(), handler=Recorder())
    try:
        yield server
    finally:
        server.stop()
        mail_log.propagate = propagate


RECIPIENTS = ("alice@example.com", "bob@example.org")
# 2025-W31's slot is Monday 2025-08-04 08:00 UTC; Wednesday after it, the slot was missed
AFTER_SLOT = t("2025-08-06", "09:30:00")


def settings_for(
    server: SmtpServer, smtp_user: str | None = None, smtp_password: str | None = None
) -> Settings:
    """Settings that send to `server`, logging in when a user is given."""
    return Settings(
        smtp_host="127.0.0.1",
        smtp_port=server.port,
        smtp_security="none",
        smtp_from="claimwatch <digest@claimwatch.example>",
        smtp_user=smtp_user,
        smtp_password=smtp_password,
    )


def config(send_empty: bool = True) -> DigestConfig:
    """The digest section of sources.yaml the SMTP tests send with."""
    return DigestConfig(
        recipients=RECIPIENTS, unsubscribe="mailto:unsubscribe@example.com", send_empty=send_empty
    )


HOSTILE_MODEL = "<b>Evil</b> & Co"


def add_claims(
    engine: Engine, n: int, label: str, reason: str | None, judgement: dict[str, Any] | None = None
) -> list[int]:
    """`n` claims of one new source, each with one article and a verdict `label`."""
    ids = []
    with session_scope(engine) as s:
        source = Source(name=f"extra-{label}-{reason}-{n}", url="https://x.example/feed")
        s.add(source)
        s.flush()
        for i in range(n):
            art = Article(
                source_id=id_of(source),
                dedupe_key=f"{label}-{reason}-{i}",
                url=f"https://x.example/{label}/{reason}/{i}",
                title=f"Old news {i}",
                content_hash="0" * 64,
                published_at=t("2025-07-29"),
            )
            claim = Claim(
                dedupe_key=f"claim-{label}-{reason}-{i}",
                type="pairwise_comparison",
                statement=f"Model {label} {reason} number {i} beats another",
                board="lmarena-text",
                as_of=date(2024, 1, 1),
                data={"relation": "beats"},
                first_seen_at=t("2025-07-29", f"10:{i:02d}:00"),
            )
            s.add(art)
            s.add(claim)
            s.flush()
            s.add(
                Appearance(
                    claim_id=id_of(claim),
                    article_id=id_of(art),
                    quote="q",
                    span_start=0,
                    span_end=1,
                    extractor="rules",
                    extractor_version="1",
                    created_at=t("2025-07-29"),
                )
            )
            s.add(
                Verdict(
                    claim_id=id_of(claim),
                    label=label,
                    reason=reason,
                    explanation="The latest snapshot is older than the 45-day limit.",
                    board="lmarena-text",
                    judgement=judgement or {},
                    created_at=t("2025-07-29", "11:00:00"),
                )
            )
            ids.append(id_of(claim))
    return ids
