"""Playwright journeys in Debian's Chromium against the live test server."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def seed_data(django_db_setup, django_db_blocker):
    """Return the migrations' data (CRCN, groups, workflow) as serialized text.

    Browser journeys need transactional tests, whose flush empties every
    table; pytest-django's serialized rollback loses its copy once the live
    server has started after other tests, so the journeys keep their own.
    """
    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


@pytest.fixture(autouse=True)
def _restore_seed_data(request, seed_data):
    if "live_server" not in request.fixturenames and "new_page" not in (
        request.fixturenames
    ):
        return
    request.getfixturevalue("transactional_db")
    from django.contrib.auth.models import Group

    if not Group.objects.filter(name="Authors").exists():
        # The previous flush re-created content types; load ours on a clean slate.
        call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
        connection.creation.deserialize_db_from_string(seed_data)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            "Chromium is missing: `make test` installs it (apt-get install chromium)."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """Return a factory of pages, each in its own context (its own session)."""
    contexts = []

    def make():
        context = browser.new_context(
            base_url=live_server.url,
            locale="fr-FR",
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def admin_login(page, username: str, password: str = "motdepasse-solide-42") -> None:
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="S'identifier").click()
    page.wait_for_url("**/admin/")
