"""2PL calibration: recovery on generated adaptive answers, degenerate items,
determinism, warm start, classical statistics and flags (golden thresholds)."""

import numpy as np
import pytest

from review.domain.calibration import (
    DECLINAISON_GAP,
    DRIFT,
    INSUFFICIENT_DATA,
    LOW_DISCRIMINATION,
    NEGATIVE_DISCRIMINATION,
    TOO_EASY,
    TOO_HARD,
    Calibration,
    FlagRules,
    ItemStatistics,
    calibrate_2pl,
    item_flags,
    item_statistics,
)
from review.domain.calibration_data import adaptive_answers


@pytest.fixture(scope="module")
def adaptive():
    """4,000 learners x 30 adaptive answers over a 300-item bank (seed 7)."""
    return adaptive_answers(4000, 300, seed=7)


@pytest.fixture(scope="module")
def fitted(adaptive):
    return calibrate_2pl(
        adaptive.learner_index, adaptive.item_index, adaptive.correct, n_items=300
    )


def recovery(calibration, answers, minimum=20):
    kept = calibration.answers >= minimum
    b, true_b = calibration.difficulty[kept], answers.difficulty[kept]
    return {
        "items": int(kept.sum()),
        "corr_b": np.corrcoef(b, true_b)[0, 1],
        "rmse_b": float(np.sqrt(np.mean((b - true_b) ** 2))),
        "slope": np.polyfit(true_b, b, 1)[0],
        "corr_a": np.corrcoef(
            calibration.discrimination[kept], answers.discrimination[kept]
        )[0, 1],
    }


def test_adaptive_answers_are_recovered(adaptive, fitted):
    """Golden thresholds on seed 7 (measured: corr_b 0.981, RMSE 0.28, slope 1.03,
    corr_a 0.69)."""
    found = recovery(fitted, adaptive)

    assert fitted.converged
    assert found["items"] >= 150
    assert found["corr_b"] >= 0.975
    assert found["rmse_b"] <= 0.30
    assert 0.95 <= found["slope"] <= 1.07
    assert found["corr_a"] >= 0.6


def test_abilities_and_errors_are_sensible(adaptive, fitted):
    """Learners' posterior means track their true abilities; errors shrink
    with answers."""
    assert np.corrcoef(fitted.ability, adaptive.ability)[0, 1] >= 0.9
    kept = fitted.answers >= 20
    many = fitted.answers >= 400
    assert np.all(fitted.difficulty_se[kept] > 0)
    assert np.median(fitted.difficulty_se[many]) < np.median(
        fitted.difficulty_se[kept & ~many]
    )
    # about 95 % of true difficulties lie within 2 errors of the estimate
    inside = np.abs(fitted.difficulty - adaptive.difficulty) <= 2 * (
        fitted.difficulty_se
    )
    assert 0.85 <= inside[kept].mean() <= 1.0


def test_the_same_input_gives_the_same_output(adaptive, fitted):
    again = calibrate_2pl(
        adaptive.learner_index, adaptive.item_index, adaptive.correct, n_items=300
    )

    np.testing.assert_array_equal(again.difficulty, fitted.difficulty)
    np.testing.assert_array_equal(again.discrimination, fitted.discrimination)
    np.testing.assert_array_equal(again.difficulty_se, fitted.difficulty_se)
    assert again.iterations == fitted.iterations


def test_a_recalibration_with_one_percent_more_answers_starts_warm(adaptive):
    """The previous run as start: converged again in at most 5 EM steps."""
    more = adaptive_answers(4040, 300, seed=7)
    kept = more.learner_index < 4000
    before = calibrate_2pl(
        more.learner_index[kept], more.item_index[kept], more.correct[kept], n_items=300
    )
    after = calibrate_2pl(
        more.learner_index, more.item_index, more.correct, n_items=300, start=before
    )
    cold = calibrate_2pl(more.learner_index, more.item_index, more.correct, n_items=300)

    assert after.converged
    assert after.iterations <= 5
    assert cold.iterations > after.iterations
    kept_items = after.answers >= 20
    assert np.max(np.abs(after.difficulty - cold.difficulty)[kept_items]) < 0.1


def test_degenerate_items_stay_finite_or_nan():
    """An item everyone gets right has a finite, very low difficulty; an item
    nobody answered is NaN with no answer counted; one never right is hard."""
    answers = adaptive_answers(1500, 60, seed=3)
    learner, item, right = answers.learner_index, answers.item_index, answers.correct
    right = np.where(item == 0, 1, right)  # everyone right
    right = np.where(item == 1, 0, right)  # everyone wrong
    kept = item != 2  # nobody answers item 2
    fitted = calibrate_2pl(learner[kept], item[kept], right[kept], n_items=61)

    assert fitted.converged
    assert np.isfinite(fitted.difficulty[0])
    assert fitted.difficulty[0] < np.nanmin(np.delete(fitted.difficulty, [0, 1]))
    assert fitted.difficulty[1] > np.nanmax(np.delete(fitted.difficulty, [0, 1]))
    assert np.isfinite(fitted.difficulty[1])
    assert np.isnan(fitted.difficulty[2])
    assert np.isnan(fitted.discrimination[2])
    assert np.isnan(fitted.difficulty[60])  # beyond the answers, within n_items
    assert fitted.answers[2] == 0
    assert fitted.answers[60] == 0
    assert np.all(np.isfinite(fitted.discrimination[[0, 1]]))


