"""Choose which challenge of a skill to serve (DOMAIN.md §4). No Django."""

from collections.abc import Collection, Sequence

from .ranking import keep_best
from .values import Challenge


def locale_rank(challenge: Challenge, locale: str) -> int:
    """Return 0 if the challenge offers the locale, 1 its language, 2 neither.

    Tags compare case-insensitively; "fr" and "fr-fr" share the language "fr".
    """
    wanted = locale.lower()
    offered = {tag.lower() for tag in challenge.locales}
    if wanted in offered:
        return 0
    if _language(wanted) in {_language(tag) for tag in offered}:
        return 1
    return 2


def _language(tag: str) -> str:
    """Return the language part of a locale tag ("fr" for "fr-fr")."""
    return tag.split("-")[0]


def freshness_rank(
    challenge: Challenge,
    seen_challenge_ids: Collection[str],
    seen_prototypes: Collection[str],
) -> int:
    """Return 0 for a never-seen prototype, 1 for an unseen déclinaison, 2 if seen."""
    if challenge.id in seen_challenge_ids:
        return 2
    return 1 if challenge.prototype in seen_prototypes else 0


def preferred_challenges(
    candidates: Sequence[Challenge],
    *,
    locale: str,
    seen_challenge_ids: Collection[str],
    seen_prototypes: Collection[str],
) -> list[Challenge]:
    """Return the candidates to draw from: the learner's locale first, then fresh.

    Among the challenges of the best locale rank, keep those of the best
    freshness rank: a prototype never seen, else an unseen déclinaison of a seen
    prototype, else (nothing new left) the seen ones.
    """
    in_locale = keep_best(candidates, lambda challenge: locale_rank(challenge, locale))
    return keep_best(
        in_locale,
        lambda challenge: freshness_rank(
            challenge, seen_challenge_ids, seen_prototypes
        ),
    )
