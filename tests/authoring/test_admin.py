"""The challenge listing: bounded queries, search and filters."""

import pytest
from django.urls import reverse

from authoring.models import Challenge
from tests.factories import make_challenge, make_skill

pytestmark = pytest.mark.django_db


def list_url():
    return reverse(Challenge.snippet_viewset.get_url_name("list_results"))


def make_challenges(count: int) -> None:
    skills = [make_skill(level=level) for level in (1, 2, 3)]
    for number in range(count):
        make_challenge(skill=skills[number % 3], publish=number % 2 == 0)


@pytest.mark.parametrize("count", [20, 60])
def test_the_listing_loads_in_at_most_ten_queries(
    client, superuser, django_assert_max_num_queries, count
):
    """Listing 20 or 60 challenges costs the same bounded number of queries."""
    make_challenges(count)
    client.force_login(superuser)
    client.get(list_url())  # warm caches (content types, site settings)

    with django_assert_max_num_queries(10):
        response = client.get(list_url())

    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == count


def test_authors_search_challenges_by_text(client, author):
    """The Wagtail search (database backend) finds words of the instruction."""
    wanted = make_challenge(instruction="Quel format de fichier compresse une image")
    make_challenge(instruction="Combien de lignes compte ce tableau")
    client.force_login(author)

    response = client.get(list_url(), {"q": "compresse"})

    assert list(response.context["object_list"]) == [wanted]


def test_authors_filter_by_competence_level_type_and_status(client, author):
    """Filters narrow the listing by referential position, type and status."""
    wanted = make_challenge(
        type="QROC", skill=make_skill(level=4, competence_code="3.4"), publish=True
    )
    make_challenge(type="QROC", skill=make_skill(level=4, competence_code="1.1"))
    make_challenge(type="QCU", skill=make_skill(level=4, competence_code="3.4"))
    competence = wanted.skill.tube.competence
    client.force_login(author)

    response = client.get(
        list_url(),
        {
            "competence": competence.pk,
            "level": 4,
            "type": "QROC",
            "status": "validated",
            "locale": "fr-fr",
        },
    )

    assert list(response.context["object_list"]) == [wanted]
