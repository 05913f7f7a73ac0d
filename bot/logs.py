"""Logging: one line per event, `key=value` pairs, secrets masked.

Call `event(log, "poll.failed", source=name, error=str(exc))` rather than
formatting prose, so lines can be grepped and parsed.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

_MASK = "***"


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
    """Replaces any known secret value in a record's final message."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        # longest first, so a secret containing another is masked whole
        self.secrets = sorted({s for s in secrets if len(s) >= 4}, key=len, reverse=True)

    def filter(self, record: logging.LogRecord) -> bool:
        if self.secrets:
            message = record.getMessage()
            masked = message
            for secret in self.secrets:
                masked = masked.replace(secret, _MASK)
            if masked != message:
                record.msg, record.args = masked, None
        return True


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
