"""Which incident reports neutralise a certification challenge by themselves. No Django.

DOMAIN.md §7: incident reports filed by the invigilator go to the jury; some
neutralise the challenge automatically, when the candidate's answer was wrong
or skipped and the challenge really has what the report says failed (an
attachment that would not open neutralises only a challenge with an
attachment). A correct answer is never neutralised: it counts for the
candidate.
"""

import enum
from dataclasses import dataclass


class Incident(enum.StrEnum):
    """Categories of incident reports (the values are stored)."""

    TECHNICAL = "technical"
    IMAGE = "image"
    EMBED = "embed"
    ATTACHMENT = "attachment"
    LINK = "link"
    UNEXPECTED_ERROR = "unexpected_error"
    FOCUS_LOST = "focus_lost"
    EXTRA_TIME = "extra_time"
    FRAUD = "fraud"
    OTHER = "other"


@dataclass(frozen=True)
class ChallengeTraits:
    """What a challenge holds that an incident may be about."""

    illustration: bool = False
    embed: bool = False
    attachments: bool = False
    focused: bool = False


_NEEDS = {
    Incident.IMAGE: lambda traits: traits.illustration,
    Incident.EMBED: lambda traits: traits.embed,
    Incident.ATTACHMENT: lambda traits: traits.attachments,
    Incident.FOCUS_LOST: lambda traits: traits.focused,
    Incident.LINK: lambda traits: True,
    Incident.UNEXPECTED_ERROR: lambda traits: True,
}
FAILED_RESULTS = frozenset({"ko", "skipped", "timedout", "focusedOut", "partially"})


def neutralises(category: str, traits: ChallengeTraits, *, result: str) -> bool:
    """Return True when a report of ``category`` neutralises an answer of ``result``.

    Only categories about the challenge itself qualify (image, simulator,
    attachment, link, unexpected error, focus lost by no fault of the
    candidate), only when the challenge has that feature, and only on a failed
    answer (anything but ``ok``).
    """
    needs = _NEEDS.get(Incident(category))
    return needs is not None and needs(traits) and result in FAILED_RESULTS


def neutralising_categories() -> frozenset[str]:
    """Return the categories that may neutralise a challenge automatically."""
    return frozenset(str(category) for category in _NEEDS)
