"""Production settings pass Django's deployment checks; secrets come from outside."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Set for the browser tests only; a deployment must never have it.
TEST_ONLY = {"DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SECRET_KEY", "DJANGO_SETTINGS_MODULE"}


def deployment_env(**extra) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in TEST_ONLY}
    return {**env, "DJANGO_SETTINGS_MODULE": "config.settings.production", **extra}


def run_check(**env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=deployment_env(**env),
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_check_deploy():
    """With a secret from the environment, no deployment warning remains."""
    result = run_check(DJANGO_SECRET_KEY=secrets.token_urlsafe(60))

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    """No secret is ever hard-coded: without DJANGO_SECRET_KEY it does not start."""
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=deployment_env(),
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_sessions_are_read_from_redis_when_there_is_one(monkeypatch):
    """A shared Redis serves sessions; without one they stay in the database."""
    from config.settings.base import cache_settings

    monkeypatch.setenv("REDIS_URL", "redis://cache.internal:6379/0")
    caches, engine = cache_settings()
    assert caches["default"]["BACKEND"].endswith("RedisCache")
    assert caches["default"]["LOCATION"] == "redis://cache.internal:6379/0"
    assert engine == "django.contrib.sessions.backends.cached_db"

    monkeypatch.delenv("REDIS_URL")
    caches, engine = cache_settings()
    assert engine == "django.contrib.sessions.backends.db"


def test_postgresql_prepares_the_statements_it_runs_again(monkeypatch, tmp_path):
    from config.settings.base import database_settings

    monkeypatch.setenv("DATABASE_URL", "postgres://app@db.internal:5432/atelier")
    options = database_settings(tmp_path / "unused.sqlite3")["default"]["OPTIONS"]

    assert options == {"server_side_binding": True, "prepare_threshold": 5}


def test_options_given_in_the_database_url_are_kept(monkeypatch, tmp_path):
    """TLS settings come from the URL; a PgBouncer turns preparing off."""
    from config.settings.base import database_settings

    monkeypatch.setenv(
        "DATABASE_URL", "postgres://app@db.internal:5432/atelier?sslmode=verify-full"
    )
    monkeypatch.setenv("DATABASE_PREPARE_THRESHOLD", "none")
    options = database_settings(tmp_path / "unused.sqlite3")["default"]["OPTIONS"]

    assert options == {
        "server_side_binding": True,
        "prepare_threshold": None,
        "sslmode": "verify-full",
    }
