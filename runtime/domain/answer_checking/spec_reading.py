"""Read challenge specs and answers into plain validated values.

Every reader raises MalformedError on a value of the wrong shape; the checker turns
that into a ko, so a broken spec or a forged answer never crashes a test.
"""

import math
from dataclasses import dataclass
from typing import Any

TOLERANCES = ("t1", "t2", "t3")
TEXT_FORMATS = ("short", "words", "sentence", "paragraph", "number", "date")
BLOCK_TYPES = ("text", "select")
MAX_TEXT_LENGTH = 10_000
MAX_FIELDS = 100
DEFAULT_FIELD_KEY = "answer"


class MalformedError(ValueError):
    """Signal a spec or an answer of the wrong shape: the answer is ko."""


@dataclass(frozen=True, slots=True)
class TextRules:
    """How the text fields of a challenge are compared."""

    t1: bool = True
    t2: bool = True
    t3: bool = True
    numeric: bool = False


@dataclass(frozen=True, slots=True)
class Constraints:
    """The timer in seconds (None: no timer) and whether focus is watched."""

    timer: float | None = None
    focused: bool = False


@dataclass(frozen=True, slots=True)
class Scoring:
    """Partial scoring of QROCM-dep, in numbers of right fields."""

    minimum: int
    maximum: int


def require(condition: bool, message: str) -> None:
    """Raise MalformedError with message unless condition holds."""
    if not condition:
        raise MalformedError(message)


def is_integer(value: Any) -> bool:
    """Return True for an int that is not a bool."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_real(value: Any) -> bool:
    """Return True for an int that is not a bool, or a finite float."""
    return is_integer(value) or (isinstance(value, float) and math.isfinite(value))


def read_spec(spec: Any) -> dict:
    """Return spec if it is a dict with a known-looking type, else raise."""
    require(isinstance(spec, dict), "the spec must be a dict")
    require(isinstance(spec.get("type"), str), "the spec needs a type")
    return spec


def read_text_rules(spec: dict) -> TextRules:
    """Return the tolerances and number format of a QROC/QROCM spec."""
    tolerances = spec.get("tolerances", TOLERANCES)
    require(isinstance(tolerances, list | tuple), "tolerances must be a list")
    require(
        all(isinstance(name, str) and name in TOLERANCES for name in tolerances),
        "tolerances may only hold t1, t2 and t3",
    )
    answer_format = spec.get("format")
    require(
        answer_format is None
        or (isinstance(answer_format, str) and answer_format in TEXT_FORMATS),
        "unknown answer format",
    )
    enabled = [name in tolerances for name in TOLERANCES]
    return TextRules(*enabled, numeric=answer_format == "number")


def read_variants(value: Any, label: str) -> tuple[str, ...]:
    """Return a non-empty list of accepted texts as a tuple, else raise."""
    require(isinstance(value, list | tuple) and len(value) > 0, f"{label}: no variant")
    require(
        all(isinstance(text, str) and len(text) <= MAX_TEXT_LENGTH for text in value),
        f"{label}: every variant must be a string of reasonable length",
    )
    return tuple(value)


def read_solution_groups(spec: dict) -> dict[str, tuple[str, ...]]:
    """Return the variants of each field of a QROCM spec, keyed by field."""
    solutions = spec.get("solutions")
    require(isinstance(solutions, dict), "solutions must map field keys to variants")
    require(0 < len(solutions) <= MAX_FIELDS, "solutions: wrong number of fields")
    require(all(isinstance(key, str) for key in solutions), "field keys: strings")
    return {
        key: read_variants(variants, f"solutions[{key}]")
        for key, variants in solutions.items()
    }


def read_block_types(spec: dict) -> dict[str, str]:
    """Return the block type ("text" or "select") declared for each field key."""
    block_types = spec.get("block_types")
    if block_types is None:
        return {}
    require(isinstance(block_types, dict), "block_types must be a dict")
    require(
        all(
            isinstance(key, str) and isinstance(kind, str) and kind in BLOCK_TYPES
            for key, kind in block_types.items()
        ),
        "block_types map field keys to text or select",
    )
    return block_types


def read_constraints(spec: dict) -> Constraints:
    """Return the timer (positive seconds or absent) and the focused flag."""
    timer = spec.get("timer")
    require(timer is None or (is_real(timer) and timer > 0), "timer: seconds > 0")
    focused = spec.get("focused", False)
    require(isinstance(focused, bool), "focused must be true or false")
    return Constraints(timer, focused)


def read_scoring(spec: dict) -> Scoring | None:
    """Return the partial scoring of a QROCM-dep spec, None when absent."""
    scoring = spec.get("scoring")
    if scoring is None:
        return None
    require(isinstance(scoring, dict), "scoring must be a dict with min and max")
    minimum, maximum = scoring.get("min"), scoring.get("max")
    require(
        is_integer(minimum) and is_integer(maximum) and 0 <= minimum <= maximum,
        "scoring needs integers 0 <= min <= max",
    )
    return Scoring(minimum, maximum)


def read_text(value: Any) -> str:
    """Return value if it is a string of reasonable length, else raise."""
    require(isinstance(value, str), "a text answer must be a string")
    require(len(value) <= MAX_TEXT_LENGTH, "the answer is too long")
    return value


def read_field_answers(answer: Any, keys: Any) -> dict[str, str | None]:
    """Return the text answered for each key, None when missing or not a string."""
    require(isinstance(answer, dict), "a QROCM answer must map field keys to texts")
    texts: dict[str, str | None] = {}
    for key in keys:
        text = answer.get(key)
        valid = isinstance(text, str) and len(text) <= MAX_TEXT_LENGTH
        texts[key] = text if valid else None
    return texts


def read_single_field_answer(answer: Any, block_types: dict) -> tuple[str, str]:
    """Return (field key, text) of a QROC answer: a string or {key: string}."""
    if isinstance(answer, dict):
        require(len(answer) == 1, "a QROC answer holds one field")
        ((key, text),) = answer.items()
        require(isinstance(key, str), "a field key must be a string")
        return key, read_text(text)
    sole_key = next(iter(block_types)) if len(block_types) == 1 else DEFAULT_FIELD_KEY
    return sole_key, read_text(answer)


def single_field_is_select(block_types: dict[str, str], key: str) -> bool:
    """Return True if the one field of a QROC is a drop-down."""
    if key in block_types:
        return block_types[key] == "select"
    return len(block_types) == 1 and "select" in block_types.values()
