"""Answer checking (DOMAIN.md §3): a spec of the wrong shape is ko with a
reason."""

import math

import pytest

from runtime.domain.answer_checking import check, explain

from .helpers import COLOURS, KO, VALID_SPECS, qroc


def _with(base: dict, **changes) -> dict:
    """Return base with keys replaced."""
    return base | changes


QROC_PARIS = qroc("Paris")
IND = VALID_SPECS["QROCM-ind"]
DEP = {"type": "QROCM-dep", "solutions": COLOURS}
MALFORMED = {
    "string-spec": ("QROC", "Paris"),
    "list-spec": (["QROC"], "Paris"),
    "no-type": ({"solutions": ["Paris"]}, "Paris"),
    "unknown-type": (_with(QROC_PARIS, type="QROX"), "Paris"),
    "list-type": (_with(QROC_PARIS, type=["QROC"]), "Paris"),
    "no-solutions": ({"type": "QROC"}, "Paris"),
    "string-solutions": (_with(QROC_PARIS, solutions="Paris"), "Paris"),
    "no-variant": (_with(QROC_PARIS, solutions=[]), ""),
    "none-variant": (_with(QROC_PARIS, solutions=["Paris", None]), "Paris"),
    "int-variant": (_with(QROC_PARIS, solutions=[75000]), "75000"),
    "nested-variant": (_with(QROC_PARIS, solutions=[["Paris"]]), "Paris"),
    "huge-variant": (_with(QROC_PARIS, solutions=["a" * 20_000]), "a" * 20_000),
    "string-tolerances": (_with(QROC_PARIS, tolerances="t1"), "Paris"),
    "unknown-tolerance": (_with(QROC_PARIS, tolerances=["t4"]), "Paris"),
    "nested-tolerance": (_with(QROC_PARIS, tolerances=[["t1"]]), "Paris"),
    "unknown-format": (_with(QROC_PARIS, format="roman"), "Paris"),
    "list-format": (_with(QROC_PARIS, format=["number"]), "Paris"),
    "list-block-types": (_with(QROC_PARIS, block_types=["select"]), "Paris"),
    "unknown-block-type": (_with(QROC_PARIS, block_types={"k": "radio"}), "Paris"),
    "string-timer": (_with(QROC_PARIS, timer="30"), "Paris"),
    "negative-timer": (_with(QROC_PARIS, timer=-1), "Paris"),
    "bool-timer": (_with(QROC_PARIS, timer=True), "Paris"),
    "nan-timer": (_with(QROC_PARIS, timer=math.nan), "Paris"),
    "string-focused": (_with(QROC_PARIS, focused="yes"), "Paris"),
    "qcu-no-solution": ({"type": "QCU"}, "2"),
    "qcu-empty-solution": ({"type": "QCU", "solution": ""}, ""),
    "qcu-list-solution": ({"type": "QCU", "solution": [2]}, [2]),
    "qcm-int-solution": ({"type": "QCM", "solution": 2}, [2]),
    "qcm-empty-solution": ({"type": "QCM", "solution": []}, []),
    "qcm-none-in-solution": ({"type": "QCM", "solution": [1, None]}, [1]),
    "qrocm-list-solutions": (_with(IND, solutions=[["Paris"]]), {"0": "Paris"}),
    "qrocm-string-variants": (_with(IND, solutions={"city": "Paris"}), {"city": "P"}),
    "qrocm-no-variant": (_with(IND, solutions={"city": []}), {"city": ""}),
    "qrocm-int-key": (_with(IND, solutions={1: ["Paris"]}), {1: "Paris"}),
    "qrocm-no-field": (_with(IND, solutions={}), {}),
    "dep-min-above-max": (_with(DEP, scoring={"min": 2, "max": 1}), {"a": "rouge"}),
    "dep-string-min": (_with(DEP, scoring={"min": "1", "max": 2}), {"a": "rouge"}),
    "dep-int-scoring": (_with(DEP, scoring=2), {"a": "rouge", "b": "vert"}),
}


@pytest.mark.parametrize(("spec", "answer"), MALFORMED.values(), ids=MALFORMED)
def test_malformed_spec_is_ko_with_a_reason(spec, answer):
    """A spec of the wrong shape gives ko, and explain() says why."""
    details = explain(spec, answer)

    assert check(spec, answer) == KO
    assert details["result"] == "ko"
    assert isinstance(details["error"], str)
