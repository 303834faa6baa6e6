"""Build a release of a synthetic bank of 5,000 challenges and load its index.

Goals (issue: releases and runtime): build <= 10 s, load into the index <= 1 s.
The bank is generated in a throw-away SQLite database (DATABASE_URL overrides).
Run: .venv/bin/python bench/bench_release.py
"""

import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHALLENGES = 5000


def make_bank(rng: random.Random) -> None:
    """Create 16 x 5 tubes x 6 levels of active skills and 5,000 live challenges."""
    from authoring.models import Challenge
    from referential.models import Competence, Skill, Thematic, Tube

    skills = []
    for competence in Competence.objects.all():
        thematic = Thematic.objects.create(competence=competence, name="Synthèse")
        for number in range(5):
            tube = Tube.objects.create(
                competence=competence,
                thematic=thematic,
                name=f"@bench{competence.code.replace('.', '')}x{number}",
                title="Sujet de synthèse",
            )
            skills += [
                Skill(tube=tube, level=level, status="active") for level in range(1, 7)
            ]
    skills = Skill.objects.bulk_create(skills)
    kinds = [
        ("QCU", "- un\n- deux\n- trois", "2"),
        ("QCM", "- un\n- deux\n- trois", "1,3"),
        ("QROC", "Réponse : ${r}", "Paris\nparis intra-muros"),
        ("QROCM-ind", "${a} et ${b}", "a: rouge\nb:\n- vert\n- verte"),
    ]
    Challenge.objects.bulk_create(
        [
            Challenge(
                skill=rng.choice(skills),
                type=kind,
                instruction=f"Consigne de synthèse numéro {number} **en Markdown**.",
                proposals=proposals,
                solution=solution,
                status="validated",
                live=True,
                timer=rng.choice([None, None, None, 60]),
            )
            for number in range(CHALLENGES)
            for kind, proposals, solution in [rng.choice(kinds)]
        ],
        batch_size=500,
    )


def main() -> None:
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
        os.environ["WORKBENCH_VAR_DIR"] = folder
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        from authoring.releases.services import release_publish
        from runtime.models import Release
        from runtime.release_index import clear_release_index_cache, release_index

        Release.objects.all().delete()
        make_bank(random.Random(42))
        started = time.perf_counter()
        release = release_publish(trusted=True)
        built = time.perf_counter() - started
        clear_release_index_cache()
        started = time.perf_counter()
        index = release_index(release.pk)
        loaded = time.perf_counter() - started
        result = {
            "challenges": len(index.challenges),
            "build_seconds": round(built, 2),
            "load_index_seconds": round(loaded, 3),
            "goals": {"build_seconds": 10, "load_index_seconds": 1},
        }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
