"""IRT positioning vs skill inference on the demo bank, per competence.

Loads content/demo into a throw-away SQLite database and publishes a release
(as bench/bench_simulation.py does). Per competence: calibrates the bank on
simulated answers (3,000 learners x 12 challenges served at random, true
level 0-6, slip 10 %, guess 15 %) with review.domain.calibration; plays
LEARNERS learners of the same population through the IRT positioning test
(preview.simulator playing runtime.domain.irt.POSITIONING: 5 to 12
answers, exposure weight reaching 1 after 10, stop once the posterior
probability of being within one level of the placed level is 97 %), and,
for comparison, through the former rules (32 answers, exposure weight over
32, stop at a standard error of 0.45); and 500 learners through the real
skill inference (runtime.domain.simulation). Prints exact / within-one
placement, mean and p95 questions of each, and the ratio of IRT's questions
to inference's.

Three references explain the gap to the goal:
- ``bayes``: a rule that knows the true learner model (levels, slip, guess),
  asks one challenge per skill by greatest expected information and stops at
  the same 97 % within one level: what the bank and noise allow;
- ``ceiling_2pl``: every challenge of the competence answered, the 2PL EAP
  thresholded at the best cuts chosen knowing the true levels: no 2PL
  positioning on these parameters places better, at any length;
- ``level_class``: a model of levels rather than of a continuous ability
  (each class 0..top level masters the skills up to its level; per challenge
  a slip and a guess rate), calibrated by EM on the same calibration answers
  as the 2PL, without the true levels, played with the bank rules and the
  same stop, but always the most informative challenge (no randomesque, no
  exposure control: its first challenge goes to every learner).

Measured (seed 17, mean of 16 competences): IRT positioning 52.0 % exact
(48.4-56.6), 96.9 % within one (95.4-98.2), 8.76 questions (p95 12), 0.91
of inference's (0.72-1.09 per competence), most served challenge 37-58 % of
tests; former rules 47.9 %, 93.6 %, 12.5 questions; inference 64.9 %,
95.6 %, 9.65. Bayes reference 87.3 % exact, 98.2 % within one, 6.35
questions; 2PL ceiling 63.2 % exact (61-67) with every challenge answered;
level classes 85.8 % exact (79.7-89.3), 98.0 % within one (97.5-98.2), 6.66
questions, 0.69 of inference's. The goal (issue 17: >= 97 % within one,
>= 75 % exact, >= 30 % fewer questions) is out of reach of the 2PL: its
likelihood only sees a weighted number of right answers, where the learners'
slips and guesses call for the answers' pattern; a level-class model reaches
it on these simulated learners (whose answers follow that very model).
5,000 learners x 32 answers stay <= 3 s (``seconds_32``).

Seeded. The last line is JSON. Run: .venv/bin/python bench/bench_irt_demo.py
"""

import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
LEARNERS = 5000
INFERENCE_LEARNERS = 500
SEED = 17
SLIP, GUESS = 0.10, 0.15


def bayes_reference(bank, true_levels, stop: float, seed: int):
    """Return (placed, questions) of a rule knowing the true learner model."""
    rng = np.random.default_rng(seed)
    levels = np.unique(bank.levels)
    skills = np.array([len(set(bank.skills[bank.levels == lv])) for lv in levels])
    states = np.arange(7)
    right = np.where(levels[:, None] <= states[None, :], 1 - SLIP, GUESS)
    n = len(true_levels)
    post = np.full((n, 7), 1 / 7)
    left = np.tile(skills, (n, 1))
    questions = np.zeros(n, dtype=int)

    def entropy(p):
        p = p / p.sum(-1, keepdims=True)
        return -(p * np.log(np.clip(p, 1e-12, 1))).sum(-1)

    for _step in range(int(skills.sum())):
        placed = post.argmax(axis=1)
        near = np.abs(states[None, :] - placed[:, None]) <= 1
        active = (left.sum(axis=1) > 0) & ((post * near).sum(axis=1) < stop)
        if not active.any():
            break
        p_right = post @ right.T
        after_right = post[:, None, :] * right[None]
        after_wrong = post[:, None, :] * (1 - right[None])
        expected = p_right * entropy(after_right) + (1 - p_right) * entropy(after_wrong)
        chosen = np.where(left > 0, expected, np.inf).argmin(axis=1)
        got = rng.random(n) < right[chosen, true_levels]
        update = np.where(got[:, None], right[chosen], 1 - right[chosen])
        post[active] *= update[active]
        post[active] /= post[active].sum(axis=1, keepdims=True)
        left[np.flatnonzero(active), chosen[active]] -= 1
        questions[active] += 1
    return post.argmax(axis=1), questions


