"""Load test of the whole learner flow against a production server.

    .venv/bin/python bench/load/run.py            # make load: the full run
    .venv/bin/python bench/load/run.py --smoke    # 20 s, no goals (CI)

1. Sets up a PostgreSQL database of its own (DATABASE_URL, default
   ``wb_load`` on 127.0.0.1), migrated, with the demo content and its first
   release, plus learner accounts; sessions and cache in Redis (REDIS_URL,
   default database 9), as in production. Through the services
   (bench/load/fixtures.py): an organisation with teacher accounts and a
   campaign the last learners took and shared, and a certification centre
   with sessions today and enrolled, certifiable candidate accounts.
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
   In every pass but the floor's, beside the learners: teachers (1 per 24
   learners) poll their campaign's dashboard every few seconds
   (bench/load/teacher.py); candidates (1 per 8 learners) join a session
   with its access code, are confirmed by the session's invigilator, and
   answer their test, an answer a second (bench/load/certification.py); a
   test goes on from one pass to the next, a finished one is followed by
   the next enrolled candidate's.
6. Checks from the database that every acknowledged answer (learners' and
   candidates') is stored exactly once, then prints one JSON line.
   ``cpu_ms_per_answer`` splits the throughput pass's CPU (from /proc, on
   Linux) between the server's workers, PostgreSQL (the whole server:
   measure where nothing else uses it), Redis and the client, per learner
   answer (the other roles' work included): on this one machine they share
   the cores.
Latencies are per request (p50/p95/p99 over every request of the flow during
the latency pass), counted from the moment an answer was due in the open model.
``answers_per_s``, ``p95_ms`` and the like are the learners'; the teachers'
and candidates' figures have keys of their own (``teacher_p95_ms``,
``dashboard_polls``, ``candidate_answers``, ``candidate_p95_ms``,
``candidate_acknowledged``/``stored``/``lost``/``duplicated``,
``invigilator_polls``); ``errors`` counts every role's.
"""

import argparse
import asyncio
import json
import math
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
from bench.load.client import Roles, hammer_floor, run_pass  # noqa: E402

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


def prepare(
    env,
    database_url: str,
    learners: int,
    *,
    teachers: int = 0,
    participants: int = 0,
    candidates: int = 0,
) -> dict:
    """A fresh database with the demo content, a release and every role's accounts.

    Returns what the teachers, candidates and invigilators need to know
    (bench/load/fixtures.py), also kept in var/ for ``--no-prepare``.
    """
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "first_start", "--site-url", "http://127.0.0.1")
    script = f"""
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection
from bench.load import fixtures
User = get_user_model()
hashed = make_password({PASSWORD!r})
User.objects.bulk_create(
    User(username=f"charge{{n:05d}}", email=f"charge{{n:05d}}@example.org",
         password=hashed, first_name="Charge", last_name=str(n))
    for n in range({learners})
)
roles = {{"teachers": [], "candidates": [], "invigilators": []}}
if {teachers}:
    roles["teachers"] = fixtures.create_campaign(
        teachers={teachers}, participants={participants}, password={PASSWORD!r}
    )
if {candidates}:
    roles.update(
        fixtures.create_sessions(candidates={candidates}, password={PASSWORD!r})
    )
with connection.cursor() as cursor:
    cursor.execute(
        "CREATE TABLE load_floor (id bigserial PRIMARY KEY, created_at timestamptz)"
    )
    cursor.execute("ANALYZE")
print(json.dumps(roles))
"""
    roles = json.loads(shell(env, script))
    roles_file(database_url).write_text(json.dumps(roles))
    manage(env, "collectstatic", "--noinput", "-v", "0")
    return roles


def roles_file(database_url: str) -> Path:
    (ROOT / "var").mkdir(exist_ok=True)
    return ROOT / "var" / f"load-roles-{database_url.rsplit('/', 1)[1]}.json"


def shell(env, script: str) -> str:
    """Run ``script`` in Django's shell; return its last line of output."""
    output = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return output.strip().splitlines()[-1]


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
    return _keyed(json.loads(shell(env, script)), after_id)


def stored_certification_answers(env, after_id: int = 0) -> tuple[int, set, int]:
    """The same for the load candidates' certification answers (not the ones
    a test's end records for challenges never answered)."""
    script = f"""
import json
from bench.load.fixtures import CANDIDATES
from runtime.certification.models import CertificationAnswer
rows = list(CertificationAnswer.objects.filter(
    test__user__username__startswith=CANDIDATES, unanswered=False,
    id__gt={int(after_id)},
).values_list("id", "test_id", "challenge"))
print(json.dumps(rows))
"""
    return _keyed(json.loads(shell(env, script)), after_id)


