"""Errors the store raises for a person to read: one clear line, no traceback."""


class ClaimwatchError(Exception):
    """A user-facing failure: bad input, bad configuration, an unreachable service."""
