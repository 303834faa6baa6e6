"""Fault test: kill -9 under load, then check that no acknowledged answer is lost.

    .venv/bin/python bench/faults/run.py      # make faults

The same server and learners as the load test (bench/load): while learners
take tests,
1. one gunicorn worker is killed with SIGKILL (the master starts another);
2. later the whole server (master and workers) is killed with SIGKILL and the
   application's PostgreSQL backends are terminated, then the server is
   started again.
Learners whose request failed go on with the same account and session, back
to the profile and into the same test. At the end, from the database: every
answer a learner saw acknowledged is stored exactly once (lost and
duplicated must be 0), and every unfinished test can be resumed where it was
(its owner's page answers with the current challenge or a checkpoint).
Prints one JSON line.
"""

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.load.client import run_learners  # noqa: E402
from bench.load.run import (  # noqa: E402
    PASSWORD,
    acknowledged_keys,
    environment,
    free_port,
    prepare,
    start_server,
    stored_answers,
)

RESUMABLE = """
import json
from django.db.models import Count
from django.test import Client
from runtime.models import Assessment
rows = {"resumable": 0, "not_resumable": []}
started = Assessment.objects.filter(
    user__username__startswith="charge", state="started"
).select_related("user")
for assessment in started:
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(assessment.user)
    response = client.get(f"/tests/{assessment.pk}/", follow=True, secure=True)
    page = response.content.decode()
    path = response.request["PATH_INFO"]
    # Resumed where it was: its current challenge, the checkpoint due, a timed
    # challenge's warning, or the result when only the end was left
    # (a page of this test with something to do, or its result).
    if (
        response.status_code == 200
        and path.startswith(f"/tests/{assessment.pk}/")
        and ('method="post"' in page or path.endswith("/resultat/"))
    ):
        rows["resumable"] += 1
    else:
        rows["not_resumable"].append([assessment.pk, response.status_code])
rows["open_twice"] = (
    Assessment.objects.filter(user__username__startswith="charge", state="started")
    .values("user", "competence").order_by().annotate(n=Count("id"))
    .filter(n__gt=1).count()
)
print(json.dumps(rows))
"""


def workers_of(master_pid: int) -> list[int]:
    output = subprocess.run(  # noqa: S603
        ["/usr/bin/pgrep", "-P", str(master_pid)], capture_output=True, text=True
    ).stdout
    return [int(pid) for pid in output.split()]


def terminate_backends(env) -> None:
    import psycopg

    url = env["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as db:
        db.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--learners", type=int, default=600)
    parser.add_argument("--no-prepare", action="store_true")
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wb_faults"
        ),
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/10"),
    )
    args = parser.parse_args()
    env = environment(args.database_url, args.redis_url)
    if not args.no_prepare:
        prepare(env, args.database_url, args.learners)
    *_, last_before = stored_answers(env)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    workers = (os.cpu_count() or 1) + 1
    state = {"server": start_server(env, port, workers, 1)}
    events = []

    async def faults(clock_started: asyncio.Event) -> None:
        await clock_started.wait()  # once the learners are logged in
        await asyncio.sleep(args.seconds * 0.25)
        victim = workers_of(state["server"].pid)[0]
        os.kill(victim, signal.SIGKILL)
        events.append(f"worker {victim} killed")
        await asyncio.sleep(args.seconds * 0.25)
        os.killpg(state["server"].pid, signal.SIGKILL)
        state["server"].wait()
        terminate_backends(env)
        events.append("server killed, database backends terminated")
        await asyncio.sleep(1)
        state["server"] = await asyncio.to_thread(start_server, env, port, workers, 1)
        events.append("server restarted")

    async def load():
        accounts = ((f"charge{n:05d}", PASSWORD) for n in range(args.learners))
        clock_started = asyncio.Event()
        learners = run_learners(
            base,
            accounts,
            concurrency=args.concurrency,
            seconds=args.seconds,
            resume_after_error=True,
            clock_started=clock_started,
        )
        stats, _ = await asyncio.gather(learners, faults(clock_started))
        return stats

    try:
        stats = asyncio.run(load())
    finally:
        os.killpg(state["server"].pid, signal.SIGTERM)
        state["server"].wait(timeout=30)
    acknowledged = acknowledged_keys(stats)
    stored_rows, stored, _ = stored_answers(env, after_id=last_before)
    output = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", RESUMABLE],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    resumable = json.loads(output.strip().splitlines()[-1])
    result = {
        "acknowledged": len(acknowledged),
        "stored": stored_rows,
        "lost": len(acknowledged - stored),
        "duplicated": stored_rows - len(stored),
        "resumable": resumable["resumable"],
        "not_resumable": len(resumable["not_resumable"]),
        "not_resumable_ids": resumable["not_resumable"][:10],
        "open_twice": resumable["open_twice"],
        "failed_requests": stats.errors,
        "answers": stats.answers,
        "events": events,
    }
    print(json.dumps(result))
    if result["lost"] or result["duplicated"] or result["not_resumable"]:
        raise SystemExit("fault test failed")


if __name__ == "__main__":
    main()
