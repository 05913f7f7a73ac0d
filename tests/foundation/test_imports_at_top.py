"""The project's own modules are imported at the top of a module, never inside a
function: a late import hides a missing module from mypy and a cycle from a reader.
Heavy third-party libraries may load late (docs/DESIGN.md, "Interfaces by entry point")."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# (module file, imported module): imports that stay inside a function, and why
LATE_ON_PURPOSE = {
    # the LLM extractor and its wrappers import openai; offline runs never load them
    ("bot/extract/__init__.py", "bot.extract.llm"),
    ("bot/extract/__init__.py", "bot.extract.cache"),
    ("bot/extract/__init__.py", "bot.extract.fallback"),
    # discord.py and aiohttp for the Discord bot, which `run --once` never starts
    ("bot/cli/service.py", "bot.discord.service"),
}
# Modules whose late imports predate this test; each entry is one to move up.
NOT_YET = {
    ("bot/extract/__init__.py", "store.registry"),
    ("bot/extract/__init__.py", "store.leaderboards.tables"),
    ("bot/extract/__init__.py", "bot.extract.consistency"),
}


def _late_project_imports(path: Path, root: Path = ROOT) -> set[tuple[str, str]]:
    found = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for func in ast.walk(tree):
        if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(func):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                if name.split(".")[0] in ("bot", "store"):
                    found.add((str(path.relative_to(root)), name))
    return found


def test_no_function_imports_a_project_module() -> None:
    late: set[tuple[str, str]] = set()
    for package in ("bot", "store"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                late |= _late_project_imports(path)
    assert late - LATE_ON_PURPOSE - NOT_YET == set()
    # an entry that no longer matches is removed from the lists, so they stay true
    assert (LATE_ON_PURPOSE | NOT_YET) - late == set()


def test_the_check_sees_a_late_import(tmp_path: Path) -> None:
    module = tmp_path / "bot" / "probe.py"
    module.parent.mkdir()
    module.write_text(
        "import json\n\ndef f():\n    from store import db\n    import httpx\n    return db\n",
        encoding="utf-8",
    )
    assert _late_project_imports(module, tmp_path) == {("bot/probe.py", "store")}
