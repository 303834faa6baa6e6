"""IRT adaptive test: EAP estimate, eligibility, randomesque, exposure, trials."""

import itertools
import math
from collections import Counter

import numpy as np
import pytest

from runtime.domain.irt import (
    GRID,
    POSITIONING,
    AdaptiveTest,
    IrtConfig,
    ItemBank,
    estimate_ability,
    level_cuts,
    placed_level,
    success_probabilities,
)

PLAIN = IrtConfig(exposure=False)


def bank_of(rows, calibrated=None):
    """rows: (id, a, b, skill, tube, competence)."""
    ids, a, b, skills, tubes, competences = zip(*rows, strict=True)
    return ItemBank(ids, a, b, skills, tubes, competences, calibrated)


def small_bank(n_tubes=12, per_tube=3, competences=4, seed=0):
    rng = np.random.default_rng(seed)
    rows = []
    for tube in range(n_tubes):
        for level in range(per_tube):
            rows.append(
                (
                    f"c{tube}-{level}",
                    float(rng.lognormal(0, 0.3)),
                    float(rng.normal(0, 1.5)),
                    f"s{tube}-{level}",
                    f"t{tube}",
                    f"k{tube % competences}",
                )
            )
    return bank_of(rows)


def test_with_no_answer_the_estimate_is_the_prior():
    bank = small_bank()
    estimate = AdaptiveTest(bank).estimate

    assert estimate.ability == pytest.approx(0.0, abs=1e-9)
    assert estimate.standard_error == pytest.approx(1.5**0.5, abs=1e-3)


def test_eap_matches_a_fine_numerical_integral():
    """Golden: the 80-point grid EAP agrees with a 20,001-point integral."""
    bank = bank_of(
        [
            ("x", 1.2, -0.5, "s1", "t1", "k1"),
            ("y", 0.8, 1.0, "s2", "t2", "k2"),
            ("z", 1.5, 0.3, "s3", "t3", "k3"),
        ]
    )
    estimate = estimate_ability(bank, [0, 1, 2], [True, False, True])

    fine = np.linspace(-9, 9, 20001)
    density = np.exp(-0.5 * fine**2 / 1.5)
    for a, b, right in ((1.2, -0.5, 1), (0.8, 1.0, 0), (1.5, 0.3, 1)):
        p = 1 / (1 + np.exp(-a * (fine - b)))
        density *= p if right else 1 - p
    mean = (fine * density).sum() / density.sum()
    sd = np.sqrt(((fine - mean) ** 2 * density).sum() / density.sum())
    assert estimate.ability == pytest.approx(mean, abs=2e-3)
    assert estimate.standard_error == pytest.approx(sd, abs=2e-3)
    assert 0.6 < estimate.ability < 0.85


def test_the_test_state_and_the_direct_estimate_agree():
    bank = small_bank()
    test = AdaptiveTest(bank)
    for item, right in ((0, True), (5, False), (9, True)):
        test.record(item, right)

    direct = estimate_ability(bank, [0, 5, 9], [True, False, True])

    assert test.estimate.ability == pytest.approx(direct.ability, abs=1e-12)
    assert test.estimate.standard_error == pytest.approx(direct.standard_error)
    assert test.scored == 3


def test_right_answers_raise_and_wrong_answers_lower_the_estimate():
    bank = small_bank()
    up, down = AdaptiveTest(bank), AdaptiveTest(bank)
    up.record(0, True)
    down.record(0, False)

    assert up.estimate.ability > 0 > down.estimate.ability
    assert up.estimate.standard_error < 1.5**0.5


def test_next_item_respects_skill_tube_and_competence_rules():
    bank = small_bank(n_tubes=24)
    rng = np.random.default_rng(1)
    test = AdaptiveTest(bank, PLAIN)
    served = []
    for _ in range(12):
        item, trial = test.next_item(rng)
        assert not trial
        served.append(item)
        test.record(item, bool(rng.random() < 0.5))

    skills = [bank.skill[i] for i in served]
    tubes = [bank.tube[i] for i in served]
    competences = [bank.competence[i] for i in served]
    assert len(set(skills)) == 12
    assert len(set(tubes)) == 12  # one item per tube
    for before, now in zip(competences, competences[2:], strict=False):
        assert now != before
    for before, now in itertools.pairwise(competences):
        assert now != before


def test_a_tube_serves_again_once_every_tube_was_used():
    bank = small_bank(n_tubes=4, per_tube=3, competences=4)
    rng = np.random.default_rng(2)
    test = AdaptiveTest(bank, IrtConfig(exposure=False, length=12))
    served = []
    while (chosen := test.next_item(rng)) is not None:
        served.append(chosen[0])
        test.record(chosen[0], True)

    assert len(served) == 12  # the whole bank, every skill once
    assert len({bank.skill[i] for i in served}) == 12


