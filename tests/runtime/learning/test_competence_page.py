"""A competence's page: level, validated skills, tutorials, when the learner may
improve or reset it, and a reset that asks first."""

import pytest
from django.urls import reverse

from runtime.models import Assessment, KnowledgeElement
from tests.factories import make_user
from tests.runtime.learning.test_profile import age_knowledge, finished  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_page_shows_the_level_the_skills_and_the_waits(client, finished):  # noqa: F811
    age_knowledge(1)  # finished yesterday: improve in 3 days, reset in 6

    page = client.get(reverse("competence_detail", args=["1.1"]))
    html = page.content.decode()

    assert page.status_code == 200
    assert "Niveau 2 · 16 pix" in html
    assert html.count("— niveau") == 4  # two tubes, levels 1 and 2
    assert "@" not in html.split('class="competence-validated"')[1].split("</ul>")[0]
    assert "Vous pourrez l'améliorer dans 3 jours." in html
    assert "Vous pourrez la remettre à zéro dans 6 jours." in html
    assert reverse("assessment_result", args=[Assessment.objects.get().pk]) in html


def test_the_profile_cards_lead_to_the_competence_page(client, finished):  # noqa: F811
    home = client.get(reverse("learner_home")).content.decode()

    assert f'href="{reverse("competence_detail", args=["1.1"])}"' in home


def test_reset_asks_for_confirmation_then_resets(client, finished):  # noqa: F811
    age_knowledge(8)
    url = reverse("competence_reset", args=["1.1"])

    confirm = client.get(url).content.decode()
    untouched = KnowledgeElement.objects.filter(status="reset").count()
    done = client.post(url, follow=True).content.decode()

    assert "Remettre à zéro 1.1" in confirm
    assert "Oui, remettre à zéro" in confirm
    assert untouched == 0
    assert "La compétence a été remise à zéro." in done
    assert "Niveau 0 · 0 pix" in done


def test_reset_before_its_delay_says_so_without_asking(client, finished):  # noqa: F811
    page = client.get(reverse("competence_reset", args=["1.1"]), follow=True)

    assert "ne peut pas encore être remise à zéro" in page.content.decode()
    assert page.redirect_chain[-1][0] == reverse("competence_detail", args=["1.1"])


def test_starting_a_finished_competence_early_creates_no_empty_test(
    client,
    finished,  # noqa: F811
):
    """The page says when; no assessment appears (nor a test without question)."""
    before = Assessment.objects.count()

    page = client.post(reverse("competence_start", args=["1.1"]), follow=True)

    assert Assessment.objects.count() == before
    assert page.redirect_chain[-1][0] == reverse("competence_detail", args=["1.1"])
    assert "Vous pourrez améliorer cette compétence dans 4 jours." in (
        page.content.decode()
    )


def test_an_unknown_competence_is_a_404(client):
    client.force_login(make_user())

    assert client.get(reverse("competence_detail", args=["9.9"])).status_code == 404
    assert client.get(reverse("competence_reset", args=["9.9"])).status_code == 404
