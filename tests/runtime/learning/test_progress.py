"""Where the learner is in their test, and leaving it to come back later."""

import re

import pytest
from django.urls import reverse

from runtime.models import Assessment
from tests.factories import make_user
from tests.runtime.learning.test_flow import answer_current, make_competence

pytestmark = pytest.mark.django_db


def _progress(html: str) -> tuple[int, int]:
    title = re.search(r'class="fr-stepper__title">Question (\d+)<', html)
    step = re.search(r'data-fr-current-step="(\d+)" data-fr-steps="5"', html)
    return int(title.group(1)), int(step.group(1))


def test_the_page_says_which_question_and_where_in_the_group_of_five(client):
    make_competence(levels=(1, 2, 3, 4, 5, 6), tubes=3)
    client.force_login(make_user())
    client.post(reverse("competence_start", args=["1.1"]))
    assessment = Assessment.objects.get()
    seen = []
    while len(seen) < 7:
        page = client.get(reverse("assessment", args=[assessment.pk]), follow=True)
        path = page.redirect_chain[-1][0] if page.redirect_chain else ""
        if "bilan" in path:
            client.post(reverse("assessment_checkpoint", args=[assessment.pk]))
            continue
        assert "resultat" not in path, "the test ended too early for this check"
        seen.append(_progress(page.content.decode()))
        answer_current(client, assessment, known_level=3)

    assert seen == [(1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 1), (7, 2)]


def test_htmx_gets_the_progress_of_the_next_question(client):
    make_competence()
    client.force_login(make_user())
    client.post(reverse("competence_start", args=["1.1"]))
    assessment = Assessment.objects.get()
    client.get(reverse("assessment", args=[assessment.pk]))
    assessment.refresh_from_db()

    main = client.post(
        reverse("assessment_answer", args=[assessment.pk]),
        {"challenge": assessment.current_challenge, "answer-r": "1"},
        headers={"HX-Request": "true"},
    ).content.decode()

    assert _progress(main) == (2, 2)


def test_quitting_keeps_the_answers_and_the_profile_resumes_the_test(client):
    make_competence()
    client.force_login(make_user())
    client.post(reverse("competence_start", args=["1.1"]))
    assessment = Assessment.objects.get()
    client.get(reverse("assessment", args=[assessment.pk]))
    answer_current(client, assessment, known_level=4)
    assessment.refresh_from_db()
    current = assessment.current_challenge
    quit_url = reverse("assessment_quit", args=[assessment.pk])

    confirm = client.get(quit_url).content.decode()
    left = client.post(quit_url, follow=True)
    home = left.content.decode()
    resumed = client.get(reverse("assessment", args=[assessment.pk]))

    assert "Votre réponse est enregistrée." in confirm
    assert left.redirect_chain[-1][0] == reverse("learner_home")
    assert "Reprenez le test quand vous voulez" in home
    assert f'href="{reverse("assessment", args=[assessment.pk])}">Reprendre' in home
    assert resumed.context["challenge_id"] == current
    assert _progress(resumed.content.decode()) == (2, 2)


def test_a_finished_test_cannot_be_quit(client):
    make_competence()
    client.force_login(make_user())
    client.post(reverse("competence_start", args=["1.1"]))
    assessment = Assessment.objects.get()
    Assessment.objects.update(state="completed")

    response = client.post(reverse("assessment_quit", args=[assessment.pk]))

    assert response.url == reverse("assessment", args=[assessment.pk])
