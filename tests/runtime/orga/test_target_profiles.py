"""Target profiles: tubes and caps from the release, stages, badges, copies."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from runtime.orga import selectors
from runtime.orga.models import TargetProfile
from runtime.orga.services import target_profiles as services
from runtime.orga.services.errors import OrgaError

pytestmark = pytest.mark.django_db


def _tubes_of(index, code):
    return sorted(tube.id for tube in index.tubes.values() if tube.competence == code)


def test_a_member_builds_a_profile_and_sees_its_skill_count(orga_a, member_a, index):
    profile = services.target_profile_create(
        user=member_a, organisation=orga_a, name="Recherche, 6e"
    )
    first, second = _tubes_of(index, "1.1")

    services.target_profile_set_tubes(
        user=member_a, profile=profile, caps={first: 2, second: 4},
        known_tubes=index.tubes,
    )  # fmt: skip

    assert len(selectors.profile_target_skills(profile, index)) == 2 + 4
    with pytest.raises(OrgaError, match="Sujet inconnu"):
        services.target_profile_set_tubes(
            user=member_a, profile=profile, caps={"nope": 2}, known_tubes=index.tubes
        )
    with pytest.raises(OrgaError, match="de 1 à 8"):
        services.target_profile_set_tubes(
            user=member_a, profile=profile, caps={first: 9}, known_tubes=index.tubes
        )
    assert selectors.target_caps(profile) == {first: 2, second: 4}


def test_another_organisation_cannot_edit_the_profile(orga_a, admin_b, index):
    profile = TargetProfile.objects.create(organisation=orga_a, name="A")

    with pytest.raises(PermissionDenied):
        services.target_profile_set_tubes(
            user=admin_b, profile=profile, caps={}, known_tubes=index.tubes
        )


def test_predefined_profiles_are_shipped_copied_and_adapted(orga_a, member_a, index):
    call_command("load_target_profiles", stdout=open("/dev/null", "w"))  # noqa: SIM115
    end_of_cycle = TargetProfile.objects.get(name__startswith="Fin de collège")

    names = sorted(
        selectors.usable_target_profiles(orga_a).values_list("name", flat=True)
    )
    copy = services.target_profile_copy(
        user=member_a, profile=end_of_cycle, organisation=orga_a
    )

    assert "Compétence 1.1 — Mener une recherche et une veille d'information" in names
    assert "Compétence 2.1 — Interagir" in names
    # Capped at level 3 across every competence of the release.
    assert set(selectors.target_caps(end_of_cycle).values()) == {3}
    assert len(selectors.profile_target_skills(end_of_cycle, index)) == 4 * 3
    assert copy.organisation == orga_a
    assert selectors.target_caps(copy) == selectors.target_caps(end_of_cycle)
    assert [s.threshold for s in copy.stages.all()] == [0, 30, 60, 90]
    with pytest.raises(PermissionDenied):
        services.target_profile_set_tubes(
            user=member_a, profile=end_of_cycle, caps={}, known_tubes=index.tubes
        )


def test_stages_and_badges(orga_a, member_a, index):
    profile = TargetProfile.objects.create(organisation=orga_a, name="A")
    tube = _tubes_of(index, "1.1")[0]
    services.target_profile_set_tubes(
        user=member_a, profile=profile, caps={tube: 3}, known_tubes=index.tubes
    )

    services.stage_add(user=member_a, profile=profile, threshold=50, title="Moitié")
    badge = services.badge_add(
        user=member_a, profile=profile, title="Chercheur", threshold=80, tubes=[tube]
    )

    with pytest.raises(OrgaError, match="déjà ce seuil"):
        services.stage_add(user=member_a, profile=profile, threshold=50, title="Bis")
    with pytest.raises(OrgaError, match="sujets du profil"):
        services.badge_add(
            user=member_a, profile=profile, title="X", threshold=1, tubes=["autre"]
        )
    assert badge.tubes == [tube]
    services.profile_item_remove(
        user=member_a, profile=profile, kind="badge", pk=badge.pk
    )
    assert not profile.badges.exists()


def test_the_profile_pages(client, orga_a, member_a, index):
    client.force_login(member_a)
    first, second = _tubes_of(index, "2.1")

    created = client.post(
        reverse("orga_profiles", args=[orga_a.pk]), {"name": "Interagir 5e"}
    )
    profile = TargetProfile.objects.get(name="Interagir 5e")
    count = client.post(
        reverse("orga_profile_count", args=[orga_a.pk, profile.pk]),
        {f"cap-{first}": "1", f"cap-{second}": "3"},
    )
    client.post(
        reverse("orga_profile_tubes", args=[orga_a.pk, profile.pk]),
        {f"cap-{first}": "1", f"cap-{second}": "3", "cap-other": ""},
    )
    page = client.get(created.url)

    assert "4 acquis visés" in count.content.decode()
    assert page.context["skill_count"] == 4
    body = page.content.decode()
    assert f'id="cap-{second}" name="cap-{second}"' in body
    assert '<option value="3" selected>' in body
