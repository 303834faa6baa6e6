"""Next challenge of the positioning test: filters, gain and end (DOMAIN.md §4)."""

import random

import pytest

from runtime.domain.inference import (
    Answer,
    Challenge,
    Skill,
    following_options,
    information_gain,
    next_challenge,
)


def tube(name: str, levels: range | tuple[int, ...]) -> list[Skill]:
    """Build the skills "@<name><level>" of one tube."""
    return [Skill(f"@{name}{level}", f"@{name}", level) for level in levels]


def challenges_for(skills: list[Skill], *, timed: bool = False) -> list[Challenge]:
    """Build one French challenge "c-<skill>" per skill."""
    return [Challenge(f"c-{skill.id}", skill.id, timed, ("fr",)) for skill in skills]


def answered(skill_id: str, result: str = "ok") -> Answer:
    """Build the answer to the challenge "c-<skill>" of a skill."""
    return Answer(challenge_id=f"c-{skill_id}", skill_id=skill_id, result=result)


def ask(skills, challenges, answers, *, seed="assessment-1"):
    """Return the next challenge served to a French learner."""
    return next_challenge(
        skills=skills,
        challenges=challenges,
        answers=answers,
        locale="fr",
        seen_challenge_ids=(),
        rng=random.Random(seed),
    )


SEARCH = tube("rechercheWeb", range(1, 6))
PASSWORD = tube("motDePasse", (1, 2))
SCOPE = SEARCH + PASSWORD
PASSWORD_RIGHT = [answered("@motDePasse2")]
"""Settles the password tube; the estimate becomes 4.5."""


@pytest.mark.parametrize(
    ("level", "gain"),
    [
        (1, 0.11724892300542544),
        (2, 1.151716360042487),
        (3, 2.0),
        (4, 2.2449186624037094),
        (5, 1.5101626751925816),
    ],
)
def test_information_gain_golden_values(level, gain):
    """Tube of levels 1-5 untested, estimate 4.5: p·#easier + (1-p)·#harder."""
    skill = SEARCH[level - 1]

    assert information_gain(skill, SCOPE, 4.5) == pytest.approx(gain)


def test_skill_of_highest_information_gain_is_asked():
    """After the password tube, level 4 (gain 2.24) beats level 3 (2.0)."""
    chosen = ask(SCOPE, challenges_for(SCOPE), PASSWORD_RIGHT)

    assert chosen == "c-@rechercheWeb4"


def test_equal_gains_are_all_candidates():
    """Two identical tubes offer two best skills, drawn by the rng."""
    skills = SCOPE + tube("tableur", range(1, 6))

    options = following_options(skills, challenges_for(skills), PASSWORD_RIGHT)

    assert sorted(options) == ["@rechercheWeb4", "@tableur4"]


def test_skills_more_than_two_levels_above_the_estimate_are_dropped():
    """Estimate 1.0 after a failure: level 4 (gain 3.81) is too hard; level 3 stays."""
    skills = tube("motDePasse", (2,)) + tube("tableur", range(4, 9))
    skills += tube("partage", (3,))

    chosen = ask(skills, challenges_for(skills), [answered("@motDePasse2", "ko")])

    assert chosen == "c-@partage3"


def test_no_two_timed_challenges_in_a_row():
    """The last challenge was timed and level 4's is timed: level 3 is asked."""
    challenges = challenges_for(SEARCH[3:4], timed=True) + challenges_for(
        SEARCH[:3] + SEARCH[4:]
    )
    challenges += challenges_for(PASSWORD, timed=True)

    chosen = ask(SCOPE, challenges, PASSWORD_RIGHT)

    assert chosen == "c-@rechercheWeb3"


def test_untimed_challenge_of_the_best_skill_after_a_timed_one():
    """Level 4 has a timed and an untimed challenge: the untimed one is asked."""
    challenges = challenges_for(SEARCH) + challenges_for(PASSWORD, timed=True)
    challenges.append(Challenge("c-timed", "@rechercheWeb4", True, ("fr",)))

    chosen = ask(SCOPE, challenges, PASSWORD_RIGHT)

    assert chosen == "c-@rechercheWeb4"


def test_timed_challenge_follows_a_timed_one_when_nothing_else_is_left():
    """Only timed challenges remain: one is asked rather than ending early."""
    challenges = challenges_for(SCOPE, timed=True)

    chosen = ask(SCOPE, challenges, PASSWORD_RIGHT)

    assert chosen == "c-@rechercheWeb4"


def test_timed_challenge_is_fine_after_an_untimed_one():
    """The timed rule only applies right after a timed challenge."""
    challenges = challenges_for(SEARCH, timed=True) + challenges_for(PASSWORD)

    chosen = ask(SCOPE, challenges, PASSWORD_RIGHT)

    assert chosen == "c-@rechercheWeb4"


def test_test_ends_when_every_skill_is_tested():
    """Level 5 right and level 2 right settle both tubes: None."""
    answers = [answered("@rechercheWeb5"), answered("@motDePasse2")]

    assert ask(SCOPE, challenges_for(SCOPE), answers) is None


def test_test_ends_when_untested_skills_are_too_hard():
    """Estimate 1.0: levels 4-8 are left, all more than 2 levels above."""
    skills = tube("motDePasse", (2,)) + tube("tableur", range(4, 9))

    chosen = ask(skills, challenges_for(skills), [answered("@motDePasse2", "ko")])

    assert chosen is None


def test_test_ends_when_untested_skills_have_no_challenge():
    """The search tube has no servable challenge left: None."""
    chosen = ask(SCOPE, challenges_for(PASSWORD), PASSWORD_RIGHT)

    assert chosen is None