def _smoothed_rate(items, event, weight, n_items):
    """Return per challenge (weighted events + 1) / (weights + 2)."""
    hits = np.bincount(items.ravel(), (weight * event).ravel(), n_items)
    return (hits + 1) / (np.bincount(items.ravel(), weight.ravel(), n_items) + 2)


def level_class_reference(bank, items, right, true_levels, config, seed: int):
    """Return (placed, questions, largest exposure) of a level-class model.

    Calibrated on ``items`` / ``right`` (the 2PL's calibration answers):
    classes 0..top level with shares pi, each challenge right with 1 - slip_i
    at or above its level and guess_i below, fitted by EM without the true
    levels. The test keeps irt's bank rules (one challenge per skill, a tube
    again only once all were used), asks the challenge with the greatest
    expected fall of the classes' entropy, and has the same length, minimum
    and 97 % within-one stop as ``config``."""
    from preview.simulator import answer

    classes = np.arange(int(bank.levels.max()) + 1)
    masters = bank.levels[None, :] <= classes[:, None]  # classes x challenges
    n_items = len(bank.ids)
    shares = np.full(len(classes), 1 / len(classes))
    slip, guess = np.full(n_items, 0.2), np.full(n_items, 0.2)
    answered = masters[:, items]  # classes x learners x answers
    for _iteration in range(200):
        p = np.where(masters, 1 - slip, guess)[:, items]
        log_like = np.where(right[None], np.log(p), np.log1p(-p)).sum(axis=2)
        log_like = log_like.T + np.log(shares)
        post = np.exp(log_like - log_like.max(axis=1, keepdims=True))
        post /= post.sum(axis=1, keepdims=True)  # learners x classes
        shares = post.mean(axis=0) + 1e-6
        shares /= shares.sum()
        mastering = np.einsum("lk,klj->lj", post, answered)
        slip = _smoothed_rate(items, ~right, mastering, n_items)
        guess = _smoothed_rate(items, right, 1 - mastering, n_items)
    chance = np.where(masters, 1 - slip, guess)  # classes x challenges
    rng = np.random.default_rng(seed)
    n = len(true_levels)
    post = np.tile(shares, (n, 1))
    open_ = np.ones((n, n_items), dtype=bool)
    tube_free = np.ones((n, n_items), dtype=bool)
    questions, rows = np.zeros(n, dtype=int), np.arange(n)
    seen = np.zeros((n, n_items), dtype=bool)
    same_skill = bank.skills[:, None] == bank.skills[None, :]
    same_tube = bank.tubes[:, None] == bank.tubes[None, :]

    def entropy(mass):  # learners x classes x challenges -> learners x challenges
        mass = mass / mass.sum(axis=1, keepdims=True)
        return -(mass * np.log(np.clip(mass, 1e-12, 1))).sum(axis=1)

    for _step in range(config.length):
        placed = post.argmax(axis=1)
        near = np.abs(classes[None, :] - placed[:, None]) <= 1
        sure = (post * near).sum(axis=1) >= config.within_one_stop
        active = open_.any(axis=1) & ~(sure & (questions >= config.min_length))
        if not active.any():
            break
        p_right = post @ chance
        expected = p_right * entropy(post[:, :, None] * chance[None]) + (
            1 - p_right
        ) * entropy(post[:, :, None] * (1 - chance[None]))
        free = (open_ & tube_free).any(axis=1, keepdims=True)
        eligible = open_ & np.where(free, tube_free, True)
        item = np.where(eligible, -expected, -np.inf).argmax(axis=1)
        got = answer(true_levels, bank.levels[item], rng)
        live, chosen = rows[active], item[active]
        post[live] *= np.where(
            got[active, None], chance[:, chosen].T, 1 - chance[:, chosen].T
        )
        post[live] /= post[live].sum(axis=1, keepdims=True)
        open_[live] &= ~same_skill[chosen]
        tube_free[live] &= ~same_tube[chosen]
        seen[live, chosen] = True
        questions[live] += 1
    return post.argmax(axis=1), questions, float(seen.mean(axis=0).max())


def ceiling_2pl(bank, a, b, true_levels, seed: int) -> float:
    """Return the exact share of the EAP after every challenge, best cuts."""
    from preview.simulator import simulate_irt

    outcome = simulate_irt(
        bank, a, b, true_levels, length=len(bank.ids), exposure=False, seed=seed
    )
    ability, cuts = outcome.ability, []
    for level in range(1, 7):
        below, above = ability[true_levels == level - 1], ability[true_levels == level]
        candidates = np.unique(np.concatenate([below, above]))
        hits = [np.sum(below < c) + np.sum(above >= c) for c in candidates]
        cuts.append(candidates[int(np.argmax(hits))])
    placed = np.sum(ability[:, None] >= np.maximum.accumulate(cuts), axis=1)
    return round(float(np.mean(placed == true_levels)), 3)


