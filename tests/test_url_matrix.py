"""Every URL pattern, every role, GET and POST: the expected outcome, never a 500.

The table and its format are in tests/url_matrix.py; the objects the URLs point
to are built once for the module (tests/url_world.py) and every request runs
in a savepoint rolled back after it, so a POST (a deletion, a logout…) never
changes what the next case sees.

URL_MATRIX_RECORD=path writes what each case got (JSON lines) instead of
asserting, with cases for the patterns that have no row yet: a starting point
for new rows, to be read and judged before it is pasted.
"""

import json
import os
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.db import transaction
from django.template import Template
from django.test import Client
from django.test.utils import _TestState
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import RoutePattern

from runtime.certification.views.invigilator import GRANTS_KEY
from runtime.release_index import clear_release_index_cache

from .url_matrix import (
    ANY,
    FAMILIES,
    FAMILY_PUBLIC,
    IGNORED,
    OUR_ADMIN_PREFIXES,
    OUR_PACKAGES,
    ROLES,
    ROWS,
)

# The marker has pytest-django set the test database up; each case then runs
# in a savepoint inside the module's transaction (the world).
pytestmark = pytest.mark.django_db

RECORD = os.environ.get("URL_MATRIX_RECORD")
ROUTE_PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")
REGEX_GROUP = re.compile(
    r"\((?:\?P<(?P<name>\w+)>)?(?P<body>(?:[^()]|\((?:[^()])*\))*)\)(?P<star>\*?)"
)


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern


def _patterns() -> dict[str, object]:
    """Return every URL pattern by its route (the first of equal routes)."""
    patterns = {}
    for route, pattern in _walk(get_resolver().url_patterns):
        patterns.setdefault(route, pattern)
    return patterns


def _is_ours(route: str, pattern) -> bool:
    module = getattr(pattern.callback, "__module__", "") or ""
    return route.startswith(OUR_ADMIN_PREFIXES) or module.split(".")[0] in (
        OUR_PACKAGES
    )


def _family(route: str, pattern):
    if _is_ours(route, pattern):
        return None
    return next((f for f in FAMILIES if route.startswith(f.prefix)), None)


PATTERNS = _patterns()
ROWS_BY_ROUTE = {row.route: row for row in ROWS}


def missing_rows(patterns: dict) -> list[str]:
    """Return the routes that have neither a row nor a family."""
    return [
        route
        for route, pattern in patterns.items()
        if route not in ROWS_BY_ROUTE
        and route not in IGNORED
        and _family(route, pattern) is None
    ]


MISSING = missing_rows(PATTERNS)


def _expectations(route: str, pattern) -> list[tuple[str, str, frozenset]]:
    """Return (method, role, allowed outcomes) for every case of a route."""
    row = ROWS_BY_ROUTE.get(route)
    family = None if row else _family(route, pattern)
    cases = []
    for method in ("get", "post"):
        if row is not None:
            spec = getattr(row, method)
            if spec is None:
                continue
            expected = spec if isinstance(spec, dict) else dict.fromkeys(ROLES, spec)
            allowed = {role: {outcome} for role, outcome in expected.items()}
        elif family is not None:
            allowed = family.methods.get(method, {})
            if route in FAMILY_PUBLIC:
                allowed = {role: {ANY} for role in allowed}
        elif RECORD:
            allowed = {role: {ANY} for role in ROLES}
        else:
            continue
        cases += [(method, role, frozenset(o)) for role, o in allowed.items()]
    return cases


CASES = {route: _expectations(route, pattern) for route, pattern in PATTERNS.items()}


def test_every_url_pattern_has_a_row_or_a_family():
    assert not MISSING, (
        "URL patterns without a row in tests/url_matrix.py (add one per pattern, "
        "format at the top of that file):\n" + "\n".join(MISSING)
    )


def _new_view(request):
    raise AssertionError("never called")


def test_a_new_url_pattern_without_a_row_is_named():
    """A page of ours, even under /admin/, needs its row; Wagtail's own do not."""
    ours = URLPattern(RoutePattern("inscription/confirmer/<str:token>/"), _new_view)
    _new_view.__module__ = "runtime.learning.views"
    admin_page = URLPattern(RoutePattern("publier-sans-revue/"), _new_view)
    patterns = {
        **PATTERNS,
        "inscription/confirmer/<str:token>/": ours,
        "admin/publier-sans-revue/": admin_page,
    }

    assert missing_rows(patterns) == [
        "inscription/confirmer/<str:token>/",
        "admin/publier-sans-revue/",
    ]


