"""A skill's name finds the skill, its challenges, its hint and tutorials everywhere."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from authoring.models import TutorialSkill
from tests.factories import (
    make_challenge,
    make_hint,
    make_skill,
    make_tube,
    make_tutorial,
    make_user,
)

pytestmark = pytest.mark.django_db

QUERIES = ["rechercheMoteur1", "@rechercheMoteur1", "recherchemoteur1"]


@pytest.fixture
def content():
    skill = make_skill(
        level=1,
        tube=make_tube(name="@rechercheMoteur", title="Utiliser un moteur"),
        description="Savoir lancer une recherche",
    )
    other = make_skill(level=2, tube=make_tube(name="@autreSujet", title="Autre"))
    found, missed = {"skill": skill}, {"skill": other}
    # The texts do not name the skill: only its name, indexed, finds them.
    for items, on, word in ((found, skill, "alpha"), (missed, other, "beta")):
        items["challenge"] = make_challenge(skill=on, instruction=f"Question {word} ?")
        hint = make_hint(skill=on)
        hint.text = f"Indice {word}"
        hint.save()
        items["hint"] = hint
        tutorial = make_tutorial(title=f"Tutoriel {word}")
        tutorial.skill_links = [TutorialSkill(skill=on, kind="remediation")]
        tutorial.save()
        items["tutorial"] = tutorial
    return found, missed


def _listing(app_model: str) -> str:
    return reverse(f"wagtailsnippets_{app_model}:list_results")


def _chooser(app_model: str) -> str:
    return reverse(f"wagtailsnippetchoosers_{app_model}:choose_results")


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize(
    ("url", "key"),
    [
        (_listing("authoring_challenge"), "challenge"),
        (_listing("authoring_hint"), "hint"),
        (_listing("authoring_tutorial"), "tutorial"),
        (_listing("referential_skill"), "skill"),
        (_chooser("authoring_challenge"), "challenge"),
        (_chooser("referential_skill"), "skill"),
    ],
    ids=[
        "challenges",
        "hints",
        "tutorials",
        "skills",
        "prototype chooser",
        "skill chooser",
    ],
)
def test_the_skill_name_finds_its_items(client, content, url, key, query):
    client.force_login(make_user(group="Administrators"))

    response = client.get(url, {"q": query})

    page = response.content.decode()
    found, missed = content
    assert response.status_code == 200
    assert escape(str(found[key])) in page
    assert escape(str(missed[key])) not in page


def test_a_partial_skill_name_finds_its_challenges(client, content):
    """The lists complete words as they are typed."""
    client.force_login(make_user(group="Administrators"))

    page = client.get(_listing("authoring_challenge"), {"q": "rechercheMot"})

    found, missed = content
    assert escape(str(found["challenge"])) in page.content.decode()
    assert escape(str(missed["challenge"])) not in page.content.decode()
