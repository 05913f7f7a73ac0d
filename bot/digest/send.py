"""The digest as an e-mail, and the SMTP client that delivers it.

Headers are built with the standard `email` library (`EmailMessage`, SMTP policy):
it refuses a header value containing CR or LF, and the subject is flattened to one
line before it gets there, so no title or statement can add a header. The message
is multipart/alternative (text, then HTML) with the chart as a multipart/related
inline image the HTML references by Content-ID.

`Mailer` is the seam: `SmtpMailer` talks to a real server (aiosmtplib); tests point
it at a local aiosmtpd. Failures come out as `MailError`, permanent or not.
"""

from __future__ import annotations

import asyncio
import email.policy
import re
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from typing import Any, Literal, Protocol

import aiosmtplib

from bot.config import Settings
from bot.digest.render import Rendered, oneline
from store.errors import ClaimwatchError

Security = Literal["starttls", "tls", "none"]
_UNSUBSCRIBE = re.compile(r"^(mailto:[^\s<>,]+|https?://[^\s<>,]+)$", re.IGNORECASE)


class MailError(Exception):
    """A failed delivery. `permanent`: retrying cannot help (auth refused, address rejected).
    `unknown`: the message went out with DATA and no clear answer came back, so it may
    have been delivered: never resent automatically."""

    def __init__(
        self, reason: str, *, permanent: bool, code: int | None = None, unknown: bool = False
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent
        self.code = code
        self.unknown = unknown


BeforeData = Callable[[], None]


class Mailer(Protocol):
    async def send(
        self,
        message: EmailMessage,
        sender: str,
        recipients: Sequence[str],
        *,
        before_data: BeforeData | None = None,
    ) -> str | None:
        """Deliver or raise MailError; returns a note (e.g. some recipients refused).
        `before_data` is called just before the message itself is sent (SMTP DATA):
        from then on a lost connection leaves the outcome unknown."""
        ...


def mail_domain(sender: str) -> str:
    addr = parseaddr(sender)[1]
    domain = addr.rpartition("@")[2]
    return domain if domain and re.fullmatch(r"[A-Za-z0-9.-]+", domain) else "claimwatch.local"


def new_message_id(sender: str) -> str:
    """Short enough that the header is not folded (some tools read folded ids badly)."""
    return f"<{secrets.token_hex(10)}.digest@{mail_domain(sender)}>"


def new_content_id(sender: str) -> str:
    """A Content-ID without its angle brackets (the HTML says `cid:<this>`)."""
    return make_msgid("chart", domain=mail_domain(sender))[1:-1]


def unsubscribe_header(address: str | None) -> str | None:
    """`<mailto:...>` or `<https://...>`, or None for an address that is neither (or unsafe)."""
    if not address:
        return None
    address = address.strip()
    if not _UNSUBSCRIBE.fullmatch(address):
        return None
    return f"<{address}>"


def build_message(
    rendered: Rendered,
    *,
    sender: str,
    recipients: Sequence[str],
    message_id: str,
    content_id: str | None,
    now: datetime,
    unsubscribe: str | None = None,
) -> EmailMessage:
    msg = EmailMessage(policy=email.policy.SMTP)
    msg["Subject"] = oneline(rendered.subject, 200)
    msg["From"] = sender
    msg["To"] = ", ".join(recipients)
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = message_id
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation auto-replies
    header = unsubscribe_header(unsubscribe)
    if header:
        msg["List-Unsubscribe"] = header
    msg.set_content(rendered.text)
    msg.add_alternative(rendered.html, subtype="html")
    if rendered.chart_png is not None and content_id is not None:
        html_part = next(p for p in msg.iter_parts() if p.get_content_type() == "text/html")
        assert isinstance(html_part, EmailMessage)
        html_part.add_related(
            rendered.chart_png,
            maintype="image",
            subtype="png",
            cid=f"<{content_id}>",
            filename="chart.png",
            disposition="inline",
        )
    return msg


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    security: Security = "starttls"
    user: str | None = None
    password: str | None = None
    timeout: float = 15.0  # each SMTP command
    deadline: float = 60.0  # the whole conversation, connect to QUIT

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpConfig:
        if not settings.smtp_host:
            raise ClaimwatchError("SMTP_HOST is not set: the digest has no mail server to use")
        security = settings.smtp_security.strip().lower()
        if security not in ("starttls", "tls", "none"):
            raise ClaimwatchError(
                f"SMTP_SECURITY={settings.smtp_security!r}: use starttls, tls or none"
            )
        password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
        return cls(
            host=settings.smtp_host,
            port=settings.smtp_port,
            security=security,  # type: ignore[arg-type]
            user=settings.smtp_user or None,
            password=password,
        )


def classify(exc: BaseException) -> MailError:
    """An SMTP or network failure as permanent (5xx, auth, unsupported) or transient."""
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused):
        codes = [r.code for r in exc.recipients]
        detail = "; ".join(
            f"{r.recipient}: {r.code} {oneline(r.message, 120)}" for r in exc.recipients
        )
        permanent = bool(codes) and all(c >= 500 for c in codes)
        return MailError(
            f"recipients refused: {detail}", permanent=permanent, code=max(codes, default=None)
        )
    if isinstance(exc, aiosmtplib.SMTPAuthenticationError):
        return MailError(
            f"authentication refused: {exc.code} {oneline(exc.message, 200)}",
            permanent=True,
            code=exc.code,
        )
    if isinstance(exc, aiosmtplib.SMTPNotSupported):
        return MailError(f"server does not support it: {oneline(exc, 200)}", permanent=True)
    if isinstance(exc, aiosmtplib.SMTPResponseException) and not isinstance(
        exc, aiosmtplib.SMTPServerDisconnected
    ):
        return MailError(
            f"server said {exc.code} {oneline(exc.message, 200)}",
            permanent=500 <= exc.code < 600,
            code=exc.code,
        )
    name = type(exc).__name__
    return MailError(f"{name}: {oneline(exc, 200) or 'no detail'}", permanent=False)


