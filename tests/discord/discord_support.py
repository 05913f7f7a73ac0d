"""A Discord interaction as the slash-command adapter reads it, and typed ways to call
the command tree's callbacks with it (no gateway, no discord.Interaction)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, cast

import discord
from discord import app_commands


class FakeResponse:
    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []
        self.deferred: dict[str, Any] | None = None

    def is_done(self) -> bool:
        return self.deferred is not None or bool(self.sent)

    async def send_message(self, **kwargs: Any) -> None:
        self.sent.append(kwargs)

    async def defer(self, **kwargs: Any) -> None:
        self.deferred = kwargs


class FakeFollowup:
    def __init__(self, sent: list[dict[str, Any]]) -> None:
        self._sent = sent

    async def send(self, **kwargs: Any) -> None:
        self._sent.append(kwargs)


class FakeInteraction:
    """Just what the adapter reads from a discord.Interaction."""

    def __init__(self, *, manage_guild: bool = True, command: object = None) -> None:
        self.permissions = discord.Permissions(manage_guild=manage_guild)
        self.user = type("U", (), {"id": 7, "__str__": lambda self: "someone#7"})()
        self.guild = object()
        self.command = command
        self.response = FakeResponse()
        self.followup_sent: list[dict[str, Any]] = []
        self.followup = FakeFollowup(self.followup_sent)


def as_interaction(fake: FakeInteraction) -> discord.Interaction:
    """The fake where discord.py's types want a real interaction (it duck-types one)."""
    return cast(discord.Interaction, fake)


def slash(tree: app_commands.CommandTree, *path: str) -> app_commands.Command[Any, ..., Any]:
    """The command at `path` ("sources", "add"), failing the test if there is none."""
    found: app_commands.Command[Any, ..., Any] | app_commands.Group | None = None
    for name in path:
        found = tree.get_command(name) if found is None else _child(found, name)
    assert isinstance(found, app_commands.Command), path
    return found


def _child(
    parent: app_commands.Command[Any, ..., Any] | app_commands.Group, name: str
) -> app_commands.Command[Any, ..., Any] | app_commands.Group | None:
    assert isinstance(parent, app_commands.Group), parent
    return parent.get_command(name)


async def invoke(
    command: app_commands.Command[Any, ..., Any], interaction: FakeInteraction, **options: Any
) -> None:
    """Run the command's callback as discord.py would after parsing `options`."""
    # build_tree's commands are plain functions, not methods of a Group or cog: their
    # callback takes the interaction first (the stubs' union also allows a bound one)
    callback = cast(Callable[..., Awaitable[None]], command.callback)
    await callback(interaction, **options)
