"""Level estimate of the positioning test (DOMAIN.md §4), golden values."""

import random

import pytest

from runtime.domain.inference import (
    CANDIDATE_LEVELS,
    Answer,
    Skill,
    estimate_level,
    success_probability,
)

TUBES = ("@rechercheWeb", "@motDePasse")
SKILLS_BY_ID = {
    f"{tube}{level}": Skill(f"{tube}{level}", tube, level)
    for tube in TUBES
    for level in range(1, 7)
}


def answers_on(tube: str, results: dict[int, str]) -> list[Answer]:
    """Build answers on the skills of a tube, {level: result}, in level order."""
    return [
        Answer(f"c-{tube}{level}", f"{tube}{level}", result)
        for level, result in results.items()
    ]


@pytest.mark.parametrize(
    ("level", "skill_level", "probability"),
    [
        (2.0, 2, 0.5),
        (3.5, 2, 0.8175744761936437),
        (0.5, 7, 0.0015011822567369917),
    ],
)
def test_success_probability_is_logistic_in_the_level_gap(
    level, skill_level, probability
):
    """P = 1 / (1 + e^-(level - skill level)): one half at equal levels."""
    assert success_probability(level, skill_level) == pytest.approx(probability)


def test_candidate_levels_run_from_half_to_seven_and_a_half():
    """The estimate is one of fifteen half levels."""
    assert tuple(step / 2 for step in range(1, 16)) == CANDIDATE_LEVELS


def test_estimate_without_answers_is_three_and_a_half():
    """Only the virtual answers (level 0 right, level 7 wrong): the middle."""
    assert estimate_level(SKILLS_BY_ID, []) == 3.5


@pytest.mark.parametrize(
    ("results", "estimate"),
    [
        ({2: "ok"}, 4.5),
        ({2: "ko"}, 1.0),
        ({1: "ok", 2: "ok", 3: "ok"}, 5.5),
        ({1: "ok", 2: "ok", 3: "ok", 4: "ok", 5: "ko"}, 5.0),
        (dict.fromkeys(range(1, 7), "ko"), 0.5),
    ],
)
def test_estimate_golden_values(results, estimate):
    """The candidate minimising |Σ(outcome - P)| over answers and virtual ones."""
    answers = answers_on("@rechercheWeb", results)

    assert estimate_level(SKILLS_BY_ID, answers) == estimate


def test_estimate_caps_at_seven_and_a_half():
    """Every skill of two tubes right: the highest candidate."""
    answers = answers_on("@rechercheWeb", dict.fromkeys(range(1, 7), "ok"))
    answers += answers_on("@motDePasse", dict.fromkeys(range(1, 7), "ok"))

    assert estimate_level(SKILLS_BY_ID, answers) == 7.5


def test_estimate_counts_the_last_answer_of_a_skill():
    """Level 2 wrong then right weighs as one right answer on level 2."""
    answers = answers_on("@rechercheWeb", {2: "ko"}) + answers_on(
        "@rechercheWeb", {2: "ok"}
    )

    assert estimate_level(SKILLS_BY_ID, answers) == 4.5


def test_estimate_ignores_answers_on_unknown_skills():
    """A skill outside the scope has no level: the estimate stays 3.5."""
    answers = [Answer("c-archive", "@archive4", "ok")]

    assert estimate_level(SKILLS_BY_ID, answers) == 3.5


def brute_force_estimate(answers: list[Answer]) -> float:
    """The rule as DOMAIN.md states it: every candidate tried, the lowest best."""
    last = {answer.skill_id: answer for answer in answers}
    observations = [
        (SKILLS_BY_ID[skill].level, 1.0 if answer.succeeded else 0.0)
        for skill, answer in last.items()
    ] + [(0, 1.0), (7, 0.0)]

    def misfit(level):
        total = sum(
            outcome - success_probability(level, skill_level)
            for skill_level, outcome in observations
        )
        return round(abs(total), 12)

    return min(CANDIDATE_LEVELS, key=misfit)


def test_the_estimate_is_the_best_of_all_candidates():
    """It tries few candidates: the same choice as trying all fifteen, ties included."""
    rng = random.Random(7)
    skills = sorted(SKILLS_BY_ID)
    for _ in range(3000):
        answered = rng.sample(skills, rng.randint(0, len(skills)))
        answers = [
            Answer(f"c-{skill}", skill, rng.choice(["ok", "ko", "aband"]))
            for skill in answered
        ]
        assert estimate_level(SKILLS_BY_ID, answers) == brute_force_estimate(answers)
