"""The vectorised IRT simulator on a small synthetic competence."""

import numpy as np
import pytest

from preview.simulator import (
    Bank,
    answer,
    calibrate_scope,
    level_cuts,
    placed_level,
    simulate_config,
    simulate_irt,
)
from runtime.domain import irt
from runtime.domain.inference import Challenge, Skill, scope_of


def synthetic_scope(tubes=6, levels=(1, 2, 3, 4, 5, 6), per_skill=2):
    skills, challenges = [], []
    for tube in range(tubes):
        for level in levels:
            skill = Skill(id=f"s{tube}-{level}", tube=f"t{tube}", level=level)
            skills.append(skill)
            for number in range(per_skill):
                challenges.append(
                    Challenge(
                        id=f"c{tube}-{level}-{number}",
                        skill_id=skill.id,
                        timed=False,
                        locales=("fr-fr",),
                    )
                )
    return scope_of(skills, challenges)


@pytest.fixture(scope="module")
def calibrated():
    bank = Bank.of_scope(synthetic_scope())
    a, b = calibrate_scope(bank, learners=2000, seed=3)
    return bank, a, b


def test_the_bank_follows_the_scope():
    bank = Bank.of_scope(synthetic_scope(tubes=2, levels=(1, 2), per_skill=2))

    assert len(bank.ids) == 8
    assert list(bank.levels) == [1, 1, 2, 2, 1, 1, 2, 2]
    assert list(bank.tubes) == [0, 0, 0, 0, 1, 1, 1, 1]
    assert list(bank.skills) == [0, 0, 1, 1, 2, 2, 3, 3]


def test_learners_answer_by_their_level_with_slip_and_guess():
    rng = np.random.default_rng(0)
    below = answer(np.full(20000, 3), np.full(20000, 2), rng)
    above = answer(np.full(20000, 3), np.full(20000, 5), rng)

    assert below.mean() == pytest.approx(0.9, abs=0.01)
    assert above.mean() == pytest.approx(0.15, abs=0.01)


def test_calibration_orders_challenges_by_level(calibrated):
    bank, a, b = calibrated
    medians = [np.median(b[bank.levels == level]) for level in range(1, 7)]

    assert medians == sorted(medians)
    assert np.all(a > 0.5)


def test_the_placed_level_is_the_highest_cut_reached():
    levels, cuts = np.array([1, 2, 3]), np.array([-1.0, 0.0, 1.0])

    placed = placed_level(np.array([-2.0, -1.0, 0.5, 3.0]), levels, cuts)

    assert list(placed) == [0, 1, 2, 3]


def test_cuts_never_go_down_with_the_level():
    bank = Bank.of_scope(synthetic_scope(tubes=1, levels=(1, 2, 3), per_skill=1))

    levels, cuts = level_cuts(bank, np.array([0.0, -0.5, 1.0]))

    assert list(levels) == [1, 2, 3]
    assert list(cuts) == [0.0, 0.0, 1.0]


def test_irt_places_most_learners_within_one_level(calibrated):
    """Golden: on this bank, 32 answers at most place >= 90 % within one level."""
    bank, a, b = calibrated
    levels = np.random.default_rng(1).integers(0, 7, 2000)

    outcome = simulate_irt(bank, a, b, levels, length=32, seed=1)
    figures = outcome.summary()

    assert figures["within_one"] >= 0.9
    assert figures["mean_questions"] <= 32
    assert outcome.questions.max() <= 36  # one per skill at most
    assert figures["bank_used"] == 1.0


def test_a_standard_error_threshold_stops_tests_earlier(calibrated):
    bank, a, b = calibrated
    levels = np.random.default_rng(2).integers(0, 7, 1000)

    full = simulate_irt(bank, a, b, levels, length=32, seed=2)
    early = simulate_irt(bank, a, b, levels, length=32, se_threshold=0.5, seed=2)

    assert early.questions.mean() < full.questions.mean()


def test_uncalibrated_challenges_are_never_served(calibrated):
    bank, a, b = calibrated
    a = a.copy()
    a[:6] = np.nan

    outcome = simulate_irt(bank, a, b, np.full(300, 3), seed=4)

    assert np.all(outcome.exposure[:6] == 0)


def test_the_same_seed_gives_the_same_outcome(calibrated):
    bank, a, b = calibrated
    levels = np.arange(300) % 7

    first = simulate_irt(bank, a, b, levels, seed=5)
    second = simulate_irt(bank, a, b, levels, seed=5)

    assert np.array_equal(first.placed, second.placed)
    assert np.array_equal(first.questions, second.questions)


def test_the_positioning_rules_place_better_with_fewer_questions(calibrated):
    """Golden (issue 17, seeded): irt.POSITIONING on this bank places >= 96.5 %
    within one level and >= 55 % exactly with <= 9.6 questions (p95 12); the
    former rules (32 answers, exposure over 32, stop at SE 0.45) ask > 13
    questions for fewer placed within one."""
    bank, a, b = calibrated
    levels = np.random.default_rng(6).integers(0, 7, 4000)

    positioning = simulate_config(bank, a, b, levels, seed=6).summary()
    former = simulate_irt(bank, a, b, levels, se_threshold=0.45, seed=6).summary()

    assert positioning["within_one"] >= 0.965
    assert positioning["exact"] >= 0.55
    assert positioning["mean_questions"] <= 9.6
    assert positioning["p95_questions"] <= irt.POSITIONING.length
    assert former["mean_questions"] > 13
    assert former["within_one"] < positioning["within_one"]


def test_the_simulator_plays_the_runtime_rules(calibrated):
    """One learner at a time through runtime.domain.irt.AdaptiveTest gives
    the vectorised simulator's figures (other random draws, same rules)."""
    bank, a, b = calibrated
    levels = np.random.default_rng(7).integers(0, 7, 4000)
    item_bank = irt.ItemBank(bank.ids, a, b, bank.skills, bank.tubes, ["k"] * 72)
    cuts = irt.level_cuts(bank.levels, b, np.isfinite(b))
    rng = np.random.default_rng(7)
    placed, questions = [], []
    for true_level in levels[:800]:
        test = irt.AdaptiveTest(item_bank, irt.POSITIONING, cuts=cuts)
        while (chosen := test.next_item(rng)) is not None:
            right = answer(true_level, bank.levels[chosen[0]], rng)
            test.record(chosen[0], bool(right))
        placed.append(test.placed_level())
        questions.append(test.scored)
    gap = np.array(placed) - levels[:800]

    simulated = simulate_config(bank, a, b, levels, seed=7).summary()

    assert np.mean(questions) == pytest.approx(simulated["mean_questions"], abs=0.4)
    assert np.mean(np.abs(gap) <= 1) == pytest.approx(
        simulated["within_one"], abs=0.025
    )
    assert np.mean(gap == 0) == pytest.approx(simulated["exact"], abs=0.06)
