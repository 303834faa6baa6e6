"""Answer checking (DOMAIN.md §3): properties (the checker never raises, an
accepted variant is always accepted)."""

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runtime.domain.answer_checking import check, explain

from .helpers import (
    ALL_TOLERANCES,
    OK,
    PROPERTY_SETTINGS,
    STATUSES,
    THREE_COLOURS,
    VALID_SPECS,
    qroc,
)

json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=12,
)
field_keys = st.sampled_from(["a", "b", "c", "city", "zip", "key"]) | st.text()
text_answers = st.text() | st.dictionaries(field_keys, st.text(), max_size=4)
SPEC_KEYS = ("type", "solution", "solutions", "tolerances", "format", "block_types")
spec_keys = st.sampled_from((*SPEC_KEYS, "timer", "focused", "scoring"))
spec_types = st.sampled_from(["QCU", "QCM", "QROC", "QROCM-ind", "QROCM-dep"])
malformed_specs = (
    json_like
    | st.dictionaries(spec_keys, json_like)
    | st.tuples(spec_types, st.dictionaries(spec_keys, json_like)).map(
        lambda pair: pair[1] | {"type": pair[0]}
    )
    | st.tuples(st.sampled_from(list(VALID_SPECS.values())), spec_keys, json_like).map(
        lambda triple: triple[0] | {triple[1]: triple[2]}
    )
)
elapsed = st.none() | st.floats() | st.integers() | st.text(max_size=3)


def _assert_is_a_status(spec, answer, **context) -> None:
    """Assert check() returns one of the six statuses and explain() agrees."""
    result = check(spec, answer, **context)

    assert result in STATUSES
    assert explain(spec, answer, **context)["result"] == result


@pytest.mark.parametrize("spec", VALID_SPECS.values(), ids=VALID_SPECS)
@PROPERTY_SETTINGS
@given(answer=text_answers)
def test_any_text_answer_gets_a_status(spec, answer):
    """Arbitrary Unicode text (or {key: text}) never makes the checker raise."""
    _assert_is_a_status(spec, answer)


@pytest.mark.parametrize("spec", VALID_SPECS.values(), ids=VALID_SPECS)
@PROPERTY_SETTINGS
@given(answer=json_like, elapsed_seconds=elapsed, focus_lost=st.booleans())
def test_any_json_answer_gets_a_status(spec, answer, elapsed_seconds, focus_lost):
    """Answers of any JSON shape never make the checker raise."""
    context = {"elapsed_seconds": elapsed_seconds, "focus_lost": focus_lost}

    _assert_is_a_status(spec, answer, certification=True, **context)


@PROPERTY_SETTINGS
@given(spec=malformed_specs, answer=json_like | text_answers)
def test_any_spec_gets_a_status(spec, answer):
    """Specs of any shape never make the checker raise."""
    _assert_is_a_status(spec, answer)


@PROPERTY_SETTINGS
@given(
    variant=st.text(),
    tolerances=st.lists(st.sampled_from(ALL_TOLERANCES), unique=True),
    answer_format=st.sampled_from(["words", "number", "date"]),
    select=st.booleans(),
)
def test_a_variant_is_always_accepted(variant, tolerances, answer_format, select):
    """Typing an accepted variant verbatim is ok, whatever the settings."""
    block_types = {"key": "select" if select else "text"}
    spec = qroc(variant, tolerances=tolerances, format=answer_format)

    assert check(spec | {"block_types": block_types}, variant) == OK


@PROPERTY_SETTINGS
@given(solution=st.text(string.ascii_letters + " ", min_size=1).filter(str.strip))
def test_t1_ignores_ascii_case_and_spaces(solution):
    """With t1, swapping case and removing spaces still matches."""
    answer = solution.swapcase().replace(" ", "")

    assert check(qroc(solution, tolerances=["t1"]), answer) == OK


@PROPERTY_SETTINGS
@given(
    answers=st.lists(
        st.sampled_from(["rouge", "vert", "bleu", "Rouge", "rougee", "jaune", ""]),
        min_size=3,
        max_size=3,
    ),
    order=st.permutations([0, 1, 2]),
)
def test_dependent_result_ignores_answer_order(answers, order):
    """Shuffling QROCM-dep answers across fields never changes the result."""
    spec = {
        "type": "QROCM-dep",
        "solutions": THREE_COLOURS,
        "scoring": {"min": 1, "max": 3},
    }
    shuffled = [answers[index] for index in order]

    in_order = check(spec, dict(zip("abc", answers, strict=True)))

    assert check(spec, dict(zip("abc", shuffled, strict=True))) == in_order
