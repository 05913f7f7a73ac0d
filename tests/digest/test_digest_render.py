"""HTML and text over a seeded store: links, ids, hostile titles, the empty week, headers."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email import message_from_bytes, policy

from sqlalchemy.engine import Engine

from bot.digest.build import build_digest
from bot.digest.render import oneline, render, safe_url
from bot.digest.send import build_message, unsubscribe_header
from tests.digest.digest_support import HOSTILE_STATEMENT, HOSTILE_TITLE, WEEK, fake_facts, seed_all

NOW = datetime(2025, 8, 4, 8, 0, tzinfo=UTC)


def test_every_claim_has_its_id_and_links_its_article(engine: Engine) -> None:
    ids = seed_all(engine)
    r = render(build_digest(engine, WEEK, facts=fake_facts), chart_src="cid:chart@x")
    for name in ("C1", "C2", "C3", "C4", "C5", "C9"):
        assert f"#{ids[name]}" in r.text
        assert re.search(rf">#{ids[name]}</span>", r.html)
    # C1 and C4 come from outlet-a's article; C2 and C9 from outlet-b's A4
    assert r.html.count('href="https://a.example/k2"') == 4  # 2 statements + 2 article links
    assert r.html.count('href="https://b.example/ds"') == 4
    assert 'href="https://c.example/old"' in r.html  # the changed claim C5
    assert 'src="cid:chart@x"' in r.html
    assert r.chart_png is not None and r.chart_png.startswith(b"\x89PNG")
    # the text part carries the same content
    for needle in (
        "Kimi K2 is the best open-weights model on LMArena text",
        "https://a.example/k2",
        "Supported -> Contradicted",
        "outlet-b: 33% (1 held, 2 contradicted)",
        "M3: rank 3 -> 2 (+1), score 1452 (+12)",
        "NewModel: new at rank 4",
        "China: M3 (1452)",
        "source dead-feed: disabled (gone (410))",
        "destination discord-main (discord_webhook): broken: 404 Unknown Webhook",
    ):
        assert needle in r.text, needle
    for needle in ("outlet-b", "33%", "M3", "1452 (+12)", "gone (410)", "404 Unknown Webhook"):
        assert needle in r.html, needle


def test_hostile_titles_and_statements_are_text_not_markup(engine: Engine) -> None:
    seed_all(engine)
    r = render(build_digest(engine, WEEK, facts=fake_facts), chart_src="cid:chart@x")
    assert "<script" not in r.html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.html
    assert "<img src=x" not in r.html and "&lt;img src=x onerror=alert(1)&gt;" in r.html
    assert "<i>rank 5</i>" not in r.html and "&lt;i&gt;rank 5&lt;/i&gt;" in r.html
    assert "<b>bold</b>" not in r.html
    hrefs = re.findall(r'href="([^"]*)"', r.html)
    assert hrefs and not any(h.lower().startswith("javascript") for h in hrefs)
    assert "&#34;Quoted&#34; &amp;" in r.html  # quotes and ampersands escaped too
    # text: the CR/LF inside a title or a statement does not start a line of its own
    assert not any(line.startswith("Bcc:") for line in r.text.splitlines())
    assert oneline(HOSTILE_STATEMENT) in r.text
    assert oneline(HOSTILE_TITLE) in r.text


def test_header_injection_from_a_statement_is_impossible(engine: Engine) -> None:
    seed_all(engine)
    r = render(build_digest(engine, WEEK, facts=fake_facts), chart_src="cid:c@x")
    assert HOSTILE_STATEMENT.split("\r\n")[0][:20] in r.subject  # it is in the subject...
    msg = build_message(
        r,
        sender="claimwatch <d@example.com>",
        recipients=["a@example.com"],
        message_id="<id@example.com>",
        content_id="c@x",
        now=NOW,
        unsubscribe="mailto:u@example.com\r\nBcc: evil@example.com",
    )
    parsed = message_from_bytes(msg.as_bytes(), policy=policy.default)
    assert parsed["Bcc"] is None  # ...but adds no header
    assert parsed["List-Unsubscribe"] is None  # an unsafe address is dropped, not sent
    assert "\n" not in str(parsed["Subject"]) and "Bcc: evil" in str(parsed["Subject"])
    assert unsubscribe_header("https://example.com/unsub?u=1") == "<https://example.com/unsub?u=1>"
    assert unsubscribe_header("javascript:alert(1)") is None


def test_empty_week_reads_nothing_new(engine: Engine) -> None:
    r = render(build_digest(engine, "2025-W40", facts=fake_facts), chart_src="cid:x")
    assert r.subject == "claimwatch digest 2025-W40: nothing new"
    assert "Nothing new this week" in r.html and "Nothing new this week" in r.text
    assert "New claims" not in r.html and "NEW CLAIMS" not in r.text
    assert r.chart_png is None and "cid:" not in r.html  # no data: no image, a note instead


def test_safe_url() -> None:
    assert safe_url("https://x.example/a?b=1") == "https://x.example/a?b=1"
    for bad in ("javascript:alert(1)", "data:text/html,hi", "//x.example", "http://x.ex/a b", None):
        assert safe_url(bad) is None
