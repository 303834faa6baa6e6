"""Who may call the learner API, and what a call costs the database."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from runtime.models import Answer
from tests.factories import make_user
from tests.runtime.api.flow import API, make_flow_content, post, start

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("answers", [1, 3])
def test_the_checkpoint_costs_the_same_queries_for_one_or_three_answers(
    client, learner, django_assert_num_queries, answers
):
    """The test with its learner and session, then its answers: two queries.

    Corrections come from the release index.
    """
    make_flow_content(levels=(1, 2, 3, 4), tubes=3)
    assessment_id = start(client)
    for _ in range(answers):
        current = client.get(f"{API}/assessments/{assessment_id}/current").json()
        body = {"challenge_id": current["challenge_id"], "answer": {"mot": "non"}}
        post(client, f"{API}/assessments/{assessment_id}/answers", body)

    with django_assert_num_queries(2):
        response = client.get(f"{API}/assessments/{assessment_id}/checkpoint")

    assert len(response.json()["corrections"]) == answers


def test_an_answer_is_one_read_then_the_writes_as_on_the_pages(client, learner):
    """The learner, their session and the test are read in one query."""
    make_flow_content(levels=(1, 2, 3, 4), tubes=3)
    assessment_id = start(client)
    current = client.get(f"{API}/assessments/{assessment_id}/current").json()
    body = {"challenge_id": current["challenge_id"], "answer": {"mot": "non"}}

    with CaptureQueriesContext(connection) as captured:
        response = post(client, f"{API}/assessments/{assessment_id}/answers", body)

    queries = [
        query["sql"]
        for query in captured.captured_queries
        if "SAVEPOINT" not in query["sql"]
    ]
    assert response.status_code == 200
    assert "django_session" in queries[0]
    assert "auth_user" in queries[0]
    if connection.vendor == "postgresql":
        assert len(queries) == 2  # the read, then one statement for the step
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
