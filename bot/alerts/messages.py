"""What an alert says: its card (bot/render/cards.py) as the message every sender takes."""

from __future__ import annotations

from datetime import date

from bot.alerts.senders import OutgoingMessage
from bot.render.cards import Card, alert_card, to_text
from store.claims_queries import ClaimView


def to_message(card: Card) -> OutgoingMessage:
    """The card's parts as a channel-neutral message, with its plain-text rendering."""
    return OutgoingMessage(
        title=card.title,
        text=to_text(card),
        description=card.description,
        fields=card.fields,
        url=card.url,
        colour=card.colour,
        lead=card.content,
        footer=card.footer,
    )


def build_alert(
    claim: ClaimView,
    verdict_id: int,
    *,
    ref: str | None,
    changed: bool,
    today: date | None = None,
) -> OutgoingMessage:
    """The message for one outbox row, built at send time from every appearance."""
    verdict = claim.verdict(verdict_id)
    if verdict is None:
        raise LookupError(f"verdict {verdict_id} is not one of claim {claim.id}'s")
    previous = claim.verdict_before(verdict_id) if changed else None
    return to_message(alert_card(claim, verdict, previous, ref=ref, today=today))
