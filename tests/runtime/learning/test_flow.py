"""A learner's positioning test, through the pages, with the real checker."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from authoring.releases.services import release_publish
from runtime.models import Answer, Assessment, KnowledgeElement, ProblemReport
from tests.factories import (
    make_challenge,
    make_skill,
    make_tube,
    make_tutorial,
    make_user,
    sign_up,
)

pytestmark = pytest.mark.django_db


def make_competence(code="1.1", levels=(1, 2, 3, 4), tubes=2):
    """Two tubes of QROC challenges whose answer is the skill's level."""
    for _ in range(tubes):
        tube = make_tube(competence_code=code)
        for level in levels:
            skill = make_skill(tube=tube, level=level)
            make_challenge(
                skill=skill,
                type="QROC",
                proposals="${r}",
                solution=str(level),
                tolerance_t3=False,
                publish=True,
            )
    return release_publish(trusted=True)


def answer_current(client, assessment, *, known_level):
    """Answer the served challenge like a learner who masters up to known_level."""
    assessment.refresh_from_db()
    release = assessment.release.content
    current = assessment.current_challenge
    challenge = next(c for c in release["challenges"] if c["id"] == current)
    level = next(s["level"] for s in release["skills"] if s["id"] == challenge["skill"])
    value = str(level) if level <= known_level else "je ne sais pas"
    return client.post(
        reverse("assessment_answer", args=[assessment.pk]),
        {"challenge": challenge["id"], "answer-r": value},
    )


def run_test(client, assessment, known_level):
    for _ in range(50):
        page = client.get(reverse("assessment", args=[assessment.pk]), follow=True)
        path = page.redirect_chain[-1][0] if page.redirect_chain else ""
        if "resultat" in path:
            return page
        if "bilan" in path:
            client.post(reverse("assessment_checkpoint", args=[assessment.pk]))
            continue
        answer_current(client, assessment, known_level=known_level)
    raise AssertionError("the test never ended")


def test_a_learner_signs_up_takes_a_test_and_gets_a_level(client):
    """Sign up, start, answer until the end: pix and level follow the knowledge."""
    make_competence()
    sign_up(client)  # the form, then the e-mailed link
    client.post(reverse("competence_start", args=["1.1"]))
    assessment = Assessment.objects.get()

    result = run_test(client, assessment, known_level=2)

    assessment.refresh_from_db()
    assert assessment.state == "completed"
    validated = KnowledgeElement.objects.filter(status="validated")
    assert sorted({e.skill for e in validated}) == sorted(
        s["id"] for s in assessment.release.content["skills"] if s["level"] <= 2
    )
    assert result.context["score"].pix == 16
    assert result.context["score"].level == 2
    assert Answer.objects.count() < 8


def test_a_double_submit_records_one_answer(client):
    """Submitting the same challenge twice keeps one answer and moves on once."""
    make_competence()
    client.force_login(make_user())
    client.post(reverse("competence_start", args=["1.1"]))
    assessment = Assessment.objects.get()
    client.get(reverse("assessment", args=[assessment.pk]))
    assessment.refresh_from_db()
    payload = {"challenge": assessment.current_challenge, "answer-r": "1"}

    client.post(reverse("assessment_answer", args=[assessment.pk]), payload)
    client.post(reverse("assessment_answer", args=[assessment.pk]), payload)

    assert Answer.objects.count() == 1


def test_a_refresh_serves_the_same_challenge(client):
    """Reloading the page never changes nor skips the challenge."""
    make_competence()
    client.force_login(make_user())
    client.post(reverse("competence_start", args=["1.1"]))
    assessment = Assessment.objects.get()

    url = reverse("assessment", args=[assessment.pk])

    first = client.get(url).context["challenge_id"]
    second = client.get(url).context["challenge_id"]

    assert first == second


def test_the_challenge_page_never_holds_the_solution(client):
    """The served HTML carries no accepted answer."""
    make_competence(levels=(2,), tubes=1)
    client.force_login(make_user())
    client.post(reverse("competence_start", args=["1.1"]))
    assessment = Assessment.objects.get()

    page = client.get(reverse("assessment", args=[assessment.pk])).content.decode()

    assert 'name="answer-r"' in page
    assert "solution" not in page.lower()


def test_a_checkpoint_comes_every_five_answers(client):
    """After five answers the learner sees the corrections before going on."""
    make_competence(levels=(1, 2, 3, 4, 5, 6), tubes=3)
    client.force_login(make_user())
    client.post(reverse("competence_start", args=["1.1"]))
    assessment = Assessment.objects.get()
    for _ in range(5):
        client.get(reverse("assessment", args=[assessment.pk]))
        answer_current(client, assessment, known_level=8)

    page = client.get(reverse("assessment", args=[assessment.pk]), follow=True)

    assert page.redirect_chain[-1][0].endswith("/bilan/")
    assert len(page.context["rows"]) == 5
    assert "Réponse attendue" in page.content.decode()


