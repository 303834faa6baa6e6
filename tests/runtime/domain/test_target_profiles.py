"""Target skills, mastery, stages and badges (DOMAIN.md §6)."""

import pytest

from runtime.domain.target_profiles import (
    BadgeRule,
    SkillRef,
    earned_badges,
    mastery_rate,
    reached_stage,
    target_skills,
)

SKILLS = [
    SkillRef("web1", "web", 1),
    SkillRef("web2", "web", 2),
    SkillRef("web4", "web", 4),
    SkillRef("mdp1", "mdp", 1),
    SkillRef("mdp3", "mdp", 3),
    SkillRef("other2", "other", 2),
]


def test_target_skills_are_the_tubes_skills_up_to_their_cap():
    assert target_skills({"web": 2, "mdp": 3}, SKILLS) == [
        "web1",
        "web2",
        "mdp1",
        "mdp3",
    ]
    assert target_skills({}, SKILLS) == []


def test_mastery_rate():
    assert mastery_rate(3, 4) == 0.75
    assert mastery_rate(0, 0) == 0.0


@pytest.mark.parametrize(
    ("rate", "expected"),
    [(0.0, 0), (0.29, 0), (0.30, 1), (2 / 3, 1), (0.6667, 2), (1.0, 3)],
)
def test_the_stage_reached_is_the_highest_threshold_at_most_the_rate(rate, expected):
    assert reached_stage([0, 30, 66.67, 90], rate) == expected


def test_no_stage_when_none_starts_at_zero():
    assert reached_stage([50], 0.4) is None
    assert reached_stage([], 1.0) is None


def test_badges_on_the_whole_profile_or_on_chosen_tubes():
    target = [skill for skill in SKILLS if skill.tube in {"web", "mdp"}]
    rules = [
        BadgeRule(1, 50),
        BadgeRule(2, 100, ("mdp",)),
        BadgeRule(3, 100, ("web",)),
        BadgeRule(4, 0, ("absent",)),
    ]

    earned = earned_badges(rules, ["mdp1", "mdp3", "web1"], target)

    assert earned == [1, 2]
