"""'Je valide' with nothing chosen is refused with a message; 'Je passe' skips."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from authoring.releases.services import release_publish
from runtime.learning import services
from runtime.models import Answer, Assessment
from tests.factories import make_challenge, make_skill, make_user
from tests.runtime.api.flow import API, post, start
from tests.runtime.learning.test_flow import make_competence

pytestmark = pytest.mark.django_db

REFUSED = "Sélectionnez une réponse ou passez la question."


@pytest.fixture
def assessment(client):
    make_competence()
    client.force_login(make_user())
    client.post(reverse("competence_start", args=["1.1"]))
    assessment = Assessment.objects.get()
    client.get(reverse("assessment", args=[assessment.pk]))
    assessment.refresh_from_db()
    return assessment


def _answer(client, assessment, data):
    return client.post(
        reverse("assessment_answer", args=[assessment.pk]),
        {"challenge": assessment.current_challenge, **data},
        headers={"HX-Request": "true"},
    )


def test_validating_an_empty_answer_keeps_the_question_and_says_why(client, assessment):
    """Nothing is recorded; the same question comes back with the message."""
    current = assessment.current_challenge

    page = _answer(client, assessment, {"answer-r": "   "})

    assessment.refresh_from_db()
    assert page.status_code == 200
    assert REFUSED in page.content.decode()
    assert Answer.objects.count() == 0
    assert assessment.current_challenge == current


def test_passing_records_a_skipped_answer(client, assessment):
    """'Je passe' is the one way past a question without answering it."""
    _answer(client, assessment, {"skip": "1"})

    assert list(Answer.objects.values_list("result", flat=True)) == ["skipped"]


def test_an_empty_answer_is_recorded_once_the_time_is_over():
    """A timed question left empty once its time ran out is recorded, as failed.

    (Only a right answer past the timer is "timedout", DOMAIN.md §3.)
    """
    make_challenge(
        skill=make_skill(level=1, competence_code="2.1"),
        type="QROC",
        proposals="${r}",
        solution="1",
        timer=30,
        publish=True,
    )
    release_publish(trusted=True)
    learner = make_user()
    assessment = services.assessment_start(user=learner, competence="2.1")
    challenge = services.assessment_next_challenge(assessment)
    assessment.current_asked_at = timezone.now() - datetime.timedelta(minutes=5)

    answer = services.answer_record(
        assessment=assessment, challenge_id=challenge.id, value={"r": ""}
    )

    assert (answer.pk is not None, answer.result) == (True, "ko")


def test_the_api_answers_422_to_an_empty_answer(client, assessment):
    """Through the API too, with the same French message, and nothing recorded."""
    base = f"{API}/assessments/{start(client)}"
    current = client.get(f"{base}/current").json()

    response = post(
        client,
        f"{base}/answers",
        {"challenge_id": current["challenge_id"], "answer": {"r": ""}},
    )

    assert (response.status_code, response.json()) == (422, {"detail": REFUSED})
    assert Answer.objects.count() == 0


def test_the_refusal_is_next_to_the_field_and_describes_it(client, assessment):
    """With htmx or without, the message sits by the field the learner fills."""
    htmx = _answer(client, assessment, {"answer-r": ""}).content.decode()
    client.post(
        reverse("assessment_answer", args=[assessment.pk]),
        {"challenge": assessment.current_challenge, "answer-r": ""},
    )
    page = client.get(reverse("assessment", args=[assessment.pk])).content.decode()

    for html in (htmx, page):
        error = html.index('id="answer-error"')
        assert REFUSED in html[error : html.index("</div>", error)]
        assert html.count(REFUSED) == 1  # not repeated in the messages area
        assert 'aria-describedby="answer-error"' in html
