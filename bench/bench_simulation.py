"""Simulated learners through the real adaptive test and scoring, on the demo pack.

Loads content/demo into a throw-away SQLite database, publishes a release and
reads it through the runtime's release index; then plays LEARNERS simulated
learners per competence (true level 0-6 uniform, slip 10 %, guess 15 %)
through the real inference (next challenge, knowledge, end of test) and the
real scoring (each skill's pix from the release; level scored uncapped).

Prints per competence and overall: the share placed at their exact level and
within one level, the mean number of questions, the most-served challenge's
share of tests and the share of the bank ever served. Goal (issue 12): no
challenge served in more than half of a competence's tests. The last line is
one JSON object. Seeded: two runs print the same figures.
Run: .venv/bin/python bench/bench_simulation.py [learners per competence]
"""

import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEARNERS = 500
SEED = 12
GOAL_MOST_SERVED_SHARE = 0.5


def skill_pix(index, competence: str) -> dict[str, float]:
    """Return {skill id: pix} of a competence as the release stores them.

    The one place reading the snapshot's skills (its format may change).
    """
    return {
        skill_id: index.skills[skill_id].pix
        for skill_id in index.skills_by_competence[competence]
    }


def published_index():
    """Load the demo pack, publish a release and return its runtime index."""
    from django.core.management import call_command

    from authoring.releases.services import release_publish
    from runtime.release_index import release_index

    call_command("migrate", verbosity=0)
    call_command("load_content", str(ROOT / "content" / "demo"), no_progress=True)
    release = release_publish(trusted=True)
    return release_index(release.pk)


def simulate(index, learners: int):
    """Return {competence: Summary}, every competence with LEARNERS tests."""
    from runtime.domain.simulation import play_test, summarise

    summaries = {}
    for competence in sorted(index.skills_by_competence):
        scope = index.scope(competence)
        pix = skill_pix(index, competence)
        rng = random.Random(f"{SEED}:{competence}")
        outcomes = [
            play_test(
                scope,
                pix,
                true_level=rng.randint(0, 6),
                key=f"{SEED}:{competence}:{number}",
            )
            for number in range(learners)
        ]
        bank = [challenge.id for challenge in scope.challenges]
        summaries[competence] = (summarise(outcomes, bank), outcomes, bank)
    return summaries


def overall(summaries) -> dict:
    """Return the figures over every test, and the worst most-served share."""
    from runtime.domain.simulation import summarise

    outcomes = [o for _, found, _ in summaries.values() for o in found]
    bank = [c for _, _, found in summaries.values() for c in found]
    total = summarise(outcomes, bank)
    worst = max(summaries, key=lambda code: summaries[code][0].most_served_share)
    worst_summary = summaries[worst][0]
    return {
        "learners": total.tests,
        "exact": round(total.exact, 3),
        "within_one": round(total.within_one, 3),
        "mean_questions": round(total.mean_questions, 2),
        "bank_served": round(total.bank_served_share, 3),
        "worst_most_served_share": round(worst_summary.most_served_share, 3),
        "worst_competence": worst,
        "worst_challenge": worst_summary.most_served,
        "competences_over_goal": sum(
            1
            for summary, _, _ in summaries.values()
            if summary.most_served_share > GOAL_MOST_SERVED_SHARE
        ),
        "goal_most_served_share": GOAL_MOST_SERVED_SHARE,
    }


def print_table(summaries) -> None:
    """Print one line per competence."""
    print(
        f"{'comp':5} {'tests':>5} {'exact':>6} {'±1':>6} {'questions':>9} "
        f"{'most served':>11} {'bank':>6}  most-served challenge"
    )
    for code, (summary, _, _) in summaries.items():
        print(
            f"{code:5} {summary.tests:5d} {summary.exact:6.3f} "
            f"{summary.within_one:6.3f} {summary.mean_questions:9.2f} "
            f"{summary.most_served_share:11.3f} {summary.bank_served_share:6.3f}"
            f"  {summary.most_served}"
        )


def main() -> None:
    learners = int(sys.argv[1]) if len(sys.argv) > 1 else LEARNERS
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        os.environ["WORKBENCH_VAR_DIR"] = folder
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
        import django

        django.setup()
        started = time.perf_counter()
        index = published_index()
        loaded = time.perf_counter() - started
        started = time.perf_counter()
        summaries = simulate(index, learners)
        played = time.perf_counter() - started
    print_table(summaries)
    result = overall(summaries)
    result["setup_seconds"] = round(loaded, 1)
    result["simulation_seconds"] = round(played, 1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
