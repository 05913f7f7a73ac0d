"""`python -m bot.healthcheck`: the container's HEALTHCHECK against `/healthz`.

Healthy when the service answers `ok` and its last pass is recent: a pass runs every
minute, so a last pass older than MAX_AGE_S means the loop is stuck, even though
the process still answers. Exit 0 healthy, 1 not (Docker's convention).
"""

from __future__ import annotations

import os
import sys
import urllib.request

MAX_AGE_S = 600


def check(port: int, host: str = "127.0.0.1", max_age_s: int = MAX_AGE_S) -> str | None:
    """None when healthy, else why not."""
    try:
        with urllib.request.urlopen(f"http://{host}:{port}/healthz", timeout=5) as resp:
            body = resp.read().decode("utf-8", "replace").strip()
    except OSError as exc:
        return f"/healthz unreachable: {exc}"
    fields = dict(part.split("=", 1) for part in body.split()[1:] if "=" in part)
    if not body.startswith("ok"):
        return f"/healthz says {body!r}"
    try:
        age = float(fields.get("last_pass_age_s", "inf"))
    except ValueError:
        return f"/healthz says {body!r}"
    if age > max_age_s:
        return f"last pass {age:.0f}s ago (more than {max_age_s}s)"
    return None


def main() -> None:
    port = int(os.environ.get("CLAIMWATCH_METRICS_PORT") or 9108)
    problem = check(port)
    if problem:
        print(f"unhealthy: {problem}", file=sys.stderr)
        sys.exit(1)
    print("healthy")


if __name__ == "__main__":
    main()