def _keyed(rows, after_id: int) -> tuple[int, set, int]:
    keys = {(str(parent), challenge) for _, parent, challenge in rows}
    return len(rows), keys, max((row[0] for row in rows), default=after_id)


def acknowledged_keys(stats) -> set:
    keys = set()
    for url, challenge in stats.acknowledged:
        parts = [part for part in url.split("/") if part.isdigit()]
        keys.add((parts[-1] if parts else url, challenge))
    return keys


async def measured_pass(base, accounts, roles, args, server_pid, database):
    """Run the throughput pass; return each role's stats and the CPU ms per
    learner answer of each part, counted from the clock's start (the first
    logins are not). The teachers' and candidates' work is in it too: the
    CPU a learner's answer costs in this mix."""
    clock_started = asyncio.Event()

    async def at_start():
        await clock_started.wait()
        return cpu.snapshot(server_pid, database)

    busy, before = await asyncio.gather(
        run_pass(
            base,
            accounts,
            roles,
            concurrency=args.concurrency,
            seconds=args.seconds,
            clock_started=clock_started,
        ),
        at_start(),
    )
    after = cpu.snapshot(server_pid, database)
    return busy, cpu.per_answer_ms(before, after, busy["learners"].answers)


def ms(values, share) -> float:
    return round(1000 * (percentile(values, share) or 0), 1)


def add_role_arguments(parser, *, candidates: int | None) -> None:
    """Options of the teachers and candidates (shared with the fault test)."""
    parser.add_argument(
        "--teachers", type=int, default=None, help="default: 1 per 24 learners"
    )
    parser.add_argument(
        "--teacher-poll", type=float, default=5, help="seconds between polls"
    )
    parser.add_argument(
        "--participants", type=int, default=30, help="learners in their campaign"
    )
    parser.add_argument(
        "--candidates",
        type=int,
        default=candidates,
        help="candidates in a test at once; default: 1 per 8 learners",
    )
    parser.add_argument(
        "--think", type=float, default=1.0, help="a candidate's seconds per answer"
    )
    parser.add_argument(
        "--poll",
        type=float,
        default=None,
        help="seconds between a candidate's or invigilator's polls "
        "(default: what the pages ask for)",
    )


def roles_from(args, roles: dict) -> Roles:
    """The passes' teachers, candidates (one pool for every pass), invigilators."""
    return Roles(
        teachers=[tuple(account) for account in roles["teachers"]],
        teacher_poll=args.teacher_poll,
        candidates=iter(roles["candidates"]),
        invigilators=roles["invigilators"],
        candidate_concurrency=args.candidates if roles["candidates"] else 0,
        think=args.think,
        poll=args.poll,
    )


