"""What every slash-command handler takes and returns, without discord.py.

Handlers are plain `async def handler(ctx, invoker, **options) -> Reply`; the
discord.py layer (bot/discord/client.py) only turns interactions into these
calls and `Reply` objects into responses. User mistakes come back as an ephemeral
`Reply` with one clear sentence, never as an exception.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ParamSpec, Protocol

from sqlalchemy.engine import Engine

from bot.claim_filters import CommandError
from bot.render.cards import Card, to_embed
from store.errors import ClaimwatchError
from store.models import utcnow

if TYPE_CHECKING:  # a type only: the schema loads every destination kind, which
    # `claimwatch claims` (it shares these parsers) would pay for at start-up
    from bot.sources import Feed

P = ParamSpec("P")


@dataclass(frozen=True, slots=True)
class ReplyFile:
    filename: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Reply:
    content: str = ""
    cards: tuple[Card, ...] = ()
    ephemeral: bool = False
    file: ReplyFile | None = None
    error: bool = False

    @property
    def embeds(self) -> list[dict[str, Any]]:
        return [to_embed(card) for card in self.cards]

    @classmethod
    def refuse(cls, message: str) -> Reply:
        return cls(content=message, ephemeral=True, error=True)


@dataclass(frozen=True, slots=True)
class Invoker:
    """Who ran the command, as far as a handler needs to know."""

    user_id: int
    name: str
    manage_guild: bool = False  # the member's resolved "Manage Server" permission


@dataclass(frozen=True, slots=True)
class CheckedClaim:
    """One claim found by /verify, whatever checker produced it."""

    statement: str
    verdict: str
    explanation: str = ""
    reason: str | None = None
    board: str | None = None
    snapshot: str | None = None
    quote: str | None = None
    as_of: str | None = None
    snapshot_age_days: int | None = None
    judgement: dict[str, Any] = field(default_factory=dict)  # the `check --json` claim


@dataclass(frozen=True, slots=True)
class FeedCheck:
    ok: bool
    title: str | None = None
    entries: int = 0
    error: str | None = None


@dataclass(frozen=True, slots=True)
class TopRow:
    rank: int | None
    model: str
    score: float | None
    ci: tuple[float, float] | None = None
    votes: int | None = None
    organisation: str | None = None
    country: str | None = None
    open_weights: bool | None = None


@dataclass(frozen=True, slots=True)
class TopTable:
    board: str
    snapshot: date
    metric: str
    rows: tuple[TopRow, ...]
    category: str = "full"
    view: str = "raw"


class Checker(Protocol):
    async def __call__(self, text: str, day: date | None = None) -> Sequence[CheckedClaim]: ...


class TopLoader(Protocol):
    async def __call__(
        self,
        board: str,
        day: date,
        open_weights: bool,
        country: str | None,
        limit: int,
        category: str = "full",
        view: str = "raw",
    ) -> TopTable | None: ...


class FeedValidator(Protocol):
    async def __call__(self, url: str) -> FeedCheck: ...


@dataclass
class CommandContext:
    """Everything the handlers use, injected (tests pass fakes for the outside world)."""

    engine: Engine
    feeds: Sequence[Feed] = ()  # sources.yaml's feeds (not removable from Discord)
    checker: Checker | None = None
    top_loader: TopLoader | None = None
    validate_feed: FeedValidator | None = None
    now: Callable[[], datetime] = utcnow
    page_size: int = 10
    staleness_days: int = 45  # sources.yaml settings.staleness_days
    extra: dict[str, Any] = field(default_factory=dict)

    def today(self) -> date:
        return self.now().date()

    async def db(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run a blocking store call off the event loop (the gateway must keep beating)."""
        return await asyncio.to_thread(fn, *args, **kwargs)


def friendly(
    handler: Callable[P, Coroutine[Any, Any, Reply]],
) -> Callable[P, Coroutine[Any, Any, Reply]]:
    """Turn a CommandError/ClaimwatchError raised by a handler into an ephemeral reply."""

    @functools.wraps(handler)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> Reply:
        try:
            return await handler(*args, **kwargs)
        except ClaimwatchError as exc:
            return Reply.refuse(str(exc))

    return wrapper


def parse_day(value: str | None, *, default: date) -> date:
    if value is None or not value.strip():
        return default
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise CommandError(
            f"could not read the date {value.strip()!r}: use YYYY-MM-DD (e.g. 2025-02-03)"
        ) from None
