"""Tutorials: the buttons say what the learner did; "Mes tutos" recommends and
keeps, by competence."""

import re

import pytest
from django.urls import reverse

from runtime.models import Assessment, TutorialBookmark
from tests.factories import make_user
from tests.runtime.api.flow import make_single

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed(client):
    """A learner who failed the one challenge of 2.1, with its tutorial."""
    make_single(type="QCU", solution="2")
    client.force_login(make_user())
    client.post(reverse("competence_start", args=["2.1"]))
    assessment = Assessment.objects.get()
    client.get(reverse("assessment", args=[assessment.pk]))
    assessment.refresh_from_db()
    client.post(
        reverse("assessment_answer", args=[assessment.pk]),
        {"challenge": assessment.current_challenge, "answer": "3"},
    )
    return assessment


def _pressed(html: str, kind: str) -> str:
    return re.search(rf'tutorial-{kind}" aria-pressed="(\w+)"', html).group(1)


def _tutorial_id(html: str) -> str:
    return re.search(r'data-tutorial="([^"]+)"', html).group(1)


def test_a_second_click_undoes_and_the_buttons_say_the_state(client, failed):
    checkpoint = reverse("assessment_checkpoint", args=[failed.pk])
    page = client.get(checkpoint).content.decode()
    tutorial = _tutorial_id(page)
    save = reverse("tutorial_bookmark", args=[tutorial, "saved"])
    like = reverse("tutorial_bookmark", args=[tutorial, "liked"])

    states = [(_pressed(page, "save"), _pressed(page, "like"))]
    saved = client.post(save, {"next": checkpoint}, follow=True).content.decode()
    states.append((_pressed(saved, "save"), _pressed(saved, "like")))
    liked = client.post(like, {"next": checkpoint}, follow=True).content.decode()
    states.append((_pressed(liked, "save"), _pressed(liked, "like")))
    undone = client.post(save, {"next": checkpoint}, follow=True).content.decode()
    states.append((_pressed(undone, "save"), _pressed(undone, "like")))

    assert states == [
        ("false", "false"),
        ("true", "false"),
        ("true", "true"),
        ("false", "true"),
    ]
    assert "Tutoriel ajouté à « Mes tutos »." in saved
    assert "Tutoriel retiré de « Mes tutos »." in undone
    assert TutorialBookmark.objects.get().saved is False


def test_mes_tutos_recommends_for_failed_skills_and_keeps_the_saved(client, failed):
    page = client.get(reverse("my_tutorials")).content.decode()
    tutorial = _tutorial_id(page)
    client.post(reverse("tutorial_bookmark", args=[tutorial, "saved"]))

    after = client.get(reverse("my_tutorials") + "?onglet=enregistres")
    html = after.content.decode()
    recommended = html[
        html.index("tutorials-recommended") : html.index('id="panel-enregistres"')
    ]
    saved = html[html.index("tutorials-saved") :]

    assert 'data-tutorial="' + tutorial in recommended
    assert 'data-tutorial="' + tutorial in saved
    assert 'id="tab-enregistres" class="fr-tabs__tab" tabindex="0"' in html
    assert "Recommandés (1)" in html
    assert "Enregistrés (1)" in html


def test_mes_tutos_filters_by_competence(client, failed):
    same = client.get(reverse("my_tutorials") + "?competence=2.1").content.decode()
    other = client.get(reverse("my_tutorials") + "?competence=1.1").content.decode()
    unknown = client.get(reverse("my_tutorials") + "?competence=9.9")

    assert "Recommandés (1)" in same
    assert "Recommandés (0)" in other
    assert unknown.status_code == 400
    assert "Cette compétence n&#x27;existe pas." in unknown.content.decode()
