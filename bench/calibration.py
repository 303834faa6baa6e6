"""2PL calibration on generated adaptive answers: speed, memory and recovery.

Generates ~1 M answers (33,334 learners θ ~ N(0, 1) x 30 items each, chosen
by an adaptive test on a 2,000-item bank with b ~ N(0, 1.5), a ~ lognormal)
with review.domain.calibration_data, calibrates them with
review.domain.calibration.calibrate_2pl and prints, on items with at least 20
answers: corr(b), RMSE(b), the fitted-vs-true slope of b and corr(a); the
seconds and the peak memory of the calibration alone; the RMSE(b) of the
same seed with items served at random (no selection bias: within 0.05); the
EM iterations of a recalibration after 1 % more answers, warm-started from
the first run; with ``--large``, the same on 10 M answers over 10,000 items.
When the PyPI ``mirt`` package is installed (it is not a dependency), it
fits the same 1 M answers and its figures are printed beside ours (minutes,
and about 1.5 GB); ``--no-mirt`` skips it.

Goals (issue 17): 1 M answers in ≤ 1.5 s and ≤ 200 MB, corr(b) ≥ 0.985,
RMSE(b) ≤ 0.22, slope in 0.97-1.03, corr(a) ≥ 0.62; 10 M in ≤ 20 s and ≤ 1 GB;
adaptive-vs-random RMSE gap ≤ 0.05; warm start ≤ 5 iterations.
One core: run with OPENBLAS_NUM_THREADS=1 (set here before numpy loads).
Seeded: two runs print the same recovery figures. The last line is JSON.
Run: .venv/bin/python bench/calibration.py [--large] [--no-mirt]
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import json
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from review.domain.calibration import calibrate_2pl
from review.domain.calibration_data import adaptive_answers

SEED = 17
MIN_ANSWERS = 20


def recovery(fitted, truth, prefix="") -> dict:
    """Return the recovery figures on items with at least MIN_ANSWERS answers."""
    counts = np.bincount(truth.item_index, minlength=len(truth.difficulty))
    kept = (counts >= MIN_ANSWERS) & np.isfinite(fitted[0])
    b, a = fitted[0][kept], fitted[1][kept]
    true_b, true_a = truth.difficulty[kept], truth.discrimination[kept]
    return {
        f"{prefix}items": int(kept.sum()),
        f"{prefix}corr_b": round(float(np.corrcoef(b, true_b)[0, 1]), 4),
        f"{prefix}rmse_b": round(float(np.sqrt(np.mean((b - true_b) ** 2))), 4),
        f"{prefix}slope": round(float(np.polyfit(true_b, b, 1)[0]), 4),
        f"{prefix}corr_a": round(float(np.corrcoef(a, true_a)[0, 1]), 4),
    }


def timed(answers, n_items, **options):
    """Return (calibration, seconds, peak MB) of one calibration; its CPU
    seconds in ``timed.cpu_seconds`` (wall seconds count the waits for a core
    when the machine is busy)."""
    started, started_cpu = time.perf_counter(), time.process_time()
    fitted = calibrate_2pl(
        answers.learner_index,
        answers.item_index,
        answers.correct,
        n_items=n_items,
        **options,
    )
    seconds = time.perf_counter() - started
    timed.cpu_seconds = time.process_time() - started_cpu
    tracemalloc.start()
    calibrate_2pl(
        answers.learner_index,
        answers.item_index,
        answers.correct,
        n_items=n_items,
        **options,
    )
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return fitted, seconds, peak / 2**20


def run_mirt(answers, n_learners, n_items) -> dict:
    """Fit the same answers with the PyPI mirt package (dense matrix, -1 missing)."""
    import mirt

    matrix = np.full((n_learners, n_items), -1, dtype=np.int8)
    matrix[answers.learner_index, answers.item_index] = answers.correct
    # wholly unanswered items cannot be fitted by mirt: keep answered columns
    answered = np.flatnonzero((matrix >= 0).any(axis=0))
    tracemalloc.start()
    started = time.perf_counter()
    result = mirt.fit_mirt(matrix[:, answered], model="2PL")
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    params = result.model.parameters
    a = np.full(n_items, np.nan)
    b = np.full(n_items, np.nan)
    slopes = np.asarray(params["discrimination"]).reshape(len(answered), -1)[:, 0]
    intercepts = np.asarray(params["difficulty"]).reshape(-1)
    a[answered] = slopes
    b[answered] = intercepts
    figures = recovery((b, a), answers, prefix="mirt_")
    figures["mirt_seconds"] = round(seconds, 1)
    figures["mirt_peak_mb"] = round(peak / 2**20)
    return figures


def main() -> None:
    large = "--large" in sys.argv
    result = {}
    started = time.perf_counter()
    answers = adaptive_answers(33334, 2000, 30, seed=SEED)
    result["answers"] = len(answers.correct)
    result["generate_seconds"] = round(time.perf_counter() - started, 1)
    fitted, seconds, peak = timed(answers, 2000)
    result["seconds"] = round(seconds, 2)
    result["cpu_seconds"] = round(timed.cpu_seconds, 2)
    result["peak_mb"] = round(peak)
    result["iterations"] = fitted.iterations
    result["converged"] = fitted.converged
    result.update(recovery((fitted.difficulty, fitted.discrimination), answers))
    print(
        f"1M adaptive: {seconds:.2f} s, {peak:.0f} MB, "
        f"{fitted.iterations} iterations, {result}"
    )

    served_at_random = adaptive_answers(33334, 2000, 30, seed=SEED, adaptive=False)
    at_random = calibrate_2pl(
        served_at_random.learner_index,
        served_at_random.item_index,
        served_at_random.correct,
        n_items=2000,
    )
    random_figures = recovery(
        (at_random.difficulty, at_random.discrimination), served_at_random, "random_"
    )
    result.update(random_figures)
    result["adaptive_vs_random_rmse_gap"] = round(
        result["rmse_b"] - random_figures["random_rmse_b"], 4
    )
    print(f"1M at random: {random_figures}")

    more = adaptive_answers(33668, 2000, 30, seed=SEED + 1)
    first = more.learner_index < 33334
    before = calibrate_2pl(
        more.learner_index[first],
        more.item_index[first],
        more.correct[first],
        n_items=2000,
    )
    started = time.perf_counter()
    after = calibrate_2pl(
        more.learner_index, more.item_index, more.correct, n_items=2000, start=before
    )
    result["warm_start_iterations"] = after.iterations
    result["warm_start_seconds"] = round(time.perf_counter() - started, 2)
    result["warm_start_converged"] = after.converged
    print(f"+1 % answers, warm start: {after.iterations} iterations")

    if large:
        big = adaptive_answers(333334, 10000, 30, seed=SEED)
        fitted, seconds, peak = timed(big, 10000)
        figures = recovery((fitted.difficulty, fitted.discrimination), big, "10m_")
        figures["10m_seconds"] = round(seconds, 1)
        figures["10m_cpu_seconds"] = round(timed.cpu_seconds, 1)
        figures["10m_peak_mb"] = round(peak)
        figures["10m_iterations"] = fitted.iterations
        result.update(figures)
        print(f"10M adaptive: {figures}")

    if "--no-mirt" not in sys.argv:
        try:
            import mirt  # noqa: F401
        except ImportError:
            result["mirt"] = "not installed"
        else:
            result.update(run_mirt(answers, 33334, 2000))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
