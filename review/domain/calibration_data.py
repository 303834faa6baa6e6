"""Synthetic answer sets for calibration tests, the bench and the simulator.

Pure numpy, no Django. ``adaptive_answers`` plays every learner through a
small computerised adaptive test at once (vectorised over learners: one numpy
step per question), so that which items a learner answers depends on their
ability, as in real answers of an adaptive test. ``random_answers`` serves the
same number of items uniformly at random, as the reference without selection.
"""

from dataclasses import dataclass

import numpy as np

GRID = np.linspace(-4.0, 4.0, 41)
CANDIDATES = 12
"""A learner's next item is the most informative of the CANDIDATES items
nearest in difficulty to their current estimate (not yet answered), drawn
among the RANDOMESQUE most informative with decreasing weights (DOMAIN.md §4)."""
RANDOMESQUE = 5
_CUMULATIVE = np.cumsum(0.51 * 0.49 ** np.arange(RANDOMESQUE))


@dataclass(frozen=True)
class AnswerSet:
    """Answers as calibration takes them, and the truth they were drawn from."""

    learner_index: np.ndarray
    item_index: np.ndarray
    correct: np.ndarray
    ability: np.ndarray
    difficulty: np.ndarray
    discrimination: np.ndarray


def item_bank(n_items: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Return (difficulty b ~ N(0, 1.5), discrimination a ~ lognormal(0, 0.3))."""
    difficulty = rng.normal(0.0, 1.5, n_items)
    discrimination = rng.lognormal(0.0, 0.3, n_items)
    return difficulty, discrimination


def adaptive_answers(
    n_learners: int,
    n_items: int,
    per_learner: int = 30,
    *,
    seed: int = 0,
    adaptive: bool = True,
) -> AnswerSet:
    """Return ``per_learner`` answers of each learner (θ ~ N(0, 1)).

    Adaptive: each step updates every learner's EAP estimate on GRID and
    serves one of the most informative not-yet-answered items among the
    CANDIDATES nearest in difficulty. Not adaptive: items drawn at random without
    replacement. Same seed, same answers.
    """
    if not 0 < per_learner <= n_items:
        raise ValueError("per_learner must be between 1 and n_items.")
    rng = np.random.default_rng(seed)
    difficulty, discrimination = item_bank(n_items, rng)
    ability = rng.normal(0.0, 1.0, n_learners)
    served = np.empty((n_learners, per_learner), dtype=np.int32)
    right = np.empty((n_learners, per_learner), dtype=np.int8)
    if adaptive:
        _play_adaptive(ability, difficulty, discrimination, served, right, rng)
    else:
        for step in range(per_learner):
            served[:, step] = _random_new_items(served[:, :step], n_items, rng)
            right[:, step] = _draw(
                ability, served[:, step], difficulty, discrimination, rng
            )
    learner = np.repeat(np.arange(n_learners, dtype=np.int32), per_learner)
    return AnswerSet(
        learner_index=learner,
        item_index=served.ravel(),
        correct=right.ravel(),
        ability=ability,
        difficulty=difficulty,
        discrimination=discrimination,
    )


def _draw(ability, items, difficulty, discrimination, rng) -> np.ndarray:
    chance = 1.0 / (
        1.0 + np.exp(-discrimination[items] * (ability - difficulty[items]))
    )
    return (rng.random(len(items)) < chance).astype(np.int8)


def _random_new_items(before: np.ndarray, n_items: int, rng) -> np.ndarray:
    """Return one item per learner that is not in their row of ``before``."""
    items = rng.integers(0, n_items, len(before))
    clash = (before == items[:, None]).any(axis=1)
    while clash.any():
        items[clash] = rng.integers(0, n_items, int(clash.sum()))
        clash = (before == items[:, None]).any(axis=1)
    return items


def _play_adaptive(ability, difficulty, discrimination, served, right, rng) -> None:
    n_learners, per_learner = served.shape
    order = np.argsort(difficulty, kind="stable")
    sorted_b = difficulty[order]
    half = CANDIDATES // 2
    offsets = np.arange(-half, CANDIDATES - half)
    log_posterior = np.tile(-0.5 * GRID**2, (n_learners, 1))
    rows = np.arange(n_learners)
    for step in range(per_learner):
        weights = np.exp(log_posterior - log_posterior.max(axis=1, keepdims=True))
        estimate = (weights @ GRID) / weights.sum(axis=1)
        centre = np.searchsorted(sorted_b, estimate)
        positions = np.clip(centre[:, None] + offsets, 0, len(order) - 1)
        candidates = order[positions]
        a = discrimination[candidates]
        p = 1.0 / (1.0 + np.exp(-a * (estimate[:, None] - difficulty[candidates])))
        information = a * a * p * (1.0 - p)
        taken = (candidates[:, :, None] == served[:, None, :step]).any(axis=2)
        information[taken] = -1.0
        # a tiny jitter breaks ties (and clipped duplicates) at random
        information += rng.random(information.shape) * 1e-9
        ranked = np.argsort(-information, axis=1)[:, :RANDOMESQUE]
        pick = np.searchsorted(_CUMULATIVE, rng.random(n_learners) * _CUMULATIVE[-1])
        # never pick a taken item when a free one ranks first
        chosen = ranked[rows, pick]
        chosen = np.where(information[rows, chosen] < 0, ranked[:, 0], chosen)
        best = candidates[rows, chosen]
        exhausted = information.max(axis=1) < 0
        if exhausted.any():
            best[exhausted] = _random_new_items(
                served[exhausted, :step], len(difficulty), rng
            )
        served[:, step] = best
        outcome = _draw(ability, best, difficulty, discrimination, rng)
        right[:, step] = outcome
        logit = discrimination[best][:, None] * (
            GRID[None, :] - difficulty[best][:, None]
        )
        log_posterior -= np.logaddexp(
            0.0, np.where(outcome[:, None] == 1, -logit, logit)
        )
