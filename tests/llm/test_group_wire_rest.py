"""A group claim on the wire with no group_b sets group_a against the rest of the field."""

from __future__ import annotations

from store.claimwire import WireGroup
from store.judge.groups import GroupWire, from_wire


def _wire(group_b: WireGroup | None) -> GroupWire:
    return GroupWire(
        group_a=WireGroup(country=None, organisation="Google", open_weights=None),
        group_b=group_b,
        relation="leads",
        aggregate="best_of",
        k=None,
        value=None,
        comparator=None,
        period_start=None,
        period_end=None,
    )


def test_no_group_b_is_the_rest_of_group_a() -> None:
    fields = from_wire(_wire(None))
    assert fields["group_b"].organisation == "Google" and fields["group_b"].others
    assert fields["group_b"].describe() == "models other than Google models"


def test_a_named_group_b_is_kept() -> None:
    fields = from_wire(_wire(WireGroup(country="US", organisation=None, open_weights=None)))
    assert fields["group_b"].country == "US" and not fields["group_b"].others
