"""The proposal and solution syntax of challenges (docs/challenge-syntax.md).

Pure functions, no Django: they parse what authors type and report problems as
codes with parameters, which the authoring layer turns into translated messages.
"""

import json
import re
from dataclasses import dataclass, field

CHOICE_TYPES = ("QCU", "QCM")
FIELD_TYPES = ("QROC", "QROCM-ind", "QROCM-dep")
TYPES = CHOICE_TYPES + FIELD_TYPES

_FIELD = re.compile(r"\$\{([^{}]*)\}")
_KEY = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)")
_OPTIONS = re.compile(r"options\s*=\s*(\[[^\]]*\])")
_SOLUTION_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*)$")


@dataclass(frozen=True)
class Field:
    """An answer field declared inline in QROC/QROCM proposals."""

    key: str
    placeholder: str = ""
    aria_label: str = ""
    options: tuple[str, ...] | None = None

    @property
    def is_select(self) -> bool:
        """Return True for a drop-down field."""
        return self.options is not None


@dataclass(frozen=True)
class FormatError:
    """A problem in what an author typed: the field, a code, parameters."""

    field: str
    code: str
    params: dict = field(default_factory=dict)


def parse_choices(proposals: str) -> list[str]:
    """Return QCU/QCM options: one per non-empty line, a leading '- ' dropped."""
    options = []
    for line in (proposals or "").splitlines():
        text = line.strip()
        if text.startswith("- "):
            text = text[2:].strip()
        if text:
            options.append(text)
    return options


def parse_field(inner: str) -> Field | None:
    """Return the Field written as ${inner}, or None when it has no valid key."""
    key_match = _KEY.match(inner)
    if not key_match:
        return None
    rest = inner[key_match.end() :]
    options = None
    if "options=" in rest.replace(" ", ""):
        options_match = _OPTIONS.search(rest)
        options = _parse_options(options_match.group(1)) if options_match else None
        if options is None:
            return None
        rest = rest[: options_match.start()] + rest[options_match.end() :]
    aria_label = ""
    if "§" in rest:
        rest, aria_label = rest.split("§", 1)
    placeholder = rest.split("#", 1)[1] if "#" in rest else ""
    return Field(key_match.group(1), placeholder.strip(), aria_label.strip(), options)


def _parse_options(text: str) -> tuple[str, ...] | None:
    """Return the options of a drop-down written as a JSON list of strings."""
    try:
        values = json.loads(text)
    except ValueError:
        return None
    if not values or not all(isinstance(value, str) for value in values):
        return None
    return tuple(values)


def parse_fields(proposals: str) -> list[Field | None]:
    """Return the fields declared in proposals, None for a malformed one."""
    return [parse_field(inner) for inner in _FIELD.findall(proposals or "")]


def split_proposals(proposals: str) -> list[str | Field]:
    """Return proposals as text pieces and Fields in reading order."""
    pieces: list[str | Field] = []
    position = 0
    for match in _FIELD.finditer(proposals or ""):
        pieces.append(proposals[position : match.start()])
        parsed = parse_field(match.group(1))
        pieces.append(parsed if parsed else match.group(0))
        position = match.end()
    pieces.append((proposals or "")[position:])
    return [piece for piece in pieces if piece != ""]


def parse_indexes(solution: str) -> list[int] | None:
    """Return the 1-based indexes of '1, 3' or None if anything is not one."""
    parts = [part.strip() for part in (solution or "").split(",")]
    if not all(part.isdigit() for part in parts):
        return None
    return [int(part) for part in parts]


def parse_variants(solution: str) -> list[str]:
    """Return QROC accepted answers: one per non-empty line."""
    return [line.strip() for line in (solution or "").splitlines() if line.strip()]


def parse_keyed_variants(solution: str) -> tuple[dict[str, list[str]], list[int]]:
    """Return ({key: variants}, numbers of unreadable lines) of a QROCM solution.

    Syntax: a line 'key:' then one '- variant' line per accepted answer, or
    'key: variant' on one line.
    """
    variants: dict[str, list[str]] = {}
    bad_lines: list[int] = []
    current = None
    for number, line in enumerate((solution or "").splitlines(), start=1):
        text = line.strip()
        if not text:
            continue
        if text.startswith("-") and current is not None:
            variants[current].append(text[1:].strip())
        elif match := _SOLUTION_KEY.match(text):
            current = match.group(1)
            variants.setdefault(current, [])
            if match.group(2).strip():
                variants[current].append(match.group(2).strip())
        else:
            bad_lines.append(number)
    return variants, bad_lines


def validate(
    challenge_type: str, proposals: str, solution: str, *, partial: tuple = (None, None)
) -> list[FormatError]:
    """Return every inconsistency between type, proposals and solution."""
    if challenge_type not in TYPES:
        return [FormatError("type", "unknown_type", {"type": challenge_type})]
    if not (solution or "").strip():
        return [FormatError("solution", "solution_empty")]
    if challenge_type in CHOICE_TYPES:
        return _validate_choices(challenge_type, proposals, solution)
    if challenge_type == "QROC":
        return _validate_qroc(proposals, solution)
    return _validate_qrocm(challenge_type, proposals, solution, partial)


