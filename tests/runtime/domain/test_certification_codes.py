"""Formats of the codes people type for a certification (DOMAIN.md §7)."""

import random
import re

import pytest

from runtime.domain.codes import (
    INVIGILATOR_ALPHABET,
    NoCodeAvailable,
    invigilator_password,
    is_session_access_code,
    is_verification_code,
    session_access_code,
    verification_code,
)


def test_session_access_code_format():
    rng = random.Random(7)
    codes = {
        session_access_code(rng, is_available=lambda code: True) for _ in range(500)
    }
    assert len(codes) > 490
    for code in codes:
        assert re.fullmatch(r"[BCDFGHJKMPQRTVWXY]{4}[2346789]{2}", code), code
        assert is_session_access_code(code)
        assert is_session_access_code(code.lower())


def test_session_access_code_skips_taken_codes():
    rng = random.Random(1)
    first = session_access_code(random.Random(1), is_available=lambda code: True)
    second = session_access_code(rng, is_available=lambda code: code != first)
    assert second != first
    assert is_session_access_code(second)


def test_invigilator_password_has_six_distinct_characters():
    rng = random.Random(3)
    for _ in range(500):
        password = invigilator_password(rng)
        assert len(password) == 6
        assert len(set(password)) == 6
        assert set(password) <= set(INVIGILATOR_ALPHABET)
    assert "0" not in INVIGILATOR_ALPHABET
    assert "l" not in INVIGILATOR_ALPHABET


def test_verification_code_format():
    rng = random.Random(11)
    for _ in range(500):
        code = verification_code(rng, is_available=lambda code: True)
        assert re.fullmatch(r"P-[2346789BCDFGHJKMPQRTVWXY]{8}", code), code
        assert is_verification_code(code)
    assert is_verification_code(" p-bcdf2346 ")
    assert not is_verification_code("P-BCDF234")  # 7 characters
    assert not is_verification_code("P-BCDF2345")  # 5 is not in the alphabet
    assert not is_verification_code("X-BCDF2346")


def test_verification_code_gives_up_after_a_thousand_taken_codes():
    tries = []

    def never(code):
        tries.append(code)
        return False

    with pytest.raises(NoCodeAvailable):
        verification_code(random.Random(5), is_available=never)
    assert len(tries) == 1000


def test_same_seed_same_codes():
    def draw(seed):
        rng = random.Random(seed)
        return (
            session_access_code(rng, is_available=lambda code: True),
            invigilator_password(rng),
            verification_code(rng, is_available=lambda code: True),
        )

    assert draw(42) == draw(42)
    assert draw(42) != draw(43)