def test_generated_answers_need_enough_items():
    with pytest.raises(ValueError, match="per_learner"):
        adaptive_answers(10, 5, 6)


def test_no_answer_at_all_gives_nan_items():
    empty = np.array([], dtype=int)
    fitted = calibrate_2pl(empty, empty, empty, n_items=3)

    assert np.isnan(fitted.difficulty).all()
    assert list(fitted.answers) == [0, 0, 0]


@pytest.mark.parametrize(
    ("learner", "item", "right", "message"),
    [
        ([0, 1], [0], [1, 0], "length"),
        ([0, -1], [0, 1], [1, 0], "non-negative"),
        ([0, 1], [0, 1], [1, 2], "0 or 1"),
        ([0.5, 1], [0, 1], [1, 0], "integers"),
        ([0, 1], [0, 5], [1, 0], "n_items"),
    ],
)
def test_bad_answers_are_refused_clearly(learner, item, right, message):
    with pytest.raises(ValueError, match=message):
        calibrate_2pl(np.array(learner), np.array(item), np.array(right), n_items=3)


def test_item_statistics_golden_values():
    learner = np.array([0, 1, 2, 3, 0, 1, 2])
    item = np.array([0, 0, 0, 0, 1, 1, 2])
    right = np.array([0, 0, 1, 1, 1, 0, 1])
    ability = np.array([-1.0, 0.0, 1.0, 2.0])

    found = item_statistics(learner, item, right, ability, n_items=4)

    assert list(found.answers) == [4, 2, 1, 0]
    np.testing.assert_allclose(found.success_rate[:3], [0.5, 0.5, 1.0])
    np.testing.assert_allclose(found.mean_ability[:3], [0.5, -0.5, 1.0])
    expected = np.corrcoef([0, 0, 1, 1], [-1, 0, 1, 2])[0, 1]
    np.testing.assert_allclose(found.point_biserial[0], expected)
    assert found.point_biserial[1] == pytest.approx(-1.0)
    assert np.isnan(found.point_biserial[2])  # one answer
    assert np.isnan(found.success_rate[3])  # no answer


def calibration(b, a, se, answers):
    b, a, se = (np.array(x, dtype=float) for x in (b, a, se))
    return Calibration(
        difficulty=b,
        discrimination=a,
        difficulty_se=se,
        discrimination_se=se,
        answers=np.array(answers),
        ability=np.array([]),
        converged=True,
        iterations=1,
        log_likelihood=0.0,
    )


def statistics(r):
    n = len(r)
    return ItemStatistics(
        answers=np.full(n, 100),
        success_rate=np.full(n, 0.5),
        point_biserial=np.array(r, dtype=float),
        mean_ability=np.zeros(n),
    )


def test_flags_golden_cases():
    rules = FlagRules()
    low, high = rules.level_band(3)
    fitted = calibration(
        b=[low - 1.0, high + 1.0, (low + high) / 2, 0.0, 0.0, low - 1.0, 0.0],
        a=[1.0, 1.0, 0.3, 1.0, 1.0, 1.0, 1.0],
        se=[0.1, 0.1, 0.1, 0.1, 0.1, 2.0, 0.1],
        answers=[100, 100, 100, 100, 5, 100, 100],
    )
    flags = item_flags(
        fitted,
        statistics([0.4, 0.4, 0.4, -0.2, 0.4, 0.4, 0.05]),
        levels=[3, 3, 3, 0, 3, 3, 0],
        rules=rules,
    )

    assert flags == [
        (TOO_EASY,),
        (TOO_HARD,),
        (LOW_DISCRIMINATION,),  # a below 0.4
        (NEGATIVE_DISCRIMINATION,),  # level unknown: no level flag
        (INSUFFICIENT_DATA,),  # nothing else said on 5 answers
        (),  # too easy by its value, but within 2 errors
        (LOW_DISCRIMINATION,),  # point-biserial below 0.1
    ]


def test_declinaison_and_drift_flags():
    fitted = calibration(
        b=[0.0, 1.5, 0.3, 0.0], a=[1] * 4, se=[0.1] * 4, answers=[100] * 4
    )
    before = calibration(b=[0.0, 1.5, 1.2], a=[1] * 3, se=[0.1] * 3, answers=[100] * 3)

    flags = item_flags(
        fitted,
        statistics([0.4] * 4),
        prototypes=[-1, 0, 0, -1],
        previous=before,
    )

    assert flags == [(), (DECLINAISON_GAP,), (DRIFT,), ()]
