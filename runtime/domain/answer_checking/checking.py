"""Check an answer against a challenge spec (DOMAIN.md §3).

Order: a skip (answer None) gives skipped; otherwise the type's checker runs; a
correct answer past the timer becomes timedout; a correct answer to a focused
challenge whose focus was lost becomes focusedOut, in certification only. A spec
or answer of the wrong shape gives ko: the checker never raises.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .dependent_fields import assign_groups, group_candidates
from .field_matching import FieldMatch, match_field
from .spec_reading import (
    Constraints,
    MalformedError,
    Scoring,
    TextRules,
    is_integer,
    is_real,
    read_block_types,
    read_constraints,
    read_field_answers,
    read_scoring,
    read_single_field_answer,
    read_solution_groups,
    read_spec,
    read_text_rules,
    read_variants,
    require,
    single_field_is_select,
)
from .statuses import AnswerStatus
from .treatments import normalise

FieldResults = dict[str, FieldMatch | None]


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The status of an answer, how each text field fared, and any refusal.

    error says why a spec or answer was refused; None when both were readable.
    """

    status: AnswerStatus
    fields: FieldResults = field(default_factory=dict)
    error: str | None = None

    def as_dict(self) -> dict:
        """Return the evaluation as plain JSON-ready values."""
        details: dict = {"result": self.status.value, "fields": {}}
        for key, match in self.fields.items():
            details["fields"][key] = _field_details(match)
        if self.error is not None:
            details["error"] = self.error
        return details


def _field_details(match: FieldMatch | None) -> dict:
    """Return how one field fared as plain values."""
    if match is None:
        return {"result": "ko", "accepted_by": None, "matched": None}
    return {
        "result": "ok",
        "accepted_by": match.accepted_by.value,
        "matched": match.matched,
    }


def check(
    spec: dict,
    answer: Any,
    *,
    elapsed_seconds: float | None = None,
    focus_lost: bool = False,
    certification: bool = False,
) -> str:
    """Return the status of answer: ok, ko, skipped, timedout, focusedOut, partially.

    answer None means skipped. elapsed_seconds is the time taken to answer;
    focus_lost only matters in certification, on a challenge with "focused": true.
    """
    return evaluate(
        spec,
        answer,
        elapsed_seconds=elapsed_seconds,
        focus_lost=focus_lost,
        certification=certification,
    ).status


def explain(
    spec: dict,
    answer: Any,
    *,
    elapsed_seconds: float | None = None,
    focus_lost: bool = False,
    certification: bool = False,
) -> dict:
    """Return {"result", "fields": {key: {"result", "accepted_by", "matched"}}}.

    accepted_by is the least step that accepted a text field: exact (after
    normalisation only), t1, t2, t3, number or select. A refused spec or answer
    adds an "error" message. QCU and QCM have no fields.
    """
    return evaluate(
        spec,
        answer,
        elapsed_seconds=elapsed_seconds,
        focus_lost=focus_lost,
        certification=certification,
    ).as_dict()


def evaluate(
    spec: Any,
    answer: Any,
    *,
    elapsed_seconds: Any = None,
    focus_lost: bool = False,
    certification: bool = False,
) -> Evaluation:
    """Return the Evaluation of answer: skip, then type checker, timer, focus."""
    if answer is None:
        return Evaluation(AnswerStatus.SKIPPED)
    try:
        checker = _checker_for(read_spec(spec))
        constraints = read_constraints(spec)
        status, fields = checker(spec, answer)
    except MalformedError as error:
        return Evaluation(AnswerStatus.KO, error=str(error))
    watched = constraints.focused and bool(focus_lost) and bool(certification)
    return Evaluation(_constrain(status, constraints, elapsed_seconds, watched), fields)


def _constrain(
    status: AnswerStatus, constraints: Constraints, elapsed_seconds: Any, watched: bool
) -> AnswerStatus:
    """Turn a correct answer past the timer or after a watched focus loss to a fail."""
    if status != AnswerStatus.OK:
        return status
    timer = constraints.timer
    if timer is not None and is_real(elapsed_seconds) and elapsed_seconds > timer:
        return AnswerStatus.TIMEDOUT
    return AnswerStatus.FOCUSED_OUT if watched else status


def _status(correct: bool) -> AnswerStatus:
    """Return ok for a correct answer, ko otherwise."""
    return AnswerStatus.OK if correct else AnswerStatus.KO


