"""`leaderboard boards`, `leaderboard refresh`, one-line errors for unknown values, and
the staleness warning of `leaderboard top`."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bot.cli.app import app
from tests.leaderboards.leaderboards_support import bundled

runner = CliRunner()
FILES = ("lmarena-text-2024-08-02.csv.gz", "leaderboard-text-2025-03-07.json.gz")


@pytest.fixture
def two_boards(cli_env: str) -> str:
    for name in FILES:
        result = runner.invoke(app, ["leaderboard", "ingest", str(bundled(name))])
        assert result.exit_code == 0, result.output
    return cli_env


def test_boards_lists_categories_views_and_dates(two_boards: str) -> None:
    result = runner.invoke(app, ["leaderboard", "boards", "--json"])
    assert result.exit_code == 0, result.output
    rows = {(r["board"], r["category"], r["view"]): r for r in json.loads(result.stdout)}
    # the CSV of 2024-08-02 is the full category, raw; the catalog JSON of 2025-03-07
    # adds its categories (coding among them) on the same board
    full = rows[("lmarena-text", "full", "raw")]
    assert (full["first"], full["last"], full["snapshots"]) == ("2024-08-02", "2025-03-07", 2)
    assert rows[("lmarena-text", "coding", "raw")]["first"] == "2025-03-07"
    table = runner.invoke(app, ["leaderboard", "boards"])
    assert table.exit_code == 0 and "coding" in table.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--board", "nope"], "unknown board 'nope': use one of lmarena-text"),
        (["--view", "foo"], "lmarena-text (category full) has no view 'foo': use one of raw"),
        (["--category", "nonsense"], "lmarena-text has no category 'nonsense': use one of "),
        (["--country", "XX"], "unknown country 'XX': use one of "),
    ],
)
def test_unknown_values_are_one_line_errors(two_boards: str, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["leaderboard", "top", *args])
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line.startswith("claimwatch: error: " + message), line
    if "--category" in args:
        assert "coding" in line and "full" in line
    if "--country" in args:
        assert "CN" in line and "US" in line


def test_top_names_the_snapshot_age_and_warns_when_stale(two_boards: str) -> None:
    result = runner.invoke(app, ["leaderboard", "top", "--limit", "3"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("warning: newest lmarena-text snapshot 2025-03-07 is ")
    assert lines[0].endswith("run `claimwatch leaderboard refresh`")
    assert "snapshot 2025-03-07, " in lines[1] and "days old" in lines[1]
    # a country name works as well as its code; the registry fills the organisation of
    # arena-catalog rows, which carry none
    out = json.loads(
        runner.invoke(app, ["leaderboard", "top", "--country", "Chinese", "--json"]).stdout
    )
    assert out["entries"] and all(e["country"] == "CN" for e in out["entries"])
    assert "warning" in out and out["snapshot_age_days"] > 45
    # an explicit past date asks about the past: no warning
    past = runner.invoke(app, ["leaderboard", "top", "--date", "2024-08-02", "--limit", "1"])
    assert not past.stdout.startswith("warning")


@pytest.fixture
def board_server() -> Iterator[tuple[str, list[str]]]:
    hits: list[str] = []
    data = bundled("lmarena-text-2024-08-07.csv.gz").read_bytes()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            if self.path != "/lmarena-text-2024-08-07.csv.gz":
                self.send_response(404)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()
    server.server_close()


def test_refresh_fetches_every_listed_board_now(
    two_boards: str, tmp_path: Path, board_server: tuple[str, list[str]]
) -> None:
    base, hits = board_server
    path = tmp_path / "sources.yaml"
    boards = (
        "leaderboards:\n"
        f"  - {{name: arena, board: lmarena-text, url: '{base}/lmarena-text-2024-08-07.csv.gz',"
        " interval: 7d}\n"
        f"  - {{name: broken, board: lmarena-text, url: '{base}/missing.csv'}}\n"
    )
    # the shell's refresh goes through the same address policy as the service
    path.write_text(boards, encoding="utf-8")
    refused = runner.invoke(app, ["leaderboard", "refresh", "--sources", str(path)])
    assert refused.exit_code == 1 and "allow_private_networks" in refused.output
    assert hits == []
    # the test server is on loopback: allowed only when the file says so
    path.write_text("settings: {allow_private_networks: true}\n" + boards, encoding="utf-8")
    result = runner.invoke(app, ["leaderboard", "refresh", "--sources", str(path)])
    assert result.exit_code == 1, result.output  # one of the two failed
    assert "arena: 1 new snapshot(s)" in result.output
    assert "broken: failed: " in result.output
    assert "refreshed 2 leaderboard(s): 1 new snapshot(s), 1 failed" in result.output
    assert hits == ["/lmarena-text-2024-08-07.csv.gz", "/missing.csv"]
    dates = json.loads(runner.invoke(app, ["leaderboard", "boards", "--json"]).stdout)
    full = next(r for r in dates if (r["category"], r["view"]) == ("full", "raw"))
    assert full["snapshots"] == 3
    # fetched again now, whatever the interval: unchanged data adds nothing
    again = runner.invoke(app, ["leaderboard", "refresh", "--sources", str(path)])
    assert "arena: 0 new snapshot(s)" in again.output


def test_refresh_without_leaderboards_is_an_error(cli_env: str, tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text("feeds: []\n", encoding="utf-8")
    result = runner.invoke(app, ["leaderboard", "refresh", "--sources", str(path)])
    assert result.exit_code == 2 and "lists no leaderboards" in result.output
