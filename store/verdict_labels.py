"""The verdict labels and the words a person reads for them: plain constants, apart from
the claim models in store/claimbase.py (which re-exports them) so that what only names
a verdict, such as `claimwatch claims --verdict`, does not build those models."""

from __future__ import annotations

from typing import Literal, get_args

VerdictLabel = Literal[
    "supported",
    "contradicted",
    "within_uncertainty",
    "partially_supported",
    "outdated",
    "unverifiable",
    "not_checkable",
]

VERDICTS: tuple[VerdictLabel, ...] = get_args(VerdictLabel)

# How a verdict reads to a person: the same words in Discord, e-mail and the CLI.
VERDICT_WORDS: dict[str, str] = {
    "supported": "Supported",
    "contradicted": "Contradicted",
    "within_uncertainty": "Within uncertainty (a statistical tie)",
    "partially_supported": "Partially supported",
    "outdated": "Outdated",
    "unverifiable": "Unverifiable",
    "not_checkable": "Not checkable",
}
