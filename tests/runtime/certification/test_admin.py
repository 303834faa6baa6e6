"""Administrators create centres and their members in the Wagtail admin."""

import pytest
from django.urls import reverse

from runtime.certification.models import CentreMembership, CertificationCentre
from runtime.certification.permissions import can_administer_centres
from runtime.orga.enums import OrganisationType
from runtime.orga.models import Organisation
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_an_administrator_creates_a_centre_with_a_member(client, superuser):
    member = make_user(username="claire")
    client.force_login(superuser)

    response = client.post(
        reverse("centres-de-certification:add"),
        {
            "name": "Lycée Condorcet",
            "external_id": "0750001A",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
            "memberships-0-user": str(member.pk),
            "memberships-0-id": "",
            "memberships-0-ORDER": "0",
            "memberships-0-DELETE": "",
        },
    )

    assert response.status_code == 302
    centre = CertificationCentre.objects.get()
    assert (centre.name, centre.external_id) == ("Lycée Condorcet", "0750001A")
    assert list(CentreMembership.objects.values_list("user", flat=True)) == [member.pk]


def test_only_administrators_manage_centres(client, author, superuser):
    client.force_login(author)

    response = client.get(reverse("centres-de-certification:add"))

    assert response.status_code in (302, 403)
    assert can_administer_centres(superuser)
    assert not can_administer_centres(author)


def test_a_centre_can_belong_to_an_organisation(client, superuser):
    school = Organisation.objects.create(
        name="Collège Jean Moulin", type=OrganisationType.SCHOOL
    )
    client.force_login(superuser)

    response = client.post(
        reverse("centres-de-certification:add"),
        {
            "name": "Collège Jean Moulin — centre",
            "organisation": str(school.pk),
            "external_id": "",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
        },
    )

    assert response.status_code == 302
    assert CertificationCentre.objects.get().organisation == school
    assert list(school.certification_centres.all()) == [
        CertificationCentre.objects.get()
    ]


def test_a_centre_with_sessions_is_not_deleted_and_says_why(
    client, superuser, centre, member
):
    """Its sessions protect it: a message and the centre kept, not a 500."""
    from .conftest import make_session

    make_session(centre, member)
    client.force_login(superuser)

    response = client.post(
        reverse("centres-de-certification:delete", args=[centre.pk]), follow=True
    )

    assert response.status_code == 200
    assert "Suppression impossible" in response.content.decode()
    assert CertificationCentre.objects.filter(pk=centre.pk).exists()
