"""claimwatch's edges: feeds, extraction, alerts, digests, the CLI and the service."""

__version__ = "0.1.0"
