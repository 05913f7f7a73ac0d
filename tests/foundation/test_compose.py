"""docker-compose.yml, the Dockerfile and .dockerignore against what the README says."""

from __future__ import annotations

import asyncio
import re
import socket
from pathlib import Path

import pytest
import yaml

from bot import healthcheck, metrics

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def documented_variables() -> set[str]:
    """Every variable named in the first cell of a README table row."""
    names: set[str] = set()
    for line in README.splitlines():
        if line.startswith("| `"):
            first = line.split("|")[1]
            names.update(re.findall(r"`([A-Z][A-Z0-9_]+)`", first))
    return names


def test_compose_passes_every_documented_variable() -> None:
    documented = documented_variables()
    # the README's tables name at least these (a parsing slip would pass vacuously)
    assert {"SMTP_PORT", "SMTP_SECURITY", "SMTP_FROM", "CLAIMWATCH_CONTACT"} <= documented
    assert {"CLAIMWATCH_LOG_LEVEL", "CLAIMWATCH_LLM_DAILY_TOKENS"} <= documented
    service = COMPOSE["services"]["claimwatch"]
    passed = set(service["environment"])
    assert documented - passed == set()
    # a destination's own webhook_env name reaches the container through .env
    assert {"path": ".env", "required": False} in service["env_file"]


def test_compose_binds_metrics_to_localhost_only() -> None:
    for port in COMPOSE["services"]["claimwatch"]["ports"]:
        assert str(port).startswith("127.0.0.1:"), port


def test_image_has_a_healthcheck_and_a_dockerignore() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert 'CMD ["python", "-m", "bot.healthcheck"]' in dockerfile
    assert "HEALTHCHECK " in dockerfile and "CLAIMWATCH_METRICS_PORT=9108" in dockerfile
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    for secret_or_bulk in (".env", ".git", ".venv", "data", "*.db"):
        assert secret_or_bulk in ignored


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_healthcheck_against_the_real_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    port = _free_port()
    server = await metrics.serve_metrics(port, host="127.0.0.1")
    try:
        assert await asyncio.to_thread(healthcheck.check, port) is None
        # a stuck loop: the last pass long ago
        monkeypatch.setattr(metrics, "health", lambda: b"ok last_pass_age_s=4000\n")
        problem = await asyncio.to_thread(healthcheck.check, port)
        assert problem == "last pass 4000s ago (more than 600s)"
    finally:
        server.close()
        await server.wait_closed()
    assert "unreachable" in (healthcheck.check(_free_port()) or "")