def _validate_choices(challenge_type, proposals, solution) -> list[FormatError]:
    count = len(parse_choices(proposals))
    if count < 2:
        return [FormatError("proposals", "too_few_choices", {"count": count})]
    indexes = parse_indexes(solution)
    if indexes is None:
        return [FormatError("solution", f"{challenge_type.lower()}_not_index")]
    if challenge_type == "QCU" and len(indexes) != 1:
        return [FormatError("solution", "qcu_single_index")]
    unknown = sorted({index for index in indexes if not 1 <= index <= count})
    if unknown:
        params = {"indexes": ", ".join(map(str, unknown)), "count": count}
        return [FormatError("solution", "index_out_of_range", params)]
    return []


def _validate_fields(proposals: str) -> tuple[list[Field], list[FormatError]]:
    fields = parse_fields(proposals)
    errors = []
    if any(parsed is None for parsed in fields):
        errors.append(FormatError("proposals", "field_syntax"))
    valid = [parsed for parsed in fields if parsed is not None]
    keys = [parsed.key for parsed in valid]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        errors.append(
            FormatError("proposals", "duplicate_keys", {"keys": ", ".join(duplicates)})
        )
    return valid, errors


def _validate_select(parsed: Field, variants: list[str]) -> list[FormatError]:
    if not parsed.is_select:
        return []
    missing = [variant for variant in variants if variant not in parsed.options]
    if missing:
        params = {"key": parsed.key, "values": ", ".join(missing)}
        return [FormatError("solution", "select_variant_not_option", params)]
    return []


def _validate_qroc(proposals: str, solution: str) -> list[FormatError]:
    fields, errors = _validate_fields(proposals)
    if len(fields) > 1:
        errors.append(
            FormatError("proposals", "qroc_one_field", {"count": len(fields)})
        )
    if fields and not errors:
        errors += _validate_select(fields[0], parse_variants(solution))
    return errors


def _validate_qrocm(challenge_type, proposals, solution, partial) -> list[FormatError]:
    fields, errors = _validate_fields(proposals)
    if not fields:
        return [*errors, FormatError("proposals", "qrocm_no_fields")]
    variants, bad_lines = parse_keyed_variants(solution)
    if bad_lines:
        lines = ", ".join(map(str, bad_lines))
        return [*errors, FormatError("solution", "qrocm_syntax", {"lines": lines})]
    errors += _compare_keys([parsed.key for parsed in fields], variants)
    for parsed in fields:
        errors += _validate_select(parsed, variants.get(parsed.key, []))
    return errors + _validate_partial(challenge_type, len(fields), partial)


def _compare_keys(keys: list[str], variants: dict[str, list[str]]) -> list[FormatError]:
    errors = []
    missing = [key for key in keys if not variants.get(key)]
    unknown = [key for key in variants if key not in keys]
    if missing:
        params = {"keys": ", ".join(missing)}
        errors.append(FormatError("solution", "qrocm_missing_keys", params))
    if unknown:
        params = {"keys": ", ".join(unknown)}
        errors.append(FormatError("solution", "qrocm_unknown_keys", params))
    return errors


def _validate_partial(challenge_type, field_count, partial) -> list[FormatError]:
    minimum, maximum = partial
    if minimum is None and maximum is None:
        return []
    if challenge_type != "QROCM-dep":
        return [FormatError("partial_min", "partial_only_dep")]
    if minimum is None or maximum is None or not 1 <= minimum <= maximum <= field_count:
        params = {"count": field_count}
        return [FormatError("partial_min", "partial_range", params)]
    return []


def build_check_spec(
    *,
    challenge_type: str,
    proposals: str,
    solution: str,
    tolerances: list[str],
    answer_format: str = "words",
    timer: int | None = None,
    focused: bool = False,
    partial: tuple = (None, None),
) -> dict:
    """Return the plain dict that answer_checking.check() takes."""
    spec: dict = {"type": challenge_type}
    if challenge_type in CHOICE_TYPES:
        indexes = parse_indexes(solution) or []
        spec["solution"] = (
            str(indexes[0]) if challenge_type == "QCU" and indexes else indexes
        )
    else:
        fields = [parsed for parsed in parse_fields(proposals) if parsed]
        spec["tolerances"] = list(tolerances)
        spec["format"] = answer_format
        spec["block_types"] = {
            parsed.key: "select" if parsed.is_select else "text" for parsed in fields
        }
        if challenge_type == "QROC":
            spec["solutions"] = parse_variants(solution)
        else:
            spec["solutions"] = parse_keyed_variants(solution)[0]
        if partial != (None, None) and challenge_type == "QROCM-dep":
            spec["scoring"] = {"min": partial[0], "max": partial[1]}
    if timer:
        spec["timer"] = timer
    if focused:
        spec["focused"] = True
    return spec
