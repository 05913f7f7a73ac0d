"""`claimwatch` process start to exit: check, claims, --version, --help on SQLite.

    .venv/bin/python benchmarks/cli_startup.py [--runs 7]

Runs the installed console script in fresh processes against a temporary SQLite
database that `claimwatch init` fills with the bundled snapshots, and prints for each
command the median wall time and CPU time (user + system of the child) beside its
target. On a shared machine the CPU time is the steadier figure; the load average is
printed beside them. Floors, measured in the same run: an empty interpreter, and ones
that import only the third-party packages a command cannot avoid, with the collector
paused as `claimwatch` pauses it while importing: SQLAlchemy Core, pydantic's models and
Typer for `check`, SQLModel (and with it SQLAlchemy's ORM) besides for `claims`. Last,
the judge's two ways to load the snapshots in process: every entry up front (`eager`)
against headers now and entries on first use (the default).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SHORT_TEXT = (
    "DeepSeek-V3 beats Llama-3.1-405B on LMArena, the lab said.\nQwen2.5-Max ranks #7 on LMArena.\n"
)
TARGETS = {"check": 0.4, "claims": 0.4, "--version": 0.25, "--help": 0.25}


def timed(cmd: list[str], env: dict[str, str], stdin: str | None = None) -> tuple[float, float]:
    """(wall, cpu) seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, env=env, input=stdin, text=True, check=True, capture_output=True, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def median_of(
    runs: int, cmd: list[str], env: dict[str, str], stdin: str | None = None
) -> tuple[float, float]:
    timed(cmd, env, stdin)  # warm the page cache and the bytecode cache
    samples = [timed(cmd, env, stdin) for _ in range(runs)]
    return statistics.median(w for w, _ in samples), statistics.median(c for _, c in samples)


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f}"


def judge_loading(url: str, runs: int) -> None:
    from store import db
    from store.judging import load_judge

    engine = db.make_engine(url)
    for label, eager in (("eager (every entry)", True), ("deferred (default)", False)):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            judge = load_judge(engine, eager=eager)
            times.append(time.perf_counter() - start)
        print(f"  load_judge {label:<20} median {statistics.median(times) * 1000:7.1f} ms")
    del judge
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    exe = str(BIN / "claimwatch")
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'cw.db'}"
        env = dict(os.environ, CLAIMWATCH_DATABASE_URL=url, COLUMNS="120")
        # Bytecode caching as an installed package has it (some shells here turn it off).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.pop("OPENAI_API_KEY", None)
        env.pop("OPENAI_BASE_URL", None)
        text = Path(tmp) / "short.txt"
        text.write_text(SHORT_TEXT, encoding="utf-8")
        start = time.perf_counter()
        subprocess.run([exe, "init"], env=env, check=True, capture_output=True, cwd=ROOT)
        print(f"first init (bundled snapshots): {time.perf_counter() - start:.2f} s  [{load()}]")
        wall, cpu = median_of(1, [exe, "init"], env)
        print(f"second init (nothing to load):  {wall:.2f} s wall, {cpu:.2f} s CPU  [{load()}]")
        print(f"\nmedians of {args.runs} runs (wall / CPU), SQLite:")
        paused = "import gc; gc.disable(); "
        floors = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "check's packages": [
                sys.executable,
                "-c",
                paused + "import sqlalchemy, typer; from pydantic import BaseModel",
            ],
            "claims' packages": [
                sys.executable,
                "-c",
                paused + "import sqlalchemy, sqlmodel, typer; from pydantic import BaseModel",
            ],
        }
        for label, cmd in floors.items():
            wall, cpu = median_of(args.runs, cmd, env)
            print(f"  floor: {label:<32} {wall:5.3f} s / {cpu:5.3f} s")
        commands = {
            "check": [exe, "check", str(text), "--published", "2025-02-03", "--json"],
            "claims": [exe, "claims", "--json"],
            "--version": [exe, "--version"],
            "--help": [exe, "--help"],
        }
        for name, cmd in commands.items():
            wall, cpu = median_of(args.runs, cmd, env)
            target = TARGETS[name]
            verdict = "met" if wall < target else "NOT met"
            print(
                f"  claimwatch {name:<10} {wall:5.3f} s / {cpu:5.3f} s"
                f"   target < {target:.2f} s wall: {verdict}  [{load()}]"
            )
        print("\njudge loading in process:")
        judge_loading(url, args.runs)


if __name__ == "__main__":
    main()
