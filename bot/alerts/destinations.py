"""The destination kind registry: where alerts can go, one registered kind per module.

A kind is one module (bot/alerts/terminal.py, webhook.py, discord_bot.py) holding its
sources.yaml settings (a `DestinationConfig` subclass whose `kind` literal names it),
its sender, and a call to

    register_destination("slack", SlackDestination, make_sender, target=..., secrets=...)

Everything that differs by kind reads the registration, never an if/else over kinds:
building the senders (bot/alerts/service.py), the configuration hash that lifts a
stale broken mark (bot/repair.py) and the secrets masked in the logs. bot/alerts/kinds.py
imports the kind modules and spells the `Destination` union sources.yaml is read with,
as store/leaderboards/readers.py loads the leaderboard formats.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TextIO, TypeVar

import httpx
from pydantic import BaseModel, ConfigDict

from bot.alerts.senders import Sender
from bot.config import Settings
from store.claims import VerdictLabel


class DestinationConfig(BaseModel):
    """What every destination in sources.yaml says; each kind adds its own settings."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    kind: str  # each kind narrows it to its own literal
    verdicts: tuple[VerdictLabel, ...] = ("supported", "contradicted", "within_uncertainty")
    on_change: bool = True  # every verdict change alerts, whatever its label
    source_notices: bool = True  # a feed disabled after repeated failures, or recovered


@dataclass(frozen=True)
class SenderContext:
    """What a kind may need to build its sender; secrets come from `settings`/the env."""

    settings: Settings
    http: httpx.AsyncClient | None = None  # shared client for HTTP senders (tests inject)
    out: TextIO | None = None  # the terminal's stream
    # the running Discord bot's sender for a channel id; None when no bot runs here
    bot_channel: Callable[[int], Sender] | None = None


D = TypeVar("D", bound=DestinationConfig)


def _nothing(dest: Any, settings: Settings) -> Any:
    return []


def _no_target(dest: Any, settings: Settings) -> str:
    return ""


@dataclass(frozen=True)
class DestinationKind(Generic[D]):
    kind: str
    config: type[D]
    make_sender: Callable[[D, SenderContext], Sender]
    # what makes the destination work, hashed into its configuration hash (a secret in
    # it is only ever hashed): a change lifts a broken mark at start-up
    target: Callable[[D, Settings], str] = _no_target
    # secret values the destination uses (a webhook URL), masked in every log line
    secrets: Callable[[D, Settings], list[str]] = _nothing


DESTINATION_KINDS: dict[str, DestinationKind[Any]] = {}


def register_destination(
    kind: str,
    config: type[D],
    make_sender: Callable[[D, SenderContext], Sender],
    *,
    target: Callable[[D, Settings], str] = _no_target,
    secrets: Callable[[D, Settings], list[str]] = _nothing,
) -> DestinationKind[D]:
    if kind in DESTINATION_KINDS:
        raise ValueError(f"destination kind {kind!r} is registered twice")
    declared = config.model_fields["kind"].default
    if declared != kind:
        raise ValueError(f"{config.__name__}.kind is {declared!r}, registered as {kind!r}")
    registered = DestinationKind(kind, config, make_sender, target, secrets)
    DESTINATION_KINDS[kind] = registered
    return registered


def kind_of(dest: DestinationConfig) -> DestinationKind[Any]:
    return DESTINATION_KINDS[dest.kind]