def test_randomesque_draws_among_the_five_most_informative():
    bank = small_bank()
    p = 1 / (1 + np.exp(bank.a * bank.b))
    information = bank.a2 * p * (1 - p)
    top = list(np.argsort(-information)[:5])
    firsts = Counter(
        AdaptiveTest(bank, PLAIN).next_item(np.random.default_rng(seed))[0]
        for seed in range(400)
    )

    assert set(firsts) <= set(top)
    assert firsts.most_common(1)[0][0] == top[0]
    assert firsts[top[0]] / 400 == pytest.approx(
        0.51 / sum(0.51 * 0.49**k for k in range(5)), abs=0.08
    )


def test_progressive_selection_spreads_the_first_item():
    bank = small_bank()
    firsts = Counter(
        AdaptiveTest(bank).next_item(np.random.default_rng(seed))[0]
        for seed in range(400)
    )

    assert len(firsts) > 20
    assert max(firsts.values()) / 400 < 0.2


def test_over_exposed_items_are_left_out_while_others_remain():
    bank = small_bank()
    rates = np.zeros(len(bank))
    rates[:-1] = 0.5  # only the last item is under the limit
    test = AdaptiveTest(bank, IrtConfig(max_exposure=0.25))

    item, _ = test.next_item(np.random.default_rng(0), exposure_rates=rates)

    assert item == len(bank) - 1
    rates[:] = 0.5  # everything over: the rule gives way
    assert test.next_item(np.random.default_rng(0), exposure_rates=rates) is not None


def test_the_test_stops_at_its_length_or_once_precise_enough():
    bank = small_bank(n_tubes=40, per_tube=3, competences=8)
    rng = np.random.default_rng(3)
    short = AdaptiveTest(bank, IrtConfig(length=5))
    while (chosen := short.next_item(rng)) is not None:
        short.record(chosen[0], bool(rng.random() < 0.5))
    precise = AdaptiveTest(bank, IrtConfig(length=60, min_length=4, se_threshold=0.6))
    while (chosen := precise.next_item(rng)) is not None:
        precise.record(chosen[0], bool(rng.random() < 0.5))

    assert short.scored == 5
    assert 4 <= precise.scored < 60
    assert precise.estimate.standard_error <= 0.6


def test_the_exposure_weight_reaches_one_after_exposure_length_answers():
    """After ``exposure_length`` answers the choice is the plain randomesque
    among the 5 most informative; over a length of 32 it is still spread."""
    bank = small_bank(n_tubes=40, per_tube=3, competences=8)
    answers = [("c0-0", True, False), ("c1-1", False, False)]

    def picks(config):
        return {
            AdaptiveTest.replay(bank, answers, config).next_item(
                np.random.default_rng(seed)
            )[0]
            for seed in range(300)
        }

    top_five = picks(PLAIN)
    assert len(top_five) == 5
    assert picks(IrtConfig(exposure_length=2)) <= top_five
    assert not picks(IrtConfig()) <= top_five


def level_bank():
    """Six levels x 4 tubes x 2 challenges, b rising with the level."""
    rows = [
        (f"c{tube}-{level}-{n}", 2.0, level - 3.5 + 0.1 * n, f"s{tube}-{level}")
        for tube in range(4)
        for level in range(1, 7)
        for n in range(2)
    ]
    bank = bank_of([(i, a, b, s, s.split("-")[0], "k") for i, a, b, s in rows])
    levels = [int(s.split("-")[1]) for *_, s in rows]
    return bank, level_cuts(levels, bank.b, bank.calibrated)


def test_level_cuts_and_the_placed_level():
    _bank, (levels, cuts) = level_bank()

    assert list(levels) == [1, 2, 3, 4, 5, 6]
    assert cuts == pytest.approx([-2.45, -1.45, -0.45, 0.55, 1.55, 2.55])
    assert placed_level(-3.0, levels, cuts) == 0
    assert placed_level(0.55, levels, cuts) == 4
    assert list(placed_level(np.array([-9.0, 0.0, 9.0]), levels, cuts)) == [0, 3, 6]


def test_level_probabilities_are_the_posterior_between_cuts():
    bank, cuts = level_bank()
    test = AdaptiveTest(bank, POSITIONING, cuts=cuts)
    prior = test.level_probabilities()

    assert sum(prior.values()) == pytest.approx(1.0)
    assert prior[0] == pytest.approx(0.5 * math.erfc(2.45 / (2 * 1.5) ** 0.5), abs=0.02)
    for item in ("c0-1-0", "c1-2-0", "c2-3-0"):
        test.record(bank.index[item], True)
    for item in ("c0-4-0", "c1-5-0", "c3-4-1"):
        test.record(bank.index[item], False)

    probabilities = test.level_probabilities()
    assert test.placed_level() == 3
    assert max(probabilities, key=probabilities.get) == 3
    assert test.within_one_probability() == pytest.approx(
        probabilities[2] + probabilities[3] + probabilities[4]
    )
    assert test.within_one_probability() > 0.9


