"""Text treatments applied to answers and solution variants before comparing them.

Order (DOMAIN.md §3): normalisation (always), then t1, then t2. Each function is
pure; the treatment of solution variants is cached because variants repeat.
"""

import functools
import re
import unicodedata
from decimal import Decimal, InvalidOperation

_ASCII_PUNCTUATION = re.compile(r"[^A-Za-z0-9\s]")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
_VARIANT_CACHE_SIZE = 8192


def normalise(text: str) -> str:
    """Return text in Unicode NFC with non-breaking spaces turned into spaces."""
    composed = unicodedata.normalize("NFC", text)
    return composed.replace("\u00a0", " ").replace("\u202f", " ")


def strip_accents(text: str) -> str:
    """Return text without combining marks (NFD, drop marks, recompose)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", kept)


def apply_t1(text: str) -> str:
    """Trim, lower-case, strip accents and remove all white space (tolerance t1)."""
    return "".join(strip_accents(text.strip().lower()).split())


def _is_kept_by_t2(char: str) -> bool:
    """Return True for a letter, a digit, a space or a mark belonging to a letter."""
    return char.isalnum() or char.isspace() or unicodedata.category(char)[0] == "M"


def apply_t2(text: str) -> str:
    """Remove punctuation, keeping letters, digits and spaces; collapse spaces (t2)."""
    if text.isascii():
        kept = _ASCII_PUNCTUATION.sub("", text)
    else:
        kept = "".join(char for char in text if _is_kept_by_t2(char))
    return " ".join(kept.split())


def treatment_stages(text: str, t1: bool, t2: bool) -> tuple[str, ...]:
    """Return text after normalisation, then after each enabled treatment in order."""
    stages = [normalise(text)]
    if t1:
        stages.append(apply_t1(stages[-1]))
    if t2:
        stages.append(apply_t2(stages[-1]))
    return tuple(stages)


@functools.lru_cache(maxsize=_VARIANT_CACHE_SIZE)
def variant_stages(variant: str, t1: bool, t2: bool) -> tuple[str, ...]:
    """Return the treatment stages of a solution variant (cached)."""
    return treatment_stages(variant, t1, t2)


def parse_number(text: str) -> Decimal | None:
    """Return the number text holds, or None unless it is exactly one number.

    White space anywhere is ignored, a comma or a dot is the decimal separator, a
    sign is allowed: "+0025 000,50" is 25000.5; "123,,00" and "12 abc" are None.
    """
    compact = "".join(normalise(text).split())
    if not _NUMBER.fullmatch(compact):
        return None
    try:
        return Decimal(compact.replace(",", "."))
    except InvalidOperation:
        return None


@functools.lru_cache(maxsize=_VARIANT_CACHE_SIZE)
def variant_number(variant: str) -> Decimal | None:
    """Return the number a solution variant holds, or None (cached)."""
    return parse_number(variant)


_QUANTITY = re.compile(r"([+-]?[\d\s]*\d(?:[.,]\d+)?)\s*(\D*?)\s*")


def parse_quantity(text: str) -> tuple[Decimal, str] | None:
    """Return (number, unit) of a number followed by a unit, like "6,75 Mo".

    The unit is the non-empty rest of the text and holds no digit; None when the
    text is not of that shape (a bare number is not a quantity).
    """
    match = _QUANTITY.fullmatch(normalise(text).strip())
    if not match or not match.group(2):
        return None
    number = parse_number(match.group(1))
    return None if number is None else (number, match.group(2))


@functools.lru_cache(maxsize=_VARIANT_CACHE_SIZE)
def variant_quantity(variant: str) -> tuple[Decimal, str] | None:
    """Return the (number, unit) a solution variant holds, or None (cached)."""
    return parse_quantity(variant)
