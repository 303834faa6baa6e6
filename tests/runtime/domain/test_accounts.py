"""Names, usernames and reconciliation of organisation learners (DOMAIN.md §6)."""

import datetime
import random

import pytest

from runtime.domain.accounts import (
    is_valid_username,
    matching_learner,
    standardise_name,
    username_for,
)

BIRTHDATE = datetime.date(2011, 3, 7)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("fakeFirst-Name", "fakefirstname"),
        ("Jo~e", "joe"),
        ("  Éloïse  ", "eloise"),
        ("Jean Pierre", "jeanpierre"),
        ("D'Artagnan", "dartagnan"),
        ("Ñúñez\tÇa", "nunezca"),
        ("Anne\u00a0Marie", "annemarie"),
        ("Louis XIV 2", "louisxiv2"),
        ("Œdipe", "dipe"),  # Œ has no decomposition: not an ASCII letter
        ("", ""),
    ],
)
def test_standardise_name(value, expected):
    assert standardise_name(value) == expected


def never_taken(username: str) -> bool:
    return False


def test_username_is_first_dot_last_and_birth_day_and_month():
    username = username_for(
        "Éloïse", "De La Tour-Martin", BIRTHDATE, is_taken=never_taken,
        rng=random.Random(1),
    )  # fmt: skip

    assert username == "eloise.delatourmartin0703"
    assert is_valid_username(username)


def test_a_taken_username_gets_four_random_digits_until_free():
    taken = {"marie.curie0703", "marie.curie2201"}
    rng = random.Random(3)
    draws = [f"{random.Random(3).randrange(10_000):04d}"]

    username = username_for(
        "Marie", "Curie", BIRTHDATE, is_taken=taken.__contains__, rng=rng
    )

    assert username == f"marie.curie{draws[0]}"
    assert username not in taken
    assert is_valid_username(username)


def test_digits_in_names_are_left_out_of_the_username():
    username = username_for(
        "Louis 14", "Bourbon", BIRTHDATE, is_taken=never_taken, rng=random.Random(1)
    )

    assert username == "louis.bourbon0703"


@pytest.mark.parametrize(("first", "last"), [("李", "Wang"), ("Zoé", "---")])
def test_names_without_letters_cannot_make_a_username(first, last):
    with pytest.raises(ValueError, match="letters"):
        username_for(first, last, BIRTHDATE, is_taken=never_taken, rng=random.Random())


def test_no_username_when_every_suffix_is_taken():
    with pytest.raises(ValueError, match="free username"):
        username_for(
            "Marie", "Curie", BIRTHDATE, is_taken=lambda name: True,
            rng=random.Random(1),
        )  # fmt: skip


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("marie.curie0703", True),
        ("a.b0000", True),
        ("Marie.curie0703", False),
        ("marie.curie070", False),
        ("marie.curie07031", False),
        ("marie curie.x0703", False),
        ("marie.curie0703\n", False),
        ("mariecurie0703", False),
        ("marie.curie2.0703", False),
        ("marie.", False),
        ("", False),
    ],
)
def test_is_valid_username(value, valid):
    assert is_valid_username(value) is valid


def learner(first, last, *, middle=None, third=None, preferred=None) -> dict:
    return {
        "first_name": first,
        "middle_name": middle,
        "third_name": third,
        "last_name": last,
        "preferred_last_name": preferred,
    }


def test_accents_case_and_hyphens_match_strictly():
    candidates = [learner("Léa", "Dupont"), learner("Jean-Émile", "Lefèvre")]

    assert (
        matching_learner(candidates, first_name="jean emile", last_name="LEFEVRE") == 1
    )


def test_a_typo_within_a_quarter_of_the_typed_length_matches():
    """'martinn' is 7 long: 1 edit is 0.14 ≤ 0.25."""
    candidates = [learner("Lucas", "Martin")]

    assert matching_learner(candidates, first_name="lucas", last_name="martinn") == 0


@pytest.mark.parametrize(
    ("typed", "reference", "matches"),
    [
        ("abcd", "Abce", True),  # 1 edit / 4 typed = 0.25: on the edge, accepted
        ("abc", "abd", False),  # 1 / 3 = 0.33
        ("abcdefgh", "abcdefxy", True),  # 2 / 8 = 0.25
        ("abcdefg", "abcdexy", False),  # 2 / 7 = 0.29
        ("alex", "alexandre", False),  # the denominator is what was typed: 5 / 4
        ("alexandre", "alex", False),  # 5 / 9
    ],
)
def test_the_tolerance_edge_is_a_quarter_of_what_was_typed(typed, reference, matches):
    candidates = [learner(reference, "Durand")]

    found = matching_learner(candidates, first_name=typed, last_name="durand")

    assert found == (0 if matches else None)


def test_the_strict_pass_comes_before_the_tolerant_one():
    """'Lena' and 'Lina' are both within 0.25 of 'lena'; strictly, only one is."""
    candidates = [learner("Lina", "Petit"), learner("Léna", "Petit")]

    assert matching_learner(candidates, first_name="Lena", last_name="Petit") == 1


def test_two_candidates_matching_is_no_match():
    candidates = [learner("Lina", "Petit"), learner("Lino", "Petit")]

    assert matching_learner(candidates, first_name="Lin", last_name="Petit") is None
    assert matching_learner(candidates, first_name="Lina", last_name="Petit") == 0


def test_identical_twins_in_names_are_no_match():
    candidates = [learner("Tom", "Roux"), learner("Tom", "Roux")]

    assert matching_learner(candidates, first_name="Tom", last_name="Roux") is None


def test_a_middle_or_third_name_matches_when_the_first_does_not():
    candidates = [
        learner("Marie", "Blanc", middle="Claire"),
        learner("Paul", "Blanc", middle="Henri", third="Gaspard"),
    ]

    assert matching_learner(candidates, first_name="Claire", last_name="Blanc") == 0
    assert matching_learner(candidates, first_name="gaspard", last_name="blanc") == 1


def test_the_first_given_name_field_with_exactly_one_candidate_wins():
    """'Anne' is the first name of two pupils and the middle name of one:
    the first-name field keeps two, so the middle-name field decides."""
    candidates = [
        learner("Anne", "Moreau"),
        learner("Anne", "Moreau", middle="Sophie"),
        learner("Julie", "Moreau", middle="Anne"),
    ]

    assert matching_learner(candidates, first_name="Anne", last_name="Moreau") == 2


def test_the_preferred_last_name_matches_too():
    candidates = [learner("Inès", "Benali", preferred="Garnier")]

    assert matching_learner(candidates, first_name="Ines", last_name="Garnier") == 0
    assert matching_learner(candidates, first_name="Ines", last_name="Benali") == 0


def test_both_names_must_match():
    candidates = [learner("Hugo", "Bernard")]

    assert matching_learner(candidates, first_name="Hugo", last_name="Lambert") is None
    assert matching_learner(candidates, first_name="Noah", last_name="Bernard") is None


def test_no_candidates_or_empty_names_never_match():
    assert matching_learner([], first_name="Hugo", last_name="Bernard") is None
    assert (
        matching_learner(
            [learner("Hugo", "Bernard")], first_name="  ", last_name="Bernard"
        )
        is None
    )
