"""A real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions API.

Each test scripts its replies in order (`server.reply(...)`), either fixed
`Reply`s or functions of the request received; every request is recorded so
tests can assert on what the extractor actually sent. An unscripted request
gets a 418 with a clear message, which the extractor turns into a failure.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from pydantic import SecretStr

from bot.config import Settings


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # JSON-encoded unless `raw` is set
    headers: dict[str, str] = field(default_factory=dict)
    raw: str | None = None
    delay: float = 0.0  # seconds before answering, for timeout tests


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    def message(self, role: str) -> str:
        return "\n".join(m["content"] for m in self.body["messages"] if m["role"] == role)

    @property
    def article_block(self) -> str:
        """What the user message carries between <article> and </article>."""
        m = re.search(r"<article>\n(.*)\n</article>", self.message("user"), re.S)
        assert m, "no <article> block in the user message"
        return m.group(1)


Responder = Reply | Callable[[Received], Reply]


class FakeOpenAI:
    def __init__(self) -> None:
        self.script: deque[Responder] = deque()
        self.received: list[Received] = []
        self.default: Responder | None = None  # answers once the script is empty
        server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        server.daemon_threads = True
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def start(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def reply(self, *responders: Responder) -> None:
        self.script.extend(responders)

    def _next(self, received: Received) -> Reply:
        responder = self.script.popleft() if self.script else self.default
        if responder is None:
            return error(418, "unscripted request to the fake OpenAI server")
        return responder(received) if callable(responder) else responder

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                received = Received(
                    "POST", self.path, {k.lower(): v for k, v in self.headers.items()}, body
                )
                fake.received.append(received)
                reply = fake._next(received)
                if reply.delay:
                    time.sleep(reply.delay)
                payload = (reply.raw if reply.raw is not None else json.dumps(reply.body)).encode()
                try:
                    self.send_response(reply.status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(payload)))
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout tests)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler


class SleepRecorder:
    """Stands in for time.sleep: records the waits, never waits."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


# --- reply builders ----------------------------------------------------------------


def chat(
    content: str | dict[str, Any] | None,
    *,
    finish_reason: str = "stop",
    refusal: str | None = None,
    prompt_tokens: int = 100,
    completion_tokens: int = 20,
) -> Reply:
    text = json.dumps(content) if isinstance(content, dict) else content
    return Reply(
        body={
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": 1_700_000_000,
            "model": "test-model",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text, "refusal": refusal},
                    "finish_reason": finish_reason,
                    "logprobs": None,
                }
            ],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
        }
    )


WIRE_FIELDS = [
    "board",
    "metric",
    "category",
    "view",
    "as_of",
    "claimant",
    "model",
    "rank",
    "op",
    "within",
    "model_a",
    "model_b",
    "relation",
    "group_a",
    "group_b",
    "aggregate",
    "k",
    "value",
    "comparator",
    "direction",
    "period_start",
    "period_end",
]


def item(type: str, quote: str, statement: str | None = None, **fields: Any) -> dict[str, Any]:
    """A complete flat wire item: every field present, null unless given."""
    out: dict[str, Any] = {
        "type": type,
        "statement": statement or quote,
        "quote": quote,
        "hedged": False,
        "negated": False,
        "forecast": False,
    }
    out |= dict.fromkeys(WIRE_FIELDS)
    out |= fields
    return out


def group(
    country: str | None = None, organisation: str | None = None, open_weights: bool | None = None
) -> dict[str, Any]:
    return {"country": country, "organisation": organisation, "open_weights": open_weights}


def claims(*items: Any, prompt_tokens: int = 100, completion_tokens: int = 20) -> Reply:
    """A reply carrying these wire items (anything, so tests can send malformed ones)."""
    return chat(
        {"claims": list(items)}, prompt_tokens=prompt_tokens, completion_tokens=completion_tokens
    )


def error(status: int, message: str, headers: dict[str, str] | None = None) -> Reply:
    return Reply(
        status=status,
        body={
            "error": {
                "message": message,
                "type": "invalid_request_error",
                "param": None,
                "code": None,
            }
        },
        headers=headers or {},
    )


def closed_port() -> int:
    """A loopback port nobody listens on (bound, then closed): a refused connection."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def llm_settings(base_url: str) -> Settings:
    """Settings that point the LLM extractor at `base_url`."""
    return Settings(openai_base_url=base_url, openai_api_key=SecretStr("k"), llm_model="m")
