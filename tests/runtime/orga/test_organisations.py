"""Organisations, members and invitations: services, pages and the admin."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from runtime.orga import services
from runtime.orga.enums import MemberRole, OrganisationType
from runtime.orga.models import Invitation, Membership, Organisation
from tests.factories import make_user

from .conftest import make_member

pytestmark = pytest.mark.django_db


def test_only_platform_administrators_create_organisations(superuser, admin_a):
    created = services.organisation_create(
        user=superuser, name=" Lycée Curie ", type=OrganisationType.SCHOOL
    )

    assert created.name == "Lycée Curie"
    with pytest.raises(PermissionDenied):
        services.organisation_create(
            user=admin_a, name="Autre", type=OrganisationType.PROFESSIONAL
        )
    assert Organisation.objects.filter(name="Autre").count() == 0


def test_an_admin_invites_and_the_invited_person_joins(orga_a, admin_a):
    newcomer = make_user(email="prof@example.org")

    invitation = services.invitation_create(
        user=admin_a, organisation=orga_a, email="PROF@example.org ", role="MEMBER"
    )
    membership = services.invitation_accept(user=newcomer, token=invitation.token)

    assert (membership.organisation, membership.user, membership.role) == (
        orga_a,
        newcomer,
        MemberRole.MEMBER,
    )
    with pytest.raises(services.OrgaError, match="déjà été acceptée"):
        services.invitation_accept(user=make_user(), token=invitation.token)


def test_a_member_cannot_invite(orga_a, member_a):
    with pytest.raises(PermissionDenied):
        services.invitation_create(
            user=member_a, organisation=orga_a, email="x@example.org", role="ADMIN"
        )
    assert not Invitation.objects.exists()


def test_the_last_administrator_stays(orga_a, admin_a):
    membership = Membership.objects.get(user=admin_a)

    with pytest.raises(services.OrgaError, match="au moins un administrateur"):
        services.member_remove(
            user=admin_a, organisation=orga_a, membership_id=membership.pk
        )
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_the_space_lists_only_the_members_organisations(
    client, orga_a, orga_b, admin_a
):
    other = make_member(orga_b)
    Membership.objects.create(organisation=orga_b, user=admin_a, role="MEMBER")
    client.force_login(admin_a)

    page = client.get(reverse("orga_index"))

    assert page.status_code == 200
    assert [org.name for org, _role in page.context["organisations"]] == [
        "Collège A",
        "Lycée B",
    ]
    client.force_login(other)
    assert client.get(reverse("orga_index")).url == reverse(
        "orga_home", args=[orga_b.pk]
    )


def test_signing_in_shows_the_organisation_link(client, admin_a):
    client.post(
        reverse("login"),
        {"username": admin_a.username, "password": "motdepasse-solide-42"},
    )

    page = client.get(reverse("learner_home"))

    assert reverse("orga_index") in page.content.decode()


def test_an_admin_invites_from_the_members_page(
    client, orga_a, admin_a, django_capture_on_commit_callbacks
):
    client.force_login(admin_a)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("orga_members", args=[orga_a.pk]),
            {"email": "nouveau@example.org", "role": "MEMBER"},
        )
    refused = client.post(
        reverse("orga_members", args=[orga_a.pk]), {"email": "pas une adresse"}
    )

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "nouveau@example.org"
    assert [message.to for message in mail.outbox] == [["nouveau@example.org"]]
    assert f"/orga/invitations/{invitation.token}/" in mail.outbox[0].body
    assert refused.status_code == 422
    assert "Saisissez une adresse e-mail valide." in refused.content.decode()


def test_a_member_posting_an_invitation_is_refused(client, orga_a, member_a):
    client.force_login(member_a)

    response = client.post(
        reverse("orga_members", args=[orga_a.pk]),
        {"email": "nouveau@example.org", "role": "ADMIN"},
    )

    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_accepting_an_invitation_by_its_link(client, orga_a, admin_a):
    invitation = services.invitation_create(
        user=admin_a, organisation=orga_a, email="p@example.org", role="MEMBER"
    )
    newcomer = make_user(email="p@example.org")
    client.force_login(newcomer)

    response = client.post(reverse("orga_invitation", args=[invitation.token]))

    assert response.url == reverse("orga_home", args=[orga_a.pk])
    assert client.get(response.url).status_code == 200
    assert client.get(reverse("orga_invitation", args=["inconnu"])).status_code == 404


def test_the_admin_creates_an_organisation_and_names_its_administrator(
    client, superuser
):
    teacher = make_user(email="direction@example.org")
    client.force_login(superuser)

    client.post(
        reverse("organisations:add"),
        {"name": "Collège Camus", "type": "SCO", "external_id": "0751234A"},
    )
    organisation = Organisation.objects.get(name="Collège Camus")
    client.post(
        reverse("organisations:member_add", args=[organisation.pk]),
        {"member-email": "direction@example.org", "member-role": "ADMIN"},
    )
    listing = client.get(reverse("organisations:index"))

    assert organisation.memberships.get().user == teacher
    assert "Collège Camus" in listing.content.decode()
    assert client.get(reverse("organisations:edit", args=[999999])).status_code == 404


def test_the_admin_pages_are_refused_to_members(client, admin_a, orga_a):
    client.force_login(admin_a)

    assert client.get(reverse("organisations:index")).status_code in (302, 403)
    assert client.post(
        reverse("organisations:add"), {"name": "X", "type": "SCO"}
    ).status_code in (302, 403)
    assert not Organisation.objects.filter(name="X").exists()
