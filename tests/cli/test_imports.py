"""The command line starts without the heavy packages it does not need.

Each case runs in a fresh interpreter (this test process has imported everything
already) and reports which of the watched packages ended up in sys.modules.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from store import db

# Loaded only by the commands that use them: alembic by `init`, the rest by the service,
# the Discord bot, the digest chart, the LLM extractor and full-text fetching.
HEAVY = ("alembic", "discord", "matplotlib", "openai", "trafilatura")


def _loaded_after(
    code: str, env: dict[str, str] | None = None, watched: tuple[str, ...] = HEAVY
) -> list[str]:
    probe = textwrap.dedent(code) + textwrap.dedent(
        f"""
        import json, sys
        print(json.dumps(sorted(m for m in {watched!r} if m in sys.modules)))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        env=env or dict(os.environ),
        capture_output=True,
        text=True,
        check=True,
    )
    loaded: list[str] = json.loads(out.stdout.strip().splitlines()[-1])
    return loaded


def test_importing_the_cli_loads_none_of_the_heavy_packages() -> None:
    assert _loaded_after("import bot.cli.app") == []
    # and the probe does see a package that is loaded
    assert _loaded_after("import bot.cli.app, alembic") == ["alembic"]


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["claims", "--json"]])
def test_commands_that_read_load_none_of_the_heavy_packages(
    args: list[str], cli_env: str, tmp_path: Path
) -> None:
    code = f"""
        import sys
        from bot.cli.app import app
        sys.argv = ["claimwatch", *{args!r}]
        try:
            app()
        except SystemExit as exc:
            assert exc.code in (0, None), exc.code
        """
    assert _loaded_after(code, dict(os.environ)) == []


# What listing claims does without (benchmarks/cli_startup.py): the slash-command replies,
# the cards, the tables and the claim models.
NOT_FOR_CLAIMS = ("bot.discord.replies", "bot.render.cards", "rich", "store.claimbase")


def test_claims_loads_no_cards_tables_or_claim_models(cli_env: str) -> None:
    code = """
        import sys
        from bot.cli.app import app
        sys.argv = ["claimwatch", "claims", "--json"]
        try:
            app()
        except SystemExit as exc:
            assert exc.code in (0, None), exc.code
        """
    assert _loaded_after(code, dict(os.environ), NOT_FOR_CLAIMS) == []
    # and the probe sees them when they are loaded
    loaded = _loaded_after("import bot.cli.claim, rich", dict(os.environ), NOT_FOR_CLAIMS)
    assert loaded == sorted(NOT_FOR_CLAIMS)


def _check_a_text(cli_env: str, tmp_path: Path) -> str:
    """Code that runs `claimwatch check` on a short text against January's snapshots."""
    from store.leaderboards.ingest import bundled_paths, ingest_paths

    engine = db.make_engine(cli_env)
    ingest_paths(engine, [p for p in bundled_paths() if p.name.startswith("lmarena-text-2025-01")])
    engine.dispose()
    text = tmp_path / "short.txt"
    text.write_text("DeepSeek-V3 beats Llama-3.1-405B on LMArena.\n", encoding="utf-8")
    return f"""
        import sys
        from bot.cli.app import app
        sys.argv = ["claimwatch", "check", {str(text)!r}, "--published", "2025-02-03", "--json"]
        try:
            app()
        except SystemExit as exc:
            assert exc.code in (0, None), exc.code
        """


def test_check_loads_none_of_the_heavy_packages(cli_env: str, tmp_path: Path) -> None:
    assert _loaded_after(_check_a_text(cli_env, tmp_path), dict(os.environ)) == []


# What checking a text does without (benchmarks/cli_startup.py): it reads the snapshots
# through SQLAlchemy Core (store/leaderboards/tables.py), never SQLModel, the ORM or the
# table classes, whose imports were a third of its start-up.
NOT_FOR_CHECK = ("sqlalchemy.orm", "sqlmodel", "store.models")


def test_check_loads_no_orm_or_table_classes(cli_env: str, tmp_path: Path) -> None:
    code = _check_a_text(cli_env, tmp_path)
    assert _loaded_after(code, dict(os.environ), NOT_FOR_CHECK) == []
    # and the probe sees them when they are loaded
    loaded = _loaded_after("import store.models", dict(os.environ), NOT_FOR_CHECK)
    assert loaded == sorted(NOT_FOR_CHECK)


def test_head_revision_read_from_the_files_matches_alembic() -> None:
    assert db.head_revision() == ScriptDirectory(str(db.MIGRATIONS)).get_current_head()


@pytest.mark.parametrize("args", [["claims", "--json"], ["--version"]])
def test_main_runs_the_command_with_the_collector_on(args: list[str], cli_env: str) -> None:
    """`main` pauses the cyclic collector only while the command's module imports: the
    command itself, and whatever runs after it, has it on."""
    code = f"""
        import gc, json, sys
        import bot.cli.common
        from bot.cli import app
        seen = []
        original = bot.cli.common.open_store

        def open_store(**kwargs):
            seen.append(gc.isenabled())
            return original(**kwargs)

        bot.cli.common.open_store = open_store
        import bot.cli.claims
        bot.cli.claims.open_store = open_store
        sys.argv = ["claimwatch", *{args!r}]
        try:
            app.main()
        except SystemExit as exc:
            assert exc.code in (0, None), exc.code
        print(json.dumps([seen, gc.isenabled()]))
        """
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        check=True,
    )
    seen, enabled_after = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen == ([True] if args[0] == "claims" else [])
    assert enabled_after is True
