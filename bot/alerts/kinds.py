"""Every registered destination kind, loaded, and the union sources.yaml is read with.

Importing a kind module registers it (bot/alerts/destinations.py); import this, not the
kind modules. A new kind is its module plus its config class in `Destination` below.
"""

from __future__ import annotations

from typing import Annotated, Any, get_args

from pydantic import Field, TypeAdapter

from bot.alerts.destinations import DESTINATION_KINDS, DestinationConfig
from bot.alerts.discord_bot import BotDestination
from bot.alerts.terminal import TerminalDestination
from bot.alerts.webhook import WebhookDestination

_CONFIGS = TerminalDestination | BotDestination | WebhookDestination
Destination = Annotated[_CONFIGS, Field(discriminator="kind")]
_ADAPTER: TypeAdapter[Destination] = TypeAdapter(Destination)

if {c.model_fields["kind"].default for c in get_args(_CONFIGS)} != set(DESTINATION_KINDS):
    raise TypeError("Destination must name every registered destination kind")


def destination(**fields: Any) -> Destination:
    """A destination from its sources.yaml fields, e.g. destination(name="t", kind="terminal")."""
    return _ADAPTER.validate_python(fields)


__all__ = ["Destination", "DestinationConfig", "destination"]
