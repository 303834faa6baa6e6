"""Playwright journeys in Debian's Chromium against the live test server."""

import os
import threading
from pathlib import Path

import pytest

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


class InFlight:
    """Count the live server's requests until their responses are closed."""

    def __init__(self):
        self.count = 0
        self.changed = threading.Condition()

    def around(self, app):
        def counted(environ, start_response):
            self._add(1)
            try:
                return _ClosedThen(app(environ, start_response), lambda: self._add(-1))
            except BaseException:
                self._add(-1)
                raise

        return counted

    def _add(self, step):
        with self.changed:
            self.count += step
            self.changed.notify_all()

    def wait_idle(self, timeout=15.0) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: self.count == 0, timeout)


class _ClosedThen:
    """A WSGI response that calls ``then`` once the server has closed it."""

    def __init__(self, response, then):
        self.response, self.then = response, then

    def __iter__(self):
        return iter(self.response)

    def close(self):
        try:
            if hasattr(self.response, "close"):
                self.response.close()
        finally:
            self.then()


@pytest.fixture(scope="session")
def in_flight(live_server):
    """The live server's requests in progress (the database is emptied after
    each journey: a request still running then would deadlock with it)."""
    counter = InFlight()
    server = live_server.thread.httpd
    server.set_app(counter.around(server.get_app()))
    return counter


# Every refusal of the Content-Security-Policy is reported on the console, by
# Chromium itself and by this listener (run before the page's own scripts, and
# not subject to the policy).
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(
    "CSP violation: " + event.violatedDirective + " blocked "
    + (event.blockedURI || "inline") + " in " + event.documentURI
  );
});
"""


def watch_csp_refusals(context, refusals: list) -> None:
    """Append to ``refusals`` each refusal of the policy in the context's pages."""

    def seen(message):
        text = message.text
        if message.type == "error" and (
            text.startswith("CSP violation") or "Content Security Policy" in text
        ):
            refusals.append(f"{text} ({message.page and message.page.url})")

    context.add_init_script(REPORT_CSP_VIOLATIONS)
    context.on("console", seen)


@pytest.fixture
def new_page(browser, live_server, in_flight):
    """Return a factory of pages, each in its own context (its own session).

    A journey fails when the Content-Security-Policy refused anything on any
    of its pages (a script, a style, an image the site needs).
    """
    contexts = []
    refusals = []

    def make():
        context = browser.new_context(
            base_url=live_server.url,
            locale="fr-FR",
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(15_000)
        watch_csp_refusals(context, refusals)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        for page in context.pages:
            page.goto("about:blank")  # stop the page's own requests first
        context.close()
    # A request the browser sent last may still be running on the server.
    assert in_flight.wait_idle(), "the live server is still answering requests"
    assert not refusals, "the Content-Security-Policy refused:\n" + "\n".join(
        dict.fromkeys(refusals)
    )


def admin_login(page, username: str, password: str = "motdepasse-solide-42") -> None:
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="S'identifier").click()
    page.wait_for_url("**/admin/")
