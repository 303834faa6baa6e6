"""The Content-Security-Policy in Chromium: what it refuses, what still works."""

from tests.e2e.conftest import watch_csp_refusals


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
