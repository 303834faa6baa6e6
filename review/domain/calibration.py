"""2PL calibration from learners' answers, classical statistics and flags.

Pure numpy, no Django. ``calibrate_2pl`` estimates each item's difficulty b
and discrimination a under P(correct | θ) = 1 / (1 + exp(-a(θ - b))) with
abilities θ ~ N(0, 1), by marginal maximum likelihood: EM on a quadrature
grid of GRID_POINTS nodes. Answers stay sparse (one entry per answer, never a
learners x items matrix):

- E-step (exact): each learner's log-likelihood on the grid is the sum over
  their answers of a per-(item, outcome) table row, summed with
  ``np.add.reduceat`` on answers sorted by learner, in chunks of CHUNK
  answers so memory stays bounded;
- M-step: per item and node, the sum of its answerers' posteriors. Learners
  with the same class of answer count and posterior means within BIN_WIDTH
  share an averaged posterior (linear interpolation between bins, so the step
  is smooth), which makes that sum one weighted ``np.bincount`` over answers
  and one matrix product; then two Fisher-scoring steps on (log a, b) for
  every item at once.

Priors keep sparse items finite: b ~ N(0, PRIOR_B_SD) (weak), log a ~
N(0, PRIOR_LOG_A_SD) (mild: adaptive answers, all near an item's difficulty,
say little about its slope). A few Rasch scoring steps give the cold start, a
previous ``Calibration`` the warm one; SQUAREM extrapolation speeds EM up.
Standard errors come from the cross-products of each answer's expected score.

Items chosen adaptively (by ability) are calibrated without selection bias:
the selection depends only on earlier answers, which the likelihood includes.
bench/calibration.py measures speed, memory and recovery on 1 M answers.
"""

from dataclasses import dataclass, field

import numpy as np

GRID_POINTS = 21
GRID_LIMIT = 5.0
PRIOR_B_SD = 6.0
PRIOR_LOG_A_SD = 0.3
MAX_ITER = 500
TOLERANCE = 5e-3
"""Largest move of any b or log a in a last EM step: well below the errors."""
CHUNK = 8192
"""Answers gathered at once (x GRID_POINTS floats): bounds peak memory."""
BIN_WIDTH = 0.02
COUNT_CLASSES = np.array([1, 2, 3, 4, 5, 7, 9, 12, 16, 21, 28, 36, 48, 64, 100, 200])
"""In the M-step, learners of the same class of answer count whose posterior
means are close (BIN_WIDTH) share one averaged posterior."""
START_STEPS = 6
MAX_STEP = 1.0
"""Largest change of b or log a in one scoring step."""


@dataclass(frozen=True)
class Calibration:
    """Item parameters (NaN where an item has no answer), their errors, counts."""

    difficulty: np.ndarray
    discrimination: np.ndarray
    difficulty_se: np.ndarray
    discrimination_se: np.ndarray
    answers: np.ndarray
    ability: np.ndarray
    """Each learner's ability (posterior mean, NaN for learners with no answer)."""
    converged: bool
    iterations: int
    log_likelihood: float

    @property
    def n_items(self) -> int:
        return len(self.difficulty)


