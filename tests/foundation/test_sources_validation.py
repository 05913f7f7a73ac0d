"""sources.yaml refuses, with its file and line, what it used to accept silently:
duplicate keys, numbers outside sane ranges, URLs that do not parse strictly."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli.app import app
from bot.sources import parse_sources
from store.errors import ClaimwatchError

GOOD = "https://example.com/feed.xml"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a second top-level feeds: replaced the first list
        (
            f"feeds:\n  - {{name: a, url: '{GOOD}'}}\nfeeds:\n  - {{name: b, url: '{GOOD}'}}\n",
            "sources.yaml:3: the key 'feeds' appears twice (first on line 1)",
        ),
        (
            f"feeds:\n  - name: a\n    url: '{GOOD}'\n    interval: 1h\n    interval: 2h\n",
            "sources.yaml:5: the key 'interval' appears twice (first on line 4)",
        ),
        (
            "settings:\n  max_failures: 3\n  user_agent: x\n  max_failures: 4\n",
            "sources.yaml:4: the key 'max_failures' appears twice",
        ),
        (
            f"feeds:\n  - {{name: a, url: '{GOOD}', interval: 99999999999999999999999}}\n",
            "sources.yaml:2: feeds[0].interval: 99999999999999999999999 is out of range",
        ),
        (
            f"feeds:\n  - {{name: a, url: '{GOOD}', interval: 30s}}\n",
            "sources.yaml:2: feeds[0].interval: '30s' is out of range: use between 1m and 7d",
        ),
        (
            f"feeds:\n  - {{name: a, url: '{GOOD}', interval: 8d}}\n",
            "out of range: use between 1m and 7d",
        ),
        (
            f"feeds:\n  - {{name: a, url: '{GOOD}', interval: 1000000000}}\n",
            "out of range: use between 1m and 7d",
        ),
        (
            f"leaderboards:\n  - {{name: l, board: b, url: '{GOOD}', interval: 10s}}\n",
            "sources.yaml:2: leaderboards[0].interval: '10s' is out of range",
        ),
        (
            f"feeds:\n  - {{name: a, url: '{GOOD}', max_age_days: -1}}\n",
            "sources.yaml:2: feeds[0].max_age_days: Input should be greater than or equal to 0",
        ),
        (
            f"feeds:\n  - {{name: a, url: '{GOOD}', max_age_days: 99999999999999999999}}\n",
            "feeds[0].max_age_days: Input should be less than or equal to 36500",
        ),
        ("settings:\n  max_failures: 0\n", "settings.max_failures: Input should be greater"),
        ("settings:\n  max_failures: 1001\n", "settings.max_failures: Input should be less"),
        (
            "feeds:\n  - {name: a, url: 'https://example.com/my feed.xml'}\n",
            "sources.yaml:2: feeds[0].url: not a valid URL: it contains a space",
        ),
        (
            "feeds:\n  - {name: a, url: 'https://example.com:99999/feed'}\n",
            "feeds[0].url: not a valid URL: bad port",
        ),
        ("feeds:\n  - {name: a, url: 'https://exa_mple..com/'}\n", "bad host"),
        ("feeds:\n  - {name: a, url: 'https://user:pw@example.com/'}\n", "credentials"),
        ("feeds:\n  - {name: a, url: 'https:///feed'}\n", "not an http(s) URL"),
    ],
)
def test_bad_values_are_refused_with_their_line(text: str, expected: str) -> None:
    with pytest.raises(ClaimwatchError) as err:
        parse_sources(text)
    assert expected in str(err.value)


@pytest.mark.parametrize(
    "extra",
    [
        "interval: 1m",
        "interval: 7d",
        "interval: 604800",
        "max_age_days: 0",
        "max_age_days: null",
        "max_age_days: 36500",
    ],
)
def test_the_edges_of_the_ranges_are_accepted(extra: str) -> None:
    key, value = extra.split(": ")
    config = parse_sources(f"feeds:\n  - {{name: a, url: '{GOOD}', {key}: {value}}}\n")
    assert config.feeds[0].url == GOOD


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/feed?x=1&y=%20z#frag",
        "http://127.0.0.1:8080/feed",
        "http://[::1]:8080/feed",
        "https://bücher.example/feed",
        "https://news.example.co.uk./rss",
    ],
)
def test_real_urls_still_parse(url: str) -> None:
    assert parse_sources(f"feeds:\n  - {{name: a, url: '{url}'}}\n").feeds[0].url == url


def test_sources_check_refuses_an_interval_that_used_to_crash_poll(
    cli_env: str, tmp_path: Path
) -> None:
    """`sources check` passed it, then `poll` died with OverflowError mid-batch."""
    path = tmp_path / "sources.yaml"
    path.write_text(
        f"feeds:\n  - {{name: good, url: '{GOOD}'}}\n"
        f"  - {{name: bad, url: '{GOOD}', interval: 99999999999999999999999}}\n"
    )
    result = CliRunner().invoke(app, ["sources", "check", "--sources", str(path)])
    assert result.exit_code == 2
    assert f"{path}:3: feeds[1].interval" in result.output


@pytest.mark.parametrize("text", ["&a [*a, *a]\n", "feeds: &a [*a]\n", "settings: &s {x: *s}\n"])
def test_self_referencing_yaml_is_refused_not_walked_forever(text: str) -> None:
    with pytest.raises(ClaimwatchError):
        parse_sources(text)
