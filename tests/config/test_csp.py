"""Content-Security-Policy: every page has one; scripts run only from our files.

The browser journeys (tests/e2e/) fail on any refusal the policy causes in
Chromium's console; these tests check the headers and the templates.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import make_challenge, make_skill, make_user

ROOT = Path(__file__).resolve().parents[2]
APPS = ("runtime", "preview", "review", "authoring", "referential")


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part)
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/", "/connexion/", "/inscription/", "/mes-tutos/", "/api/v1/docs"]
)
def test_site_pages_run_no_inline_script_nor_style(client, path):
    if path == "/mes-tutos/":
        client.force_login(make_user())
    response = client.get(path)

    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"][0] == "'self'"
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["img-src"] == ["'self'", "data:", *settings.MARKDOWN_IMAGE_HOSTS]


@pytest.mark.django_db
def test_a_nonce_asked_by_a_template_is_in_the_policy(rf):
    """An inline script would carry {{ CSP_NONCE }}: the header names that nonce."""
    from django.http import HttpResponse
    from django.template import RequestContext, Template

    from config.csp import PathPolicyCSPMiddleware

    request = rf.get("/")
    middleware = PathPolicyCSPMiddleware(lambda request: None)
    middleware.process_request(request)
    html = Template('<script nonce="{{ CSP_NONCE }}"></script>').render(
        RequestContext(request, {})
    )
    response = middleware.process_response(request, HttpResponse(html))
    nonce = re.search(r'nonce="([^"]+)"', html).group(1)

    assert nonce
    assert f"'nonce-{nonce}'" in directives(response)["script-src"]


@pytest.mark.django_db
def test_the_admin_has_its_own_looser_policy_for_its_inline_scripts(client):
    response = client.get("/admin/login/")

    policy = directives(response)
    assert response.status_code == 200
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert not any(value.startswith("'nonce-") for value in policy["script-src"])
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_a_challenge_step_brings_no_inline_script(client):
    """The timer, the focus watch and the focus after a refusal: from site.js."""
    from authoring.releases.services import release_publish
    from runtime.models import Assessment

    make_challenge(
        skill=make_skill(level=1, competence_code="2.1"),
        type="QROC",
        proposals="${r}",
        solution="1",
        timer=30,
        focused=True,
        publish=True,
    )
    release_publish(trusted=True)
    client.force_login(make_user())
    client.post(reverse("competence_start", args=["2.1"]))
    assessment = Assessment.objects.get()
    client.get(reverse("assessment", args=[assessment.pk]))
    assessment.refresh_from_db()
    client.post(
        reverse("assessment_timer_start", args=[assessment.pk]),
        {"challenge": assessment.current_challenge},
    )

    page = client.get(reverse("assessment", args=[assessment.pk])).content.decode()

    assert "data-countdown" in page
    assert 'data-focus-watch="visibility"' in page
    assert "runtime/site.js" in page
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)


def _site_templates():
    """Our templates outside the Wagtail admin (which has its own policy)."""
    for app in APPS:
        for path in sorted((ROOT / app).rglob("templates/**/*.html")):
            text = path.read_text()
            if "wagtailadmin/" in text.split("\n", 1)[0] or "/wagtailadmin/" in str(
                path
            ):
                continue
            yield path, text


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\b(src|nonce)=)(?![^>]*application/json)")
HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
INLINE_STYLE = re.compile(r"\sstyle\s*=|<style", re.IGNORECASE)
EVALUATED = re.compile(r"hx-on|hx-trigger=\"[^\"]*\[|hx-vals=['\"]js:|javascript:")


def test_site_templates_hold_no_inline_script_handler_or_style():
    """What the policy refuses is not written: no inline script without the
    nonce, no onclick=…, no style=…, no htmx expression (evaluated as code)."""
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)!r}"
        for path, text in _site_templates()
        for pattern in (INLINE_SCRIPT, HANDLER, INLINE_STYLE, EVALUATED)
        for match in pattern.finditer(text)
    ]
    checked = list(_site_templates())

    assert len(checked) > 50
    assert not found, "\n".join(found)