def calibrate_2pl(
    learner_index,
    item_index,
    correct,
    *,
    n_learners: int | None = None,
    n_items: int | None = None,
    max_iter: int = MAX_ITER,
    tolerance: float = TOLERANCE,
    start: Calibration | None = None,
) -> Calibration:
    """Return the 2PL calibration of the answers (one entry per answer).

    ``learner_index``, ``item_index``: non-negative integers; ``correct``: 0/1.
    ``start``: a previous calibration to start from (items it does not know,
    or knows as NaN, start from the default). Converged when no parameter of
    an answered item moves by more than ``tolerance`` in one EM step.
    Deterministic: the same input gives the same output.
    """
    data = _Answers.build(learner_index, item_index, correct, n_learners, n_items)
    grid = np.linspace(-GRID_LIMIT, GRID_LIMIT, GRID_POINTS)
    log_prior = -0.5 * grid**2
    log_prior -= np.log(np.exp(log_prior).sum())
    answered = data.counts > 0
    em = _EM(data, grid, log_prior, answered)
    params = _start(data, start, answered, em.row_of_answer)
    iterations = 0
    converged = False
    # SQUAREM (Varadhan & Roland 2008): two EM steps, an extrapolation, one
    # stabilising EM step; the two plain steps whenever it does worse.
    while iterations < max_iter:
        first, log_likelihood = em.step(params)
        iterations += 1
        if _moved(first, params) <= tolerance:
            params, converged = first, True
            break
        second, first_ll = em.step(first)
        iterations += 1
        if _moved(second, first) <= tolerance:
            params, converged = second, True
            break
        r = first - params
        v = second - first - r
        alpha = -np.sqrt((r * r).sum() / max((v * v).sum(), 1e-300))
        alpha = min(alpha, -1.0)
        leap = _bounded(params - 2 * alpha * r + alpha * alpha * v)
        landed, leap_ll = em.step(leap)
        iterations += 1
        params = landed if leap_ll >= first_ll else second
    difficulty_se, discrimination_se = em.standard_errors(params)
    posterior, log_likelihood = em.posterior(params)
    n_learners = data.n_learners if n_learners is None else int(n_learners)
    ability = np.full(n_learners, np.nan)
    ability[data.learners] = posterior @ grid
    nan = np.full(data.n_items, np.nan)
    difficulty, discrimination = nan.copy(), nan.copy()
    difficulty[answered] = params[1][answered]
    discrimination[answered] = np.exp(params[0][answered])
    return Calibration(
        difficulty=difficulty,
        discrimination=discrimination,
        difficulty_se=np.where(answered, difficulty_se, np.nan),
        discrimination_se=np.where(answered, discrimination_se, np.nan),
        answers=data.counts,
        ability=ability,
        converged=converged,
        iterations=iterations,
        log_likelihood=log_likelihood,
    )


def _moved(new: np.ndarray, old: np.ndarray) -> float:
    return float(np.max(np.abs(new - old), initial=0.0))


def _bounded(params: np.ndarray) -> np.ndarray:
    """Keep an extrapolated point within sane values (|b| ≤ 8, a in e^±3)."""
    log_a = np.clip(params[0], -3.0, 3.0)
    b = np.clip(params[1], -8.0, 8.0)
    return np.stack([log_a, b])


def _start(data, start: Calibration | None, answered, row_of_answer) -> np.ndarray:
    """Return the starting (log a, b): the previous run's where it has them,
    else a = 1 and b from a few cheap joint (Rasch) scoring steps."""
    log_a = np.zeros(data.n_items)
    b = _rasch_start(data, row_of_answer)
    if start is not None:
        known = min(start.n_items, data.n_items)
        previous_b = start.difficulty[:known]
        previous_a = start.discrimination[:known]
        usable = np.isfinite(previous_b) & np.isfinite(previous_a) & (previous_a > 0)
        b[:known][usable] = previous_b[usable]
        log_a[:known][usable] = np.log(previous_a[usable])
    return np.stack([log_a, b])


def _rasch_start(data, row_of_answer, steps: int = START_STEPS) -> np.ndarray:
    """Return rough difficulties: alternate Newton steps on abilities and
    difficulties of a Rasch model (penalised like the priors), O(answers) each.

    Proportions right say little on adaptive data (everyone gets about half
    right); these steps place items by who answered them, so EM starts close.
    """
    item = data.by_learner_code // 2
    right = (data.by_learner_code % 2).astype(float)
    ability = np.zeros(data.n_rows)
    b = np.zeros(data.n_items)
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(b[item] - ability[row_of_answer]))
        residual, weight = right - p, p * (1.0 - p)
        ability += (np.bincount(row_of_answer, residual, data.n_rows) - ability) / (
            np.bincount(row_of_answer, weight, data.n_rows) + 1.0
        )
        p = 1.0 / (1.0 + np.exp(b[item] - ability[row_of_answer]))
        residual, weight = right - p, p * (1.0 - p)
        b -= (np.bincount(item, residual, data.n_items) + b / PRIOR_B_SD**2) / (
            np.bincount(item, weight, data.n_items) + 1.0 / PRIOR_B_SD**2
        )
    return b


