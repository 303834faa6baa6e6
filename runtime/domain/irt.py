"""IRT adaptive testing (2PL): ability estimate, next item, stopping. No Django.

DOMAIN.md §4 ("flash"): P(θ) = 1 / (1 + e^(a(b - θ))); the ability is the
expected a posteriori over a grid -9…9 (80 points) with a Gaussian prior
(variance 1.5), with its standard error (posterior standard deviation).
The next item maximises Fisher information a²·p·(1 - p) at the estimate among
eligible items: no skill already answered, at most one item per tube (unless
no such item is left), no competence of the last 2 answers (unless no such
item is left); one of the 5 best is drawn with decreasing weights
(0.51, 0.49·0.51, …).

Exposure control ("restricted progressive", Revuelta & Ponsoda 1998): the
ranking score is (1 - w)·R + w·I with I the information, R uniform in
[0, max I] per item and w = (answers / length) ** EXPOSURE_POWER, so the first
items are spread over the whole eligible bank and the last ones are the most
informative; and, given the items' exposure rates so far (share of tests that
served them, kept per release), items at ``max_exposure`` or more are left
out while anything else is eligible. Without it
(``exposure=False``) a few items are served to most learners and most of the
bank never (so never calibrated); the simulator measures both.

Trial slots: every ``trial_every``-th position serves an uncalibrated item
(beta or new content), chosen among the least answered; its answer is kept
for calibration and never changes the learner's estimate or result.

``ItemBank`` precomputes, once per release, the arrays every learner's
``AdaptiveTest`` reads; one update + selection is a few numpy calls on the
bank's arrays (bench/bench_irt.py).
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

GRID = np.linspace(-9.0, 9.0, 80)
PRIOR_VARIANCE = 1.5
RANDOMESQUE_WEIGHTS = 0.51 * 0.49 ** np.arange(5)
EXPOSURE_POWER = 1.0
MIN_CALIBRATED_SHARE = 0.8
"""Share of a bank's items that must carry parameters for IRT to serve it."""


def enough_calibrated(calibrated: int, total: int, *, minimum: int) -> bool:
    """Return True when a bank of ``total`` items, ``calibrated`` of them with
    accepted parameters, can be served by IRT: at least ``minimum`` calibrated
    items and at least MIN_CALIBRATED_SHARE of the bank (the rest are trial
    items, which a test with most of its bank uncalibrated would mostly ask).
    """
    return calibrated >= max(minimum, 1) and calibrated >= MIN_CALIBRATED_SHARE * total


@dataclass(frozen=True)
class IrtConfig:
    """How an IRT test runs (DOMAIN.md §4 defaults)."""

    length: int = 32
    min_length: int = 20
    """Answers needed for the result to be valid."""
    se_threshold: float | None = None
    """Stop earlier once the standard error is at most this (after min_length)."""
    randomesque: int = 5
    one_per_tube: bool = True
    competence_gap: int = 2
    exposure: bool = True
    max_exposure: float = 0.2
    """With exposure rates given, items served to this share of tests or more
    are left out (unless nothing else is eligible)."""
    trial_every: int = 0
    """Every n-th position is an unscored trial item (0: none)."""
    prior_mean: float = 0.0
    prior_variance: float = PRIOR_VARIANCE


