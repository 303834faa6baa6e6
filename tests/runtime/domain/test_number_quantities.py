"""Numbers with units in the number format: the number and the unit must agree."""

import pytest

from runtime.domain.answer_checking import check


def number_spec(*variants, tolerances=("t1", "t2", "t3")):
    return {
        "type": "QROC",
        "solutions": list(variants),
        "tolerances": list(tolerances),
        "format": "number",
    }


@pytest.mark.parametrize(
    ("variants", "answer", "result"),
    [
        pytest.param(("675", "675 Mo"), "675 mo", "ok", id="unit-case"),
        pytest.param(("675 Mo",), "675", "ok", id="unit-omitted"),
        pytest.param(("675", "675 Mo"), "6,75 Mo", "ko", id="comma-not-dropped"),
        pytest.param(("675", "675 Mo"), "67.5 Mo", "ko", id="dot-not-dropped"),
        pytest.param(("1860", "1860 €"), "18,60", "ko", id="bare-number-differs"),
        pytest.param(("1860 €", "1860 euros"), "1 860 euros", "ok", id="spaced"),
        pytest.param(("12 Go",), "12 Mo", "ko", id="wrong-unit"),
        pytest.param(("34,4 Mo",), "34.4 Mo", "ok", id="decimal-separators"),
        pytest.param(("34,4 Mo",), "344 Mo", "ko", id="shifted-decimal"),
        pytest.param(("douze", "12"), "Douze", "ok", id="word-still-text"),
    ],
)
def test_quantities_compare_number_and_unit(variants, answer, result):
    """t2 never removes a decimal separator from a number: 6,75 Mo is not 675 Mo."""
    assert check(number_spec(*variants), answer) == result
