"""Whole positioning tests played by simulated learners (DOMAIN.md §4, §5)."""

import itertools
import random

import pytest

from runtime.domain.inference import (
    Answer,
    Challenge,
    Scope,
    Skill,
    earned_pix,
    infer,
    knowledge_before_and_after,
    next_challenge,
)

TUBES = ("@rechercheWeb", "@motDePasse", "@partage", "@tableur")
SKILLS = [
    Skill(f"{tube}{level}", tube, level) for tube in TUBES for level in range(1, 7)
]
SKILLS_BY_ID = {skill.id: skill for skill in SKILLS}
CHALLENGES = [Challenge(f"c-{skill.id}", skill.id, False, ("fr",)) for skill in SKILLS]
PIX_BY_SKILL = dict.fromkeys(SKILLS_BY_ID, 2.0)
"""Four skills per level: min(4, 8 / 4) = 2 pix each, 8 pix per level."""


def play(known_level: int, seed: str, challenges=CHALLENGES) -> list[Answer]:
    """Return the answers of a learner knowing every skill up to known_level."""
    rng = random.Random(seed)
    skill_of = {
        challenge.id: SKILLS_BY_ID[challenge.skill_id] for challenge in challenges
    }
    answers: list[Answer] = []
    while True:
        challenge_id = next_challenge(
            skills=SKILLS,
            challenges=challenges,
            answers=answers,
            locale="fr",
            seen_challenge_ids=(),
            rng=rng,
        )
        if challenge_id is None:
            return answers
        skill = skill_of[challenge_id]
        result = "ok" if skill.level <= known_level else "ko"
        answers.append(Answer(challenge_id, skill.id, result))


def validated_skills(answers: list[Answer]) -> list[str]:
    """Return the sorted ids of the skills the answers validate."""
    knowledge = infer(SKILLS, answers)
    return sorted(
        skill_id for skill_id, element in knowledge.items() if element.validated
    )


@pytest.mark.parametrize(
    ("known_level", "asked"),
    [(0, 8), (1, 8), (2, 9), (3, 10), (4, 9), (5, 10), (6, 8)],
)
def test_learner_ends_with_exactly_the_skills_they_know(known_level, asked):
    """4 tubes x 6 levels: every skill settled, the known ones validated.

    The test asks far fewer challenges than the 24 skills of the scope.
    """
    expected = sorted(skill.id for skill in SKILLS if skill.level <= known_level)

    answers = play(known_level, seed="assessment-42")

    assert validated_skills(answers) == expected
    assert len(infer(SKILLS, answers)) == len(SKILLS)
    assert len(answers) == asked < len(SKILLS) == 24
    assert earned_pix(infer(SKILLS, answers), PIX_BY_SKILL) == 8.0 * known_level


@pytest.mark.parametrize("known_level", range(7))
def test_every_seed_settles_the_scope_in_fewer_questions_than_skills(known_level):
    """Whatever the draws, the result is exact and fewer than 24 questions."""
    expected = sorted(skill.id for skill in SKILLS if skill.level <= known_level)

    runs = [play(known_level, seed=f"assessment-{number}") for number in range(20)]

    assert all(validated_skills(answers) == expected for answers in runs)
    assert max(len(answers) for answers in runs) < len(SKILLS)


def test_same_seed_gives_the_same_sequence():
    """random.Random(assessment_id) makes a test reproducible."""
    first = play(3, seed="assessment-42")

    second = play(3, seed="assessment-42")

    assert [answer.challenge_id for answer in first] == [
        answer.challenge_id for answer in second
    ]


def test_different_seeds_vary_the_questions():
    """Ties are drawn with the rng, so assessments differ from one another."""
    runs = {
        tuple(a.challenge_id for a in play(3, seed=str(seed))) for seed in range(10)
    }

    assert len(runs) > 1


def test_no_two_timed_challenges_in_a_row_over_a_whole_test():
    """Each skill has a timed and an untimed version: timed never follows timed."""
    timed = [Challenge(f"t-{skill.id}", skill.id, True, ("fr",)) for skill in SKILLS]
    challenges = CHALLENGES + timed

    runs = [
        play(3, seed=f"assessment-{number}", challenges=challenges)
        for number in range(20)
    ]

    flags = [[answer.challenge_id.startswith("t-") for answer in run] for run in runs]
    assert any(any(run) for run in flags)
    assert not any(
        previous and current
        for run in flags
        for previous, current in itertools.pairwise(run)
    )


@pytest.mark.parametrize("known_level", range(7))
def test_a_prebuilt_scope_serves_the_same_tests_as_the_plain_lists(known_level):
    """The runtime passes a Scope built once per competence: same draws, same ends."""
    scope = Scope(tuple(SKILLS), tuple(CHALLENGES))
    for seed in range(20):
        rng_lists, rng_scope = random.Random(seed), random.Random(seed)
        answers: list[Answer] = []
        while True:
            from_lists = next_challenge(
                skills=SKILLS,
                challenges=CHALLENGES,
                answers=answers,
                locale="fr",
                seen_challenge_ids=(),
                rng=rng_lists,
            )
            from_scope = next_challenge(
                skills=scope,
                answers=answers,
                locale="fr",
                seen_challenge_ids=(),
                rng=rng_scope,
            )
            assert from_scope == from_lists
            if from_lists is None:
                break
            skill = SKILLS_BY_ID[from_lists.removeprefix("c-")]
            result = "ok" if skill.level <= known_level else "ko"
            answers.append(Answer(from_lists, skill.id, result))
            before, after = knowledge_before_and_after(scope, answers)
            assert before == infer(SKILLS, answers[:-1])
            assert after == infer(SKILLS, answers)
