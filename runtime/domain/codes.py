"""Codes people type: campaign codes, session access codes, invigilator passwords,
verification codes.

No Django. Every generator takes its random source: production passes
``secrets.SystemRandom()``, tests a seeded ``random.Random``. The alphabets leave
out the characters people confuse (0/O, 1/I/L, 5/S, A/4…), as DOMAIN.md §6-7 say.
"""

import random
import re
import string
from collections.abc import Callable

# Campaign codes (DOMAIN.md §6): 6 upper-case letters without I, L and O, then
# 3 digits from 2 to 9 ("ABCDEF234"): 23^6 * 8^3, about 76 billion codes.
CODE_LETTERS = "".join(c for c in string.ascii_uppercase if c not in "ILO")
CODE_DIGITS = "23456789"
_CAMPAIGN_CODE = re.compile(f"[{CODE_LETTERS}]{{6}}[{CODE_DIGITS}]{{3}}")

SESSION_LETTERS = "BCDFGHJKMPQRTVWXY"
SESSION_DIGITS = "2346789"
INVIGILATOR_ALPHABET = "23456789bcdfghjkmpqrstvwxyBCDFGHJKMPQRSTVWXY!*?"
INVIGILATOR_LENGTH = 6
VERIFICATION_PREFIX = "P-"
VERIFICATION_ALPHABET = "2346789BCDFGHJKMPQRTVWXY"
VERIFICATION_LENGTH = 8
MAX_TRIES = 1000


class NoCodeAvailable(RuntimeError):
    """Every code drawn was taken: the code space is (nearly) exhausted."""


def _first_available(
    draw: Callable[[], str], is_available: Callable[[str], bool], what: str
) -> str:
    for _ in range(MAX_TRIES):
        code = draw()
        if is_available(code):
            return code
    raise NoCodeAvailable(f"no free {what} after {MAX_TRIES} tries")


def session_access_code(
    rng: random.Random, *, is_available: Callable[[str], bool]
) -> str:
    """4 letters of BCDFGHJKMPQRTVWXY then 2 digits of 2346789, e.g. ``BXKT47``."""

    def draw() -> str:
        letters = "".join(rng.choice(SESSION_LETTERS) for _ in range(4))
        return letters + "".join(rng.choice(SESSION_DIGITS) for _ in range(2))

    return _first_available(draw, is_available, "session access code")


def invigilator_password(rng: random.Random) -> str:
    """6 distinct characters of the invigilator alphabet, e.g. ``k7?TbM``."""
    return "".join(rng.sample(INVIGILATOR_ALPHABET, INVIGILATOR_LENGTH))


def verification_code(
    rng: random.Random, *, is_available: Callable[[str], bool]
) -> str:
    """``P-`` + 8 characters of 2346789BCDFGHJKMPQRTVWXY; raises after 1,000 taken."""

    def draw() -> str:
        body = "".join(
            rng.choice(VERIFICATION_ALPHABET) for _ in range(VERIFICATION_LENGTH)
        )
        return VERIFICATION_PREFIX + body

    return _first_available(draw, is_available, "verification code")


def is_verification_code(value: str) -> bool:
    """True when ``value`` has the shape of a verification code (after upper-casing)."""
    value = value.strip().upper()
    body = value.removeprefix(VERIFICATION_PREFIX)
    return (
        value.startswith(VERIFICATION_PREFIX)
        and len(body) == VERIFICATION_LENGTH
        and all(char in VERIFICATION_ALPHABET for char in body)
    )


def is_session_access_code(value: str) -> bool:
    value = value.strip().upper()
    return (
        len(value) == 6
        and all(char in SESSION_LETTERS for char in value[:4])
        and all(char in SESSION_DIGITS for char in value[4:])
    )


def campaign_code(rng: random.Random, *, is_available: Callable[[str], bool]) -> str:
    """6 letters of A-Z without I, L, O then 3 digits of 2-9, e.g. ``ABCDEF234``."""

    def draw() -> str:
        letters = "".join(rng.choice(CODE_LETTERS) for _ in range(6))
        return letters + "".join(rng.choice(CODE_DIGITS) for _ in range(3))

    return _first_available(draw, is_available, "campaign code")


def is_campaign_code(value: str) -> bool:
    """Return whether ``value`` has the form of a campaign code (upper case)."""
    return _CAMPAIGN_CODE.fullmatch(value) is not None


def normalise_code(value: str) -> str:
    """Return a typed code as stored: upper case, without spaces or dashes."""
    return re.sub(r"[\s-]", "", value).upper()
