"""Who may call the learner API, and what a call costs the database."""

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from runtime.models import Answer
from tests.factories import make_user
from tests.runtime.api.flow import API, make_flow_content, post, start
from tests.runtime.learning.test_step_cost import WRITE, described

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("answers", [1, 3])
def test_the_checkpoint_costs_the_same_queries_for_one_or_three_answers(
    client, learner, django_assert_num_queries, answers
):
    """The session, the learner, the test, then its answers: four queries.

    Corrections come from the release index.
    """
    make_flow_content(levels=(1, 2, 3, 4), tubes=3)
    assessment_id = start(client)
    for _ in range(answers):
        current = client.get(f"{API}/assessments/{assessment_id}/current").json()
        body = {"challenge_id": current["challenge_id"], "answer": {"mot": "non"}}
        post(client, f"{API}/assessments/{assessment_id}/answers", body)

    with django_assert_num_queries(4):
        response = client.get(f"{API}/assessments/{assessment_id}/checkpoint")

    assert len(response.json()["corrections"]) == answers


@pytest.mark.django_db(transaction=True)
@override_settings(SESSION_ENGINE="django.contrib.sessions.backends.db")
def test_an_answer_costs_the_queries_of_a_step_on_the_pages(
    client, learner, django_assert_num_queries
):
    """Django's session and user, the test by a selector, then the step's write."""
    make_flow_content(levels=(1, 2, 3, 4), tubes=3)
    client.force_login(learner)  # the session, in the engine chosen here
    assessment_id = start(client)
    current = client.get(f"{API}/assessments/{assessment_id}/current").json()
    body = {"challenge_id": current["challenge_id"], "answer": {"mot": "non"}}
    write = WRITE[connection.vendor]

    with django_assert_num_queries(3 + len(write)) as captured:
        response = post(client, f"{API}/assessments/{assessment_id}/answers", body)

    assert response.status_code == 200
    assert described(captured) == [
        "SELECT django_session",
        "SELECT auth_user",
        "SELECT runtime_assessment",
        *write,
    ]
    assert Answer.objects.get().challenge == current["challenge_id"]


def test_someone_elses_assessment_is_not_found(client, learner):
    """Another learner's test answers 404 on every endpoint, and stays untouched."""
    make_flow_content(levels=(1, 2), tubes=1)
    other = Client()
    other.force_login(make_user())
    assessment_id = start(other)
    base = f"{API}/assessments/{assessment_id}"
    challenge_id = other.get(f"{base}/current").json()["challenge_id"]

    responses = [
        client.get(f"{base}/current"),
        post(client, f"{base}/answers", {"challenge_id": challenge_id, "answer": {}}),
        client.get(f"{base}/checkpoint"),
        post(client, f"{base}/checkpoint"),
        client.get(f"{base}/result"),
    ]

    assert {r.status_code for r in responses} == {404}
    assert responses[0].json() == {"detail": "Ce test est introuvable."}
    assert not Answer.objects.exists()


def test_a_huge_test_id_is_not_found(client, learner):
    """Beyond what a database integer holds: a 404, not a database error."""
    base = f"{API}/assessments/{2**64}"

    responses = [
        client.get(f"{base}/current"),
        post(client, f"{base}/answers", {"challenge_id": "x", "answer": {}}),
    ]

    assert [r.status_code for r in responses] == [404, 404]
    assert responses[0].json() == {"detail": "Ce test est introuvable."}


def test_anonymous_requests_are_unauthorised():
    """Without a session every endpoint answers 401."""
    client = Client()

    responses = [
        client.get(f"{API}/profile"),
        post(client, f"{API}/competences/1.1/assessments"),
        client.get(f"{API}/assessments/1/current"),
        post(client, f"{API}/assessments/1/answers", {"challenge_id": "x"}),
        client.get(f"{API}/assessments/1/result"),
    ]

    assert {r.status_code for r in responses} == {401}
    assert responses[0].json() == {"detail": "Unauthorized"}


def test_writes_need_the_csrf_token(learner):
    """Session authentication keeps Django's CSRF check on writes."""
    make_flow_content(levels=(1,), tubes=1)
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)

    url = f"{API}/competences/1.1/assessments"
    refused = post(client, url)
    client.get(reverse("learner_home"))  # a page with a form sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    accepted = post(client, url, headers={"X-CSRFToken": token})
    answers = f"{API}/assessments/{accepted.json()['id']}/answers"
    answer_refused = post(client, answers, {"challenge_id": "x", "skipped": True})

    assert (refused.status_code, accepted.status_code) == (403, 200)
    assert answer_refused.status_code == 403  # a test's endpoints check it too
    assert not Answer.objects.exists()


def test_the_api_docs_load_swagger_ui_from_the_site_itself(client):
    """No third-party CDN: the docs work offline and trust nobody else's code."""
    page = client.get("/api/v1/docs").content.decode()

    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn." not in page


def test_the_api_docs_page_says_its_language(client, settings):
    """<html lang>: French by default, the visitor's chosen language otherwise."""
    french = client.get("/api/v1/docs")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/api/v1/docs")

    assert french.status_code == english.status_code == 200
    assert '<html lang="fr">' in french.content.decode()
    assert '<html lang="en">' in english.content.decode()
    assert "swagger-ui-init.js" in english.content.decode()


@pytest.mark.parametrize("enforce_csrf", [False, True])
def test_a_form_body_instead_of_json_is_refused_not_a_server_error(
    learner, enforce_csrf
):
    """A multipart body (a form, not JSON) is a 4xx with a message, never a 500."""
    client = Client(enforce_csrf_checks=enforce_csrf, raise_request_exception=False)
    client.force_login(learner)
    make_flow_content(levels=(1, 2), tubes=1)
    assessment_id = start(client) if not enforce_csrf else 1

    response = client.post(
        f"{API}/assessments/{assessment_id}/answers", {"challenge_id": "x"}
    )

    assert response.status_code in (403, 422)
    assert Answer.objects.count() == 0


def test_a_path_of_the_wrong_type_is_a_422_in_french_with_the_fields(client, learner):
    """Documented as InvalidOut: a French message, then the refused fields."""
    response = client.get(f"{API}/assessments/abc/current")

    body = response.json()
    assert response.status_code == 422
    assert body["detail"] == "La requête ne suit pas la description de l'API."
    assert [error["loc"] for error in body["errors"]] == [["path", "assessment_id"]]
    documented = client.get(f"{API}/openapi.json").json()["paths"]
    for path, operations in documented.items():
        for method, operation in operations.items():
            takes_input = "{" in path or "requestBody" in operation
            expected = {"400", "401"} | ({"422"} if takes_input else set())
            assert expected <= set(operation["responses"]), (method, path)
