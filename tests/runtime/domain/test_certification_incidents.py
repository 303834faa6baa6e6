"""Golden rules for the automatic neutralisation by incident reports (DOMAIN.md §7)."""

import pytest

from runtime.domain.certification_incidents import (
    ChallengeTraits,
    Incident,
    neutralises,
    neutralising_categories,
)

WITH_ALL = ChallengeTraits(
    illustration=True, embed=True, attachments=True, focused=True
)


@pytest.mark.parametrize(
    ("category", "traits", "result", "expected"),
    [
        ("attachment", ChallengeTraits(attachments=True), "ko", True),
        ("attachment", ChallengeTraits(attachments=True), "skipped", True),
        ("attachment", ChallengeTraits(attachments=True), "ok", False),
        ("attachment", ChallengeTraits(), "ko", False),  # nothing to open
        ("image", ChallengeTraits(illustration=True), "ko", True),
        ("image", ChallengeTraits(embed=True), "ko", False),
        ("embed", ChallengeTraits(embed=True), "timedout", True),
        ("focus_lost", ChallengeTraits(focused=True), "focusedOut", True),
        ("focus_lost", ChallengeTraits(), "ko", False),
        ("link", ChallengeTraits(), "ko", True),
        ("unexpected_error", ChallengeTraits(), "skipped", True),
        ("technical", WITH_ALL, "ko", False),
        ("extra_time", WITH_ALL, "ko", False),
        ("fraud", WITH_ALL, "ko", False),
        ("other", WITH_ALL, "ko", False),
    ],
)
def test_which_reports_neutralise(category, traits, result, expected):
    assert neutralises(category, traits, result=result) is expected


def test_the_neutralising_categories():
    assert neutralising_categories() == {
        "image", "embed", "attachment", "focus_lost", "link", "unexpected_error"
    }  # fmt: skip


def test_an_unknown_category_is_an_error():
    with pytest.raises(ValueError, match="nonsense"):
        neutralises("nonsense", ChallengeTraits(), result="ko")


def test_every_category_is_decided():
    for category in Incident:
        assert neutralises(category, WITH_ALL, result="ok") is False