def candidate_pool(args, seconds: float) -> int:
    """Enough enrolled candidates for ``seconds`` of passes.

    A test asks 3 challenges per certifiable competence, 18 for the load's
    candidates (fixtures.py): at ``think`` seconds an answer it lasts at least
    15 of them; never count on less than 3 s a test.
    """
    shortest = max(3.0, 15 * args.think)
    return args.candidates * (2 + math.ceil(seconds / shortest))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="20 s, for CI")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--concurrency", type=int, default=48, help="learners at once")
    parser.add_argument("--workers", type=int, default=0, help="0: from the cores")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--learners", type=int, default=3000)
    parser.add_argument("--no-prepare", action="store_true")
    parser.add_argument(
        "--warmup", type=float, default=4, help="unmeasured seconds first"
    )
    add_role_arguments(parser, candidates=None)
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
        args.participants = min(args.participants, 8)
        args.teacher_poll, args.think = 1, 0.3
        args.poll = args.poll or 1
    if args.teachers is None:
        args.teachers = max(1, args.concurrency // 24)
    if args.candidates is None:
        args.candidates = max(1, args.concurrency // 8)
    workers = args.workers or (os.cpu_count() or 1) + 1
    env = environment(args.database_url, args.redis_url)
    passes = args.warmup + 2 * args.seconds
    if args.no_prepare:
        roles = json.loads(roles_file(args.database_url).read_text())
    else:
        roles = prepare(
            env, args.database_url, args.learners, teachers=args.teachers,
            participants=args.participants,
            candidates=candidate_pool(args, passes),
        )  # fmt: skip
    others = roles_from(args, roles)
    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}/"
    *_, last_before = stored_answers(env)
    *_, last_certification = stored_certification_answers(env)
    server = start_server(env, port, workers, args.threads)
    accounts = iter((f"charge{n:05d}", PASSWORD) for n in range(args.learners))

    def run(seconds: float, concurrency: int, **options) -> dict:
        return asyncio.run(
            run_pass(
                base, accounts, others, concurrency=concurrency, seconds=seconds,
                **options,
            )
        )  # fmt: skip

    try:
        asyncio.run(hammer_floor(base, concurrency=args.concurrency, seconds=1))
        warm = run(args.warmup, args.concurrency)
        floor = asyncio.run(
            hammer_floor(base, concurrency=args.concurrency, seconds=args.seconds / 2)
        )
        floor_rate = floor.requests / (args.seconds / 2)
        busy, cpu_ms = asyncio.run(
            measured_pass(
                base, accounts, others, args, server.pid,
                cpu.postmaster_pid(args.database_url),
            )
        )  # fmt: skip
        learners = busy["learners"]
        answers_per_s = learners.answers / args.seconds
        requests_per_s = learners.requests / args.seconds
        target = max(1.0, 0.7 * answers_per_s)
        paced = run(args.seconds, 2 * args.concurrency, rate=target, seed=2)
    finally:
        stop_server(server)
    runs = (warm, busy, paced)

    def acknowledged(role: str) -> set:
        return set().union(*(acknowledged_keys(run[role]) for run in runs))

    def total(role: str, figure: str) -> int:
        return sum(getattr(run[role], figure) for run in (busy, paced))

    learner_keys, candidate_keys = acknowledged("learners"), acknowledged("candidates")
    stored_rows, stored, _ = stored_answers(env, after_id=last_before)
    certified_rows, certified, _ = stored_certification_answers(
        env, after_id=last_certification
    )
    paced_learners = paced["learners"]
    result = {
        "answers_per_s": round(answers_per_s, 1),
        "requests_per_s": round(requests_per_s, 1),
        "requests_per_answer": round(learners.requests / max(1, learners.answers), 2),
        "floor_req_per_s": round(floor_rate, 1),
        "ratio": round(answers_per_s / floor_rate, 3) if floor_rate else None,
        "paced_answers_per_s": round(target, 1),
        "p50_ms": ms(paced_learners.latencies, 0.50),
        "p95_ms": ms(paced_learners.latencies, 0.95),
        "p99_ms": ms(paced_learners.latencies, 0.99),
        "answer_p95_ms": ms(paced_learners.answer_latencies, 0.95),
        "floor_p50_ms": round(1000 * statistics.median(floor.latencies or [0]), 1),
        "cpu_ms_per_answer": cpu_ms,
        "errors": floor.errors
        + sum(stats.errors for run in runs for stats in run.values()),
        "acknowledged": len(learner_keys),
        "stored": stored_rows,
        "lost": len(learner_keys - stored),
        "duplicated": stored_rows - len(stored),
        "teachers": len(others.teachers),
        "dashboard_polls": total("teachers", "polls"),
        "teacher_p95_ms": ms(paced["teachers"].latencies, 0.95),
        "candidates": others.candidate_concurrency,
        "candidate_answers": total("candidates", "answers"),
        "candidate_p95_ms": ms(paced["candidates"].latencies, 0.95),
        "candidate_answer_p95_ms": ms(paced["candidates"].answer_latencies, 0.95),
        "candidate_acknowledged": len(candidate_keys),
        "candidate_stored": certified_rows,
        "candidate_lost": len(candidate_keys - certified),
        "candidate_duplicated": certified_rows - len(certified),
        "invigilator_polls": total("invigilators", "polls"),
        "workers": workers,
        "threads": args.threads,
        "concurrency": args.concurrency,
        "seconds": args.seconds,
    }
    samples = [
        f"{role}: {sample}"
        for run in runs
        for role, stats in run.items()
        for sample in stats.error_samples
    ]
    for sample in (samples + floor.error_samples)[:5]:
        print("error:", sample, file=sys.stderr)
    print(json.dumps(result))
    failed = result["errors"] or result["lost"] or result["duplicated"]
    failed = failed or result["candidate_lost"] or result["candidate_duplicated"]
    if failed or not result["acknowledged"]:
        raise SystemExit(
            "load test failed: errors, lost or duplicated answers, or none"
        )
    if others.candidate_concurrency and not result["candidate_acknowledged"]:
        raise SystemExit("load test failed: no candidate answer acknowledged")


if __name__ == "__main__":
    main()