class SmtpMailer:
    """Delivers over SMTP with aiosmtplib: STARTTLS (required), implicit TLS, or plain.

    The conversation has an overall deadline. A failure before DATA is an ordinary
    transient or permanent error; a dropped connection or a timeout once DATA has
    started is `unknown` (the server may have queued the message), and so is a
    shutdown arriving then.
    """

    def __init__(self, config: SmtpConfig) -> None:
        self.config = config

    async def send(
        self,
        message: EmailMessage,
        sender: str,
        recipients: Sequence[str],
        *,
        before_data: BeforeData | None = None,
    ) -> str | None:
        c = self.config
        envelope_from = parseaddr(sender)[1] or sender
        smtp = aiosmtplib.SMTP(
            hostname=c.host,
            port=c.port,
            username=c.user,
            password=c.password,
            use_tls=c.security == "tls",
            start_tls=c.security == "starttls",
            timeout=c.timeout,
        )
        in_data = data_done = False
        plain_data = smtp.data

        async def data(*args: Any, **kwargs: Any) -> Any:
            nonlocal in_data, data_done
            if before_data is not None:
                before_data()
            in_data = True
            response = await plain_data(*args, **kwargs)
            data_done = True
            return response

        smtp.data = data  # type: ignore[method-assign]
        try:
            async with asyncio.timeout(c.deadline):
                async with smtp:
                    errors, _ = await smtp.send_message(
                        message, sender=envelope_from, recipients=list(recipients)
                    )
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
            if data_done:
                return f"accepted; the connection failed afterwards: {type(exc).__name__}"
            error = classify(exc)
            if in_data and not _definite(exc):
                error.unknown = True
            raise error from exc
        if errors:
            # some recipients accepted: the digest is out, the rest is worth a note
            return "some recipients refused: " + "; ".join(
                f"{rcpt}: {resp.code} {oneline(resp.message, 120)}" for rcpt, resp in errors.items()
            )
        return None


def _definite(exc: BaseException) -> bool:
    """An SMTP reply code to DATA says for sure the message was not taken."""
    return isinstance(exc, aiosmtplib.SMTPResponseException) and not isinstance(
        exc, aiosmtplib.SMTPServerDisconnected | aiosmtplib.SMTPTimeoutError
    )
