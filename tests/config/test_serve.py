"""`make serve`: the production settings serve pages, with a task worker beside.

The first test boots the real thing in subprocesses (collectstatic, migrate,
gunicorn and db_worker under config.settings.production, on a SQLite file of
its own): before it, production pages were 500s (no static manifest) and had
no Content-Security-Policy.
"""

import importlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from config import serve

ROOT = Path(__file__).resolve().parents[2]
# Set for the browser tests or by pytest-django; a deployment has none of them.
NOT_DEPLOYED = {
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DJANGO_SECRET_KEY",
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "REDIS_URL",
    "DJANGO_ALLOWED_HOSTS",
    "WEB_CONCURRENCY",
}


def deployment_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in NOT_DEPLOYED}
    return {**env, **extra}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str):
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})  # noqa: S310
    return urllib.request.urlopen(request, timeout=10)  # noqa: S310 - local server


def test_make_serve_boots_production_and_stops_both_processes(tmp_path):
    port = free_port()
    env = deployment_env(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        WORKBENCH_VAR_DIR=str(tmp_path),
        WEB_CONCURRENCY="1",
    )
    server = subprocess.Popen(  # noqa: S603 - our interpreter, fixed arguments
        [sys.executable, "-m", "config.serve", "--bind", f"127.0.0.1:{port}",
         "--env-file", str(tmp_path / "none.env")],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    try:
        home = None
        deadline = time.monotonic() + 600  # migrations on a busy machine
        while home is None and time.monotonic() < deadline:
            assert server.poll() is None, server.stdout.read()
            try:
                home = get(f"http://127.0.0.1:{port}/")
            except OSError:
                time.sleep(1)
        assert home is not None, "the server never answered"
        page = home.read().decode()
        policy = home.headers["Content-Security-Policy"]
        hsts = home.headers["Strict-Transport-Security"]
        script = page.split('<script src="/static/runtime/site.', 1)[1].split('"')[0]
        static = get(f"http://127.0.0.1:{port}/static/runtime/site.{script}")
        workers = subprocess.run(  # noqa: S603
            ["pgrep", "-f", "-P", str(server.pid), "db_worker"],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        ).stdout.split()

        server.send_signal(signal.SIGTERM)
        code = server.wait(timeout=90)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    output = server.stdout.read()

    assert home.status == 200
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    assert hsts.startswith("max-age=31536000")
    assert static.status == 200  # hashed by collectstatic, served by WhiteNoise
    assert len(workers) == 1  # the task worker runs beside gunicorn
    assert code == 0
    assert "Shutting down: Master" in output


def test_make_serve_says_which_variables_are_missing(tmp_path):
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "config.serve", "--env-file", str(tmp_path / "none")],
        cwd=ROOT,
        env=deployment_env(),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )

    assert result.returncode == 2
    for name in ("DJANGO_SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOWED_HOSTS"):
        assert f"  {name}: " in result.stderr


def test_the_example_secret_is_not_a_secret(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text((serve.ROOT / ".env.example").read_text())

    env = serve.read_env_file(env_file)

    assert serve.missing_variables(env) == ["DJANGO_SECRET_KEY"]


def test_a_dot_env_file_gives_what_the_environment_does_not(tmp_path, monkeypatch):
    env_file = tmp_path / ".env"
    env_file.write_text(
        "# production\nDJANGO_SECRET_KEY='from-the-file'\n"
        "export DATABASE_URL=postgres://atelier@db/atelier\n\n"
        'DJANGO_ALLOWED_HOSTS="atelier.example.org"\n'
    )
    for name in NOT_DEPLOYED:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "from.the.environment")

    env = serve.environment(env_file)

    assert env["DJANGO_SECRET_KEY"] == "from-the-file"
    assert env["DATABASE_URL"] == "postgres://atelier@db/atelier"
    assert env["DJANGO_ALLOWED_HOSTS"] == "from.the.environment"
    assert env["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
    assert serve.missing_variables(env) == []


@pytest.fixture
def production_settings(monkeypatch):
    monkeypatch.setenv("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    sys.modules.pop("config.settings.production", None)
    yield importlib.import_module("config.settings.production")
    sys.modules.pop("config.settings.production", None)


def test_production_queues_tasks_in_the_database_for_db_workers(production_settings):
    from config.settings import test as test_settings

    assert production_settings.TASKS["default"]["BACKEND"] == (
        "django_tasks_db.DatabaseBackend"
    )
    assert "django_tasks_db" in production_settings.INSTALLED_APPS
    # Development and tests still run them at once.
    assert test_settings.TASKS["default"]["BACKEND"] == (
        "config.tasks.BatchingImmediateBackend"
    )


def test_production_cookies_are_secure_and_hsts_is_a_year(production_settings):
    assert production_settings.SECURE_HSTS_SECONDS >= 31536000
    assert production_settings.SESSION_COOKIE_SECURE
    assert production_settings.CSRF_COOKIE_SECURE
    assert production_settings.LANGUAGE_COOKIE_SECURE
    assert production_settings.SECURE_SSL_REDIRECT
