"""Writes of organisations: creation, members and invitations."""

import secrets

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from runtime.permissions import require

from ..enums import MemberRole
from ..models import Invitation, Membership, Organisation
from ..permissions import can_invite_members, can_manage_organisations
from .errors import OrgaError


@transaction.atomic
def organisation_create(
    *, user, name: str, type: str, external_id: str = "", logo=None,
    trusted: bool = False,
) -> Organisation:  # fmt: skip
    """Create an organisation (platform administrators)."""
    require(can_manage_organisations, user, trusted=trusted)
    organisation = Organisation(
        name=name.strip(), type=type, external_id=external_id.strip(), logo=logo
    )
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def organisation_update(
    *, user, organisation: Organisation, name: str, type: str, external_id: str = "",
    logo=None, trusted: bool = False,
) -> Organisation:  # fmt: skip
    require(can_manage_organisations, user, trusted=trusted)
    organisation.name, organisation.type = name.strip(), type
    organisation.external_id, organisation.logo = external_id.strip(), logo
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def member_add(
    *, user, organisation: Organisation, member, role: str, trusted: bool = False
) -> Membership:
    """Give an existing account a role in the organisation (or change it)."""
    require(can_invite_members, user, organisation, trusted=trusted)
    if role not in MemberRole.values:
        raise OrgaError(_("Rôle inconnu."))
    membership, _created = Membership.objects.update_or_create(
        organisation=organisation, user=member, defaults={"role": role}
    )
    return membership


@transaction.atomic
def member_remove(*, user, organisation: Organisation, membership_id: int) -> None:
    """Remove a member; the last administrator cannot be removed."""
    require(can_invite_members, user, organisation)
    membership = organisation.memberships.filter(pk=membership_id).first()
    if membership is None:
        raise OrgaError(_("Ce membre n'existe pas."))
    admins = organisation.memberships.select_for_update().filter(role=MemberRole.ADMIN)
    if membership.role == MemberRole.ADMIN and admins.count() == 1:
        raise OrgaError(_("L'organisation doit garder au moins un administrateur."))
    membership.delete()


@transaction.atomic
def invitation_create(
    *, user, organisation: Organisation, email: str, role: str, trusted: bool = False
) -> Invitation:
    """Invite an address; an account with it is added at once when it exists."""
    require(can_invite_members, user, organisation, trusted=trusted)
    email = email.strip().lower()
    if role not in MemberRole.values:
        raise OrgaError(_("Rôle inconnu."))
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise OrgaError(_("Cette personne est déjà membre de l'organisation."))
    invitation = Invitation(
        organisation=organisation,
        email=email,
        role=role,
        token=secrets.token_urlsafe(32),
        invited_by=user if getattr(user, "pk", None) else None,
    )
    invitation.full_clean()
    invitation.save()
    return invitation


@transaction.atomic
def invitation_accept(*, user, token: str, now=None) -> Membership:
    """Join the organisation an invitation is for; a token is used once."""
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("organisation")
        .filter(token=token)
        .first()
    )
    if invitation is None or not user.is_authenticated:
        raise OrgaError(_("Cette invitation n'existe pas."))
    if invitation.accepted_at is not None:
        raise OrgaError(_("Cette invitation a déjà été acceptée."))
    membership, _created = Membership.objects.get_or_create(
        organisation=invitation.organisation,
        user=user,
        defaults={"role": invitation.role},
    )
    invitation.accepted_at = now or timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def account_by_email(email: str):
    """Return the account with this address, or None."""
    return get_user_model().objects.filter(email__iexact=email.strip()).first()


def invitation_send(*, invitation: Invitation, link: str) -> None:
    """E-mail the invitation's link to the invited address (after the commit)."""
    subject = _("Invitation à rejoindre %(name)s") % {
        "name": invitation.organisation.name
    }
    body = _(
        "Bonjour,\n\nVous êtes invité(e) à rejoindre %(name)s sur l'Atelier CRCN "
        "comme %(role)s. Suivez ce lien pour accepter l'invitation :\n%(link)s\n"
    ) % {
        "name": invitation.organisation.name,
        "role": invitation.get_role_display(),
        "link": link,
    }
    transaction.on_commit(
        lambda: send_mail(subject, body, None, [invitation.email], fail_silently=True)
    )
