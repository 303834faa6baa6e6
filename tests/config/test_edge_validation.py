"""Learner input that PostgreSQL would refuse is refused first, with a message."""

import pytest
from django.urls import reverse

from runtime.models import Answer, ProblemReport, TutorialBookmark
from tests.factories import make_user
from tests.runtime.api.flow import API, post, start
from tests.runtime.learning.test_flow import make_competence

pytestmark = pytest.mark.django_db

NUL_REFUSED = "La requête contient un caractère nul : refusée."


@pytest.fixture
def learner_test(client):
    """A signed-in learner's test, and the challenge they are asked."""
    make_competence(levels=(2,), tubes=1)
    client.force_login(make_user())
    assessment_id = start(client)
    current = client.get(f"{API}/assessments/{assessment_id}/current").json()
    return assessment_id, current["challenge_id"]


def test_nul_characters_are_a_400_with_a_message_wherever_they_come(
    client, learner_test
):
    """API JSON, forms, paths: each is refused before any view; nothing stored."""
    assessment_id, challenge_id = learner_test
    api_answer = f"{API}/assessments/{assessment_id}/answers"

    responses = [
        post(
            client, api_answer, {"challenge_id": challenge_id, "answer": {"r": "a\0"}}
        ),
        post(client, api_answer, {"challenge_id": "x\0", "answer": {"r": "1"}}),
        post(client, f"{API}/competences/1.1%00/assessments"),
        client.post(
            reverse("report_problem", args=[challenge_id]),
            {"category": "other", "comment": "a\0b"},
        ),
        client.post("/tutos/ab%00c/saved/"),
        client.post(
            reverse("assessment_answer", args=[assessment_id]),
            {"challenge": challenge_id, "answer-r": "a\0b"},
        ),
        client.get("/", {"q": "a\0"}),
    ]

    api, pages = responses[:3], responses[3:]
    assert [(r.status_code, r.json()) for r in api] == [
        (400, {"detail": NUL_REFUSED})
    ] * 3, "the API answers in JSON, as its document says"
    assert [(r.status_code, r.content.decode()) for r in pages] == [
        (400, NUL_REFUSED)
    ] * 4
    assert (Answer.objects.count(), ProblemReport.objects.count()) == (0, 0)


def test_ids_too_long_to_be_ids_are_a_404(client, learner_test):
    """A report or a bookmark on an id no release holds saves nothing."""
    data = {"category": "other", "comment": "Coquille."}

    responses = [
        client.post(reverse("report_problem", args=["x" * 80]), data),
        client.post(reverse("tutorial_bookmark", args=["x" * 80, "saved"])),
    ]

    assert [r.status_code for r in responses] == [404, 404]
    assert (ProblemReport.objects.count(), TutorialBookmark.objects.count()) == (0, 0)


def test_a_multipart_body_without_boundary_is_a_400(client, learner_test):
    """An unreadable body is refused with a message, not a traceback."""
    response = client.generic(
        "POST", "/connexion/", b"x=1", content_type="multipart/form-data"
    )

    assert (response.status_code, response.content.decode()) == (
        400,
        "Le contenu envoyé est illisible.",
    )
