"""Every answer of a test is shown corrected: at checkpoints, at the end, and
from the result page."""

import re

import pytest
from django.urls import reverse

from runtime.models import Answer, Assessment
from tests.factories import make_user
from tests.runtime.api.flow import make_single
from tests.runtime.learning.test_flow import answer_current, make_competence

pytestmark = pytest.mark.django_db


def _questions(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'id="question-(\d+)"', html)]


def test_the_end_of_a_test_shows_the_answers_left_then_the_result(client):
    """Checkpoints every 5, a final one with the rest: each answer shown once."""
    make_competence(levels=(1, 2, 3, 4, 5, 6), tubes=3)
    client.force_login(make_user())
    client.post(reverse("competence_start", args=["1.1"]))
    assessment = Assessment.objects.get()
    shown, titles = [], []
    for _ in range(60):
        page = client.get(reverse("assessment", args=[assessment.pk]), follow=True)
        path = page.redirect_chain[-1][0] if page.redirect_chain else ""
        if "resultat" in path:
            break
        if "bilan" in path:
            html = page.content.decode()
            shown += _questions(html)
            titles.append(re.search(r"<h1>([^<]+)</h1>", html).group(1))
            client.post(reverse("assessment_checkpoint", args=[assessment.pk]))
            continue
        answer_current(client, assessment, known_level=3)

    count = Answer.objects.count()
    assert count % 5, "the demo test should not end on a multiple of five"
    assert shown == list(range(1, count + 1))
    assert titles[-1] == "Bilan final"
    assert set(titles[:-1]) == {"Bilan intermédiaire"}


def test_a_one_question_test_shows_its_correction_before_the_result(client):
    """The learner's answer and the expected one, in words; then the result."""
    make_single(type="QCU", solution="2")  # Paris, Lyon, Marseille
    client.force_login(make_user())
    client.post(reverse("competence_start", args=["2.1"]))
    assessment = Assessment.objects.get()
    client.get(reverse("assessment", args=[assessment.pk]))
    assessment.refresh_from_db()
    client.post(
        reverse("assessment_answer", args=[assessment.pk]),
        {"challenge": assessment.current_challenge, "answer": "3"},
    )

    result_url = reverse("assessment_result", args=[assessment.pk])
    early = client.get(result_url)
    checkpoint = client.get(reverse("assessment_checkpoint", args=[assessment.pk]))
    html = checkpoint.content.decode()
    client.post(reverse("assessment_checkpoint", args=[assessment.pk]))
    after = client.get(reverse("assessment", args=[assessment.pk]))

    assert early.url == reverse("assessment_checkpoint", args=[assessment.pk])
    assert "Bilan final" in html
    given = re.search(r'class="correction-given">(.*?)</dd>', html, re.S).group(1)
    expected = re.search(r'class="correction-expected">(.*?)</dd>', html, re.S)
    assert "Marseille" in given
    assert "Lyon" in expected.group(1)
    assert after.url == result_url


def test_the_result_links_to_every_correction(client):
    """The result lists each question with a link to its correction."""
    make_competence(levels=(1, 2, 3, 4), tubes=2)
    client.force_login(make_user())
    client.post(reverse("competence_start", args=["1.1"]))
    assessment = Assessment.objects.get()
    for _ in range(30):
        assessment.refresh_from_db()
        if assessment.state == "completed":
            break
        if assessment.current_challenge:
            answer_current(client, assessment, known_level=2)
        client.post(reverse("assessment_checkpoint", args=[assessment.pk]))
        client.get(reverse("assessment", args=[assessment.pk]))
    client.post(reverse("assessment_checkpoint", args=[assessment.pk]))

    result = client.get(reverse("assessment_result", args=[assessment.pk]))
    corrections_url = reverse("assessment_corrections", args=[assessment.pk])
    corrections = client.get(corrections_url).content.decode()

    html = result.content.decode()
    validated = html.split('class="result-validated">')[1].split("</ul>")[0]
    assert "— niveau 1" in validated
    assert "@" not in validated  # the authors' skill names stay theirs
    count = Answer.objects.count()
    links = re.findall(
        rf'href="{corrections_url}#question-(\d+)"', result.content.decode()
    )
    assert [int(n) for n in links] == list(range(1, count + 1))
    assert _questions(corrections) == list(range(1, count + 1))
    assert corrections.count("Votre réponse") == count


def test_corrections_wait_for_the_end_of_the_test(client):
    """While the test runs, its corrections page leads back to the question."""
    make_competence()
    client.force_login(make_user())
    client.post(reverse("competence_start", args=["1.1"]))
    assessment = Assessment.objects.get()

    page = client.get(reverse("assessment_corrections", args=[assessment.pk]))

    assert page.url == reverse("assessment", args=[assessment.pk])


def test_someone_elses_corrections_are_a_404(client):
    make_competence()
    client.force_login(make_user())
    client.post(reverse("competence_start", args=["1.1"]))
    assessment = Assessment.objects.get()
    client.force_login(make_user())

    page = client.get(reverse("assessment_corrections", args=[assessment.pk]))

    assert page.status_code == 404
