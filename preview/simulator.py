"""Simulated learners through an IRT positioning test on a release's bank.

Vectorised over learners (numpy, no Django): every learner takes step k at
once. The learner model is the one of runtime.domain.simulation: a learner of
true level T answers a challenge of a skill of level L right with probability
1 - slip when L <= T, else guess. The IRT test is runtime.domain.irt's rules
within one competence (EAP on the same grid and prior, maximum information
among skills not yet answered, one item per tube while any is left,
randomesque among 5, progressive exposure control whose weight reaches 1
after ``exposure_length`` answers), stopping at ``length`` answers, once the
standard error is at most ``se_threshold``, or once the posterior probability
that the level is at most one from the placed one reaches ``within_one_stop``
(irt.IrtConfig's fields of the same names; ``simulate_config`` plays an
IrtConfig such as irt.POSITIONING).

Parameters come from ``calibrate_scope``: simulated learners of the same
population answer challenges served at random, and review.domain.calibration
calibrates those answers, as a calibration run does with real answers. The
placed level is the highest skill level whose challenges' median difficulty
the ability estimate reaches (``level_cuts``, irt.placed_level).
"""

from dataclasses import dataclass

import numpy as np

from review.domain.calibration import calibrate_2pl
from runtime.domain import irt

SLIP, GUESS = 0.10, 0.15


@dataclass(frozen=True)
class Bank:
    """One competence's challenges as arrays."""

    ids: tuple[str, ...]
    levels: np.ndarray
    tubes: np.ndarray
    skills: np.ndarray

    @classmethod
    def of_scope(cls, scope) -> "Bank":
        """Return the bank of an inference scope (runtime.domain.inference.Scope)."""
        challenges = scope.challenges
        skills = [scope.skills_by_id[c.skill_id] for c in challenges]
        tube_codes: dict = {}
        skill_codes: dict = {}
        return cls(
            ids=tuple(c.id for c in challenges),
            levels=np.array([s.level for s in skills]),
            tubes=np.array(
                [tube_codes.setdefault(s.tube, len(tube_codes)) for s in skills]
            ),
            skills=np.array(
                [skill_codes.setdefault(s.id, len(skill_codes)) for s in skills]
            ),
        )


def answer(true_levels, item_levels, rng, slip=SLIP, guess=GUESS) -> np.ndarray:
    """Return right (bool) answers of learners (true levels) to items (levels)."""
    chance = np.where(item_levels <= true_levels, 1 - slip, guess)
    return rng.random(np.shape(chance)) < chance


def calibration_answers(
    bank: Bank, learners: int = 3000, per_learner: int = 12, seed=0
) -> tuple[np.ndarray, np.ndarray]:
    """Return (items, right), learners x per_learner: simulated learners of the
    population answering challenges served at random."""
    rng = np.random.default_rng(seed)
    n = len(bank.ids)
    per_learner = min(per_learner, n)
    true_levels = rng.integers(0, 7, learners)
    items = np.argsort(rng.random((learners, n)), axis=1)[:, :per_learner]
    return items, answer(true_levels[:, None], bank.levels[items], rng)


def calibrate_scope(bank: Bank, learners: int = 3000, per_learner: int = 12, seed=0):
    """Return (a, b) per challenge, calibrated on simulated random-order answers."""
    items, right = calibration_answers(bank, learners, per_learner, seed)
    learners, per_learner = items.shape
    n = len(bank.ids)
    fitted = calibrate_2pl(
        np.repeat(np.arange(learners), per_learner),
        items.ravel(),
        right.ravel().astype(np.int8),
        n_items=n,
    )
    return fitted.discrimination, fitted.difficulty


