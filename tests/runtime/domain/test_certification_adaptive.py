"""Scoring an adaptive certification from the IRT ability (no database)."""

import numpy as np
import pytest

from runtime.domain import irt
from runtime.domain.certification_adaptive import (
    AdaptiveAnswer,
    global_level,
    level_cuts,
    score_adaptive_certification,
)
from runtime.domain.certification_scoring import Outcome

LEVELS = np.repeat([1, 2, 3, 4], 10)
DIFFICULTY = LEVELS - 2.5 + np.tile(np.linspace(-0.2, 0.2, 10), 4)


def bank() -> irt.ItemBank:
    n = len(LEVELS)
    return irt.ItemBank(
        ids=[f"c{i}" for i in range(n)],
        discrimination=np.full(n, 1.5),
        difficulty=DIFFICULTY,
        skills=range(n),
        tubes=range(n),
        competences=["1.1"] * (n // 2) + ["2.1"] * (n // 2),
    )


def answers(true_level: int, **overrides) -> list[AdaptiveAnswer]:
    return [
        AdaptiveAnswer(
            item=item,
            competence="1.1" if item < 20 else "2.1",
            correct=bool(LEVELS[item] <= true_level),
            **overrides,
        )
        for item in range(0, 40, 2)
    ]


def test_level_cuts_are_median_difficulties_never_going_down():
    levels, cuts = level_cuts([1, 1, 2, 2, 3], [-1.0, -2.0, -1.8, -1.6, 0.5], [1] * 5)

    assert list(levels) == [1, 2, 3]
    assert list(cuts) == pytest.approx([-1.5, -1.5, 0.5])


def test_the_global_level_is_the_highest_cut_reached():
    levels, cuts = np.array([1, 2, 3]), np.array([-1.0, 0.0, 1.0])

    assert [global_level(theta, levels, cuts) for theta in (-2, -1, 0.5, 3)] == [
        0,
        1,
        2,
        3,
    ]


def test_a_candidate_at_level_2_is_certified_up_to_2():
    items = bank()
    cuts = level_cuts(LEVELS, DIFFICULTY, np.ones(40, dtype=bool))

    result = score_adaptive_certification(
        answers(2), bank=items, profile={"1.1": (24, 3), "2.1": (16, 2)}, cuts=cuts
    )

    assert [(c.competence, c.outcome, c.level, c.pix) for c in result.competences] == [
        ("1.1", Outcome.DOWNGRADED, 2, 16),
        ("2.1", Outcome.CERTIFIED, 2, 16),
    ]
    assert (result.rejected, result.needs_jury, result.pix) == (False, False, 32)
    assert result.rate == 50
    assert "global level 2" in result.reason


def test_fewer_than_20_counted_answers_reject_and_trials_never_count():
    items = bank()
    cuts = level_cuts(LEVELS, DIFFICULTY, np.ones(40, dtype=bool))
    short = answers(4)[:19]
    trials = [AdaptiveAnswer(item=1, competence="1.1", correct=True, trial=True)]

    result = score_adaptive_certification(
        short + trials, bank=items, profile={"1.1": (24, 3)}, cuts=cuts
    )

    assert result.rejected
    assert result.pix == 0
    assert result.competences[0].outcome == Outcome.FAILED
    assert result.reason.startswith("rejected: 19 scored answers < 20")


def test_neutralised_answers_leave_the_estimate_and_may_call_the_jury():
    items = bank()
    cuts = level_cuts(LEVELS, DIFFICULTY, np.ones(40, dtype=bool))
    neutral = [
        AdaptiveAnswer(
            item=a.item, competence=a.competence, correct=False, neutralized=True
        )
        for a in answers(4)[:10]
    ]
    kept = answers(4)[10:] + answers(4)[:10]

    result = score_adaptive_certification(
        kept + neutral, bank=items, profile={"1.1": (32, 4)}, cuts=cuts, min_length=5
    )

    assert not result.needs_jury
    assert (result.competences[0].asked, result.competences[0].neutralized) == (20, 10)
    assert result.competences[0].level == 4
