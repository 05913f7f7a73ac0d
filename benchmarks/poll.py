"""Poll 500 sources served locally from the real feed files in the repo.

Prints: the cold poll of all 500 (fetch, parse, dedupe, store on SQLite), the time
feedparser alone takes on the same bytes (the floor), their ratio, a warm poll where
every source answers 304, and peak RSS. The machine is shared, so each figure is the
median of several rounds (a fresh database and a cold poll each, then warm polls);
the per-round figures are printed too.
Targets (issue 5): cold <= 1.5x floor; warm >= 20x faster than cold; peak RSS < 300 MB.

    .venv/bin/python benchmarks/poll.py [--sources 500] [--rounds 3] [--warm 3]

The server runs in a child process so it does not compete with the poller for the GIL.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import hashlib
import resource
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
HOSTS = 50
FILES = sorted((ROOT / "tests" / "data" / "feeds").glob("*/*.xml.gz")) + sorted(
    (ROOT / "examples" / "feeds").glob("*.xml.gz")
)


def bodies(n: int) -> list[bytes]:
    files = [gzip.decompress(f.read_bytes()) for f in FILES]
    return [files[i % len(files)] for i in range(n)]


def serve(n: int) -> None:
    data = bodies(n)
    tags = ['"' + hashlib.sha1(b).hexdigest()[:16] + '"' for b in data]

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            i = int(self.path.rsplit("/", 1)[1])
            if self.headers.get("If-None-Match") == tags[i]:
                self.send_response(304)
                self.send_header("ETag", tags[i])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("ETag", tags[i])
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(data[i])))
            self.end_headers()
            self.wfile.write(data[i])

    # HOSTS ports: the poller allows one request at a time per host (host:port), and
    # 500 real sources live on many hosts, not one
    servers = [ThreadingHTTPServer(("127.0.0.1", 0), Handler) for _ in range(HOSTS)]
    for httpd in servers:
        httpd.daemon_threads = True
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
    print(" ".join(str(h.server_address[1]) for h in servers), flush=True)
    threading.Event().wait()


async def main(n: int, rounds: int, warm_runs: int) -> None:
    import feedparser
    from tenacity import wait_none

    from bot.config import Settings
    from bot.poller import poll_due
    from bot.sources import Feed, SourcesFile
    from bot.sources import Settings as FeedSettings
    from store import db

    child = subprocess.Popen(  # noqa: ASYNC220 (once, before anything is timed)
        [sys.executable, __file__, "--serve", "--sources", str(n)], stdout=subprocess.PIPE
    )
    assert child.stdout is not None
    ports = [int(p) for p in child.stdout.readline().split()]
    settings = Settings(contact="mailto:bench@claimwatch.test")
    colds: list[float] = []
    floors: list[float] = []
    warms: list[float] = []
    try:
        for r in range(rounds):
            # a fresh database per round, so every cold poll really is cold
            with tempfile.TemporaryDirectory() as tmp:
                engine = db.make_engine(f"sqlite:///{tmp}/bench.db")
                db.upgrade(engine)
                config = SourcesFile(
                    settings=FeedSettings(allow_private_networks=True, max_concurrency=20),
                    feeds=tuple(
                        Feed(
                            name=f"s{i}",
                            url=f"http://127.0.0.1:{ports[i % HOSTS]}/feed/{i}",
                            max_age_days=None,
                        )
                        for i in range(n)
                    ),
                )

                same = bodies(n)
                t = time.perf_counter()
                parsed_entries = sum(len(feedparser.parse(b).entries) for b in same)
                floors.append(time.perf_counter() - t)
                del same

                t = time.perf_counter()
                cold = await poll_due(engine, config, settings, force=True, retry_wait=wait_none())
                colds.append(time.perf_counter() - t)
                failed = [s for s in cold.sources if s.kind == "failed"]

                round_warms = []
                for _ in range(warm_runs):
                    t = time.perf_counter()
                    warm = await poll_due(
                        engine, config, settings, force=True, retry_wait=wait_none()
                    )
                    round_warms.append(time.perf_counter() - t)
                    statuses = {s.status for s in warm.sources}
                warms.extend(round_warms)
                engine.dispose()
            print(
                f"round {r + 1}: floor {floors[-1]:.2f} s, cold {colds[-1]:.2f} s, warm "
                + " ".join(f"{w:.3f}" for w in round_warms)
                + " s",
                flush=True,
            )
    finally:
        child.terminate()
        child.wait()

    cold_s, floor, warm_s = median(colds), median(floors), median(warms)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"sources                 {n} on {HOSTS} local hosts ({len(FILES)} real feed files)")
    print(f"entries parsed          {parsed_entries}; articles stored {len(cold.new_article_ids)}")
    print(f"medians of {rounds} rounds (cold, floor) and {len(warms)} warm polls")
    print(f"cold poll               {cold_s:7.2f} s  ({len(failed)} failed in the last round)")
    print(f"feedparser floor        {floor:7.2f} s")
    print(f"cold / floor            {cold_s / floor:7.2f}x  (target <= 1.5x)")
    print(f"warm poll (all 304)     {warm_s:7.3f} s  statuses={sorted(statuses)}")
    print(f"cold / warm             {cold_s / warm_s:7.1f}x  (target >= 20x)")
    print(f"peak RSS                {rss_mb:7.1f} MB (target < 300 MB)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3, help="cold polls (fresh database each)")
    parser.add_argument("--warm", type=int, default=3, help="warm polls after each cold one")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.sources)
    else:
        sys.path.insert(0, str(ROOT))
        asyncio.run(main(args.sources, args.rounds, args.warm))
