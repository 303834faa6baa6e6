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

A positioning test places the learner at a skill level: a level's cut is
the median difficulty of its calibrated challenges, never below the cut of an
easier level (``level_cuts``), and the placed level is the highest cut the
ability reaches (``placed_level``). Given the cuts, the posterior mass between
them is the probability of each level, and ``within_one_stop`` ends the test
once the learner's level is at most one level from the placed one with that
probability. ``POSITIONING`` holds the rules measured on the demo bank
(bench/bench_irt_demo.py): 5 to 12 answers, exposure weight reaching 1
after 10 answers (``exposure_length``; over the 32 answers of a certification
the first items of a short test would be almost random), stop at 97 %. The
level stop trusts the parameters: with parameters that misdescribe the
learners it stops too early (calibrated ones describe them by construction).

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
    exposure_length: int | None = None
    """Scored answers after which the exposure weight reaches 1 (None: length)."""
    within_one_stop: float | None = None
    """With level cuts, stop earlier (after min_length) once the posterior
    probability that the level is at most one from the placed one is this."""


POSITIONING = IrtConfig(
    length=12, min_length=5, exposure_length=10, within_one_stop=0.97
)
"""A positioning test's rules (module docstring; bench/bench_irt_demo.py)."""


def level_cuts(
    levels: Sequence[int], difficulty: Sequence[float], calibrated: Sequence[bool]
) -> tuple[np.ndarray, np.ndarray]:
    """Return (levels, cut of each): the median b of the level's calibrated items,
    made non-decreasing with the level; levels without one are left out."""
    levels = np.asarray(levels)
    difficulty = np.asarray(difficulty, dtype=float)
    calibrated = np.asarray(calibrated, dtype=bool)
    found = np.unique(levels[calibrated])
    cuts = np.array(
        [np.median(difficulty[calibrated & (levels == level)]) for level in found]
    )
    return found, np.maximum.accumulate(cuts) if len(cuts) else cuts


def placed_level(ability, levels: np.ndarray, cuts: np.ndarray):
    """Return the highest level whose cut the ability reaches, 0 below all
    (``ability`` a number or an array of them)."""
    reached = np.sum(np.asarray(ability)[..., None] >= cuts, axis=-1)
    placed = np.concatenate([[0], levels])[reached]
    return int(placed) if np.ndim(placed) == 0 else placed


def level_bins(levels: np.ndarray, cuts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (level of each bin, GRID x bins 0/1 matrix): bin 0 lies below
    every cut, bin k between cut k and the next; weights on GRID times the
    matrix give each level's posterior probability."""
    bin_levels = np.concatenate([[0], levels]).astype(int)
    member = np.zeros((len(GRID), len(bin_levels)))
    member[np.arange(len(GRID)), np.searchsorted(cuts, GRID, side="right")] = 1.0
    return bin_levels, member


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

    def __init__(
        self,
        bank: ItemBank,
        config: IrtConfig = IrtConfig(),
        *,
        cuts: tuple[np.ndarray, np.ndarray] | None = None,
    ):
        self.bank = bank
        self.config = config
        self.cuts = cuts
        """(levels, cuts) of ``level_cuts``: needed by placement and level stop."""
        self._bins = None if cuts is None else level_bins(*cuts)
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
        *,
        cuts: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> "AdaptiveTest":
        """Return the test after ``answers`` ((item id, right, trial) in order);
        items no longer in the bank are skipped."""
        test = cls(bank, config, cuts=cuts)
        for item_id, right, trial in answers:
            number = bank.index.get(item_id)
            if number is not None:
                test.record(number, right, trial=trial)
        return test

    # -- state

    def leave_out(self, items: np.ndarray) -> None:
        """Never serve these items, scored or trial (e.g. skills known already)."""
        self.open[items] = False
        self.trial_open[items] = False

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
        self._weights = weights
        mean = float(weights @ GRID)
        variance = float(weights @ (GRID - mean) ** 2)
        return Estimate(mean, variance**0.5)

    @property
    def estimate(self) -> Estimate:
        return self._estimate

    def placed_level(self) -> int:
        """Return the level the ability reaches (the test needs ``cuts``)."""
        return placed_level(self._estimate.ability, *self.cuts)

    def level_probabilities(self) -> dict[int, float]:
        """Return {level: posterior probability} (the test needs ``cuts``)."""
        bin_levels, member = self._bins
        mass = self._weights @ member
        return dict(zip(bin_levels.tolist(), mass.tolist(), strict=True))

    def within_one_probability(self) -> float:
        """Return the posterior probability that the level is at most one from
        the placed level (the test needs ``cuts``)."""
        bin_levels, member = self._bins
        near = np.abs(bin_levels - self.placed_level()) <= 1
        return float(self._weights @ member[:, near].sum(axis=1))

    def finished(self) -> bool:
        """Return True at the configured length, or once precise enough."""
        config = self.config
        if self.scored >= config.length:
            return True
        if self.scored < config.min_length:
            return False
        if (
            config.se_threshold is not None
            and self._estimate.standard_error <= config.se_threshold
        ):
            return True
        return (
            config.within_one_stop is not None
            and self._bins is not None
            and self.within_one_probability() >= config.within_one_stop
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
            weight = min(self.scored / (config.exposure_length or config.length), 1.0)
            weight = weight**EXPOSURE_POWER
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


def success_probabilities(bank: ItemBank, items, ability: float) -> np.ndarray:
    """Return P(right | θ) = 1 / (1 + e^(a(b - θ))) of each item at ability θ."""
    items = np.asarray(items, dtype=int)
    return 1.0 / (1.0 + np.exp(bank.a[items] * (bank.b[items] - ability)))
