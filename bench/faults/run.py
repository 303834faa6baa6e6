"""Fault test: kill -9 under load, then check that no acknowledged answer is lost.

    .venv/bin/python bench/faults/run.py      # make faults

The same server, learners and certification candidates as the load test
(bench/load): while learners take tests and candidates sit a certification
session (its invigilator confirming them),
1. one gunicorn worker is killed with SIGKILL (the master starts another);
2. later the whole server (master and workers) is killed with SIGKILL and the
   application's PostgreSQL backends are terminated, then the server is
   started again.
Learners and candidates whose request failed go on with the same account and
session: learners back to the profile and into the same test, candidates
back to their test's page, as a reload would; once the server is back, they
go on for a quarter of the run more. At the end, from the database:

- every answer a learner saw acknowledged is stored exactly once (lost and
  duplicated must be 0), and every unfinished test can be resumed where it
  was (its owner's page answers with the current challenge or a checkpoint);
- the same for every certification answer a candidate saw acknowledged, and
  every unfinished certification test shows its current challenge;
- every time left a candidate's page showed, before and after the faults, is
  what the rules say: the allowed time (the session's duration plus the
  candidate's extra time) less the time since the test started (the clock
  runs while the server is down, as in the room; only the invigilator's
  pauses stop it), within the request's own duration and a second of
  rounding. A clock reset to full, or lost, fails.

Prints one JSON line; exits non-zero on any loss.
"""

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.load.client import Stats, run_pass  # noqa: E402
from bench.load.run import (  # noqa: E402
    PASSWORD,
    acknowledged_keys,
    add_role_arguments,
    environment,
    free_port,
    prepare,
    roles_from,
    shell,
    start_server,
    stored_answers,
    stored_certification_answers,
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
# Certification tests: the current challenge with its clock, or the end.
from bench.load.fixtures import CANDIDATES
from runtime.certification.enums import TestState
from runtime.certification.models import CertificationTest
rows["certification_resumable"] = 0
rows["certification_not_resumable"] = []
for test in CertificationTest.objects.filter(
    user__username__startswith=CANDIDATES, state=TestState.STARTED
).select_related("user"):
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(test.user)
    response = client.get(f"/certification/tests/{test.pk}/", secure=True)
    page = response.content.decode()
    if response.status_code == 200 and (
        ('id="challenge-form"' in page and "data-seconds" in page)
        or "test-ended" in page
    ):
        rows["certification_resumable"] += 1
    else:
        rows["certification_not_resumable"].append([test.pk, response.status_code])
print(json.dumps(rows))
"""

CLOCKS = """
import json
from bench.load.fixtures import CANDIDATES
from runtime.certification.models import CertificationTest
print(json.dumps({
    test.pk: {
        "started": test.started_at.timestamp(),
        "allowed": test.allowed_seconds,
        "rule": test.candidate.session.duration_minutes * 60
        * (100 + test.candidate.extra_time_percent) // 100,
        "paused": test.paused_seconds,
        "paused_at": test.paused_at.timestamp() if test.paused_at else None,
        "ended": test.ended_at.timestamp() if test.ended_at else None,
        "end_reason": test.end_reason,
    }
    for test in CertificationTest.objects.filter(
        user__username__startswith=CANDIDATES
    ).select_related("candidate__session")
}))
"""


def check_clocks(env, readings, killed_at: float, restarted_at: float) -> dict:
    """Compare each time left a candidate saw with the tests in the database."""
    tests = json.loads(shell(env, CLOCKS))
    return clock_verdict(tests, readings, killed_at, restarted_at)


def clock_verdict(tests: dict, readings, killed_at: float, restarted_at: float):
    """Compare each time left a candidate saw with the rules (see the docstring).

    A reading (test URL, wall time sent, received, seconds shown) is right when
    the shown seconds lie between the allowed time less the time used when
    the response came back and when the request left (one second of
    rounding each way). Also returns, per test whose page was read before
    the server was killed and again after its restart, the seconds left
    then and now and the wall time between, and the tests that ended
    otherwise than by their last answer (their time lost).
    """
    wrong, checked, across = [], 0, {}
    for url, sent, received, shown in readings:
        number = [part for part in url.split("/") if part.isdigit()][-1]
        test = tests.get(number)
        if test is None:
            wrong.append([url, shown, "no such test"])
            continue
        if test["paused_at"] or (test["ended"] and test["ended"] < received):
            continue  # the clock stopped: not this check's case (nobody pauses)
        checked += 1

        def left(moment: float, test=test) -> float:
            return test["allowed"] - (moment - test["started"]) - test["paused"]

        if test["allowed"] != test["rule"] or not (
            left(received) - 1 <= shown <= left(sent) + 1
        ):
            wrong.append([url, shown, round(left(received), 1), round(left(sent), 1)])
        before, after = across.get(number, (None, None))
        if received < killed_at:
            before = (received, shown)
        elif sent > restarted_at and after is None:
            after = (sent, shown)
        across[number] = (before, after)
    resumed = [
        [before[1], after[1], round(after[0] - before[0], 1)]
        for before, after in across.values()
        if before and after
    ]
    # A test the faults ended (its time taken away) instead of its last answer.
    ended_early = [
        [number, test["end_reason"]]
        for number, test in tests.items()
        if test["ended"] and test["end_reason"] != "completed"
    ]
    return {
        "checked": checked,
        "wrong": wrong,
        "resumed": resumed,
        "ended_early": ended_early,
    }


def merged(first: Stats, second: Stats) -> Stats:
    """One role's figures over two passes."""
    both = Stats()
    for stats in (first, second):
        both.acknowledged |= stats.acknowledged
        both.clock_readings += stats.clock_readings
        both.answers += stats.answers
        both.errors += stats.errors
        both.error_samples += stats.error_samples
    return both


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
    parser.add_argument("--concurrency", type=int, default=16, help="learners")
    parser.add_argument("--learners", type=int, default=600)
    parser.add_argument("--no-prepare", action="store_true")
    add_role_arguments(parser, candidates=4)
    # Candidates slow enough for their tests to span both faults; no teachers.
    parser.set_defaults(teachers=0, think=1.5)
    parser.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("LOAD_PORT", "0")),
        help="the server's port (LOAD_PORT); 0: a free one",
    )
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
    if args.no_prepare:
        raise SystemExit("the fault test needs fresh candidates: no --no-prepare")
    roles = prepare(
        env, args.database_url, args.learners, teachers=args.teachers,
        participants=args.participants, candidates=2 * args.candidates,
    )  # fmt: skip
    others = roles_from(args, roles)
    *_, last_before = stored_answers(env)
    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}/"
    workers = (os.cpu_count() or 1) + 1
    state = {"server": start_server(env, port, workers, 1)}
    events, moments = [], {}

    async def faults(clock_started: asyncio.Event) -> None:
        await clock_started.wait()  # once the learners are logged in
        await asyncio.sleep(args.seconds * 0.25)
        victim = workers_of(state["server"].pid)[0]
        os.kill(victim, signal.SIGKILL)
        events.append(f"worker {victim} killed")
        await asyncio.sleep(args.seconds * 0.25)
        moments["killed"] = time.time()
        os.killpg(state["server"].pid, signal.SIGKILL)
        state["server"].wait()
        terminate_backends(env)
        events.append("server killed, database backends terminated")
        await asyncio.sleep(1)
        state["server"] = await asyncio.to_thread(start_server, env, port, workers, 1)
        moments["restarted"] = time.time()
        events.append(
            f"server restarted ({moments['restarted'] - moments['killed']:.1f} s "
            "after the kill)"
        )

    async def load():
        accounts = ((f"charge{n:05d}", PASSWORD) for n in range(args.learners))
        clock_started = asyncio.Event()
        everyone = run_pass(
            base,
            accounts,
            others,
            concurrency=args.concurrency,
            seconds=args.seconds,
            resume_after_error=True,
            clock_started=clock_started,
        )
        during, _ = await asyncio.gather(everyone, faults(clock_started))
        # Then a quarter more with the server back, however long its restart
        # took: the candidates go on with their tests where they were.
        after = await run_pass(
            base,
            accounts,
            others,
            concurrency=args.concurrency,
            seconds=args.seconds * 0.25,
            resume_after_error=True,
        )
        return {role: merged(during[role], after[role]) for role in during}

    try:
        stats = asyncio.run(load())
    finally:
        os.killpg(state["server"].pid, signal.SIGTERM)
        state["server"].wait(timeout=30)
    learners, candidates = stats["learners"], stats["candidates"]
    acknowledged = acknowledged_keys(learners)
    stored_rows, stored, _ = stored_answers(env, after_id=last_before)
    certified = acknowledged_keys(candidates)
    certified_rows, certified_stored, _ = stored_certification_answers(env)
    resumable = json.loads(shell(env, RESUMABLE))
    clocks = check_clocks(
        env, candidates.clock_readings, moments["killed"], moments["restarted"]
    )
    result = {
        "acknowledged": len(acknowledged),
        "stored": stored_rows,
        "lost": len(acknowledged - stored),
        "duplicated": stored_rows - len(stored),
        "resumable": resumable["resumable"],
        "not_resumable": len(resumable["not_resumable"]),
        "not_resumable_ids": resumable["not_resumable"][:10],
        "open_twice": resumable["open_twice"],
        "failed_requests": sum(role.errors for role in stats.values()),
        "answers": learners.answers,
        "candidates": others.candidate_concurrency,
        "candidate_answers": candidates.answers,
        "candidate_acknowledged": len(certified),
        "candidate_stored": certified_rows,
        "candidate_lost": len(certified - certified_stored),
        "candidate_duplicated": certified_rows - len(certified_stored),
        "certification_resumable": resumable["certification_resumable"],
        "certification_not_resumable": len(resumable["certification_not_resumable"]),
        "clock_readings": clocks["checked"],
        "clock_wrong": len(clocks["wrong"]),
        "clock_wrong_samples": clocks["wrong"][:5],
        "certification_ended_early": len(clocks["ended_early"]),
        # [seconds left before the server was killed, after its restart,
        # wall seconds between the two pages] per test read on both sides.
        "clock_across_restart": clocks["resumed"],
        "events": events,
    }
    print(json.dumps(result))
    failed = (
        result["lost"]
        or result["duplicated"]
        or result["not_resumable"]
        or result["candidate_lost"]
        or result["candidate_duplicated"]
        or result["certification_not_resumable"]
        or result["clock_wrong"]
        or result["certification_ended_early"]
    )
    if failed:
        raise SystemExit("fault test failed")
    if others.candidate_concurrency and not clocks["resumed"]:
        raise SystemExit("fault test failed: no candidate was read across the restart")


if __name__ == "__main__":
    main()
