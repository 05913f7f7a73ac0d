"""The LLM's prompt and wire schema are derived from the registered claim types; this
pins what they derive to, so a change is always deliberate and versioned.

When a change is meant (a new claim type, a reworded prompt line, a new wire field):
bump `PROMPT_VERSION` in bot/extract/prompt.py, so the extraction cache never serves a
reply to the old prompt, and rewrite tests/data/llm/prompt_and_wire.json from the
new values (its three keys, as below).
"""

from __future__ import annotations

import json
from pathlib import Path

from bot.extract.prompt import PROMPT_VERSION, SYSTEM_PROMPT
from bot.extract.schema import wire_json_schema

GOLDEN = Path(__file__).parents[1] / "data" / "llm" / "prompt_and_wire.json"


def test_prompt_and_wire_schema_are_as_pinned() -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    meant = f"if the change is meant, bump PROMPT_VERSION and rewrite {GOLDEN.name}"
    assert golden["system_prompt"] == SYSTEM_PROMPT, meant
    # compared as text: the order of the properties is the order the model writes them
    assert json.dumps(golden["wire_schema"]) == json.dumps(wire_json_schema()), meant
    assert golden["prompt_version"] == PROMPT_VERSION, f"rewrite {GOLDEN.name}"