@dataclass
class _Answers:
    """Answers sorted by learner, as item * 2 + correct codes."""

    n_items: int
    n_learners: int
    learners: np.ndarray  # the learner index of each row (learners with answers)
    counts: np.ndarray
    by_learner_code: np.ndarray  # item * 2 + correct, answers sorted by learner
    learner_starts: np.ndarray  # where each learner's answers start
    chunks_e: list = field(default_factory=list)

    @classmethod
    def build(cls, learner_index, item_index, correct, n_learners, n_items):
        learner = np.asarray(learner_index)
        item = np.asarray(item_index)
        right = np.asarray(correct)
        if not (learner.ndim == item.ndim == right.ndim == 1):
            raise ValueError("learner_index, item_index and correct must be 1-D.")
        if not len(learner) == len(item) == len(right):
            raise ValueError("learner_index, item_index and correct differ in length.")
        for name, values in (("learner_index", learner), ("item_index", item)):
            if len(values) and not np.issubdtype(values.dtype, np.integer):
                raise ValueError(f"{name} must hold integers.")
            if len(values) and values.min() < 0:
                raise ValueError(f"{name} must be non-negative.")
        if len(right) and not np.isin(right, (0, 1)).all():
            raise ValueError("correct must hold 0 or 1.")
        n_items = int(item.max(initial=-1) + 1) if n_items is None else int(n_items)
        if len(item) and item.max() >= n_items:
            raise ValueError("item_index goes beyond n_items.")
        if n_learners is not None and len(learner) and learner.max() >= n_learners:
            raise ValueError("learner_index goes beyond n_learners.")
        item = item.astype(np.int64, copy=False)
        code = item * 2 + right.astype(np.int64)
        order = np.argsort(learner, kind="stable")
        sorted_learner = learner[order]
        new_learner = np.empty(len(order), dtype=bool)
        new_learner[:1] = True
        np.not_equal(sorted_learner[1:], sorted_learner[:-1], out=new_learner[1:])
        learner_starts = np.flatnonzero(new_learner)
        by_learner_code = code[order]
        data = cls(
            n_items=n_items,
            n_learners=int(learner.max(initial=-1) + 1),
            learners=sorted_learner[learner_starts],
            counts=np.bincount(item, minlength=n_items),
            by_learner_code=by_learner_code.astype(np.int32),
            learner_starts=learner_starts,
        )
        data.chunks_e = _chunks(learner_starts, len(order))
        return data

    @property
    def n_rows(self) -> int:
        return len(self.learner_starts)

    def learner_row_of_answer(self) -> np.ndarray:
        """Return the learner row of each answer, answers sorted by learner."""
        sizes = np.diff(np.append(self.learner_starts, len(self.by_learner_code)))
        return np.repeat(np.arange(self.n_rows, dtype=np.int32), sizes)


def _chunks(starts: np.ndarray, total: int) -> list[tuple[int, int, np.ndarray]]:
    """Return (first answer, end answer, segment starts within) of whole segments."""
    chunks = []
    segment = 0
    while segment < len(starts):
        first = int(starts[segment])
        last = int(np.searchsorted(starts, first + CHUNK, side="right"))
        last = max(last, segment + 1)
        end = int(starts[last]) if last < len(starts) else total
        chunks.append((first, end, starts[segment:last] - first))
        segment = last
    return chunks