def choice_token(value: Any) -> str:
    """Return a proposal index as a canonical string: 2, "2", " 02 " give "2"."""
    require(is_integer(value) or isinstance(value, str), "a choice is an index")
    require(not is_integer(value) or value.bit_length() < 64, "index out of range")
    token = normalise(str(value)).strip()
    if token.isascii() and token.isdigit():
        return token.lstrip("0") or "0"
    return token


def choice_set(value: Any) -> frozenset[str]:
    """Return the indexes of [1, 3], ("1", 3) or "1, 3" as a set, empties dropped."""
    require(isinstance(value, str | list | tuple), "choices are a list or 1,3")
    items = value.split(",") if isinstance(value, str) else value
    return frozenset(choice_token(item) for item in items) - {""}


def check_single_choice(spec: dict, answer: Any) -> tuple[AnswerStatus, FieldResults]:
    """Check a QCU: the answered index equals the solution index."""
    solution = choice_token(spec.get("solution"))
    require(solution != "", "the QCU solution is empty")
    return _status(choice_token(answer) == solution), {}


def check_multiple_choice(spec: dict, answer: Any) -> tuple[AnswerStatus, FieldResults]:
    """Check a QCM: the set of answered indexes equals the solution's, in any order."""
    solution = choice_set(spec.get("solution"))
    require(len(solution) > 0, "the QCM solution is empty")
    return _status(choice_set(answer) == solution), {}


def check_single_field(spec: dict, answer: Any) -> tuple[AnswerStatus, FieldResults]:
    """Check a QROC: one text (or {key: text}) against the accepted variants."""
    variants = read_variants(spec.get("solutions"), "solutions")
    rules = read_text_rules(spec)
    block_types = read_block_types(spec)
    key, text = read_single_field_answer(answer, block_types)
    select = single_field_is_select(block_types, key)
    match = match_field(text, variants, rules, select=select)
    return _status(match is not None), {key: match}


def check_independent_fields(
    spec: dict, answer: Any
) -> tuple[AnswerStatus, FieldResults]:
    """Check a QROCM-ind: every field matches its own variants."""
    groups = read_solution_groups(spec)
    rules = read_text_rules(spec)
    block_types = read_block_types(spec)
    fields: FieldResults = {
        key: _match_answered(text, groups[key], rules, block_types.get(key))
        for key, text in read_field_answers(answer, groups).items()
    }
    return _status(all(match is not None for match in fields.values())), fields


def _match_answered(
    text: str | None, variants: tuple[str, ...], rules: TextRules, block_type: Any
) -> FieldMatch | None:
    """Match an answered field; an unanswered one (None) matches nothing."""
    if text is None:
        return None
    return match_field(text, variants, rules, select=block_type == "select")


def check_dependent_fields(
    spec: dict, answer: Any
) -> tuple[AnswerStatus, FieldResults]:
    """Check a QROCM-dep: answers in any order, one solution group each at most."""
    groups = read_solution_groups(spec)
    rules = read_text_rules(spec)
    block_types = read_block_types(spec)
    scoring = read_scoring(spec)
    variants = list(groups.values())
    candidates = {
        key: group_candidates(
            text, variants, rules, select=block_types.get(key) == "select"
        )
        for key, text in read_field_answers(answer, groups).items()
    }
    assignment = assign_groups(candidates)
    fields = {key: candidates[key].get(assignment.get(key, -1)) for key in groups}
    return _score(len(assignment), len(groups), scoring), fields


def _score(right: int, field_count: int, scoring: Scoring | None) -> AnswerStatus:
    """Return ok when enough fields are right, partially between min and max."""
    if scoring is None:
        return _status(right == field_count)
    if right >= scoring.maximum:
        return AnswerStatus.OK
    if right >= scoring.minimum:
        return AnswerStatus.PARTIALLY
    return AnswerStatus.KO


Checker = Callable[[dict, Any], tuple[AnswerStatus, FieldResults]]

CHECKERS: dict[str, Checker] = {
    "QCU": check_single_choice,
    "QCM": check_multiple_choice,
    "QROC": check_single_field,
    "QROCM-ind": check_independent_fields,
    "QROCM-dep": check_dependent_fields,
}


def _checker_for(spec: dict) -> Checker:
    """Return the checker of the spec's type, or raise for an unknown type."""
    checker = CHECKERS.get(spec["type"])
    require(checker is not None, f"unknown challenge type {spec['type']!r}")
    return checker
