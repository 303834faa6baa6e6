"""Queries and server CPU of each page of the whole learner flow, in-process.

The load test (bench/load/) measures the flow over HTTP on a shared machine,
where other processes move its figures; this drives the same flow in one
process with Django's test client and counts what does not depend on the
machine's load: the queries of each page, and the CPU time the server's part
of each request takes (``time.process_time``, from the request's WSGI environ
to the response, as a WSGI server calls Django).

Each learner (signed in with ``force_login``: password hashing is left out)
opens the profile, starts a competence, answers until the result (the htmx
answer request), reads and acknowledges a checkpoint every five answers,
reads the result, then the profile again and the next competence, as
bench/load/client.py does.

Sets up its database as bench/learner_step.py does (DATABASE_URL, default a
PostgreSQL database ``workbench_bench``; sessions in Redis, REDIS_URL, when
one answers). Prints a table per page, then one JSON line:
``cpu_ms_per_answer`` (every page of the flow, divided by the answers),
``queries_per_answer`` and, per page, the median queries and CPU ms.

    .venv/bin/python bench/learner_flow.py [--learners 6] [--profile out.prof]
"""

import argparse
import cProfile
import json
import os
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.learner_step import (  # noqa: E402
    DEFAULT_REDIS_URL,
    DEFAULT_URL,
    answer_for,
    ensure_database,
    page_token,
    prepare,
    redis_reachable,
)

PAGES = [
    ("answer", re.compile(r"^/tests/\d+/repondre/$")),
    ("checkpoint", re.compile(r"^/tests/\d+/bilan/$")),
    ("result", re.compile(r"^/tests/\d+/resultat/$")),
    ("test page", re.compile(r"^/tests/\d+/$")),
    ("start", re.compile(r"^/competences/[\w.]+/commencer/$")),
    ("home", re.compile(r"^/$")),
]

# (page, method) -> list of (queries, cpu seconds)
measured: dict[tuple[str, str], list[tuple[int, float]]] = defaultdict(list)


def low(values: list[float]) -> float:
    """Return the first decile."""
    return sorted(values)[len(values) // 10]


def page_of(path: str) -> str:
    return next((name for name, pattern in PAGES if pattern.match(path)), path)


def instrument() -> None:
    """Count the queries and the CPU time of each request the server handles."""
    from django.db import connection
    from django.test.client import ClientHandler
    from django.test.utils import CaptureQueriesContext

    handle = ClientHandler.__call__

    def counted(self, environ):
        connection.queries_log.clear()  # it keeps 9000 queries at most
        with CaptureQueriesContext(connection) as captured:
            started = time.process_time()
            response = handle(self, environ)
            cpu = time.process_time() - started
        key = (page_of(environ["PATH_INFO"]), environ["REQUEST_METHOD"])
        measured[key].append((len(captured.captured_queries), cpu))
        return response

    ClientHandler.__call__ = counted


def take_the_flow(index, learners: int) -> int:
    """Drive learners through every competence; return the answers given."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from runtime.models import Assessment

    answers = 0
    for number in range(learners):
        user = get_user_model().objects.create_user(
            f"flow-{time.time_ns()}-{number}", password="flow-password-123"
        )
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        for code in sorted(index.competences):
            token = page_token(client.get("/"))
            client.post(
                f"/competences/{code}/commencer/", {"csrfmiddlewaretoken": token}
            )
            assessment = Assessment.objects.get(user=user, competence=code)
            url = f"/tests/{assessment.pk}/"
            page = client.get(url, follow=True)
            step = None
            for _ in range(200):
                if page.request["PATH_INFO"].endswith("/resultat/"):
                    break
                if page.request["PATH_INFO"].endswith("/bilan/"):
                    token = page_token(page)
                    page = client.post(
                        f"{url}bilan/", {"csrfmiddlewaretoken": token}, follow=True
                    )
                    continue
                if page is not step:  # htmx swapped <main>: same page, same token
                    token = page_token(page)
                challenge_id = re.search(
                    r'name="challenge" value="([^"]+)"', page.content.decode()
                ).group(1)
                data = {"challenge": challenge_id}
                data.update(answer_for(index.challenges[challenge_id]))
                step = client.post(
                    f"{url}repondre/",
                    urlencode(data, doseq=True),
                    content_type="application/x-www-form-urlencoded",
                    headers={
                        "HX-Request": "true",
                        "X-CSRFToken": token,
                        "Origin": "http://testserver",
                    },
                )
                assert step.status_code == 200, step.status_code
                answers += 1
                if "HX-Redirect" in step:
                    page = client.get(step["HX-Redirect"], follow=True)
                else:
                    page = step
                    page.request["PATH_INFO"] = url
            else:
                raise RuntimeError(f"{url} never ended")
    return answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=6)
    parser.add_argument("--profile", help="write a cProfile of the measured pass")
    args = parser.parse_args()
    url = os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    ensure_database(url)
    if "REDIS_URL" not in os.environ and redis_reachable(DEFAULT_REDIS_URL):
        os.environ["REDIS_URL"] = DEFAULT_REDIS_URL
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    prepare()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "postgresql" else "SELECT 1")
    from runtime.release_index import current_release_index

    settings.DEBUG = False
    index = current_release_index()
    instrument()
    take_the_flow(index, 1)  # warm up: every challenge rendered once
    measured.clear()
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    answers = take_the_flow(index, args.learners)
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)
    # The low tenth is what a page costs when nothing else takes the CPU's
    # caches: steadier than the median on a shared machine.
    low_cpu = sum(low([c for _, c in rows]) * len(rows) for rows in measured.values())
    total_cpu = sum(cpu for rows in measured.values() for _, cpu in rows)
    total_queries = sum(q for rows in measured.values() for q, _ in rows)
    pages = {}
    for (name, method), rows in sorted(measured.items()):
        queries = [q for q, _ in rows]
        cpus = [cpu for _, cpu in rows]
        pages[f"{method} {name}"] = {
            "requests": len(rows),
            "queries_median": statistics.median(queries),
            "queries_max": max(queries),
            "cpu_ms_median": round(1000 * statistics.median(cpus), 2),
            "cpu_ms_p10": round(1000 * low(cpus), 2),
            "cpu_share": round(sum(cpus) / total_cpu, 3),
        }
        print(
            f"{method:4} {name:10} {len(rows):5} requests, queries median "
            f"{statistics.median(queries):4} max {max(queries):3}, CPU median "
            f"{1000 * statistics.median(cpus):6.2f} ms (p10 {1000 * low(cpus):6.2f}), "
            f"{100 * sum(cpus) / total_cpu:5.1f} % of the flow's CPU"
        )
    requests = sum(len(rows) for rows in measured.values())
    print(
        json.dumps(
            {
                "answers": answers,
                "requests_per_answer": round(requests / answers, 2),
                "cpu_ms_per_answer": round(1000 * total_cpu / answers, 2),
                "cpu_ms_per_answer_p10": round(1000 * low_cpu / answers, 2),
                "queries_per_answer": round(total_queries / answers, 2),
                "sessions": settings.SESSION_ENGINE,
                "pages": pages,
            }
        )
    )


if __name__ == "__main__":
    main()