def test_every_row_is_a_url_pattern():
    stale = sorted(set(ROWS_BY_ROUTE) - set(PATTERNS))
    assert not stale, "Rows for URL patterns that no longer exist:\n" + "\n".join(stale)
    assert len(ROWS_BY_ROUTE) == len(ROWS), "two rows for the same route"


def _value(world, spec):
    if isinstance(spec, str) and spec.startswith("="):
        return spec[1:]
    value = world
    for attribute in spec.split("."):
        value = getattr(value, attribute)
    return value


def _group(match, values) -> str:
    name, body = match["name"], match["body"]
    if name and name in values:
        return str(values[name])
    if match["star"]:
        return ""
    if "|" in body:
        return body.split("|")[0]
    return "999999" if body == r"\d+" else "x"


def fill(route: str, values: dict) -> str:
    """Return a path the route matches, with the given parameter values."""

    def param(match):
        if match["name"] in values:
            return str(values[match["name"]])
        numeric = match["conv"] == "int" or match["name"] in ("pk", "id")
        return "999999" if numeric or match["name"].endswith("_id") else "x"

    path = REGEX_GROUP.sub(lambda match: _group(match, values), route)
    path = ROUTE_PARAM.sub(param, path)
    path = path.replace("^", "").replace("$", "").replace("\\", "")
    return "/" + path


def outcome(response) -> str:
    """Name a response as the table does: its status, or where it redirects."""
    if response.status_code not in (301, 302, 303, 307, 308):
        return str(response.status_code)
    target = urlsplit(response["Location"]).path
    names = {
        reverse("login"): "login",
        reverse("wagtailadmin_login"): "admin_login",
        reverse("wagtailadmin_home"): "admin_denied",
        reverse("admin:login"): "djadmin_login",
    }
    return names.get(target, "302")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    from .url_world import build_world

    # The test client keeps a copy of every template context it renders;
    # thousands of admin pages make that the matrix's largest cost, and no case
    # reads them: render without the test instrumentation.
    instrumented = Template._render
    saved = getattr(_TestState, "saved_data", None)
    Template._render = getattr(saved, "template_render", instrumented)
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            # Built before the per-test fixtures run: forget the indexes the
            # previous module's tests loaded (release ids are reused).
            clear_release_index_cache()
            cache.clear()
            world = build_world()
            world.clients = {role: _client(world, role) for role in ROLES}
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            Template._render = instrumented


def _client(world, role) -> Client:
    client = Client(raise_request_exception=False)
    if role == "invigilator":
        session = SessionStore()
        session[GRANTS_KEY] = [world.open_session.pk]
        session.save()
        client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    elif role != "anonymous":
        client.force_login(getattr(world, role))
    return client


def _path(world, route: str) -> str:
    row = ROWS_BY_ROUTE.get(route)
    if row is not None and row.path:
        return row.path
    values = {
        name: _value(world, spec) for name, spec in (row.kw if row else {}).items()
    }
    return fill(route, values)


def _request(world, role: str, method: str, path: str):
    """Send one request in a savepoint rolled back after it, cookies kept."""
    client = world.clients[role]
    cookies = {key: morsel.value for key, morsel in client.cookies.items()}
    cache.clear()
    try:
        with transaction.atomic():
            response = getattr(client, method)(path)
            transaction.set_rollback(True)
    finally:
        client.cookies.clear()
        for key, value in cookies.items():
            client.cookies[key] = value
    return response


TESTED = [route for route, cases in CASES.items() if cases and route not in IGNORED]


@pytest.mark.parametrize("route", TESTED, ids=TESTED)
def test_url_matrix(world, route):
    """Every role and method of one URL pattern; the message names each miss."""
    path = _path(world, route)
    reached = resolve(urlsplit(path).path).route
    assert reached.replace("^", "") == route.replace("^", ""), (
        f"{path} does not reach {route}: give the row a path= or kw="
    )
    misses = []
    for method, role, allowed in CASES[route]:
        response = _request(world, role, method, path)
        got = outcome(response)
        if RECORD:
            with open(RECORD, "a", encoding="utf-8") as record:
                record.write(json.dumps([route, role, method, got]) + "\n")
        wrong = not RECORD and not (ANY in allowed or got in allowed)
        if response.status_code == 500 or wrong:
            misses.append(
                f"{method.upper()} {path} as {role}: got {got}, "
                f"expected {' or '.join(sorted(allowed))}"
            )
    assert not misses, "\n".join(misses)
