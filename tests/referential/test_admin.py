"""Referential screens: the competence grid, pix values and reversion history."""

import pytest
from django.urls import reverse
from reversion.models import Version

from referential.models import Competence, Skill
from referential.selectors import skill_pix_values
from tests.factories import make_challenge, make_skill, make_tube

pytestmark = pytest.mark.django_db


def test_the_pix_value_of_a_skill_is_derived_from_its_level_peers():
    """min(4, 8/N), N active skills of that level in the competence."""
    tube_a, tube_b, tube_c = (make_tube(competence_code="2.1") for _ in range(3))
    alone = make_skill(tube=tube_a, level=1)
    pair = [make_skill(tube=tube, level=2) for tube in (tube_a, tube_b)]
    trio = [make_skill(tube=tube, level=3) for tube in (tube_a, tube_b, tube_c)]
    draft = make_skill(tube=tube_c, level=1, status="draft")

    values = skill_pix_values()

    assert values == {
        alone.pk: 4.0,
        pair[0].pk: 4.0,
        pair[1].pk: 4.0,
        trio[0].pk: pytest.approx(8 / 3),
        trio[1].pk: pytest.approx(8 / 3),
        trio[2].pk: pytest.approx(8 / 3),
    }
    assert draft.pk not in values


def test_the_grid_shows_tubes_by_level_with_counts_per_status(client, author):
    """Each cell names the skill and counts its challenges by status."""
    skill = make_skill(level=3, competence_code="1.2")
    make_challenge(skill=skill, publish=True)
    make_challenge(skill=skill)
    make_challenge(skill=skill)
    client.force_login(author)

    response = client.get(reverse("referential:grid", args=["1.2"]))

    row = response.context["rows"][0]
    cell = row["cells"][2]
    assert row["tube"] == skill.tube
    assert [cell for cell in row["cells"] if cell] == [cell]
    assert cell["skill"] == skill
    assert [(status, total) for status, _, total in cell["counts"]] == [
        ("proposed", 2),
        ("validated", 1),
        ("archived", 0),
        ("obsolete", 0),
    ]
    assert "DigComp" in response.content.decode()


def test_editing_a_skill_in_the_admin_records_who_and_what(client, referential_editor):
    """django-reversion records each admin save with its user."""
    skill = make_skill(level=2, description="Avant")
    client.force_login(referential_editor)
    edit_url = reverse(Skill.snippet_viewset.get_url_name("edit"), args=[skill.pk])

    client.post(
        edit_url,
        {
            "tube": skill.tube_id,
            "level": 2,
            "status": "active",
            "version": 1,
            "description": "Après",
        },
    )

    version = Version.objects.get_for_object(skill).get()
    assert version.field_dict["description"] == "Après"
    assert version.revision.user == referential_editor


def test_a_referential_editor_reverts_a_skill_from_its_history(
    client, referential_editor
):
    """The history page lists versions and restores a chosen one."""
    skill = make_skill(level=2, description="v1")
    client.force_login(referential_editor)
    edit_url = reverse(Skill.snippet_viewset.get_url_name("edit"), args=[skill.pk])
    data = {"tube": skill.tube_id, "level": 2, "status": "active", "version": 1}
    client.post(edit_url, {**data, "description": "v1"})
    client.post(edit_url, {**data, "description": "v2"})
    history_url = reverse("referential:history", args=["skill", skill.pk])
    page = client.get(history_url)
    first = Version.objects.get_for_object(skill).last()

    client.post(history_url, {"version": first.pk})

    skill.refresh_from_db()
    assert "v2" in page.content.decode()
    assert skill.description == "v1"
    assert Version.objects.get_for_object(skill).count() == 3


def test_only_one_active_skill_per_tube_and_level(client, referential_editor):
    """A second active skill at the same tube and level is refused with a message."""
    skill = make_skill(level=2)
    client.force_login(referential_editor)

    response = client.post(
        reverse(Skill.snippet_viewset.get_url_name("add")),
        {"tube": skill.tube_id, "level": 2, "status": "active", "version": 2},
    )

    assert "Un autre acquis actif existe déjà pour ce sujet et ce niveau." in (
        response.content.decode()
    )
    assert Skill.objects.count() == 1


def test_competences_list_shows_digcomp(client, superuser):
    """The competence listing shows each competence's DigComp codes."""
    client.force_login(superuser)

    response = client.get(reverse(Competence.snippet_viewset.get_url_name("list")))

    assert "2.3, 2.6" in response.content.decode()


def test_the_history_of_an_item_never_versioned_is_empty_not_an_error(
    client, referential_editor
):
    """A skill saved outside reversion (a pack, a factory) has no version yet."""
    skill = make_skill(level=2, description="chargée d'un paquet")
    client.force_login(referential_editor)

    page = client.get(reverse("referential:history", args=["skill", skill.pk]))

    assert page.status_code == 200
    assert not Version.objects.get_for_object(skill).exists()


def test_deleting_an_area_its_competences_still_use_is_refused_with_a_message(
    client, superuser
):
    """A protected foreign key is a message and nothing deleted, not a 500."""
    from referential.models import Area

    area = Competence.objects.get(code="1.1").area
    client.force_login(superuser)
    url = reverse(Area.snippet_viewset.get_url_name("delete"), args=[area.pk])

    response = client.post(url, follow=True)

    assert response.status_code == 200
    assert "Suppression impossible" in response.content.decode()
    assert Area.objects.filter(pk=area.pk).exists()


def test_the_skill_chooser_has_no_create_url_to_post_to(client, superuser):
    """Wagtail's chooser posted to a form it never built: a 500."""
    client.force_login(superuser)
    url = reverse(Skill.snippet_viewset.chooser_viewset.get_url_name("create"))

    assert client.post(url).status_code == 404
    assert client.get(url).status_code == 404
