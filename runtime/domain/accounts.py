"""Learner accounts of organisations: names, usernames, reconciliation. No Django.

DOMAIN.md §6. Entry points, stable (integrations use them):

- ``standardise_name``: the form names are compared and usernames built in;
- ``username_for``: ``firstname.lastnameDDMM``, 4 random digits on a clash;
- ``is_valid_username``: ``^[a-z]+\\.[a-z]+[0-9]{4}$``;
- ``matching_learner``: which imported learner a pupil who joins is.
"""

import datetime
import random
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence

from rapidfuzz.distance import Levenshtein

TOLERANT_RATIO = 0.25
"""Largest Levenshtein distance ÷ length of the typed name a tolerant match accepts."""
STRICT_RATIO = 0.0
GIVEN_NAME_FIELDS = ("first_name", "middle_name", "third_name")
LAST_NAME_FIELDS = ("last_name", "preferred_last_name")
USERNAME_ATTEMPTS = 1000
"""Random suffixes tried before giving up (10,000 exist per name)."""

_COMBINING_MARKS = re.compile("[\u0300-\u036f]")
_NOT_ALPHANUMERIC = re.compile("[^a-z0-9]")
_USERNAME = re.compile(r"[a-z]+\.[a-z]+[0-9]{4}")


def standardise_name(value: str) -> str:
    """Return a name as compared: lower case, no accents, spaces nor punctuation.

    Trim, lower-case, Unicode NFD without the combining marks U+0300-U+036F,
    no white space, then only ASCII letters and digits: "fakeFirst-Name" →
    "fakefirstname", "Jo~e" → "joe", " Éloïse " → "eloise".
    """
    decomposed = unicodedata.normalize("NFD", value.strip().lower())
    without_marks = _COMBINING_MARKS.sub("", decomposed)
    without_spaces = "".join(without_marks.split())
    return _NOT_ALPHANUMERIC.sub("", without_spaces)


def is_valid_username(value: str) -> bool:
    """Return whether ``value`` is a username of an account without e-mail.

    ``^[a-z]+\\.[a-z]+[0-9]{4}$``: no upper case, no spaces, exactly 4 digits
    (a trailing newline is refused too).
    """
    return _USERNAME.fullmatch(value) is not None


def username_for(
    first_name: str,
    last_name: str,
    birthdate: datetime.date,
    *,
    is_taken: Callable[[str], bool],
    rng: random.Random,
) -> str:
    """Return a free username ``firstname.lastnameDDMM`` for a learner.

    Names are standardised (digits dropped too, so that the username stays
    valid); while the name is taken, DDMM gives way to 4 random digits
    (0000-9999, drawn from ``rng``). Raise ValueError when a name has no
    letter left ("李", "---") or when no free username was found.
    """
    first = re.sub("[0-9]", "", standardise_name(first_name))
    last = re.sub("[0-9]", "", standardise_name(last_name))
    if not first or not last:
        raise ValueError("A username needs letters in the first and last names.")
    candidate = f"{first}.{last}{birthdate:%d%m}"
    for _ in range(USERNAME_ATTEMPTS):
        if not is_taken(candidate):
            return candidate
        candidate = f"{first}.{last}{rng.randrange(10_000):04d}"
    raise ValueError("No free username was found for these names.")


def is_name_close(typed: str, reference: str | None, ratio: float) -> bool:
    """Return whether a standardised typed name matches a standardised reference.

    Close means levenshtein(typed, reference) / len(typed) <= ratio; an absent
    reference (no middle name) or an empty typed name never matches.
    """
    if not reference or not typed:
        return False
    cutoff = int(len(typed) * ratio)
    return Levenshtein.distance(typed, reference, score_cutoff=cutoff) <= cutoff


def matching_learner(
    candidates: Sequence[Mapping[str, str | None]],
    *,
    first_name: str,
    last_name: str,
) -> int | None:
    """Return the index of the candidate the pupil is, or None when there is none.

    ``candidates``: the organisation's active learners with the pupil's birth
    date, with keys first_name, middle_name, third_name, last_name,
    preferred_last_name (absent or None when unknown). Two passes, strict
    (standardised names equal) then tolerant (ratio ≤ 0.25); in each, for the
    given-name fields in order, keep the candidates whose field is close to
    the typed first name and whose last or preferred last name is close to the
    typed last name: the first field keeping exactly one candidate gives it.
    """
    typed_first, typed_last = standardise_name(first_name), standardise_name(last_name)
    standardised = [
        {
            field: standardise_name(candidate.get(field) or "")
            for field in (*GIVEN_NAME_FIELDS, *LAST_NAME_FIELDS)
        }
        for candidate in candidates
    ]
    for ratio in (STRICT_RATIO, TOLERANT_RATIO):
        for field in GIVEN_NAME_FIELDS:
            kept = [
                position
                for position, names in enumerate(standardised)
                if is_name_close(typed_first, names[field], ratio)
                and any(
                    is_name_close(typed_last, names[name], ratio)
                    for name in LAST_NAME_FIELDS
                )
            ]
            if len(kept) == 1:
                return kept[0]
    return None
