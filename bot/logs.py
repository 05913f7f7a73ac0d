"""Logging: one line per event, `key=value` pairs, secrets masked.

Call `event(log, "poll.failed", source=name, error=str(exc))` rather than
formatting prose, so lines can be grepped and parsed.
"""

from __future__ import annotations

import logging
import re
import sys
from typing import Any

_MASK = "***"
# A Discord webhook URL carries its token in the path. Webhooks named by any
# `webhook_env` in sources.yaml are not among the Settings secrets, so their token is
# masked by shape as well as by value.
_WEBHOOK_TOKEN = re.compile(
    r"(?P<keep>discord(?:app)?\.com/api(?:/v\d+)?/webhooks/\d+/)[A-Za-z0-9_-]+", re.IGNORECASE
)


def mask_secrets(text: str, secrets: list[str]) -> str:
    """`text` with every known secret value and any webhook token replaced by ***."""
    for secret in secrets:
        text = text.replace(secret, _MASK)
    return _WEBHOOK_TOKEN.sub(lambda m: m.group("keep") + _MASK, text)


def _fmt(value: Any) -> str:
    text = str(value)
    if not text or any(c in text for c in ' "=\n\t'):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    return text


def event(log: logging.Logger, name: str, level: int = logging.INFO, **fields: Any) -> None:
    """Log one event as `name k=v k=v`."""
    if log.isEnabledFor(level):
        parts = [name, *(f"{k}={_fmt(v)}" for k, v in fields.items() if v is not None)]
        log.log(level, " ".join(parts))


class SecretFilter(logging.Filter):
    """Masks known secret values and webhook tokens in a record's message and traceback."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        # longest first, so a secret containing another is masked whole
        self.secrets = sorted({s for s in secrets if len(s) >= 4}, key=len, reverse=True)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_secrets(message, self.secrets)
        if masked != message:
            record.msg, record.args = masked, None
        # A traceback (log.exception, discord.py's command errors) repeats exception
        # messages, which can hold a URL or a token: format it here, masked; the
        # formatter then prints this text instead of formatting the exception again.
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_secrets(record.exc_text, self.secrets)
        if record.stack_info:
            record.stack_info = mask_secrets(record.stack_info, self.secrets)
        return True


def add_secrets(secrets: list[str]) -> None:
    """Mask these values too in every log line from now on (a destination's webhook URL
    is read from the environment variable sources.yaml names, after logging is set up)."""
    for handler in logging.getLogger().handlers:
        for f in handler.filters:
            if isinstance(f, SecretFilter):
                merged = set(f.secrets) | {s for s in secrets if len(s) >= 4}
                f.secrets = sorted(merged, key=len, reverse=True)


def setup_logging(level: str = "INFO", secrets: list[str] | None = None) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s", "%Y-%m-%dT%H:%M:%S")
    )
    handler.addFilter(SecretFilter(secrets or []))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # httpx logs every request URL at INFO; webhook URLs carry their token in the path
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)
