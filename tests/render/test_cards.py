"""Embeds stay inside Discord's limits and never ping or reformat from user text."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.alerts.discord_payload import discord_content, discord_embeds, discord_payload
from bot.alerts.messages import build_alert
from bot.discord.claims import why_card
from bot.render.cards import (
    Card,
    Field,
    clip,
    embed_size,
    escape,
    to_embed,
    to_text,
)
from store.claims_queries import ClaimView
from store.models import Claim
from tests.alerts.alerts_support import Seeder, view


def assert_within_limits(embed: dict[str, Any]) -> None:
    assert len(embed["title"]) <= 256
    assert len(embed.get("description", "")) <= 4096
    assert len(embed.get("fields", [])) <= 25
    for f in embed.get("fields", []):
        assert 0 < len(f["name"]) <= 256
        assert 0 < len(f["value"]) <= 1024
    assert len(embed.get("footer", {}).get("text", "")) <= 2048
    assert embed_size(embed) <= 6000


def test_clip_adds_an_ellipsis_and_never_leaves_a_dangling_escape() -> None:
    assert clip("short", 10) == "short"
    assert clip("a" * 20, 10) == "a" * 9 + "…"
    # cutting "\\*" between the backslash and the star would escape the ellipsis
    text = "x" * 8 + "\\*" + "y" * 10
    out = clip(text, 10)
    assert len(out) <= 10 and out.endswith("…") and not out[:-1].endswith("\\")


def test_hostile_text_pings_nobody_and_formats_nothing() -> None:
    text = "@everyone <@&123> <@456> **bold** [click](https://evil.example) `code` # heading"
    out = escape(text)
    for mention in ("@everyone", "<@&123>", "<@456>"):
        assert mention not in out
    assert "**bold**" not in out and "\\*\\*bold\\*\\*" in out
    assert "[click](https" not in out
    assert "\\`code\\`" in out


def test_a_10000_character_title_and_200_fields_fit() -> None:
    card = Card(
        title="T" * 10_000,
        description="D" * 10_000,
        fields=tuple(Field("N" * 1000, "V" * 5000) for _ in range(200)),
        footer="F" * 5000,
        url="https://example.com/a",
    )
    embed = to_embed(card)
    assert_within_limits(embed)
    assert embed["title"].endswith("…") and len(embed["title"]) == 256
    assert embed["fields"][-1]["value"].endswith("more not shown")


def test_many_small_fields_keep_the_25_field_limit() -> None:
    card = Card(title="t", fields=tuple(Field(f"f{i}", "v") for i in range(40)))
    embed = to_embed(card)
    assert len(embed["fields"]) == 25
    assert embed["fields"][-1]["value"] == "16 more not shown"  # 24 shown + the note


@pytest.fixture
def hostile_claim(engine: Engine, seed: Seeder) -> tuple[ClaimView, int]:
    claim_id, verdict_id = seed.claim(
        statement="@everyone " + "GPT-5 is **#1** <@&123> " * 600,
        title="<@&123> @here [free](https://x.example) " + "T" * 10_000,
        articles=30,
    )
    with Session(engine) as s:
        return view(s, claim_id), verdict_id


def test_alert_for_a_hostile_claim_is_valid(hostile_claim: tuple[ClaimView, int]) -> None:
    claim, verdict_id = hostile_claim
    message = build_alert(claim, verdict_id, ref="cwabc", changed=False)
    payload = discord_payload(message)
    (embed,) = payload["embeds"]
    assert_within_limits(embed)
    assert payload["allowed_mentions"] == {"parse": []}
    everything = str(payload)
    for mention in ("@everyone", "@here", "<@&123>"):
        assert mention not in everything
    assert embed["title"].startswith("Supported: ")
    assert embed["color"] == 0x2ECC71
    assert "ref cwabc" in embed["footer"]["text"]
    # one alert lists its sources: 30 articles, as many as fit, and a count of the rest
    sources = next(f for f in embed["fields"] if f["name"].startswith("Sources"))
    assert sources["name"] == "Sources (30)"
    lines = sources["value"].split("\n")
    assert 1 <= len(lines) - 1 <= 10
    assert lines[-1] == f"• and {30 - (len(lines) - 1)} more"


def test_alert_shows_evidence_and_the_newest_snapshot(engine: Engine, seed: Seeder) -> None:
    claim_id, verdict_id = seed.claim()
    with Session(engine) as s:
        claim = view(s, claim_id)
    message = build_alert(claim, verdict_id, ref=None, changed=False)
    (embed,) = discord_embeds(message)
    names = [f["name"] for f in embed["fields"]]
    heading = "Evidence: lmarena-text · snapshot 2025-01-29 (5 days before the claim)"
    assert heading in names
    # the newest snapshot's age is counted from today (the clock is injected)
    newest = build_alert(claim, verdict_id, ref=None, changed=False, today=date(2025, 8, 14))
    newest_names = [f["name"] for f in discord_embeds(newest)[0]["fields"]]
    assert "Supported on the newest snapshot, 2025-08-04 (10 days old)" in newest_names
    evidence = embed["fields"][names.index(heading)]
    # roles as a reader says them, never the internal "model_a"
    assert "**DeepSeek-V3** (claimed leader): rank 9 · score 1,318" in evidence["value"]
    assert "(compared with): rank 14" in evidence["value"]
    assert "model_a" not in str(embed) and "model_b" not in str(embed)
    assert "95% CI 1,313–1,323 · 12,345 votes" in evidence["value"]
    assert "> DeepSeek-V3 now sits above Llama 3.1 405B" in embed["description"]
    # the terminal prints the same words without markdown
    assert "rank 9 · score 1,318" in message.text
    assert "**" not in message.text and "\\" not in message.text


def test_text_rendering_unescapes(engine: Engine, seed: Seeder) -> None:
    card = Card(title=escape("a*b @everyone"), fields=(Field("n", escape("[x](y)")),))
    assert to_text(card) == "a*b @everyone\nn:\n  [x](y)\n"


def test_change_alert_says_what_changed(engine: Engine, seed: Seeder) -> None:
    claim_id, first = seed.claim(label="supported")
    second = seed.new_verdict(claim_id, "outdated")
    with Session(engine) as s:
        claim = view(s, claim_id)
    message = build_alert(claim, second, ref="r", changed=True)
    assert discord_content(message) == "Verdict changed: Supported → Outdated"
    what = next(f for f in discord_embeds(message)[0]["fields"] if f["name"] == "What changed")
    assert "Was **Supported**, now **Outdated** (snapshot 2025-08-04)" in what["value"]
    assert "fell to 30th" in what["value"]
    # the unchanged card for the first verdict has no such field
    plain = build_alert(replace(claim), first, ref="r", changed=False)
    assert all(f["name"] != "What changed" for f in discord_embeds(plain)[0]["fields"])


def test_alert_and_why_name_what_the_text_wrote(engine: Engine, seed: Seeder) -> None:
    claim_id, verdict_id = seed.claim()
    with Session(engine) as s:
        row = s.get(Claim, claim_id)
        assert row is not None
        # names as the article wrote them, one of which no board lists
        row.data = {**row.data, "mentions": ["DeepSeek's V3", "Llama *405B*"]}
        s.add(row)
        s.commit()
        claim = view(s, claim_id)
    (embed,) = discord_embeds(build_alert(claim, verdict_id, ref=None, changed=False))
    names = {f["name"]: f["value"] for f in embed["fields"]}
    # escaped for Discord: the asterisks stay text, never bold
    assert names["Names in the text"] == "DeepSeek's V3, Llama \\*405B\\*"
    why = {f.name: f.value for f in why_card(claim).fields}
    assert why["Names in the text"] == "DeepSeek's V3, Llama \\*405B\\*"
