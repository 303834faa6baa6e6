"""Compare the names a candidate types with the enrolment (DOMAIN.md §6)."""

import unicodedata


def standard_name(value: str) -> str:
    """Lower-case, drop accents, spaces, and all but ASCII letters and digits."""
    decomposed = unicodedata.normalize("NFD", value.strip().lower())
    kept = (char for char in decomposed if not 0x300 <= ord(char) <= 0x36F)
    return "".join(char for char in kept if char.isascii() and char.isalnum())


def same_person(
    *, first_name: str, last_name: str, expected_first: str, expected_last: str
) -> bool:
    return standard_name(first_name) == standard_name(expected_first) and (
        standard_name(last_name) == standard_name(expected_last)
    )
