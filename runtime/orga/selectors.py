"""Reads of organisations, always through the member's own organisations.

A view never loads an organisation's object by id alone: it asks these
selectors with ``request.user``, and anything outside the user's
organisations is None (a 404).
"""

from django.db.models import Count, F, Q

from .models import Invitation, Membership, Organisation, OrganisationLearner


def member_organisations(user):
    """Return the user's organisations, each with ``member_role`` annotated."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).annotate(
        member_role=F("memberships__role"), member_id=F("memberships__user_id")
    )


def organisation_for_member(user, pk: int) -> Organisation | None:
    """Return one of the user's organisations, or None (someone else's is missing)."""
    return member_organisations(user).filter(pk=pk).first()


def organisation_members(organisation) -> list[Membership]:
    return list(organisation.memberships.select_related("user"))


def pending_invitations(organisation) -> list[Invitation]:
    return list(organisation.invitations.filter(accepted_at__isnull=True))


def invitation_by_token(token: str) -> Invitation | None:
    return Invitation.objects.select_related("organisation").filter(token=token).first()


def organisations_for_admin():
    """Return every organisation with its counts, for the platform's administrators."""
    return Organisation.objects.annotate(
        members=Count("memberships", distinct=True),
        active_learners=Count(
            "learners", filter=Q(learners__is_active=True), distinct=True
        ),
    )


def organisation_learners(organisation, *, division: str = ""):
    """Return the organisation's learners (active first), optionally of a class."""
    learners = organisation.learners.select_related("user").order_by(
        "-is_active", "division", "last_name", "first_name", "id"
    )
    return learners.filter(division=division) if division else learners


def learner_in(organisation, pk: int) -> OrganisationLearner | None:
    return organisation.learners.select_related("user").filter(pk=pk).first()


def divisions(organisation) -> list[str]:
    return list(
        organisation.learners.filter(is_active=True)
        .exclude(division="")
        .values_list("division", flat=True)
        .distinct()
        .order_by("division")
    )
