"""Answer checking (DOMAIN.md §3): golden examples per tolerance, number format
and drop-downs."""

import pytest
from rapidfuzz.distance import Levenshtein

from runtime.domain.answer_checking import check, explain

from .helpers import ALL_TOLERANCES, KO, OK, accepted_by, qroc

# QROC tolerances ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("solution", "answer", "step"),
    [
        pytest.param("Paris", "Paris", "exact", id="identical"),
        pytest.param("Été", "E\u0301te\u0301", "exact", id="nfd-is-normalised"),
        pytest.param("Saint Denis", "Saint\u00a0Denis", "exact", id="nbsp"),
        pytest.param("Saint Denis", "Saint\u202fDenis", "exact", id="narrow-nbsp"),
        pytest.param("Paris", "paris", "t1", id="case"),
        pytest.param("Paris", "  Paris  ", "t1", id="trim"),
        pytest.param("Éléphant", "elephant", "t1", id="accents-in-solution"),
        pytest.param("elephant", "ÉLÉPHANT", "t1", id="accents-in-answer"),
        pytest.param("mot de passe", "motdepasse", "t1", id="all-spaces"),
        pytest.param("Paris", "Paris !", "t2", id="punctuation"),
        pytest.param("barre d'adresse", "barre d adresse", "t2", id="apostrophe"),
        pytest.param("Saint-Denis", "saint denis", "t2", id="hyphen-after-t1"),
        pytest.param("Paris", "Pariss", "t3", id="typo"),
        pytest.param("mot de passe", "Mot-de-passse !", "t3", id="typo-treated"),
        pytest.param("Paris", "Lyon", None, id="wrong"),
    ],
)
def test_least_tolerance_that_accepts(solution, answer, step):
    """explain() names the first step (exact, t1, t2, t3) where the answer matches."""
    spec = qroc(solution)

    assert accepted_by(spec, answer) == step
    assert check(spec, answer) == (KO if step is None else OK)


@pytest.mark.parametrize(
    ("solution", "answer", "needed"),
    [
        pytest.param("Paris", "PARIS", "t1", id="t1-case"),
        pytest.param("Été", "ete", "t1", id="t1-accents"),
        pytest.param("mdp", "m d p", "t1", id="t1-spaces"),
        pytest.param("Paris", "Paris !!!", "t2", id="t2-punctuation"),
        pytest.param("Paris", "Pariss", "t3", id="t3-typo"),
    ],
)
def test_each_tolerance_switched_off(solution, answer, needed):
    """An answer accepted by a tolerance is refused once that tolerance is off."""
    others = [name for name in ALL_TOLERANCES if name != needed]

    assert accepted_by(qroc(solution), answer) == needed
    assert check(qroc(solution, tolerances=others), answer) == KO


def test_no_tolerance_compares_after_normalisation_only():
    """With tolerances [], only NFC and non-breaking spaces are forgiven."""
    spec = qroc("Été à Paris", tolerances=[])

    assert check(spec, "E\u0301te\u0301\u00a0a\u0300 Paris") == OK
    assert check(spec, "été à paris") == KO
    assert check(spec, "Été à Paris ") == KO


def test_tolerances_default_to_all_three():
    """A spec without tolerances applies t1, t2 and t3."""
    spec = {"type": "QROC", "solutions": ["Paris"]}

    assert accepted_by(spec, "PARISS !") == "t3"


def test_t2_without_t1_keeps_case_and_spaces():
    """t2 alone removes punctuation but neither spaces nor case: order matters."""
    assert check(qroc("saint denis", tolerances=["t2"]), "saint-denis") == KO
    assert check(qroc("saint denis", tolerances=["t2"]), "saint, denis !") == OK
    assert check(qroc("saint denis", tolerances=["t1", "t2"]), "Saint-Denis") == OK


ALPHABET_25 = "abcdefghijklmnopqrstuvwxy"


@pytest.mark.parametrize(
    ("length", "typos", "expected"),
    [
        pytest.param(4, 1, OK, id="1-of-4-is-25pct"),
        pytest.param(8, 2, OK, id="2-of-8-is-25pct"),
        pytest.param(25, 6, OK, id="6-of-25-is-24pct"),
        pytest.param(50, 13, KO, id="13-of-50-is-26pct"),
        pytest.param(100, 24, OK, id="24-of-100-is-24pct"),
        pytest.param(100, 25, OK, id="25-of-100-is-25pct"),
        pytest.param(100, 26, KO, id="26-of-100-is-26pct"),
        pytest.param(20, 6, KO, id="6-of-20-is-30pct"),
    ],
)
def test_t3_accepts_up_to_a_quarter_of_the_answer_length(length, typos, expected):
    """t3 accepts levenshtein / len(answer) <= 0.25, 25 % included."""
    solution = (ALPHABET_25 * 4)[:length]
    answer = "z" * typos + solution[typos:]

    assert Levenshtein.distance(answer, solution) == typos
    assert check(qroc(solution), answer) == expected
    assert accepted_by(qroc(solution), answer) == ("t3" if expected == OK else None)


