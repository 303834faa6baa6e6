import pytest

from runtime.domain.challenge_format import (
    Field,
    FormatError,
    parse_choices,
    parse_fields,
    parse_keyed_variants,
    split_proposals,
    validate,
)


def test_choices_are_lines_with_an_optional_dash():
    """Blank lines are ignored and a leading '- ' is dropped."""
    assert parse_choices("- Paris\n\nLyon\n-  Marseille ") == [
        "Paris",
        "Lyon",
        "Marseille",
    ]


@pytest.mark.parametrize(
    ("written", "field"),
    [
        ("${ville}", Field("ville")),
        ("${ville#Paris}", Field("ville", placeholder="Paris")),
        ("${ville§Nom de la ville}", Field("ville", aria_label="Nom de la ville")),
        ("${cp#75000§Code postal}", Field("cp", "75000", "Code postal")),
        ('${f options=["PNG","JPEG"]}', Field("f", options=("PNG", "JPEG"))),
        ("${1abc}", None),
        ('${f options=["PNG",}', None),
    ],
)
def test_fields_are_parsed_from_their_inline_syntax(written, field):
    """Each documented form of ${…} gives its field; a malformed one gives None."""
    assert parse_fields(f"Texte {written} fin") == [field]


def test_proposals_split_into_text_and_fields_in_reading_order():
    """The renderer receives text pieces and fields in order."""
    assert split_proposals("Ville : ${ville} ; code : ${cp}") == [
        "Ville : ",
        Field("ville"),
        " ; code : ",
        Field("cp"),
    ]


def test_keyed_variants_accept_block_and_inline_forms():
    """'key:' then '- variant' lines, or 'key: variant' on one line."""
    assert parse_keyed_variants("ville:\n- Paris\n- paname\ncp: 75001\n") == (
        {"ville": ["Paris", "paname"], "cp": ["75001"]},
        [],
    )


def test_unreadable_solution_lines_are_reported_by_number():
    """A line that is neither 'key:' nor '- variant' is reported."""
    assert parse_keyed_variants("- orphan\nville:\n- Paris\nnot a line")[1] == [1, 4]


@pytest.mark.parametrize(
    ("challenge_type", "proposals", "solution", "codes"),
    [
        ("QCU", "- a\n- b", "2", []),
        ("QCU", "- a\n- b", "3", ["index_out_of_range"]),
        ("QCM", "- a\n- b\n- c", "3, 1", []),
        ("QCM", "- a\n- b\n- c", "1;3", ["qcm_not_index"]),
        ("QROC", "", "Paris", []),
        ("QROC", "${a}${a}", "x", ["duplicate_keys", "qroc_one_field"]),
        ("QROCM-ind", "Texte", "a: x", ["qrocm_no_fields"]),
        ("QROCM-dep", "${a} ${b}", "a: x\nb: y", []),
        ("QROCM-dep", "${a} ${b}", "a: x", ["qrocm_missing_keys"]),
        ("QROCM-ind", '${a options=["x","y"]}', "a: z", ["select_variant_not_option"]),
        ("QCU", "- a\n- b", "", ["solution_empty"]),
        ("XYZ", "", "1", ["unknown_type"]),
    ],
)
def test_validation_reports_codes(challenge_type, proposals, solution, codes):
    """Validation returns one code per inconsistency, none when consistent."""
    errors = validate(challenge_type, proposals, solution)

    assert [error.code for error in errors] == codes
    assert all(isinstance(error, FormatError) for error in errors)


@pytest.mark.parametrize(
    ("challenge_type", "partial", "codes"),
    [
        ("QROCM-dep", (1, 2), []),
        ("QROCM-dep", (2, 1), ["partial_range"]),
        ("QROCM-dep", (1, 3), ["partial_range"]),
        ("QROCM-ind", (1, 2), ["partial_only_dep"]),
    ],
)
def test_partial_scoring_bounds(challenge_type, partial, codes):
    """Partial scoring needs 1 <= min <= max <= number of fields, on QROCM-dep only."""
    errors = validate(challenge_type, "${a} ${b}", "a: x\nb: y", partial=partial)

    assert [error.code for error in errors] == codes
