"""The README's terminal alert and `claim ID` output are the renderers' own words."""

from __future__ import annotations

from pathlib import Path

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _blocks() -> list[str]:
    """The bodies of the README's fenced blocks, in order."""
    blocks: list[str] = []
    body: list[str] | None = None
    for line in README.splitlines():
        if line.startswith("```"):
            if body is None:
                body = []
            else:
                blocks.append("\n".join(body) + "\n")
                body = None
        elif body is not None:
            body.append(line)
    return blocks


def test_readme_shows_an_alert_and_a_claim_as_they_print() -> None:
    alert = next(b for b in _blocks() if b.startswith("Supported: DeepSeek-V3 ranks above"))
    claim = next(b for b in _blocks() if "Verdicts (1):" in b)
    for block in (alert, claim):
        lines = block.splitlines()
        # printed for an 80-column terminal; only a URL may run over
        assert all(len(line) <= 80 or "://" in line for line in lines)
        assert lines[-1] == "claim 2 · more: claimwatch claim 2 · claimwatch why 2"
        assert "Evidence: lmarena-text · raw ratings · snapshot 2025-01-29" in " ".join(lines)
        assert "(claimed leader)" in block and "model_a" not in block
    assert claim.startswith("Supported: DeepSeek-V3 ranks above Llama-3.1-405B on LMArena text\n")
