"""Load test of the whole learner flow against a production server.

    .venv/bin/python bench/load/run.py            # make load: the full run
    .venv/bin/python bench/load/run.py --smoke    # 20 s, no goals (CI)

1. Sets up a PostgreSQL database of its own (DATABASE_URL, default
   ``wb_load`` on 127.0.0.1), migrated, with the demo content and its first
   release, plus learner accounts; sessions and cache in Redis (REDIS_URL,
   default database 9), as in production.
2. Collects the static files and starts gunicorn with the production settings
   (bench/load/settings.py adds only the floor view) on a free port, workers
   from the core count, as ``make serve`` does.
3. Warm-up (not measured): a few seconds of the floor view and of the flow,
   so that no worker loads its URLs, templates and release indexes during a
   measured pass (that would lower the floor and flatter the ratio).
   Its answers are checked with the others.
   Floor pass: closed loop on a view doing one INSERT and one SELECT.
4. Throughput pass: learners with no think time, the whole flow.
5. Latency pass: answers arriving at a fixed rate, 70 % of the throughput.
6. Checks from the database that every acknowledged answer is stored exactly
   once, then prints one JSON line. ``cpu_ms_per_answer`` splits the
   throughput pass's CPU (from /proc, on Linux) between the server's workers,
   PostgreSQL (this database's backends and its own processes), Redis and
   the client, per answer: on this one machine they share the cores.
Latencies are per request (p50/p95/p99 over every request of the flow during
the latency pass), counted from the moment an answer was due in the open model.
"""

import argparse
import asyncio
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.load import cpu  # noqa: E402
from bench.load.client import hammer_floor, run_learners  # noqa: E402

PASSWORD = "charge-Load-2026!"


def percentile(values, share):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(database_url: str, redis_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.load.settings",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        PYTHONPATH=str(ROOT),
    )
    return env


def manage(env, *args) -> None:
    subprocess.run(  # noqa: S603 - fixed interpreter and arguments
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True
    )


def prepare(env, database_url: str, learners: int) -> None:
    """A fresh database with the demo content, a release and learner accounts."""
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "first_start", "--site-url", "http://127.0.0.1")
    script = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection
User = get_user_model()
hashed = make_password({PASSWORD!r})
User.objects.bulk_create(
    User(username=f"charge{{n:05d}}", email=f"charge{{n:05d}}@example.org",
         password=hashed, first_name="Charge", last_name=str(n))
    for n in range({learners})
)
with connection.cursor() as cursor:
    cursor.execute(
        "CREATE TABLE load_floor (id bigserial PRIMARY KEY, created_at timestamptz)"
    )
    cursor.execute("ANALYZE")
"""
    manage(env, "shell", "-c", script)
    manage(env, "collectstatic", "--noinput", "-v", "0")


def start_server(env, port: int, workers: int, threads: int) -> subprocess.Popen:
    command = [
        sys.executable, "-m", "gunicorn", "config.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
        "--worker-class", "gthread" if threads > 1 else "sync",
        "--threads", str(threads), "--backlog", "2048",
        "--log-level", "warning", "--timeout", "60",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)  # noqa: S603
    for _ in range(100):
        try:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/__floor__/",
                headers={"X-Forwarded-Proto": "https"},
            )
            with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


def stop_server(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def stored_answers(env, after_id: int = 0) -> tuple[int, set, int]:
    """Return (rows, set of (assessment id, challenge), last id) of the load learners.

    Only answers stored after ``after_id`` count: those of this run.
    """
    script = f"""
