"""Campaign codes: 6 letters without I, L, O, then 3 digits 2-9 (DOMAIN.md §6)."""

import random
import re

import pytest

from runtime.domain.codes import (
    CODE_DIGITS,
    CODE_LETTERS,
    campaign_code,
    is_campaign_code,
    normalise_code,
)


def test_the_alphabets():
    assert CODE_LETTERS == "ABCDEFGHJKMNPQRSTUVWXYZ"
    assert CODE_DIGITS == "23456789"


def test_codes_have_the_documented_form():
    rng = random.Random(42)

    codes = [campaign_code(rng, is_available=lambda code: True) for _ in range(500)]

    assert all(re.fullmatch(r"[A-HJKMNP-Z]{6}[2-9]{3}", code) for code in codes)
    assert len(set(codes)) == 500
    assert {c for code in codes for c in code[:6]} == set(CODE_LETTERS)
    assert {c for code in codes for c in code[6:]} == set(CODE_DIGITS)


def test_the_same_seed_gives_the_same_code():
    first = campaign_code(random.Random(7), is_available=lambda code: True)

    assert first == campaign_code(random.Random(7), is_available=lambda code: True)


def test_a_taken_code_is_drawn_again():
    taken = {campaign_code(random.Random(7), is_available=lambda code: True)}

    code = campaign_code(random.Random(7), is_available=lambda c: c not in taken)

    assert code not in taken
    assert is_campaign_code(code)


def test_giving_up_when_every_code_is_taken():
    with pytest.raises(RuntimeError):
        campaign_code(random.Random(1), is_available=lambda code: False)


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("ABCDEF234", True),
        ("ABCDEF231", False),
        ("ABCIEF234", False),
        ("ABCDEFG234", False),
        ("abcdef234", False),
        ("ABCDEF234\n", False),
    ],
)
def test_is_campaign_code(value, valid):
    assert is_campaign_code(value) is valid


def test_typed_codes_are_normalised():
    assert normalise_code(" abc-def 234 ") == "ABCDEF234"
