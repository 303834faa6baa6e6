"""Queries and server time of one learner step (answer + next challenge).

Sets up its own database from DATABASE_URL (default: a PostgreSQL database
``workbench_bench`` on 127.0.0.1), migrating it, loading the demo pack and
publishing a release when needed. It then drives learners through positioning
tests in-process and prints, as its last line, one JSON object with
``queries_per_step`` (SQL queries of the one request that records an answer and
returns the next challenge, as the page sends it with htmx; authentication and
session included, median) and ``ratio_vs_floor``
(median time of that step over the median of a bare Django view doing one
INSERT and one SELECT on the same database, measured in the same run).
Goal: <= 5 queries (stretch 4), ratio <= 2.0.
Run: .venv/bin/python bench/learner_step.py
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/workbench_bench"
STEPS = 60


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database when it does not exist."""
    if not url.startswith("postgres"):
        return
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def floor_view(request):
    """One INSERT and one SELECT: the least a recorded answer can cost."""
    from django.db import connection
    from django.http import HttpResponse

    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_floor (value) VALUES (%s)", ["x"])
        cursor.execute("SELECT count(*) FROM bench_floor")
        count = cursor.fetchone()[0]
    return HttpResponse(str(count))


def prepare() -> None:
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from authoring.models import Release
    from authoring.releases.services import release_publish

    if not Release.objects.filter(is_current=True).exists():
        call_command("load_content", str(ROOT / "content" / "demo"), no_progress=True)
        release_publish(check_permission=False)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_floor (id serial PRIMARY KEY, value text)"
            if connection.vendor == "postgresql"
            else "CREATE TABLE IF NOT EXISTS bench_floor "
            "(id integer PRIMARY KEY AUTOINCREMENT, value text)"
        )


def answer_for(challenge: dict) -> dict:
    """Return form data answering a challenge right."""
    spec = challenge["spec"]
    if spec["type"] == "QCU":
        return {"answer": spec["solution"]}
    if spec["type"] == "QCM":
        return {"answer": [str(index) for index in spec["solution"]]}
    solutions = spec["solutions"]
    if isinstance(solutions, list):
        key = next(iter(spec["block_types"]), "answer")
        solutions = {key: solutions}
    return {f"answer-{key}": variants[0] for key, variants in solutions.items()}


def measure_steps(client, user, index) -> tuple[list[int], list[float]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from runtime.models import Assessment

    queries, seconds = [], []
    for code in sorted(index.competences):
        if len(seconds) >= STEPS:
            break
        client.post(f"/competences/{code}/commencer/")
        assessment = Assessment.objects.get(user=user, competence=code)
        url = f"/tests/{assessment.pk}/"
        client.get(url)
        for _ in range(40):
            assessment.refresh_from_db()
            if assessment.state == "completed" or not assessment.current_challenge:
                break
            challenge = index.challenges[assessment.current_challenge]
            data = {"challenge": challenge["id"], **answer_for(challenge)}
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                page = client.post(
                    f"{url}repondre/", data, headers={"HX-Request": "true"}
                )
                elapsed = time.perf_counter() - started
            if "HX-Redirect" in page:
                client.post(f"{url}bilan/")
                client.get(url)
                continue
            queries.append(len(captured.captured_queries))
            if os.environ.get("BENCH_SHOW_QUERIES") and len(queries) == 3:
                for query in captured.captured_queries:
                    print(query["sql"][:150])
            seconds.append(elapsed)
    return queries, seconds


def measure_floor(client) -> list[float]:
    seconds = []
    for _ in range(STEPS):
        started = time.perf_counter()
        client.get("/bench-floor/")
        seconds.append(time.perf_counter() - started)
    return seconds


def main() -> None:
    sys.path.insert(0, str(ROOT))
    url = os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    ensure_database(url)
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.urls import clear_url_caches, include, path

    settings.ALLOWED_HOSTS = ["*"]
    prepare()
    from config import urls as project_urls

    project_urls.urlpatterns.insert(0, path("bench-floor/", floor_view))
    clear_url_caches()
    del include
    from django.contrib.auth import get_user_model

    from runtime.release_index import current_release_index

    user = get_user_model().objects.create_user(
        f"bench-{time.time_ns()}", password="bench-password-123"
    )
    client = Client()
    client.force_login(user)
    index = current_release_index()
    measure_floor(client)  # warm up
    queries, step_seconds = measure_steps(client, user, index)
    floor_seconds = measure_floor(client)
    step, floor = statistics.median(step_seconds), statistics.median(floor_seconds)
    print(
        f"{len(step_seconds)} steps; step median {step * 1000:.1f} ms, "
        f"floor median {floor * 1000:.2f} ms; "
        f"database {settings.DATABASES['default']['ENGINE']}"
    )
    print(
        json.dumps(
            {
                "queries_per_step": statistics.median(queries),
                "queries_per_step_max": max(queries),
                "ratio_vs_floor": round(step / floor, 2),
                "step_ms": round(step * 1000, 2),
                "floor_ms": round(floor * 1000, 3),
                "steps": len(step_seconds),
            }
        )
    )


if __name__ == "__main__":
    main()
