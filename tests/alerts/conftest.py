"""Fixtures for the alert tests: a fake Discord webhook server."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.alerts.alerts_support import FakeDiscord


@pytest.fixture
def discord_server() -> Iterator[FakeDiscord]:
    fake = FakeDiscord()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            payload = json.loads(self.rfile.read(length) or b"{}")
            query = self.path.partition("?")[2]
            step = fake.answer(payload, query)
            body = b"" if step.status == 204 else json.dumps(step.body or {}).encode()
            self.send_response(step.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            for k, v in step.headers.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_port}/api/webhooks/123/secret-token"
    yield fake
    server.shutdown()
    server.server_close()