class _EM:
    """The EM steps on a fixed answer set, grid and prior.

    The E-step is exact: each learner's log-likelihood on the grid, summed
    over their answers. The M-step needs, per item and node, the sum of its
    answerers' posteriors; learners whose posteriors have the same mean (to
    BIN_WIDTH) and spread class share one averaged posterior, so that sum is
    a count of answers per (item, outcome, bin) (one ``np.bincount``) times
    the bins' posteriors (one matrix product), instead of a gather of every
    answer's posterior.
    """

    def __init__(self, data: _Answers, grid, log_prior, answered):
        self.data = data
        self.grid = grid
        self.log_prior = log_prior
        self.answered = answered
        self.row_of_answer = data.learner_row_of_answer()
        self.code64 = data.by_learner_code.astype(np.int64)
        sizes = np.diff(np.append(data.learner_starts, len(data.by_learner_code)))
        self.count_class = np.searchsorted(COUNT_CLASSES, sizes, side="right") - 1

    def posterior(self, params) -> tuple[np.ndarray, float]:
        """Return each learner's posterior over the grid, and the log-likelihood
        (marginal, plus the items' log priors)."""
        log_a, b = params
        logit = np.exp(log_a)[:, None] * (self.grid[None, :] - b[:, None])
        table = np.empty((2 * self.data.n_items, len(self.grid)), dtype=np.float32)
        table[0::2] = -np.logaddexp(0.0, logit)
        table[1::2] = -np.logaddexp(0.0, -logit)
        log_post = np.empty((self.data.n_rows, len(self.grid)))
        row = 0
        for first, end, starts in self.data.chunks_e:
            gathered = table[self.data.by_learner_code[first:end]]
            log_post[row : row + len(starts)] = np.add.reduceat(
                gathered, starts, axis=0
            )
            row += len(starts)
        log_post += self.log_prior
        top = log_post.max(axis=1, keepdims=True)
        np.subtract(log_post, top, out=log_post)
        np.exp(log_post, out=log_post)
        total = log_post.sum(axis=1, keepdims=True)
        log_post /= total
        log_a, b = params[:, self.answered]
        log_likelihood = float((np.log(total) + top).sum()) - 0.5 * float(
            ((log_a / PRIOR_LOG_A_SD) ** 2 + (b / PRIOR_B_SD) ** 2).sum()
        )
        return log_post, log_likelihood

    def binned(self, posterior) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return (each learner's two bins, their weights, each bin's posterior).

        A learner's posterior mean falls between two points BIN_WIDTH apart:
        it counts in both, by linear interpolation (so the M-step moves
        smoothly with the parameters), within its class of answer count.
        """
        mean = posterior @ self.grid / BIN_WIDTH
        low = np.floor(mean)
        upper_share = mean - low
        base = low.astype(np.int64) * len(COUNT_CLASSES) + self.count_class
        keys, inverse = np.unique(
            np.concatenate([base, base + len(COUNT_CLASSES)]), return_inverse=True
        )
        bins = inverse.reshape(2, -1)
        shares = np.stack([1.0 - upper_share, upper_share])
        flat_bins, flat_shares = bins.ravel(), shares.ravel()
        sizes = np.bincount(flat_bins, flat_shares, minlength=len(keys))
        bin_posterior = np.empty((len(keys), len(self.grid)))
        twice = np.concatenate([posterior, posterior])
        for node in range(len(self.grid)):
            bin_posterior[:, node] = np.bincount(
                flat_bins, flat_shares * twice[:, node], minlength=len(keys)
            )
        bin_posterior /= np.maximum(sizes, 1e-300)[:, None]
        return bins, shares, bin_posterior

    def code_bin_counts(self, bins, shares, n_bins) -> np.ndarray:
        """Return (weighted) answers per (code, bin), codes x bins."""
        row = self.row_of_answer
        pair = self.code64 * n_bins
        size = 2 * self.data.n_items * n_bins
        counts = np.bincount(pair + bins[0][row], shares[0][row], minlength=size)
        counts += np.bincount(pair + bins[1][row], shares[1][row], minlength=size)
        return counts.reshape(2 * self.data.n_items, n_bins)

    def step(self, params) -> tuple[np.ndarray, float]:
        """Return the parameters after one EM step, and the log-likelihood of
        ``params`` (two Fisher-scoring steps make the M-step)."""
        posterior, log_likelihood = self.posterior(params)
        bins, shares, bin_posterior = self.binned(posterior)
        counts = self.code_bin_counts(bins, shares, len(bin_posterior))
        by_code = counts @ bin_posterior
        right = by_code[1::2]
        total = right + by_code[0::2]
        new = params.copy()
        for _ in range(2):
            new = self._scoring_step(new, right, total)
        # items with no answer keep their start
        new[:, ~self.answered] = params[:, ~self.answered]
        return new, log_likelihood

    def _scoring_step(self, params, right, total) -> np.ndarray:
        log_a, b = params
        a = np.exp(log_a)
        distance = self.grid[None, :] - b[:, None]
        p = 1.0 / (1.0 + np.exp(-a[:, None] * distance))
        residual = right - total * p
        weight = total * p * (1.0 - p)
        a2 = a * a
        grad_log_a = a * (residual * distance).sum(axis=1) - log_a / PRIOR_LOG_A_SD**2
        grad_b = -a * residual.sum(axis=1) - b / PRIOR_B_SD**2
        info_aa = a2 * (weight * distance**2).sum(axis=1) + 1.0 / PRIOR_LOG_A_SD**2
        info_bb = a2 * weight.sum(axis=1) + 1.0 / PRIOR_B_SD**2
        info_ab = -a2 * (weight * distance).sum(axis=1)
        det = info_aa * info_bb - info_ab**2
        step_log_a = (info_bb * grad_log_a - info_ab * grad_b) / det
        step_b = (info_aa * grad_b - info_ab * grad_log_a) / det
        step_log_a = np.clip(step_log_a, -MAX_STEP, MAX_STEP)
        step_b = np.clip(step_b, -MAX_STEP, MAX_STEP)
        return np.stack([log_a + step_log_a, b + step_b])

    def standard_errors(self, params) -> tuple[np.ndarray, np.ndarray]:
        """Return the standard errors of (b, a) per item.

        From the cross-products of each answer's expected score (its score
        averaged over the learner's posterior, by bin as in the M-step), plus
        the priors' information: the marginal (observed) information, unlike
        the EM's complete-data information that would understate the errors.
        """
        posterior, _ = self.posterior(params)
        bins, shares, bin_posterior = self.binned(posterior)
        counts = self.code_bin_counts(bins, shares, len(bin_posterior))
        code, bin_ = np.nonzero(counts)
        weight = counts[code, bin_]
        item = code // 2
        outcome = (code % 2)[:, None]
        log_a, b = params
        a = np.exp(log_a)
        distance = self.grid[None, :] - b[item][:, None]
        p = 1.0 / (1.0 + np.exp(-a[item][:, None] * distance))
        residual = bin_posterior[bin_] * (outcome - p)
        score_log_a = a[item] * (residual * distance).sum(axis=1)
        score_b = -a[item] * residual.sum(axis=1)
        n = self.data.n_items
        info_aa = 1.0 / PRIOR_LOG_A_SD**2 + np.bincount(
            item, weight * score_log_a**2, minlength=n
        )
        info_bb = 1.0 / PRIOR_B_SD**2 + np.bincount(
            item, weight * score_b**2, minlength=n
        )
        info_ab = np.bincount(item, weight * score_log_a * score_b, minlength=n)
        det = info_aa * info_bb - info_ab**2
        se_b = np.sqrt(info_aa / det)
        se_log_a = np.sqrt(info_bb / det)
        return se_b, a * se_log_a


# Classical statistics and flags


@dataclass(frozen=True)
class ItemStatistics:
    """Per item: answers, share right, point-biserial, answerers' mean ability.

    The point-biserial correlates an item's outcome with the answerers'
    ability estimates (not a total score, meaningless when every learner
    answered different items). NaN where undefined (fewer than 2 answers, or
    no spread in outcome or ability).
    """

    answers: np.ndarray
    success_rate: np.ndarray
    point_biserial: np.ndarray
    mean_ability: np.ndarray


def item_statistics(
    learner_index, item_index, correct, ability, *, n_items: int | None = None
) -> ItemStatistics:
    """Return the classical statistics of each item (vectorised over answers)."""
    item = np.asarray(item_index, dtype=np.int64)
    right = np.asarray(correct, dtype=float)
    theta = np.asarray(ability, dtype=float)[np.asarray(learner_index, dtype=np.int64)]
    known = np.isfinite(theta)
    item, right, theta = item[known], right[known], theta[known]
    n_items = int(item.max(initial=-1) + 1) if n_items is None else int(n_items)
    count = np.bincount(item, minlength=n_items).astype(float)
    sum_x = np.bincount(item, right, n_items)
    sum_t = np.bincount(item, theta, n_items)
    sum_xt = np.bincount(item, right * theta, n_items)
    sum_tt = np.bincount(item, theta * theta, n_items)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = sum_x / count
        mean = sum_t / count
        cov = sum_xt / count - rate * mean
        var_t = sum_tt / count - mean**2
        var_x = rate * (1.0 - rate)
        r = cov / np.sqrt(var_x * var_t)
    r = np.where((count >= 2) & (var_x > 1e-12) & (var_t > 1e-12), r, np.nan)
    return ItemStatistics(
        answers=count.astype(int),
        success_rate=np.where(count > 0, rate, np.nan),
        point_biserial=np.clip(r, -1.0, 1.0),
        mean_ability=np.where(count > 0, mean, np.nan),
    )


TOO_EASY = "too_easy"
TOO_HARD = "too_hard"
LOW_DISCRIMINATION = "low_discrimination"
NEGATIVE_DISCRIMINATION = "negative_discrimination"
INSUFFICIENT_DATA = "insufficient_data"
DECLINAISON_GAP = "declinaison_gap"
DRIFT = "drift"
FLAGS = (
    TOO_EASY,
    TOO_HARD,
    LOW_DISCRIMINATION,
    NEGATIVE_DISCRIMINATION,
    INSUFFICIENT_DATA,
    DECLINAISON_GAP,
    DRIFT,
)


@dataclass(frozen=True)
class FlagRules:
    """Thresholds of the flags (abilities and difficulties on the θ scale).

    A skill of level L is expected to have a difficulty within
    ``level_band(L)``; beyond it by more than ``level_margin`` and by more
    than two standard errors, the item is too easy / too hard. Gaps (to the
    prototype, to the previous run) count only beyond their threshold and
    beyond two combined standard errors, so noise alone does not flag.
    """

    min_answers: int = 20
    low_discrimination: float = 0.4
    low_point_biserial: float = 0.1
    level_margin: float = 0.5
    declinaison_gap: float = 1.0
    drift: float = 0.5
    level_centre: float = 3.5
    level_step: float = 0.8

    def level_band(self, level: float) -> tuple[float, float]:
        """Return the (low, high) difficulty expected of a skill of ``level``."""
        middle = (level - self.level_centre) * self.level_step
        return middle - self.level_step / 2, middle + self.level_step / 2

    def level_of(self, difficulty: float) -> float:
        """Return the level whose band holds ``difficulty`` (inverse of the band)."""
        return difficulty / self.level_step + self.level_centre


def item_flags(
    calibration: Calibration,
    statistics: ItemStatistics,
    *,
    levels=None,
    prototypes=None,
    previous: Calibration | None = None,
    rules: FlagRules = FlagRules(),
) -> list[tuple[str, ...]]:
    """Return each item's flags (codes of FLAGS), in FLAGS order.

    ``levels``: the level of each item's skill (0 or NaN: unknown);
    ``prototypes``: the index of each item's prototype, -1 for a prototype;
    ``previous``: the calibration run before this one, same item indexing
    (items beyond it, or NaN there, cannot drift).
    """
    n = calibration.n_items
    b, a = calibration.difficulty, calibration.discrimination
    se_b = calibration.difficulty_se
    enough = calibration.answers >= rules.min_answers
    found = {flag: np.zeros(n, dtype=bool) for flag in FLAGS}
    found[INSUFFICIENT_DATA] = calibration.answers < rules.min_answers
    if levels is not None:
        level = np.asarray(levels, dtype=float)
        middle = (level - rules.level_centre) * rules.level_step
        low, high = middle - rules.level_step / 2, middle + rules.level_step / 2
        margin = np.maximum(rules.level_margin, 2 * se_b)
        with np.errstate(invalid="ignore"):
            known = enough & np.isfinite(level) & (level > 0)
            found[TOO_EASY] = known & (b < low - margin)
            found[TOO_HARD] = known & (b > high + margin)
    r = statistics.point_biserial
    with np.errstate(invalid="ignore"):
        found[NEGATIVE_DISCRIMINATION] = enough & (r < 0)
        found[LOW_DISCRIMINATION] = (
            enough
            & ~found[NEGATIVE_DISCRIMINATION]
            & ((a < rules.low_discrimination) | (r < rules.low_point_biserial))
        )
    if prototypes is not None:
        prototype = np.asarray(prototypes, dtype=int)
        has = prototype >= 0
        other = np.where(has, prototype, 0)
        gap = np.abs(b - b[other])
        combined = np.sqrt(se_b**2 + se_b[other] ** 2)
        with np.errstate(invalid="ignore"):
            found[DECLINAISON_GAP] = (
                has
                & enough
                & enough[other]
                & (gap > rules.declinaison_gap)
                & (gap > 2 * combined)
            )
    if previous is not None:
        known = min(previous.n_items, n)
        before = np.full(n, np.nan)
        before_se = np.full(n, np.nan)
        before[:known] = previous.difficulty[:known]
        before_se[:known] = previous.difficulty_se[:known]
        before_enough = np.zeros(n, dtype=bool)
        before_enough[:known] = previous.answers[:known] >= rules.min_answers
        gap = np.abs(b - before)
        with np.errstate(invalid="ignore"):
            found[DRIFT] = (
                enough
                & before_enough
                & (gap > rules.drift)
                & (gap > 2 * np.sqrt(se_b**2 + before_se**2))
            )
    return [tuple(flag for flag in FLAGS if found[flag][item]) for item in range(n)]
