"""Answer checking (DOMAIN.md §3): golden examples per challenge type."""

import pytest

from runtime.domain.answer_checking import (
    MAX_TEXT_LENGTH,
    AnswerStatus,
    check,
    explain,
    is_blank_answer,
)

from .helpers import CITY_AND_ZIP, COLOURS, KO, OK, THREE_COLOURS, VALID_SPECS, qroc

# Skip ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spec",
    [*VALID_SPECS.values(), {}, "not a spec", None],
    ids=[*VALID_SPECS, "empty-spec", "string-spec", "no-spec"],
)
def test_no_answer_is_skipped_whatever_the_spec(spec):
    """An answer of None is skipped, before the spec is even read."""
    result = check(spec, None, elapsed_seconds=999, focus_lost=True, certification=True)

    assert result == AnswerStatus.SKIPPED


def test_an_empty_answer_is_not_a_skip():
    """An empty string is an answer, and a wrong one."""
    assert check(qroc("Paris"), "") == KO


# QCU and QCM -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("solution", "answer", "expected"),
    [
        pytest.param("2", "2", OK, id="same-index"),
        pytest.param("2", 2, OK, id="int-answer"),
        pytest.param(2, "2", OK, id="int-solution"),
        pytest.param("2", " 2 ", OK, id="surrounding-spaces"),
        pytest.param("2", "02", OK, id="leading-zero"),
        pytest.param("2", "3", KO, id="other-index"),
        pytest.param("2", "", KO, id="empty"),
        pytest.param("2", True, KO, id="bool-is-not-an-index"),
        pytest.param("2", 2.0, KO, id="float"),
        pytest.param("2", ["2"], KO, id="list"),
        pytest.param("2", "9" * 100_000, KO, id="huge-number"),
    ],
)
def test_single_choice(solution, answer, expected):
    """A QCU is ok when the answered index is the solution's."""
    spec = {"type": "QCU", "solution": solution}

    assert check(spec, answer) == expected


@pytest.mark.parametrize(
    ("solution", "answer", "expected"),
    [
        pytest.param([1, 3], [3, 1], OK, id="reversed-list"),
        pytest.param([1, 3], "3,1", OK, id="reversed-string"),
        pytest.param([1, 3], "3, 1", OK, id="spaces"),
        pytest.param("1,3", [3, 1], OK, id="string-solution"),
        pytest.param("1, 3", ["3", "1"], OK, id="string-items"),
        pytest.param([1, 3], [1, 3, 3], OK, id="duplicates"),
        pytest.param([1, 3], "1,3,", OK, id="trailing-comma"),
        pytest.param([1, 3], [1], KO, id="one-missing"),
        pytest.param([1, 3], [1, 2, 3], KO, id="one-too-many"),
        pytest.param([1, 3], [1, None], KO, id="none-inside"),
        pytest.param([1, 3], [], KO, id="empty-list"),
        pytest.param([1, 3], "", KO, id="empty-string"),
        pytest.param([1, 3], {"1": 3}, KO, id="dict"),
        pytest.param([1, 3], [[1, 3]], KO, id="nested-list"),
    ],
)
def test_multiple_choice(solution, answer, expected):
    """A QCM is ok when the sets of indexes are equal, whatever the order."""
    spec = {"type": "QCM", "solution": solution}

    assert check(spec, answer) == expected


# QROC answer shapes --------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        pytest.param("paris", OK, id="string"),
        pytest.param({"key": "paris"}, OK, id="one-entry-dict"),
        pytest.param({"key": "paris", "other": "x"}, KO, id="two-entries"),
        pytest.param({}, KO, id="empty-dict"),
        pytest.param({"key": None}, KO, id="none-value"),
        pytest.param({"key": 5}, KO, id="int-value"),
        pytest.param({"key": {"key": "paris"}}, KO, id="nested-dict"),
        pytest.param(["paris"], KO, id="list"),
        pytest.param(75, KO, id="int"),
        pytest.param("Paris" + " " * MAX_TEXT_LENGTH, KO, id="huge"),
    ],
)
def test_qroc_answer_shapes(answer, expected):
    """A QROC answer is a string or {key: string}; anything else is ko."""
    assert check(qroc("Paris"), answer) == expected


def test_qroc_explain_uses_the_posted_key():
    """explain() reports the field under the key the runtime posted."""
    assert explain(qroc("Paris", "paname"), {"city": "Paname"}) == {
        "result": "ok",
        "fields": {"city": {"result": "ok", "accepted_by": "t1", "matched": "paname"}},
    }