def test_a_positioning_test_stops_once_the_level_is_sure_within_one():
    bank, cuts = level_bank()
    rng = np.random.default_rng(8)
    lengths = []
    for true_level in [0, 3, 6] * 20:
        test = AdaptiveTest(bank, POSITIONING, cuts=cuts)
        while (chosen := test.next_item(rng)) is not None:
            level = int(bank.ids[chosen[0]].split("-")[1])
            right = rng.random() < (0.9 if level <= true_level else 0.15)
            test.record(chosen[0], bool(right))
        assert test.scored == POSITIONING.length or (
            test.within_one_probability() >= POSITIONING.within_one_stop
        )
        lengths.append(test.scored)

    assert min(lengths) < POSITIONING.length
    assert np.mean(lengths) < 10
    # without cuts, the level rule cannot apply: the test runs to its length
    test = AdaptiveTest(bank, POSITIONING)
    while (chosen := test.next_item(rng)) is not None:
        test.record(chosen[0], True)
    assert test.scored == POSITIONING.length


def test_trial_slots_serve_uncalibrated_items_unscored():
    rows = [
        (f"c{i}", 1.0, (i % 7) - 3.0, f"s{i}", f"t{i}", f"k{i % 5}") for i in range(30)
    ]
    calibrated = [i >= 4 for i in range(30)]  # c0-c3 are new
    bank = bank_of(rows, calibrated)
    counts = np.array([5, 0, 3, 9] + [0] * 26)
    test = AdaptiveTest(bank, IrtConfig(trial_every=3, length=6, competence_gap=0))
    rng = np.random.default_rng(4)
    kinds = []
    while (chosen := test.next_item(rng, trial_counts=counts)) is not None:
        item, trial = chosen
        kinds.append((item, trial))
        before = test.estimate
        test.record(item, True, trial=trial)
        if trial:
            assert test.estimate == before  # never changes the result

    trials = [item for item, trial in kinds if trial]
    assert [trial for _, trial in kinds] == [False, False, True] * 2 + [False] * 2
    assert trials == [1, 2]  # least answered first
    assert all(bank.calibrated[item] for item, trial in kinds if not trial)
    assert test.scored == 6


def test_uncalibrated_items_are_never_scored_items():
    rows = [(f"c{i}", 1.0, 0.0, f"s{i}", f"t{i}", f"k{i % 3}") for i in range(6)]
    bank = bank_of(rows, [True, True, False, False, True, True])
    rng = np.random.default_rng(5)
    test = AdaptiveTest(bank, IrtConfig(length=10))
    served = []
    while (chosen := test.next_item(rng)) is not None:
        served.append(chosen[0])
        test.record(chosen[0], True)

    assert sorted(served) == [0, 1, 4, 5]


def test_items_left_out_are_never_served_scored_or_trial():
    rows = [(f"c{i}", 1.0, 0.0, f"s{i}", f"t{i}", f"k{i % 3}") for i in range(6)]
    bank = bank_of(rows, [True, True, False, False, True, True])
    test = AdaptiveTest(bank, IrtConfig(length=10, trial_every=2))
    test.leave_out(np.array([1, 2, 5]))
    rng = np.random.default_rng(5)
    served = []
    while (chosen := test.next_item(rng)) is not None:
        served.append(chosen)
        test.record(*chosen[:1], True, trial=chosen[1])

    assert sorted(served) == [(0, False), (3, True), (4, False)]


def test_success_probabilities_follow_the_2pl_formula():
    bank = bank_of([("x", 1.5, 0.5, "s", "t", "k"), ("y", 0.8, -1.0, "s2", "t2", "k")])

    chances = success_probabilities(bank, [0, 1], 0.5)

    assert chances == pytest.approx([0.5, 1 / (1 + np.exp(-0.8 * 1.5))])


def test_parameters_missing_make_an_item_uncalibrated():
    bank = bank_of(
        [("x", float("nan"), 0.0, "s", "t", "k"), ("y", 1.0, 0.0, "s2", "t2", "k")]
    )

    assert list(bank.calibrated) == [False, True]


def test_replay_rebuilds_the_same_state():
    bank = small_bank()
    rng = np.random.default_rng(6)
    test = AdaptiveTest(bank)
    answers = []
    for _ in range(6):
        item, trial = test.next_item(rng)
        right = bool(rng.random() < 0.5)
        test.record(item, right, trial=trial)
        answers.append((bank.ids[item], right, trial))

    again = AdaptiveTest.replay(bank, [*answers, ("gone", True, False)])

    assert again.estimate == test.estimate
    assert again.served == test.served
    assert np.array_equal(again.open, test.open)


def test_the_grid_is_the_domain_grid():
    assert len(GRID) == 80
    assert GRID[0] == -9
    assert GRID[-1] == 9