def figures(placed, true_levels, questions) -> dict:
    gap = np.asarray(placed) - np.asarray(true_levels)
    return {
        "exact": round(float(np.mean(gap == 0)), 3),
        "within_one": round(float(np.mean(np.abs(gap) <= 1)), 3),
        "mean_questions": round(float(np.mean(questions)), 2),
        "p95_questions": int(np.percentile(questions, 95)),
    }


def main() -> None:
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        os.environ["WORKBENCH_VAR_DIR"] = folder
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
        import django

        django.setup()
        from bench.bench_simulation import published_index, skill_pix

        index = published_index()
    from preview.simulator import (
        Bank,
        calibrate_scope,
        calibration_answers,
        simulate_config,
        simulate_irt,
    )
    from runtime.domain import irt
    from runtime.domain.simulation import play_test

    config = irt.POSITIONING
    rows, seconds_32 = {}, []
    for competence in sorted(index.skills_by_competence):
        scope = index.scope(competence)
        bank = Bank.of_scope(scope)
        a, b = calibrate_scope(bank, seed=SEED)
        levels = np.random.default_rng(SEED).integers(0, 7, LEARNERS)
        outcome = simulate_config(bank, a, b, levels, config, seed=SEED)
        summary = outcome.summary()
        started = time.perf_counter()
        former = simulate_irt(bank, a, b, levels, se_threshold=0.45, seed=SEED)
        seconds_32.append(time.perf_counter() - started)
        rng = random.Random(f"{SEED}:{competence}")
        played = [
            play_test(
                scope,
                skill_pix(index, competence),
                true_level=rng.randint(0, 6),
                key=f"{SEED}:{competence}:{number}",
            )
            for number in range(INFERENCE_LEARNERS)
        ]
        inference = figures(
            [p.placed_level for p in played],
            [p.true_level for p in played],
            [len(p.served) for p in played],
        )
        placed, asked = bayes_reference(bank, levels, config.within_one_stop, SEED)
        items, right = calibration_answers(bank, seed=SEED)
        classed, class_asked, class_exposure = level_class_reference(
            bank, items, right, levels, config, SEED
        )
        row = {
            "bank": len(bank.ids),
            "irt": {
                **figures(outcome.placed, levels, outcome.questions),
                "max_exposure": summary["max_exposure"],
                "bank_used": summary["bank_used"],
            },
            "irt_former": figures(former.placed, levels, former.questions),
            "inference": inference,
            "bayes": figures(placed, levels, asked),
            "level_class": {
                **figures(classed, levels, class_asked),
                "max_exposure": round(class_exposure, 3),
            },
            "ceiling_2pl_exact": ceiling_2pl(bank, a, b, levels, SEED),
        }
        row["question_ratio"] = round(
            row["irt"]["mean_questions"] / inference["mean_questions"], 3
        )
        rows[competence] = row
        print(
            f"{competence:5} bank {len(bank.ids):3d}"
            + "".join(
                f" | {kind} {row[kind]['exact']:.3f} ±1 {row[kind]['within_one']:.3f}"
                f" q {row[kind]['mean_questions']:5.2f}"
                for kind in ("irt", "irt_former", "inference", "bayes", "level_class")
            )
            + f" | ratio {row['question_ratio']:.2f}"
            f" ceiling {row['ceiling_2pl_exact']:.3f}"
        )

    def mean(kind, key):
        return round(float(np.mean([row[kind][key] for row in rows.values()])), 3)

    result = {
        "learners_per_competence": LEARNERS,
        "config": {
            "length": config.length,
            "min_length": config.min_length,
            "exposure_length": config.exposure_length,
            "within_one_stop": config.within_one_stop,
        },
        **{
            f"{kind}_{key}": mean(kind, key)
            for kind in ("irt", "irt_former", "inference", "bayes", "level_class")
            for key in ("exact", "within_one", "mean_questions")
        },
        "question_ratio": round(
            mean("irt", "mean_questions") / mean("inference", "mean_questions"), 3
        ),
        "level_class_question_ratio": round(
            mean("level_class", "mean_questions") / mean("inference", "mean_questions"),
            3,
        ),
        "worst_exact": min(row["irt"]["exact"] for row in rows.values()),
        "worst_within_one": min(row["irt"]["within_one"] for row in rows.values()),
        "ceiling_2pl_exact": round(
            float(np.mean([row["ceiling_2pl_exact"] for row in rows.values()])), 3
        ),
        "seconds_32": round(max(seconds_32), 2),
        "competences": rows,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
