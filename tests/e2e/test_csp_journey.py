"""The Content-Security-Policy in Chromium: what it refuses, what still works."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import watch_csp_refusals
from tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_script_or_tracker_slipped_into_a_page_is_refused_and_reported(
    browser, live_server, in_flight
):
    """What the journeys' fixture relies on: Chromium refuses, the watch sees it."""
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    refusals: list[str] = []
    watch_csp_refusals(context, refusals)
    page = context.new_page()
    try:
        page.goto("/connexion/")
        page.evaluate(
            """() => {
              const script = document.createElement("script");
              script.textContent = "document.title = 'pwned'";
              document.body.append(script);
              document.body.insertAdjacentHTML(
                "beforeend", '<img src="https://tracker.example/pixel.png">'
              );
            }"""
        )
        page.wait_for_timeout(300)
        title = page.title()
    finally:
        page.goto("about:blank")
        context.close()
    assert in_flight.wait_idle()

    assert title != "pwned"
    assert any("script-src" in refusal for refusal in refusals), refusals
    assert any("tracker.example" in refusal for refusal in refusals), refusals


def test_the_api_docs_run_swagger_ui_from_our_own_files(new_page):
    """Swagger UI loads and renders the schema under the site's policy."""
    page = new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto("/api/v1/docs")
    page.locator(".swagger-ui .info .title").wait_for()

    assert page.locator(".swagger-ui .opblock").count() > 3
    assert all(url.startswith(page.url.split("/api/")[0]) for url in requested)


def _log_in(page, username: str) -> None:
    page.goto("/connexion/")
    page.fill("#id_username", username)
    page.fill("#id_password", "motdepasse-solide-42")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/")


def test_behaviours_moved_to_site_js_still_work(new_page):
    """The tab kept in the address, the class filter submitted on change: the
    former inline scripts and onchange handler, now in runtime/site.js."""
    from runtime.orga.enums import MemberRole
    from tests.runtime.orga.conftest import make_learner, make_member, make_organisation

    make_user(username="lea")
    school = make_organisation(name="Collège A")
    make_member(school, role=MemberRole.ADMIN, username="prof")
    make_learner(school, first_name="Léa", division="3e A")
    make_learner(school, first_name="Hugo", division="4e B")

    page = new_page()
    _log_in(page, "lea")
    page.goto("/mes-tutos/")
    page.get_by_role("tab", name=re.compile("Enregistrés")).click()
    expect(page).to_have_url(re.compile(r"onglet=enregistres"))

    teacher = new_page()
    _log_in(teacher, "prof")
    teacher.goto(f"/orga/{school.pk}/eleves/")
    expect(teacher.locator("table.learners tbody tr")).to_have_count(2)
    teacher.select_option("#classe", "4e B")
    expect(teacher).to_have_url(re.compile(r"classe=4e"))
    expect(teacher.locator("table.learners tbody tr")).to_have_count(1)