import json
from runtime.models import Answer
rows = list(Answer.objects.filter(
    assessment__user__username__startswith="charge", id__gt={int(after_id)}
).values_list("id", "assessment_id", "challenge"))
print(json.dumps(rows))
"""
    output = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    rows = json.loads(output.strip().splitlines()[-1])
    keys = {(str(assessment), challenge) for _, assessment, challenge in rows}
    return len(rows), keys, max((row[0] for row in rows), default=after_id)


def acknowledged_keys(stats) -> set:
    keys = set()
    for url, challenge in stats.acknowledged:
        parts = [part for part in url.split("/") if part.isdigit()]
        keys.add((parts[-1] if parts else url, challenge))
    return keys


async def measured_learners(base, accounts, args, server_pid, database):
    """Run the throughput pass; return its stats and the CPU ms per answer of
    each part, counted from the clock's start (the first logins are not)."""
    clock_started = asyncio.Event()

    async def at_start():
        await clock_started.wait()
        return cpu.snapshot(server_pid, database)

    busy, before = await asyncio.gather(
        run_learners(
            base,
            accounts,
            concurrency=args.concurrency,
            seconds=args.seconds,
            clock_started=clock_started,
        ),
        at_start(),
    )
    after = cpu.snapshot(server_pid, database)
    return busy, cpu.per_answer_ms(before, after, busy.answers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="20 s, for CI")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--concurrency", type=int, default=48)
    parser.add_argument("--workers", type=int, default=0, help="0: from the cores")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--learners", type=int, default=3000)
    parser.add_argument("--no-prepare", action="store_true")
    parser.add_argument(
        "--warmup", type=float, default=4, help="unmeasured seconds first"
    )
    parser.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("LOAD_PORT", "0")),
        help="the server's port (LOAD_PORT); 0: a free one",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wb_load"
        ),
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/9"),
    )
    args = parser.parse_args()
    if args.smoke:
        args.seconds, args.concurrency, args.learners = 6, 8, 300
        args.warmup = min(args.warmup, 2)
    workers = args.workers or (os.cpu_count() or 1) + 1
    env = environment(args.database_url, args.redis_url)
    if not args.no_prepare:
        prepare(env, args.database_url, args.learners)
    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}/"
    *_, last_before = stored_answers(env)
    server = start_server(env, port, workers, args.threads)
    accounts = iter((f"charge{n:05d}", PASSWORD) for n in range(args.learners))
    try:
        asyncio.run(hammer_floor(base, concurrency=args.concurrency, seconds=1))
        warm = asyncio.run(
            run_learners(
                base, accounts, concurrency=args.concurrency, seconds=args.warmup
            )
        )
        floor = asyncio.run(
            hammer_floor(base, concurrency=args.concurrency, seconds=args.seconds / 2)
        )
        floor_rate = floor.requests / (args.seconds / 2)
        busy, cpu_ms = asyncio.run(
            measured_learners(
                base, accounts, args, server.pid, cpu.database_pids(args.database_url)
            )
        )
        busy_seconds = args.seconds
        answers_per_s = busy.answers / busy_seconds
        requests_per_s = busy.requests / busy_seconds
        target = max(1.0, 0.7 * answers_per_s)
        paced = asyncio.run(
            run_learners(
                base,
                accounts,
                concurrency=2 * args.concurrency,
                seconds=args.seconds,
                rate=target,
                seed=2,
            )
        )
    finally:
        stop_server(server)
    acknowledged = (
        acknowledged_keys(warm) | acknowledged_keys(busy) | acknowledged_keys(paced)
    )
    stored_rows, stored, _ = stored_answers(env, after_id=last_before)
    result = {
        "answers_per_s": round(answers_per_s, 1),
        "requests_per_s": round(requests_per_s, 1),
        "requests_per_answer": round(busy.requests / max(1, busy.answers), 2),
        "floor_req_per_s": round(floor_rate, 1),
        "ratio": round(answers_per_s / floor_rate, 3) if floor_rate else None,
        "paced_answers_per_s": round(target, 1),
        "p50_ms": round(1000 * (percentile(paced.latencies, 0.50) or 0), 1),
        "p95_ms": round(1000 * (percentile(paced.latencies, 0.95) or 0), 1),
        "p99_ms": round(1000 * (percentile(paced.latencies, 0.99) or 0), 1),
        "answer_p95_ms": round(
            1000 * (percentile(paced.answer_latencies, 0.95) or 0), 1
        ),
        "floor_p50_ms": round(1000 * statistics.median(floor.latencies or [0]), 1),
        "cpu_ms_per_answer": cpu_ms,
        "errors": warm.errors + busy.errors + paced.errors + floor.errors,
        "acknowledged": len(acknowledged),
        "stored": stored_rows,
        "lost": len(acknowledged - stored),
        "duplicated": stored_rows - len(stored),
        "workers": workers,
        "threads": args.threads,
        "concurrency": args.concurrency,
        "seconds": args.seconds,
    }
    samples = warm.error_samples + busy.error_samples + paced.error_samples
    for sample in (samples + floor.error_samples)[:5]:
        print("error:", sample, file=sys.stderr)
    print(json.dumps(result))
    failed = result["errors"] or result["lost"] or result["duplicated"]
    if failed or not result["acknowledged"]:
        raise SystemExit(
            "load test failed: errors, lost or duplicated answers, or none"
        )


if __name__ == "__main__":
    main()
