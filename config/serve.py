"""`make serve`: the production server, out of the box.

    .venv/bin/python -m config.serve [--bind 127.0.0.1:8000] [--workers N]

1. Reads the environment, and a ``.env`` file in the project folder when there
   is one (``KEY=value`` lines; the environment wins). Stops with a clear
   message when a required variable is missing.
2. Collects the static files (WhiteNoise serves them from ``STATIC_ROOT``)
   and applies the migrations.
3. Starts gunicorn with the production settings and one ``manage.py
   db_worker`` (django-tasks' database backend), and supervises both: Ctrl-C or
   SIGTERM stops both gracefully; if one of them dies the other is stopped and
   the command fails, so a process manager (systemd…) restarts the pair.

docs/deployment.md tells the rest: the reverse proxy and TLS in front, the
variables, scaling out.
"""

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Without these the production settings cannot serve anyone: no secret key,
# no shared database, or every request refused by the host check.
REQUIRED = {
    "DJANGO_SECRET_KEY": "a long random secret (python -c 'import secrets; "
    "print(secrets.token_urlsafe(50))')",
    "DATABASE_URL": "the PostgreSQL database, e.g. postgres://atelier@127.0.0.1/atelier",
    "DJANGO_ALLOWED_HOSTS": "the site's host names, comma-separated",
}
STOP_TIMEOUT = 30  # seconds a process has to finish its requests or its task


def say(message: str) -> None:
    """One line on stderr, next to gunicorn's and the worker's logs."""
    sys.stderr.write(f"serve: {message}\n")
    sys.stderr.flush()


def read_env_file(path: Path) -> dict[str, str]:
    """Return the ``KEY=value`` lines of a .env file (comments and blanks skipped)."""
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.removeprefix("export ").split("=", 1)
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    return values


def environment(env_file: Path | None) -> dict[str, str]:
    env = {}
    if env_file is not None and env_file.exists():
        env.update(read_env_file(env_file))
    env.update(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    return env


def missing_variables(env: dict[str, str]) -> list[str]:
    """Required variables unset, empty, or left at .env.example's "change-me"."""
    return [
        name
        for name in REQUIRED
        if not env.get(name, "").strip() or env[name].startswith("change-me")
    ]


def default_workers() -> int:
    """Gunicorn's sync workers: one per core plus one.

    The learner flow is CPU-bound in Python (templates, the adaptive test):
    on the 2-core machine of issue 18, the best throughput of the whole flow
    (~150 answers/s) came from 3 sync workers or from 2 gthread workers of 4
    threads; bench/load/run.py starts the same count. WEB_CONCURRENCY wins.
    """
    if value := os.environ.get("WEB_CONCURRENCY"):
        return int(value)
    return (os.cpu_count() or 1) + 1


def gunicorn_command(bind: str, workers: int, threads: int) -> list[str]:
    return [
        sys.executable, "-m", "gunicorn", "config.wsgi:application",
        "--bind", bind, "--workers", str(workers),
        "--worker-class", "gthread" if threads > 1 else "sync",
        "--threads", str(threads),
        "--access-logfile", "-", "--graceful-timeout", str(STOP_TIMEOUT),
    ]  # fmt: skip


def manage(env: dict[str, str], *args: str) -> None:
    say(f"manage.py {' '.join(args)}")
    subprocess.run(  # noqa: S603 - our interpreter, fixed arguments
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True
    )


def stop(processes: dict[str, subprocess.Popen]) -> None:
    """SIGTERM to each (gunicorn finishes its requests, the worker its task)."""
    for process in processes.values():
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT + 5
    for name, process in processes.items():
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            say(f"{name} did not stop, killed")
            process.kill()
            process.wait()


def supervise(processes: dict[str, subprocess.Popen]) -> int:
    """Wait until a signal asks to stop (0) or a process ends on its own (1)."""
    stopping = []

    def ask_to_stop(signum, _frame):
        stopping.append(signum)

    previous = {
        signum: signal.signal(signum, ask_to_stop)
        for signum in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        while not stopping:
            ended = [name for name, p in processes.items() if p.poll() is not None]
            if ended:
                for name in ended:
                    code = processes[name].returncode
                    say(f"{name} ended (exit {code}), stopping")
                stop(processes)
                return 1
            time.sleep(0.2)
        say("stopping")
        stop(processes)
        return 0
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--bind",
        default=os.environ.get("BIND", "127.0.0.1:8000"),
        help="address of gunicorn, behind the reverse proxy (default 127.0.0.1:8000)",
    )
    parser.add_argument("--workers", type=int, default=0, help="default: cores + 1")
    parser.add_argument(
        "--threads",
        type=int,
        default=int(os.environ.get("GUNICORN_THREADS", "1")),
        help="threads per worker (gthread when more than 1)",
    )
    parser.add_argument("--env-file", type=Path, default=ROOT / ".env")
    parser.add_argument(
        "--no-prepare",
        action="store_true",
        help="skip collectstatic and migrate (another node did them)",
    )
    args = parser.parse_args(argv)
    env = environment(args.env_file)
    if missing := missing_variables(env):
        say(
            "cannot start the production server, missing environment "
            "variable(s) (set them, or write them in .env; docs/deployment.md):"
        )
        for name in missing:
            sys.stderr.write(f"  {name}: {REQUIRED[name]}\n")
        return 2
    try:
        if not args.no_prepare:
            manage(env, "collectstatic", "--noinput", "-v", "0")
            manage(env, "migrate", "--noinput", "-v", "1")
    except subprocess.CalledProcessError as error:
        say(str(error))
        return 1
    workers = args.workers or default_workers()
    # Own sessions: a Ctrl-C reaches this supervisor only, which stops both
    # in order (a terminal's SIGINT would otherwise hit them all at once).
    processes = {
        "gunicorn": subprocess.Popen(  # noqa: S603
            gunicorn_command(args.bind, workers, args.threads),
            cwd=ROOT,
            env=env,
            start_new_session=True,
        ),
        "db_worker": subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload"],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        ),
    }
    say(
        f"gunicorn on http://{args.bind} ({workers} worker(s)) and a db_worker; "
        "Ctrl-C stops both"
    )
    return supervise(processes)


if __name__ == "__main__":
    sys.exit(main())
