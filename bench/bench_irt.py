"""IRT adaptive test on a 2,000-item bank: speed, exposure and trial slots.

The bank: 2,000 items (b ~ N(0, 1.5), a ~ lognormal(0, 0.3)), 4 items per
skill, 5 skills per tube, 100 tubes over 16 competences. Measures:

- one ability update + next-item selection (runtime.domain.irt.AdaptiveTest
  ``record`` then ``next_item``), per call over 200 tests of 32 answers:
  median and p99 in ms (goal: <= 0.1 ms median, <= 0.5 ms p99), wall
  clock and this thread's CPU time (the wall p99 counts the time the
  process waited for a core on a busy machine);
- 5,000 learners (θ ~ N(0, 1)) x 32 items, without and with exposure
  control: the largest share of learners who saw one item (goal <= 25 %),
  the share of the bank used (goal >= 90 %) and the ability RMSE (goal: at
  most +0.02 with control);
- trial slots (1 in 10) with 25 uncalibrated items, 2,000 learners: the
  fewest answers a trial item got (goal >= 200).

Seeded. The last line is JSON. Run: .venv/bin/python bench/bench_irt.py
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from runtime.domain.irt import AdaptiveTest, IrtConfig, ItemBank

SEED = 17


def make_bank(n_items=2000, uncalibrated=0, seed=SEED):
    rng = np.random.default_rng(seed)
    b = rng.normal(0.0, 1.5, n_items)
    a = rng.lognormal(0.0, 0.3, n_items)
    skill = np.arange(n_items) // 4
    tube = skill // 5
    competence = tube * 16 // (tube.max() + 1)
    calibrated = np.ones(n_items, dtype=bool)
    calibrated[rng.choice(n_items, uncalibrated, replace=False)] = False
    return ItemBank(
        [f"c{i}" for i in range(n_items)],
        a,
        b,
        [f"s{s}" for s in skill],
        [f"t{t}" for t in tube],
        [f"k{k}" for k in competence],
        calibrated,
    )


def play(bank, ability, config, rng, trial_counts=None, exposure_rates=None):
    """Return (test, trial items served) for one simulated learner."""
    test = AdaptiveTest(bank, config)
    trials = []
    while (
        chosen := test.next_item(
            rng, trial_counts=trial_counts, exposure_rates=exposure_rates
        )
    ) is not None:
        item, trial = chosen
        p = 1.0 / (1.0 + np.exp(bank.a[item] * (bank.b[item] - ability)))
        test.record(item, bool(rng.random() < p), trial=trial)
        if trial:
            trials.append(item)
            if trial_counts is not None:
                trial_counts[item] += 1
    return test, trials


def timing(bank) -> dict:
    rng = np.random.default_rng(SEED)
    durations, cpu = [], []
    for _ in range(200):
        ability = rng.normal()
        test = AdaptiveTest(bank)
        item, _ = test.next_item(rng)
        while True:
            right = bool(rng.random() < 0.5 + 0.1 * np.sign(ability))
            started, started_cpu = time.perf_counter(), time.thread_time()
            test.record(item, right)
            chosen = test.next_item(rng)
            durations.append(time.perf_counter() - started)
            cpu.append(time.thread_time() - started_cpu)
            if chosen is None:
                break
            item, _ = chosen
    durations = np.array(durations) * 1000
    cpu = np.array(cpu) * 1000
    return {
        "update_select_median_ms": round(float(np.median(durations)), 4),
        "update_select_p99_ms": round(float(np.percentile(durations, 99)), 4),
        "update_select_cpu_median_ms": round(float(np.median(cpu)), 4),
        "update_select_cpu_p99_ms": round(float(np.percentile(cpu, 99)), 4),
        "calls": len(durations),
    }


def exposure(bank, learners, exposure_on) -> dict:
    rng = np.random.default_rng(SEED)
    abilities = rng.normal(0.0, 1.0, learners)
    seen = np.zeros(len(bank))
    errors = []
    config = IrtConfig(exposure=exposure_on)
    for number, ability in enumerate(abilities):
        rates = seen / number if number else None
        test, _ = play(bank, ability, config, rng, exposure_rates=rates)
        seen[np.unique(test.served)] += 1
        errors.append(test.estimate.ability - ability)
    errors = np.array(errors)
    key = "with_control" if exposure_on else "without_control"
    return {
        f"{key}_max_exposure": round(float(seen.max() / learners), 3),
        f"{key}_bank_used": round(float((seen > 0).mean()), 3),
        f"{key}_rmse": round(float(np.sqrt(np.mean(errors**2))), 4),
        f"{key}_bias": round(float(errors.mean()), 4),
    }


def trials(learners=2000, new_items=25) -> dict:
    bank = make_bank(uncalibrated=new_items)
    rng = np.random.default_rng(SEED)
    counts = np.zeros(len(bank), dtype=int)
    config = IrtConfig(trial_every=10, length=32)
    for ability in rng.normal(0.0, 1.0, learners):
        play(bank, ability, config, rng, trial_counts=counts)
    new = ~bank.calibrated
    return {
        "trial_items": int(new.sum()),
        "trial_learners": learners,
        "trial_min_answers": int(counts[new].min()),
        "trial_max_answers": int(counts[new].max()),
    }


def main() -> None:
    learners = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    bank = make_bank()
    result = timing(bank)
    print(f"timing: {result}")
    for exposure_on in (False, True):
        started = time.perf_counter()
        figures = exposure(bank, learners, exposure_on)
        figures[f"{'with' if exposure_on else 'without'}_control_seconds"] = round(
            time.perf_counter() - started, 1
        )
        print(figures)
        result.update(figures)
    result["rmse_cost"] = round(
        result["with_control_rmse"] - result["without_control_rmse"], 4
    )
    result["learners"] = learners
    result.update(trials())
    print(json.dumps(result))


if __name__ == "__main__":
    main()