def level_cuts(bank: Bank, difficulty: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (levels, θ cut of each): the median difficulty of its calibrated
    challenges (NaN: uncalibrated), as irt.level_cuts."""
    return irt.level_cuts(bank.levels, difficulty, np.isfinite(difficulty))


def placed_level(ability: np.ndarray, levels, cuts) -> np.ndarray:
    """Return the highest level whose cut the ability reaches (0 below all)."""
    return np.asarray(irt.placed_level(np.asarray(ability), levels, cuts))


@dataclass(frozen=True)
class Outcome:
    """Per learner: true level, placed level, questions asked; item exposure."""

    true_level: np.ndarray
    placed: np.ndarray
    questions: np.ndarray
    ability: np.ndarray
    exposure: np.ndarray  # share of learners who saw each item

    def summary(self) -> dict:
        gap = self.placed - self.true_level
        return {
            "learners": len(gap),
            "exact": round(float(np.mean(gap == 0)), 3),
            "within_one": round(float(np.mean(np.abs(gap) <= 1)), 3),
            "bias": round(float(np.mean(gap)), 3),
            "rmse_level": round(float(np.sqrt(np.mean(gap**2))), 3),
            "mean_questions": round(float(np.mean(self.questions)), 2),
            "p95_questions": int(np.percentile(self.questions, 95)),
            "max_exposure": round(float(self.exposure.max(initial=0)), 3),
            "bank_used": round(float(np.mean(self.exposure > 0)), 3),
        }


def simulate_irt(
    bank: Bank,
    discrimination,
    difficulty,
    true_levels,
    *,
    length: int = 32,
    se_threshold: float | None = None,
    min_length: int = 1,
    exposure: bool = True,
    exposure_length: int | None = None,
    within_one_stop: float | None = None,
    seed: int = 0,
) -> Outcome:
    """Play every learner through the IRT test at once; return the outcome."""
    rng = np.random.default_rng(seed)
    true_levels = np.asarray(true_levels)
    n_learners, n_items = len(true_levels), len(bank.ids)
    a = np.where(np.isfinite(discrimination), discrimination, 1.0)
    b = np.where(np.isfinite(difficulty), difficulty, 0.0)
    calibrated = np.isfinite(discrimination) & np.isfinite(difficulty)
    cuts = level_cuts(bank, np.where(calibrated, b, np.nan))
    bin_levels, member = irt.level_bins(*cuts)
    logit = a[:, None] * (irt.GRID[None, :] - b[:, None])
    log_right, log_wrong = -np.logaddexp(0, -logit), -np.logaddexp(0, logit)
    log_post = np.tile(-0.5 * irt.GRID**2 / irt.PRIOR_VARIANCE, (n_learners, 1))
    open_ = np.tile(calibrated, (n_learners, 1))
    tube_free = np.ones((n_learners, n_items), dtype=bool)
    active = np.ones(n_learners, dtype=bool)
    questions = np.zeros(n_learners, dtype=int)
    seen = np.zeros((n_learners, n_items), dtype=bool)
    rows = np.arange(n_learners)
    weights = np.cumsum(irt.RANDOMESQUE_WEIGHTS)
    same_skill = bank.skills[:, None] == bank.skills[None, :]
    same_tube = bank.tubes[:, None] == bank.tubes[None, :]
    ability, se, weights_on_grid = _eap(log_post)
    for step in range(length):
        active &= open_.any(axis=1)
        if step >= min_length:
            if se_threshold is not None:
                active &= se > se_threshold
            if within_one_stop is not None:
                placed = placed_level(ability, *cuts)
                near = np.abs(bin_levels[None, :] - placed[:, None]) <= 1
                within = ((weights_on_grid @ member) * near).sum(axis=1)
                active &= within < within_one_stop
        if not active.any():
            break
        p = 1 / (1 + np.exp(a[None, :] * (b[None, :] - ability[:, None])))
        score = a[None, :] ** 2 * p * (1 - p)
        if exposure:
            w = min(step / (exposure_length or length), 1.0)
            top = np.where(open_, score, 0).max(axis=1, keepdims=True)
            score = (1 - w) * rng.random(score.shape) * top + w * score
        eligible = open_ & np.where(
            (open_ & tube_free).any(axis=1, keepdims=True), tube_free, True
        )
        score = np.where(eligible, score, -np.inf)
        count = min(5, n_items)
        best = np.argsort(-score, axis=1, kind="stable")[:, :count]
        available = np.isfinite(score[rows[:, None], best])
        draw = np.searchsorted(
            weights[:count], rng.random(n_learners) * weights[count - 1]
        )
        draw = np.minimum(draw, available.sum(axis=1) - 1).clip(0)
        item = best[rows, draw]
        right = answer(true_levels, bank.levels[item], rng)
        # only active learners move
        live = rows[active]
        chosen = item[active]
        log_post[live] += np.where(
            right[active, None], log_right[chosen], log_wrong[chosen]
        )
        open_[live] &= ~same_skill[chosen]
        tube_free[live] &= ~same_tube[chosen]
        seen[live, chosen] = True
        questions[live] += 1
        ability, se, weights_on_grid = _eap(log_post)
    return Outcome(
        true_level=true_levels,
        placed=placed_level(ability, *cuts),
        questions=questions,
        ability=ability,
        exposure=seen.mean(axis=0),
    )


def simulate_config(
    bank: Bank,
    discrimination,
    difficulty,
    true_levels,
    config: irt.IrtConfig = irt.POSITIONING,
    *,
    seed: int = 0,
) -> Outcome:
    """Play every learner through the IRT test with ``config``'s rules."""
    return simulate_irt(
        bank,
        discrimination,
        difficulty,
        true_levels,
        length=config.length,
        se_threshold=config.se_threshold,
        min_length=config.min_length,
        exposure=config.exposure,
        exposure_length=config.exposure_length,
        within_one_stop=config.within_one_stop,
        seed=seed,
    )


def _eap(log_post: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    weights = np.exp(log_post - log_post.max(axis=1, keepdims=True))
    weights /= weights.sum(axis=1, keepdims=True)
    mean = weights @ irt.GRID
    variance = weights @ irt.GRID**2 - mean**2
    return mean, np.sqrt(np.maximum(variance, 0.0)), weights
