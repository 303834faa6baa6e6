import datetime

import pytest

from runtime.domain.scoring import (
    CompetenceScore,
    can_improve,
    can_reset,
    competence_score,
    days_until_improvement,
    kept_for_improvement,
    level_pix,
    profile_total,
    skill_pix_value,
)

NOW = datetime.datetime(2026, 11, 25, 12, 0, tzinfo=datetime.UTC)
DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("count", "value"), [(1, 4.0), (2, 4.0), (3, 8 / 3), (4, 2.0), (5, 1.6)]
)
def test_skill_pix_value_is_min_of_four_and_eight_over_n(count, value):
    """A level is worth 8 pix shared among its active skills, 4 at most each."""
    assert skill_pix_value(count) == pytest.approx(value)


def test_skill_pix_value_refuses_an_empty_level():
    """N counts the skill itself, so it is at least 1."""
    with pytest.raises(ValueError, match="at least"):
        skill_pix_value(0)


@pytest.mark.parametrize(
    ("count", "worth"), [(0, 0.0), (1, 4.0), (2, 8.0), (3, 8.0), (6, 8.0), (7, 8.0)]
)
def test_a_level_is_worth_eight_pix_from_two_active_skills_on(count, worth):
    """N · min(4, 8 / N): a lone skill leaves the level at 4 pix."""
    assert level_pix(count) == worth


@pytest.mark.parametrize(
    ("earned", "max_level", "expected"),
    [
        (0.0, 5, CompetenceScore(0, 0)),
        (7.99, 5, CompetenceScore(7, 0)),
        (3 * (8 / 3), 5, CompetenceScore(8, 1)),
        (23.5, 5, CompetenceScore(23, 2)),
        (52.0, 5, CompetenceScore(40, 5)),
        (52.0, 8, CompetenceScore(52, 6)),
        (80.0, 8, CompetenceScore(64, 8)),
    ],
)
def test_competence_score_floors_caps_and_levels(earned, max_level, expected):
    """pix = min(floor(earned), cap * 8); level = pix // 8."""
    assert competence_score(earned, max_level=max_level) == expected


@pytest.mark.parametrize(
    ("skill_pix", "expected"),
    [
        ([8 / 6] * 6, CompetenceScore(8, 1)),
        ([1.333333] * 6, CompetenceScore(8, 1)),
        ([8 / 3] * 3, CompetenceScore(8, 1)),
        ([2.666667] * 3, CompetenceScore(8, 1)),
        ([8 / 6] * 5, CompetenceScore(6, 0)),
        ([1.333333] * 5, CompetenceScore(6, 0)),
        ([8 / 7] * 7, CompetenceScore(8, 1)),
        ([8 / 7] * 6, CompetenceScore(6, 0)),
        ([8 / 9] * 9 + [8 / 6] * 6 + [8 / 3] * 3, CompetenceScore(24, 3)),
        ([0.888889] * 9 + [1.333333] * 6 + [2.666667] * 3, CompetenceScore(24, 3)),
        ([8 / 9] * 8 + [8 / 6] * 6 + [8 / 3] * 3, CompetenceScore(23, 2)),
    ],
)
def test_a_level_of_n_skills_of_8_over_n_pix_counts_eight_whole_pix(
    skill_pix, expected
):
    """Exact 8/N values and the 6-decimal ones of older releases score alike.

    A whole level is 8 pix, never 7 (6 x 1.333333 = 7.999998); a level one
    skill short stays below (5 x 8/6 = 6.67 gives 6, 23.11 gives 23).
    """
    earned = 0.0
    for value in skill_pix:  # summed one by one, as the profile adds them up
        earned += value

    assert competence_score(earned, max_level=8) == expected


def test_profile_total_sums_competences():
    """The profile total is the sum of competence pix (max 1024 at level 8)."""
    scores = [CompetenceScore(64, 8)] * 16

    assert profile_total(scores) == 1024


@pytest.mark.parametrize(
    ("days_ago", "level", "allowed"),
    [(3.9, 2, False), (4, 2, True), (10, 5, False), (None, 0, False)],
)
def test_improve_needs_four_days_and_room_to_grow(days_ago, level, allowed):
    """Improve 4 days after the last answer, never at the reachable maximum."""
    last = None if days_ago is None else NOW - days_ago * DAY

    assert can_improve(last_answer_at=last, now=NOW, level=level, max_level=5) is (
        allowed
    )


@pytest.mark.parametrize(("days_ago", "allowed"), [(6.9, False), (7, True)])
def test_reset_needs_seven_days(days_ago, allowed):
    """Reset 7 days after the last answer on the competence."""
    assert can_reset(last_answer_at=NOW - days_ago * DAY, now=NOW) is allowed


def test_improvement_keeps_validated_and_recent_failures():
    """Failed results older than the delay are retested; validated ones are kept."""
    results = [
        ("validated-old", True, NOW - 30 * DAY),
        ("failed-old", False, NOW - 5 * DAY),
        ("failed-recent", False, NOW - 2 * DAY),
    ]

    assert kept_for_improvement(results, now=NOW) == {"validated-old", "failed-recent"}


@pytest.mark.parametrize(
    ("elapsed", "days"),
    [
        (datetime.timedelta(0), 4),
        (datetime.timedelta(hours=12), 4),
        (datetime.timedelta(days=2, hours=12), 2),
        (datetime.timedelta(days=3, hours=23), 1),
        (datetime.timedelta(days=4), 0),
        (datetime.timedelta(days=9), 0),
    ],
)
def test_the_wait_before_improving_is_rounded_up_to_whole_days(elapsed, days):
    """3.5 days left is "dans 4 jours": never sooner than the rule allows."""
    last = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=datetime.UTC)

    assert days_until_improvement(last_answer_at=last, now=last + elapsed) == days
