"""Simulated learners through the adaptive test and scoring (bench/bench_simulation)."""

import random

import pytest

from runtime.domain.inference import Challenge, Scope, Skill
from runtime.domain.simulation import (
    LearnerModel,
    PlayedTest,
    Summary,
    play_test,
    summarise,
)

TUBES = ("@a", "@b")
SKILLS = tuple(
    Skill(f"{tube}{level}", tube, level) for tube in TUBES for level in range(1, 7)
)
SCOPE = Scope(
    SKILLS,
    tuple(
        Challenge(f"c-{skill.id}-{n}", skill.id, False, ("fr-fr",))
        for skill in SKILLS
        for n in range(2)
    ),
)
PIX = dict.fromkeys((skill.id for skill in SKILLS), 4.0)
"""Two skills per level: 4 pix each, 8 per level."""
EXACT = LearnerModel(slip=0.0, guess=0.0)


@pytest.mark.parametrize("true_level", range(7))
def test_a_learner_who_never_slips_nor_guesses_is_placed_at_their_level(true_level):
    """Without noise the test places every learner exactly, with 8 pix per level."""
    outcome = play_test(SCOPE, PIX, true_level=true_level, key="k", model=EXACT)

    assert (outcome.placed_level, outcome.pix) == (true_level, 8 * true_level)
    assert 0 < len(outcome.served) == len(set(outcome.served)) < len(SKILLS)


def test_the_same_key_plays_the_same_test():
    """Everything is seeded by the key: answers and the inference's draws."""
    first = play_test(SCOPE, PIX, true_level=3, key="learner-7")

    assert play_test(SCOPE, PIX, true_level=3, key="learner-7") == first


def test_slip_and_guess_set_the_chance_of_a_right_answer():
    """1 - slip at or below the true level, guess above it."""
    model = LearnerModel(slip=0.1, guess=0.15)
    rng = random.Random(1)

    easy = sum(model.succeeds(2, 3, rng) for _ in range(10_000)) / 10_000
    hard = sum(model.succeeds(4, 3, rng) for _ in range(10_000)) / 10_000

    assert easy == pytest.approx(0.9, abs=0.01)
    assert hard == pytest.approx(0.15, abs=0.01)


def test_summarise_gives_placement_length_exposure_and_bank_use():
    """Shares over tests: exact, within one level, most-served, bank served."""
    outcomes = [
        PlayedTest(true_level=2, served=("x", "y"), placed_level=2, pix=16),
        PlayedTest(true_level=3, served=("x", "z", "y"), placed_level=2, pix=23),
        PlayedTest(true_level=5, served=("x",), placed_level=1, pix=8),
        PlayedTest(true_level=0, served=("w", "y"), placed_level=0, pix=0),
    ]

    summary = summarise(outcomes, bank=["w", "x", "y", "z", "unused"])

    assert summary == Summary(
        tests=4,
        exact=0.5,
        within_one=0.75,
        mean_questions=2.0,
        most_served="x",
        most_served_share=0.75,
        bank_served_share=0.8,
    )
