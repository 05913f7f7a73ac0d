"""The log filter masks secrets wherever a record carries them: the message, a
traceback, and a webhook token whose URL is not among the Settings secrets."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable

from bot.logs import SecretFilter, event, mask_secrets

# a webhook named by a custom `webhook_env` in sources.yaml: not a Settings secret
OTHER_HOOK = "https://discord.com/api/webhooks/123456789/AbC-dEf_123xyz"


def _emit(secrets: list[str], emit: Callable[[logging.Logger], object]) -> str:
    """Run `emit(logger)` through a handler set up as setup_logging does; the output."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    handler.addFilter(SecretFilter(secrets))
    log = logging.getLogger("claimwatch.test.masking")
    log.addHandler(handler)
    log.propagate = False
    log.setLevel(logging.DEBUG)
    try:
        emit(log)
    finally:
        log.removeHandler(handler)
        log.propagate = True
        log.setLevel(logging.NOTSET)
    return out.getvalue()


def test_a_webhook_token_is_masked_even_when_it_is_not_a_known_secret() -> None:
    text = _emit([], lambda log: event(log, "alert.failed", error=f"POST {OTHER_HOOK} failed"))
    assert "AbC-dEf_123xyz" not in text
    assert "webhooks/123456789/***" in text


def test_a_traceback_is_masked_too() -> None:
    def emit(log: logging.Logger) -> None:
        try:
            raise RuntimeError("cannot post to sk-live-secret-42 at " + OTHER_HOOK)
        except RuntimeError:
            log.exception("send failed")

    text = _emit(["sk-live-secret-42"], emit)
    assert "Traceback" in text and "RuntimeError" in text  # the traceback is still there
    assert "sk-live-secret-42" not in text
    assert "AbC-dEf_123xyz" not in text


def test_mask_secrets_leaves_other_text_alone() -> None:
    text = "see https://discord.com/channels/1/2 and https://example.com/feed."
    assert mask_secrets(text, ["hunter22"]) == text
    assert mask_secrets("pw=hunter22.", ["hunter22"]) == "pw=***."
