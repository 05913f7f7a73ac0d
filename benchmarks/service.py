"""The service end to end at 1,000 sources: one instance on SQLite and on Postgres, and
two against one on Postgres.

    .venv/bin/python benchmarks/service.py [--sources 1000] [--postgres URL] [--only DB]

A local HTTP server serves 1,000 feeds made from the real feed files bundled in
examples/feeds, plus hand-written articles (tests/data/service) re-dated per source so
that sources make distinct, checkable claims. A local server plays the Discord webhook.
Each run starts from a fresh temporary Postgres database (created here, dropped after),
loaded with the bundled snapshots, and runs `claimwatch run --once` as real processes:
one, then two side by side (different CLAIMWATCH_INSTANCE, sharing work through leases).

Targets: one instance >= 300 articles/s on each database; two instances on Postgres
>= 1.7x one (SQLite allows one instance at a time). The machine's load average is
printed beside each figure: on a shared 2-core machine two instances compete with
everything else for the same cores, so the ratio is only meaningful when it is low.

Printed: articles per second end to end (first process started -> last one exited: poll,
extract with the offline rules, judge, record, alert), alert latency (article stored ->
the webhook server received the alert; median and p95), the peak memory (RSS, the
instance and its parse child summed) of one instance, and CPU seconds, which other work
on the machine distorts far less than wall time: the instances' (and per article), the
Postgres backends serving the benchmark's database, this process's servers, and the
whole machine's (the rest of it is other work's). From one instance's figures it prints
the least time two instances could take on this machine's cores (they split the same
work, and Postgres and the servers need the same cores), so the best ratio the single
run allows; from both runs, the ratio their CPU seconds alone give (one instance's own,
against the two-instance run's over the cores), which other work on the machine moves
far less than the wall-time ratio. A two-instance run prints when each instance exited:
one that ends early leaves the tail to the other.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
import yaml
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "service"))

from service_support import feed_server, webhook_server  # noqa: E402

from store import db  # noqa: E402
from store.leaderboards.ingest import ingest_bundled  # noqa: E402

FEEDS = ROOT / "examples" / "feeds"
REAL: tuple[str, ...] = ("artificial-analysis", "deepseek-news", "minimax-blog", "moonshot-blog")
REAL += ("the-batch", "xai-news", "z-ai-blog")
HANDWRITTEN = ROOT / "tests" / "data" / "service" / "handwritten-claims.xml"
WEBHOOK_ENV = "CLAIMWATCH_BENCH_WEBHOOK"
_PUBDATE = re.compile(r"<pubDate>[^<]*</pubDate>")


def redated(text: str, day: date) -> bytes:
    """The hand-written feed with every article dated `day` (distinct claims per day)."""
    stamp = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
    return _PUBDATE.sub(
        f"<pubDate>{stamp.strftime('%a, %d %b %Y %H:%M:%S GMT')}</pubDate>", text
    ).encode()


def make_feeds(server: object, count: int) -> dict[str, str]:
    """name -> URL for `count` sources: one in four hand-written (re-dated), the rest real."""
    real = {n: gzip.decompress((FEEDS / f"{n}.xml.gz").read_bytes()) for n in REAL}
    wire = HANDWRITTEN.read_text()
    urls = {}
    for i in range(count):
        if i % 4 == 0:
            # a day in the bundled CSVs' coverage (2024-07..2025-08): a checkable claim
            body = redated(wire, date(2024, 8, 1) + timedelta(days=(i // 4) % 360))
        else:
            body = real[REAL[i % len(REAL)]]
        urls[f"src-{i:04d}"] = server.add(f"/feeds/{i}.xml", body)  # type: ignore[attr-defined]
    return urls


def sources_file(urls: dict[str, str], path: Path) -> Path:
    data = {
        "settings": {"allow_private_networks": True, "max_concurrency": 50},
        "feeds": [
            {"name": n, "url": u, "baseline": False, "max_age_days": None, "interval": "1h"}
            for n, u in urls.items()
        ],
        "destinations": [{"name": "bench", "kind": "discord_webhook", "webhook_env": WEBHOOK_ENV}],
    }
    path.write_text(yaml.safe_dump(data))
    return path


@contextmanager
def fresh_sqlite() -> Iterator[str]:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'claimwatch.db'}"
        engine = db.make_engine(url)
        db.upgrade(engine)
        ingest_bundled(engine)
        engine.dispose()
        yield url


@contextmanager
def fresh_database(base: str) -> Iterator[str]:
    name = f"claimwatch_bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(db.make_engine(base).url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    try:
        engine = db.make_engine(url)
        db.upgrade(engine)
        ingest_bundled(engine)
        engine.dispose()
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _rss_kb(pid: int) -> int:
    """Resident memory of `pid` and its children (the poller's parse process), in kB."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


_TICK = os.sysconf("SC_CLK_TCK")


def _machine_busy_s() -> float:
    """CPU seconds every process on the machine has spent (all cores), from /proc/stat."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / _TICK


def _cpu_s(pid: int | str) -> float:
    """User + system CPU seconds of a process (OSError once it is gone)."""
    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(stat[11]) + int(stat[12])) / _TICK


class Backends:
    """The CPU seconds of the Postgres backends serving one database, by pid; a
    backend's figure is kept after it exits, as last sampled.

    Only the postmaster's children are looked at (found from a backend of our own),
    not all of /proc: scanning every process ten times a second cost this process a
    millisecond a sample, on the same cores the instances are measured on. A Postgres
    on another machine shows no backends here, and its figure is 0."""

    def __init__(self, url: str) -> None:
        self.database = make_url(url).database or ""
        self.seen: dict[int, float] = {}
        self.postmaster: int | None = None
        engine = sa.create_engine(db.make_engine(url).url)
        try:
            with engine.connect() as conn:
                backend = conn.execute(sa.text("SELECT pg_backend_pid()")).scalar_one()
            ppid = Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()[1]
            self.postmaster = int(ppid)
        except (OSError, sa.exc.SQLAlchemyError, ValueError):
            pass  # not on this machine, or not readable: all of /proc is scanned
        finally:
            engine.dispose()

    def _candidates(self) -> list[str]:
        if self.postmaster is not None:
            children = f"/proc/{self.postmaster}/task/{self.postmaster}/children"
            try:
                return Path(children).read_text().split()
            except OSError:
                return []
        return [p.name for p in Path("/proc").iterdir() if p.name.isdigit()]

    def sample(self) -> None:
        for pid in self._candidates():
            try:
                # not cached when it does not match: a new backend names its database
                # only once its client is authenticated
                if int(pid) not in self.seen and not self._serves_ours(pid):
                    continue
                self.seen[int(pid)] = _cpu_s(pid)
            except OSError:
                continue

    def _serves_ours(self, pid: str) -> bool:
        return self.database in Path(f"/proc/{pid}/cmdline").read_text()

    @property
    def total(self) -> float:
        return sum(self.seen.values())


@dataclass
class Usage:
    wall: float  # first process started -> last one exited
    cpu: float  # user + sys of the instances (and their parse children), summed
    postgres: float  # user + sys of the Postgres backends serving the benchmark's database
    machine: float  # every process on the machine, all cores (others' work included)
    servers: float  # this process: the feed and webhook servers the instances talk to
    peak_kb: int  # peak RSS of one instance and its children
    exits: list[float]  # each instance: start -> its exit, in seconds
    each_cpu: list[float]  # each instance's own CPU seconds, as last sampled before it exited


def run_instances(url: str, sources: Path, webhook_url: str, count: int) -> Usage:
    """Start `count` `claimwatch run --once` at once and wait for them; what they used."""
    env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "DISCORD_TOKEN")}
    env |= {
        "CLAIMWATCH_DATABASE_URL": url,
        "CLAIMWATCH_LOG_LEVEL": "WARNING",
        WEBHOOK_ENV: webhook_url,
    }
    cli = str(Path(sys.executable).with_name("claimwatch"))
    backends = Backends(url) if url.startswith("postgresql") else None
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    servers = time.process_time()
    machine = _machine_busy_s()
    start = time.perf_counter()
    procs = [
        subprocess.Popen(
            [cli, "run", "--once", "--sources", str(sources)],
            env=env | {"CLAIMWATCH_INSTANCE": f"bench-{i}"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for i in range(count)
    ]
    peak = 0
    exits: dict[int, float] = {}
    each_cpu = [0.0] * count
    while len(exits) < count:
        for i, p in enumerate(procs):
            if i in exits:
                continue
            if p.poll() is not None:
                exits[i] = time.perf_counter() - start
                continue
            with contextlib.suppress(OSError):
                each_cpu[i] = _cpu_s(p.pid)
        peak = max([peak] + [_rss_kb(p.pid) for i, p in enumerate(procs) if i not in exits])
        if backends is not None:
            backends.sample()
        time.sleep(0.1)
    wall = time.perf_counter() - start
    machine = _machine_busy_s() - machine
    servers = time.process_time() - servers
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - children.ru_utime) + (after.ru_stime - children.ru_stime)
    for p in procs:
        out, err = p.communicate()
        if p.returncode != 0:
            raise SystemExit(f"instance failed ({p.returncode}):\n{err.decode()[-3000:]}")
        summary = [line for line in out.decode().splitlines() if line.startswith("polled ")]
        print(f"    {summary[-1] if summary else out.decode()[-2000:]}")
    postgres = backends.total if backends is not None else 0.0
    ends = [exits[i] for i in range(count)]
    return Usage(wall, cpu, postgres, machine, servers, peak, ends, each_cpu)


def stored_times(url: str) -> tuple[int, dict[int, datetime]]:
    """(articles stored, claim id -> when its first fresh article was stored)."""
    engine = db.make_engine(url)
    with engine.connect() as conn:
        articles = conn.execute(sa.text("SELECT count(*) FROM articles")).scalar_one()
        rows = conn.execute(
            sa.text(
                "SELECT p.claim_id, min(a.fetched_at) FROM appearances p "
                "JOIN articles a ON a.id = p.article_id WHERE NOT a.baseline GROUP BY p.claim_id"
            )
        ).all()
    engine.dispose()
    # SQLite hands raw SQL's datetimes back as text
    stamps = {int(c): t if isinstance(t, datetime) else datetime.fromisoformat(t) for c, t in rows}
    return int(articles), {c: t if t.tzinfo else t.replace(tzinfo=UTC) for c, t in stamps.items()}


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


TARGET_RATE = 300.0
TARGET_SCALING = 1.7


def bench(base: str, count: int, instances: int) -> tuple[float, Usage]:
    """Articles per second of `instances` instances, and what they used; base is a
    Postgres URL or "sqlite"."""
    with feed_server() as feeds, webhook_server() as hook, tempfile.TemporaryDirectory() as tmp:
        sources = sources_file(make_feeds(feeds, count), Path(tmp) / "sources.yaml")
        database = fresh_sqlite() if base == "sqlite" else fresh_database(base)
        with database as url:
            usage = run_instances(url, sources, hook.url, instances)
            articles, first_stored = stored_times(url)
        per_claim = hook.per_claim()
        latencies = [
            (m["received"] - first_stored[m["claim"]]).total_seconds()
            for m in hook.messages
            if m["claim"] in first_stored
        ]
        dupes = sum(n - 1 for n in per_claim.values() if n > 1)
    rate = articles / usage.wall
    one, five, _ = os.getloadavg()
    met = f" (target >= {TARGET_RATE:.0f}: {'met' if rate >= TARGET_RATE else 'NOT met'})"
    print(
        f"  {instances} instance(s): {articles} articles from {count} sources in "
        f"{usage.wall:.1f} s "
        f"= {rate:.0f} articles/s{met if instances == 1 else ''}; "
        f"{len(hook.messages)} alerts ({dupes} duplicates)  [load {one:.2f} {five:.2f}]"
    )
    if latencies:
        print(
            f"    alert latency (article stored -> alert received): "
            f"median {statistics.median(latencies):.1f} s, p95 {p95(latencies):.1f} s"
        )
    # CPU is what other work on the machine does not distort: the instances' own
    # seconds per article, and how much of the machine's cores the run had.
    per_article = 1000 * usage.cpu / max(articles, 1)
    postgres = f", Postgres backends {usage.postgres:.1f} s" if base != "sqlite" else ""
    others = usage.machine - usage.cpu - usage.postgres - usage.servers
    print(
        f"    CPU: instances {usage.cpu:.1f} s ({per_article:.2f} ms/article){postgres}; "
        f"machine {usage.machine:.1f} of {usage.wall * (os.cpu_count() or 1):.1f} "
        f"core-seconds busy, {max(others, 0.0):.1f} of them other work's"
    )
    print(
        f"    CPU of this process (its feed and webhook servers, and the sampling): "
        f"{usage.servers:.1f} s"
    )
    if instances > 1:
        # the tail: an instance that exits early leaves its core to others' work
        exits = ", ".join(f"{e:.1f} s" for e in usage.exits)
        each = ", ".join(f"{c:.1f} s" for c in usage.each_cpu)
        print(f"    instances exited at {exits} (their CPU: {each})")
    if instances == 1:
        print(f"    peak memory of one instance: {usage.peak_kb / 1024:.0f} MiB RSS")
        # Two instances split the same work; with the database and the servers it must
        # fit on the machine's cores, which bounds what two can gain over this run.
        total = usage.cpu + usage.postgres + usage.servers
        cores = os.cpu_count() or 1
        print(
            f"    two instances need at least {total / cores:.1f} s on {cores} idle cores "
            f"(all the CPU above over {cores}): at most {usage.wall * cores / total:.2f}x "
            f"this run; one instance alone needs at least its own {usage.cpu:.1f} s"
        )
    return rate, usage


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument(
        "--postgres",
        default=os.environ.get(
            "CLAIMWATCH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
        ),
    )
    parser.add_argument("--only", choices=("sqlite", "postgres"))
    args = parser.parse_args()
    print(f"claimwatch service benchmark: {args.sources} local sources, offline extractor")
    if args.only != "postgres":
        print("SQLite:")
        bench("sqlite", args.sources, 1)
    if args.only != "sqlite":
        print("Postgres:")
        single, alone = bench(args.postgres, args.sources, 1)
        double, pair = bench(args.postgres, args.sources, 2)
        ratio = double / single
        met = "met" if ratio >= TARGET_SCALING else "NOT met"
        print(f"  two instances / one: {ratio:.2f}x (target >= {TARGET_SCALING}x: {met})")
        # Wall times move with whatever else the machine runs (its other work is
        # printed above); CPU seconds much less. One instance needs at least its own CPU
        # seconds; two at least all their run's CPU (theirs, Postgres', the servers')
        # over the cores: the ratio of those two is what an otherwise idle machine
        # would give if neither run ever waited.
        cores = os.cpu_count() or 1
        floor = (pair.cpu + pair.postgres + pair.servers) / cores
        print(
            f"  from CPU alone: {alone.cpu:.1f} s for one instance, at least {floor:.1f} s "
            f"for two on {cores} cores: {alone.cpu / floor:.2f}x"
        )


if __name__ == "__main__":
    threading.excepthook = lambda a: None  # the servers' threads on shutdown
    main()