def test_a_learner_reports_a_problem(client):
    """Reports are stored with category and comment for the authors."""
    make_competence(levels=(2,), tubes=1)
    client.force_login(make_user())
    client.post(reverse("competence_start", args=["1.1"]))
    assessment = Assessment.objects.get()
    client.get(reverse("assessment", args=[assessment.pk]))
    assessment.refresh_from_db()

    client.post(
        reverse("report_problem", args=[assessment.current_challenge]),
        {"category": "answer", "comment": "La réponse 2 devrait être acceptée."},
    )

    report = ProblemReport.objects.get()
    assert (report.challenge, report.category) == (
        assessment.current_challenge,
        "answer",
    )
    assert report.status == "open"


def test_a_report_on_an_unknown_challenge_is_a_404(client):
    """An id the learner was never served (or too long to be one) saves nothing."""
    make_competence(levels=(2,), tubes=1)
    client.force_login(make_user())
    data = {"category": "answer", "comment": "Coquille."}

    responses = [
        client.post(reverse("report_problem", args=[challenge_id]), data)
        for challenge_id in ("ch-inconnue", "x" * 80)
    ]

    assert [response.status_code for response in responses] == [404, 404]
    assert ProblemReport.objects.count() == 0


def test_with_htmx_the_answer_returns_the_next_challenge_in_one_request(client):
    """One round trip: the answer is recorded and the next challenge rendered."""
    make_competence(levels=(1, 2, 3, 4, 5, 6), tubes=3)
    client.force_login(make_user())
    client.post(reverse("competence_start", args=["1.1"]))
    assessment = Assessment.objects.get()
    client.get(reverse("assessment", args=[assessment.pk]))
    assessment.refresh_from_db()
    first = assessment.current_challenge

    response = client.post(
        reverse("assessment_answer", args=[assessment.pk]),
        {"challenge": first, "answer-r": "1"},
        headers={"HX-Request": "true"},
    )

    assessment.refresh_from_db()
    html = response.content.decode()
    assert response.status_code == 200
    assert assessment.current_challenge != first
    assert f'name="challenge" value="{assessment.current_challenge}"' in html
    assert html.lstrip().startswith('<main id="contenu"')


def page_token(page) -> str:
    """Return the CSRF token the page gives htmx (the <body>'s hx-headers)."""
    found = re.search(
        r'hx-headers=\'\{"X-CSRFToken": "(\w+)"\}\'', page.content.decode()
    )
    assert found, "the page gives htmx no CSRF token"
    return found.group(1)


def test_with_htmx_the_pages_token_answers_and_reports_without_a_token_in_main():
    """The <main> htmx gets back has no token; the page's, sent by htmx, is enough."""
    make_competence(levels=(1, 2, 3, 4, 5, 6), tubes=3)
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user())
    home = client.get(reverse("learner_home"))
    client.post(
        reverse("competence_start", args=["1.1"]),
        {"csrfmiddlewaretoken": page_token(home)},
    )
    assessment = Assessment.objects.get()
    url = reverse("assessment_answer", args=[assessment.pk])
    token = page_token(client.get(reverse("assessment", args=[assessment.pk])))
    assessment.refresh_from_db()
    first = assessment.current_challenge

    refused = client.post(url, {"challenge": first}, headers={"HX-Request": "true"})
    answered = client.post(
        url,
        {"challenge": first, "answer-r": "1"},
        headers={"HX-Request": "true", "X-CSRFToken": token},
    )
    assessment.refresh_from_db()
    reported = client.post(
        reverse("report_problem", args=[assessment.current_challenge]),
        {"category": "question", "comment": "La consigne est ambiguë."},
        headers={"HX-Request": "true", "X-CSRFToken": token},
    )

    assert refused.status_code == 403
    assert answered.status_code == 200
    assert "csrfmiddlewaretoken" not in answered.content.decode()
    assert Answer.objects.get().challenge == first
    assert reported.status_code == 302
    assert ProblemReport.objects.get().challenge == assessment.current_challenge


def test_with_htmx_a_due_checkpoint_redirects_the_page(client):
    """At a checkpoint the client is told to load the checkpoint page."""
    make_competence(levels=(1, 2, 3, 4, 5, 6), tubes=3)
    client.force_login(make_user())
    client.post(reverse("competence_start", args=["1.1"]))
    assessment = Assessment.objects.get()
    for _ in range(4):
        client.get(reverse("assessment", args=[assessment.pk]))
        answer_current(client, assessment, known_level=8)
    client.get(reverse("assessment", args=[assessment.pk]))
    assessment.refresh_from_db()

    response = client.post(
        reverse("assessment_answer", args=[assessment.pk]),
        {"challenge": assessment.current_challenge, "answer-r": "x"},
        headers={"HX-Request": "true"},
    )

    assert response["HX-Redirect"] == f"/tests/{assessment.pk}/bilan/"


def test_next_pages_never_leave_the_site(client):
    """A forged 'next' pointing elsewhere falls back to a page of ours."""
    tutorial = make_tutorial()
    tutorial.save_revision().publish()
    make_competence(levels=(2,), tubes=1)
    client.force_login(make_user())

    response = client.post(
        reverse("tutorial_bookmark", args=[tutorial.uid, "saved"]),
        {"next": "https://evil.example/phish"},
    )

    assert response["Location"] == reverse("my_tutorials")
