"""Answer checking (DOMAIN.md §3): timer and focus turn a right answer into
timedout or focusedOut."""

import pytest

from runtime.domain.answer_checking import AnswerStatus, check

from .helpers import KO, OK, THREE_COLOURS, qroc


@pytest.mark.parametrize(
    ("answer", "elapsed_seconds", "expected"),
    [
        pytest.param("Paris", 31, AnswerStatus.TIMEDOUT, id="right-late"),
        pytest.param("Paris", 30.5, AnswerStatus.TIMEDOUT, id="right-just-late"),
        pytest.param("Paris", 30, OK, id="right-on-time"),
        pytest.param("Paris", None, OK, id="right-time-unknown"),
        pytest.param("Lyon", 31, KO, id="wrong-late"),
        pytest.param(None, 31, AnswerStatus.SKIPPED, id="skipped-late"),
    ],
)
def test_timer(answer, elapsed_seconds, expected):
    """Only a correct answer given after the timer becomes timedout."""
    spec = qroc("Paris", timer=30)

    assert check(spec, answer, elapsed_seconds=elapsed_seconds) == expected


@pytest.mark.parametrize(
    ("focused", "answer", "focus_lost", "certification", "expected"),
    [
        pytest.param(True, "Paris", True, True, AnswerStatus.FOCUSED_OUT, id="lost"),
        pytest.param(True, "Paris", True, False, OK, id="lost-outside-cert"),
        pytest.param(True, "Paris", False, True, OK, id="kept"),
        pytest.param(True, "Lyon", True, True, KO, id="wrong-and-lost"),
        pytest.param(False, "Paris", True, True, OK, id="not-focused"),
    ],
)
def test_focus(focused, answer, focus_lost, certification, expected):
    """A correct answer to a focused challenge is focusedOut in certification."""
    spec = qroc("Paris", focused=focused)

    result = check(spec, answer, focus_lost=focus_lost, certification=certification)

    assert result == expected


def test_timer_comes_before_focus():
    """A late answer that also lost focus is timedout."""
    spec = qroc("Paris", timer=30, focused=True)

    result = check(
        spec, "Paris", elapsed_seconds=40, focus_lost=True, certification=True
    )

    assert result == AnswerStatus.TIMEDOUT


def test_partial_answer_past_timer_stays_partial():
    """Only an ok answer turns into timedout; partially keeps its status."""
    spec = {
        "type": "QROCM-dep",
        "solutions": THREE_COLOURS,
        "scoring": {"min": 1, "max": 2},
        "timer": 10,
    }

    result = check(spec, {"a": "rouge"}, elapsed_seconds=20)

    assert result == AnswerStatus.PARTIALLY


def test_qcu_is_timed_too():
    """Timer and focus rules apply to every type."""
    spec = {"type": "QCU", "solution": "2", "timer": 5}

    assert check(spec, "2", elapsed_seconds=6) == AnswerStatus.TIMEDOUT
