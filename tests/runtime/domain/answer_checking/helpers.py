"""Shared specs and helpers for the answer checking tests (DOMAIN.md §3)."""

from hypothesis import settings

from runtime.domain.answer_checking import AnswerStatus, explain

ALL_TOLERANCES = ("t1", "t2", "t3")
STATUSES = {status.value for status in AnswerStatus}
OK, KO = AnswerStatus.OK, AnswerStatus.KO
PROPERTY_SETTINGS = settings(max_examples=300, deadline=None)


def qroc(*solutions: str, tolerances=ALL_TOLERANCES, **extra) -> dict:
    """Return a QROC spec accepting solutions."""
    spec = {"type": "QROC", "solutions": list(solutions), **extra}
    return spec | {"tolerances": list(tolerances)}


def accepted_by(spec: dict, answer) -> str | None:
    """Return the step that accepted the single field of a QROC answer, or None."""
    (field,) = explain(spec, answer)["fields"].values()
    return field["accepted_by"]


COLOURS = {"a": ["rouge", "vert"], "b": ["rouge", "vert"]}
THREE_COLOURS = {key: ["rouge", "vert", "bleu"] for key in ("a", "b", "c")}
CITY_AND_ZIP = {"city": ["Paris"], "zip": ["75000"]}

VALID_SPECS = {
    "QCU": {"type": "QCU", "solution": "2"},
    "QCM": {"type": "QCM", "solution": [1, 3]},
    "QROC-words": qroc("Paris", "paname", format="words"),
    "QROC-number": qroc("25000", "vingt-cinq mille", format="number"),
    "QROC-select": qroc("Paris", block_types={"key": "select"}),
    "QROCM-ind": {"type": "QROCM-ind", "solutions": CITY_AND_ZIP},
    "QROCM-dep": {
        "type": "QROCM-dep",
        "solutions": THREE_COLOURS,
        "scoring": {"min": 1, "max": 2},
        "block_types": {"a": "select", "b": "text"},
    },
    "timed-focused": qroc("Paris", timer=30, focused=True),
}