class ItemBank:
    """A release's items as arrays: parameters, skill, tube and competence codes.

    ``calibrated[i]`` False marks an item without accepted parameters (beta or
    new): it is served only in trial slots. Codes are any hashable values
    (ids); they are numbered here.
    """

    def __init__(
        self,
        ids: Sequence[str],
        discrimination: Sequence[float],
        difficulty: Sequence[float],
        skills: Sequence,
        tubes: Sequence,
        competences: Sequence,
        calibrated: Sequence[bool] | None = None,
    ):
        self.ids = tuple(ids)
        self.index = {item: number for number, item in enumerate(self.ids)}
        n = len(self.ids)
        self.calibrated = (
            np.ones(n, dtype=bool)
            if calibrated is None
            else np.asarray(calibrated, dtype=bool)
        )
        a = np.asarray(discrimination, dtype=float)
        b = np.asarray(difficulty, dtype=float)
        usable = np.isfinite(a) & np.isfinite(b) & (a > 0)
        self.calibrated &= usable
        self.a = np.where(usable, a, 1.0)
        self.b = np.where(usable, b, 0.0)
        self.a2 = self.a * self.a
        self.skill = _codes(skills)
        self.tube = _codes(tubes)
        self.competence = _codes(competences)
        logit = self.a[:, None] * (GRID[None, :] - self.b[:, None])
        self.log_right = -np.logaddexp(0.0, -logit)
        self.log_wrong = -np.logaddexp(0.0, logit)
        self.by_skill = _members(self.skill)
        self.by_tube = _members(self.tube)
        self.by_competence = _members(self.competence)

    def __len__(self) -> int:
        return len(self.ids)


def _codes(values: Sequence) -> np.ndarray:
    numbers: dict = {}
    return np.array([numbers.setdefault(v, len(numbers)) for v in values], dtype=int)


def _members(codes: np.ndarray) -> list[np.ndarray]:
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(codes.max(initial=-1) + 2))
    return [order[bounds[c] : bounds[c + 1]] for c in range(len(bounds) - 1)]


@dataclass(frozen=True)
class Estimate:
    ability: float
    standard_error: float