@pytest.mark.parametrize(
    ("solution", "answer", "expected"),
    [
        pytest.param("abcd", "abc", KO, id="shorter-answer-1-of-3"),
        pytest.param("abc", "abcd", OK, id="longer-answer-1-of-4"),
    ],
)
def test_t3_divides_by_the_answer_length(solution, answer, expected):
    """The t3 ratio uses the treated answer's length, not the solution's."""
    assert check(qroc(solution), answer) == expected


def test_t3_reports_the_closest_variant():
    """Among variants within t3, explain() names the closest one."""
    spec = qroc("abcdefgh", "abcdefgz")

    assert explain(spec, "abcdefgzz")["fields"]["answer"]["matched"] == "abcdefgz"


@pytest.mark.parametrize(
    ("solutions", "answer", "tolerances", "expected"),
    [
        pytest.param(["Paris"], "", ALL_TOLERANCES, KO, id="empty"),
        pytest.param(["Paris"], "   ", ALL_TOLERANCES, KO, id="blank"),
        pytest.param(["Paris"], "?!", ALL_TOLERANCES, KO, id="punctuation-only"),
        pytest.param(["..."], "!", ALL_TOLERANCES, OK, id="both-empty-after-t2"),
        pytest.param(["..."], "!", [], KO, id="not-empty-without-t2"),
        pytest.param([""], "", [], OK, id="empty-variant"),
    ],
)
def test_empty_treated_answer_matches_only_an_empty_variant(
    solutions, answer, tolerances, expected
):
    """An answer empty once treated matches only a variant empty once treated."""
    assert check(qroc(*solutions, tolerances=tolerances), answer) == expected


# Numbers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("solution", "answer", "step"),
    [
        pytest.param("25000", "25 000", "number", id="space-inside"),
        pytest.param("25000", "25\u202f000", "number", id="narrow-nbsp-inside"),
        pytest.param("1 024", "1024", "number", id="space-in-solution"),
        pytest.param("3.5", "3,5", "number", id="comma-answer"),
        pytest.param("3,5", "3.5", "number", id="dot-answer"),
        pytest.param("3.5", "003.50", "number", id="leading-and-trailing-zeros"),
        pytest.param("5", "+5", "number", id="plus-sign"),
        pytest.param("-5", "- 5", "number", id="minus-sign"),
        pytest.param("5", "-5", None, id="opposite"),
        pytest.param("1000", "1001", None, id="no-fuzzy-numbers"),
        pytest.param("25000", "25 001", None, id="no-fuzzy-with-spaces"),
        pytest.param("123,00", "123,,00", "t2", id="two-commas-is-text"),
        pytest.param("12", "12 abc", None, id="number-and-word-is-text"),
        pytest.param("12 abc", "12 ABC", "number", id="quantity-unit-after-t1"),
        pytest.param("douze", "Douze", "t1", id="word-variant"),
    ],
)
def test_number_format(solution, answer, step):
    """Format number compares one number numerically, anything else as text."""
    spec = qroc(solution, format="number")

    assert accepted_by(spec, answer) == step


def test_numbers_are_compared_even_without_tolerances():
    """Numeric comparison is not a tolerance; text fallback still obeys them."""
    spec = qroc("123,00", "25000", tolerances=[], format="number")

    assert check(spec, "25 000") == OK
    assert check(spec, "123,,00") == KO


def test_words_format_does_not_parse_numbers():
    """Outside format number, "3,5" is text: it is not "3.5"."""
    assert check(qroc("3.5", format="words", tolerances=[]), "3,5") == KO


# Drop-downs ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        pytest.param("Été", OK, id="identical"),
        pytest.param("E\u0301te\u0301", OK, id="nfd"),
        pytest.param("été", KO, id="case"),
        pytest.param("Ete", KO, id="accents"),
        pytest.param("Été ", KO, id="trailing-space"),
        pytest.param("Étée", KO, id="typo"),
        pytest.param({"key": "Été"}, OK, id="keyed"),
        pytest.param({"key": "été"}, KO, id="keyed-case"),
    ],
)
def test_select_field_gets_no_tolerance(answer, expected):
    """A drop-down answer must equal a variant after normalisation only."""
    spec = qroc("Été", block_types={"key": "select"})

    assert check(spec, answer) == expected


def test_select_field_is_reported_as_select():
    """explain() says a drop-down was accepted by "select"."""
    spec = qroc("Été", block_types={"key": "select"})

    assert explain(spec, "Été") == {
        "result": "ok",
        "fields": {"key": {"result": "ok", "accepted_by": "select", "matched": "Été"}},
    }