# QROCM-ind ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        pytest.param({"city": "paris", "zip": "75000"}, OK, id="both-right"),
        pytest.param({"zip": "75000", "city": "Paris", "x": "y"}, OK, id="extra-key"),
        pytest.param({"city": "Lyon", "zip": "75000"}, KO, id="one-wrong"),
        pytest.param({"city": "75000", "zip": "Paris"}, KO, id="swapped"),
        pytest.param({"city": "paris"}, KO, id="one-missing"),
        pytest.param({"city": "paris", "zip": None}, KO, id="none-value"),
        pytest.param({"city": "paris", "zip": 75000}, KO, id="int-value"),
        pytest.param("paris", KO, id="not-a-dict"),
    ],
)
def test_independent_fields(answer, expected):
    """Each QROCM-ind field is checked against its own variants; all must be ok."""
    spec = {"type": "QROCM-ind", "solutions": CITY_AND_ZIP}

    assert check(spec, answer) == expected


def test_independent_fields_explained_one_by_one():
    """explain() gives each field its own result, step and matched variant."""
    spec = {"type": "QROCM-ind", "solutions": CITY_AND_ZIP, "tolerances": ["t1"]}

    assert explain(spec, {"city": "paris", "zip": "75001"}) == {
        "result": "ko",
        "fields": {
            "city": {"result": "ok", "accepted_by": "t1", "matched": "Paris"},
            "zip": {"result": "ko", "accepted_by": None, "matched": None},
        },
    }


def test_independent_select_field_stays_strict():
    """In a QROCM, only the drop-down field refuses a case variant."""
    spec = {
        "type": "QROCM-ind",
        "solutions": CITY_AND_ZIP,
        "block_types": {"city": "select", "zip": "text"},
    }

    assert check(spec, {"city": "Paris", "zip": "75000 "}) == OK
    assert check(spec, {"city": "paris", "zip": "75000"}) == KO


# QROCM-dep ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        pytest.param({"a": "rouge", "b": "vert"}, OK, id="in-order"),
        pytest.param({"a": "vert", "b": "rouge"}, OK, id="swapped"),
        pytest.param({"a": "Vert !", "b": "rouje"}, OK, id="with-tolerances"),
        pytest.param({"a": "rouge", "b": "rouge"}, KO, id="same-answer-twice"),
        pytest.param({"a": "Rouge", "b": "rouge "}, KO, id="same-once-treated"),
        pytest.param({"a": "rouge", "b": "rougee"}, KO, id="same-with-a-typo"),
        pytest.param({"a": "rouge"}, KO, id="one-missing"),
        pytest.param({"a": "rouge", "b": ["vert"]}, KO, id="list-value"),
    ],
)
def test_dependent_fields(answer, expected):
    """QROCM-dep answers fill solution groups in any order, one group each."""
    spec = {"type": "QROCM-dep", "solutions": COLOURS}

    assert check(spec, answer) == expected


def test_dependent_fields_use_a_maximum_matching_not_a_greedy_one():
    """ "rouge" goes to the group only it can fill, so "vert" still fits."""
    spec = {"type": "QROCM-dep", "solutions": {"a": ["rouge", "vert"], "b": ["rouge"]}}

    assert explain(spec, {"a": "rouge", "b": "vert"}) == {
        "result": "ok",
        "fields": {
            "a": {"result": "ok", "accepted_by": "exact", "matched": "rouge"},
            "b": {"result": "ok", "accepted_by": "exact", "matched": "vert"},
        },
    }


def test_dependent_duplicate_counts_once():
    """The second identical answer gets no group and is reported ko."""
    spec = {"type": "QROCM-dep", "solutions": COLOURS}

    assert explain(spec, {"a": "rouge", "b": "rouge"})["fields"]["b"] == {
        "result": "ko",
        "accepted_by": None,
        "matched": None,
    }


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        pytest.param(("rouge", "vert", "bleu"), OK, id="3-right"),
        pytest.param(("bleu", "jaune", "rouge"), OK, id="2-right-is-max"),
        pytest.param(("rouge", "jaune", "noir"), AnswerStatus.PARTIALLY, id="1-right"),
        pytest.param(
            ("rouge", "rouge", "rouge"), AnswerStatus.PARTIALLY, id="1-thrice"
        ),
        pytest.param(("jaune", "noir", "blanc"), KO, id="0-right"),
    ],
)
def test_dependent_partial_scoring(answers, expected):
    """With scoring, right >= max is ok, min <= right < max partially, else ko."""
    spec = {
        "type": "QROCM-dep",
        "solutions": THREE_COLOURS,
        "scoring": {"min": 1, "max": 2},
    }

    assert check(spec, dict(zip("abc", answers, strict=True))) == expected


@pytest.mark.parametrize(
    ("value", "blank"),
    [
        (None, True),
        ("", True),
        ("  ", True),
        ([], True),
        ({}, True),
        ({"a": "", "b": " "}, True),
        ("2", False),
        ([1, 3], False),
        ({"a": "x", "b": ""}, False),
    ],
)
def test_a_blank_answer_is_nothing_chosen_nor_typed(value, blank):
    """One filled field of several is an answer; no field filled is none."""
    assert is_blank_answer(value) is blank
