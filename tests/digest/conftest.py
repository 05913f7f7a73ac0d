"""Fixtures for the digest tests: a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

import logging
import socket
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, Session

sys.path.insert(0, str(Path(__file__).parent))  # digest_seed


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
        self, server: Any, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Session, envelope: Envelope) -> str:
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


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """A server on a free port, not yet started (tests start it, maybe after an outage)."""
    # aiosmtpd logs from its own thread; the CLI tests point the root logger at a
    # CliRunner stream that is closed by then, so keep the server's log to itself
    mail_log = logging.getLogger("mail.log")
    propagate = mail_log.propagate
    mail_log.propagate = False
    server = SmtpServer(port=free_port(), handler=Recorder())
    yield server
    server.stop()
    mail_log.propagate = propagate