class AdaptiveTest:
    """One learner's IRT test: record answers, estimate, choose, stop.

    Rebuilt from the stored answers at each request (``replay``) or kept in
    memory by a simulator: the same answers give the same state.
    """

    def __init__(self, bank: ItemBank, config: IrtConfig = IrtConfig()):
        self.bank = bank
        self.config = config
        self.log_posterior = (
            -0.5 * (GRID - config.prior_mean) ** 2 / config.prior_variance
        )
        self.served: list[int] = []
        self.scored = 0
        self.open = bank.calibrated.copy()  # no skill answered yet
        self.tube_free = np.ones(len(bank), dtype=bool)
        self.trial_open = ~bank.calibrated
        self.last_competences: list[int] = []
        self._estimate = self._compute_estimate()

    @classmethod
    def replay(
        cls,
        bank: ItemBank,
        answers: Sequence[tuple[str, bool, bool]],
        config: IrtConfig = IrtConfig(),
    ) -> "AdaptiveTest":
        """Return the test after ``answers`` ((item id, right, trial) in order);
        items no longer in the bank are skipped."""
        test = cls(bank, config)
        for item_id, right, trial in answers:
            number = bank.index.get(item_id)
            if number is not None:
                test.record(number, right, trial=trial)
        return test

    # -- state

    def record(self, item: int, right: bool, *, trial: bool = False) -> None:
        """Record an answer; a trial answer never moves the estimate."""
        bank = self.bank
        self.served.append(item)
        skill_items = bank.by_skill[bank.skill[item]]
        self.open[skill_items] = False
        self.trial_open[skill_items] = False
        self.tube_free[bank.by_tube[bank.tube[item]]] = False
        self.last_competences = [*self.last_competences, int(bank.competence[item])][
            -max(self.config.competence_gap, 1) :
        ]
        if trial:
            return
        self.scored += 1
        self.log_posterior = self.log_posterior + (
            bank.log_right[item] if right else bank.log_wrong[item]
        )
        self._estimate = self._compute_estimate()

    def _compute_estimate(self) -> Estimate:
        weights = np.exp(self.log_posterior - self.log_posterior.max())
        weights /= weights.sum()
        mean = float(weights @ GRID)
        variance = float(weights @ (GRID - mean) ** 2)
        return Estimate(mean, variance**0.5)

    @property
    def estimate(self) -> Estimate:
        return self._estimate

    def finished(self) -> bool:
        """Return True at the configured length, or once precise enough."""
        config = self.config
        if self.scored >= config.length:
            return True
        return (
            config.se_threshold is not None
            and self.scored >= config.min_length
            and self._estimate.standard_error <= config.se_threshold
        )

    def is_trial_position(self) -> bool:
        """Return True when the next position is a trial slot."""
        every = self.config.trial_every
        return every > 0 and (len(self.served) + 1) % every == 0

    # -- selection

    def _eligible(self, candidates: np.ndarray) -> np.ndarray:
        """Return the eligibility mask: rules relaxed in order while nothing is left."""
        bank = self.bank
        recent = np.zeros(len(bank), dtype=bool)
        if self.config.competence_gap > 0:
            for competence in self.last_competences[-self.config.competence_gap :]:
                recent[bank.by_competence[competence]] = True
        strict = candidates & ~recent
        if self.config.one_per_tube:
            strictest = strict & self.tube_free
            if strictest.any():
                return strictest
            if (candidates & self.tube_free).any():
                return candidates & self.tube_free
        return strict if strict.any() else candidates

    def next_item(
        self,
        rng: np.random.Generator,
        *,
        trial_counts: np.ndarray | None = None,
        exposure_rates: np.ndarray | None = None,
    ) -> tuple[int, bool] | None:
        """Return (next item, is trial), or None when the test is over.

        In a trial slot, an uncalibrated eligible item among the least
        answered (``trial_counts``, per bank item) is served; with none left
        the slot serves a scored item instead. ``exposure_rates`` (per bank
        item: share of the release's tests that served it so far) leave out
        the items at ``max_exposure`` or more, when exposure control is on.
        """
        if self.finished():
            return None
        if self.is_trial_position() and self.trial_open.any():
            eligible = self._eligible(self.trial_open)
            choices = np.flatnonzero(eligible)
            if trial_counts is not None:
                fewest = trial_counts[choices]
                choices = choices[fewest == fewest.min()]
            return int(choices[rng.integers(len(choices))]), True
        if not self.open.any():
            return None
        candidates = self.open
        if self.config.exposure and exposure_rates is not None:
            fresh = candidates & (exposure_rates < self.config.max_exposure)
            if fresh.any():
                candidates = fresh
        eligible = self._eligible(candidates)
        return self._most_informative(eligible, rng), False

    def _most_informative(self, eligible: np.ndarray, rng) -> int:
        bank, config = self.bank, self.config
        theta = self._estimate.ability
        p = 1.0 / (1.0 + np.exp(bank.a * (bank.b - theta)))
        score = bank.a2 * p * (1.0 - p)
        if config.exposure:
            weight = (self.scored / config.length) ** EXPOSURE_POWER
            top = score[eligible].max()
            score = (1.0 - weight) * rng.random(len(score)) * top + weight * score
        score = np.where(eligible, score, -np.inf)
        count = min(config.randomesque, int(eligible.sum()))
        best = np.argpartition(-score, count - 1)[:count]
        best = best[np.argsort(-score[best], kind="stable")]
        weights = RANDOMESQUE_WEIGHTS[:count]
        pick = np.searchsorted(np.cumsum(weights), rng.random() * weights.sum())
        return int(best[min(pick, count - 1)])


def estimate_ability(
    bank: ItemBank,
    items: Sequence[int],
    right: Sequence[bool],
    config: IrtConfig = IrtConfig(),
) -> Estimate:
    """Return the EAP estimate and its standard error after scored answers."""
    log_posterior = -0.5 * (GRID - config.prior_mean) ** 2 / config.prior_variance
    items = np.asarray(items, dtype=int)
    right = np.asarray(right, dtype=bool)
    log_posterior = (
        log_posterior
        + bank.log_right[items[right]].sum(axis=0)
        + bank.log_wrong[items[~right]].sum(axis=0)
    )
    weights = np.exp(log_posterior - log_posterior.max())
    weights /= weights.sum()
    mean = float(weights @ GRID)
    return Estimate(mean, float(weights @ (GRID - mean) ** 2) ** 0.5)
