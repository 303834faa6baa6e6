"""Named permission rules of organisations (DOMAIN.md §6).

A member sees and acts on their own organisations' data only; services check
these rules with ``runtime.permissions.require`` and views load every object
through the member's organisations (selectors.py), so another organisation's
object is a 404. Creating organisations is the platform's administrators' job
(Wagtail admin). Rules take the organisation (or an object of it).
"""

from .enums import MemberRole


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def role_in(user, organisation) -> str | None:
    """Return the user's role in the organisation, or None for a non-member.

    Selectors annotate ``member_role`` on organisations they load for a user:
    then it costs no query.
    """
    if not _signed_in(user) or organisation is None:
        return None
    annotated = getattr(organisation, "member_role", None)
    if annotated is not None and getattr(organisation, "member_id", None) == user.pk:
        return annotated
    return (
        organisation.memberships.filter(user=user)
        .values_list("role", flat=True)
        .first()
    )


def can_manage_organisations(user) -> bool:
    """Return whether the user may create organisations and name their admins."""
    return _signed_in(user) and user.is_superuser


def is_member(user, organisation) -> bool:
    """Return whether the user belongs to the organisation (ADMIN or MEMBER)."""
    return role_in(user, organisation) is not None


def is_organisation_admin(user, organisation) -> bool:
    return role_in(user, organisation) == MemberRole.ADMIN


def can_invite_members(user, organisation) -> bool:
    """Return whether the user may invite members and change their roles."""
    return is_organisation_admin(user, organisation) or can_manage_organisations(user)


def can_import_learners(user, organisation) -> bool:
    """Return whether the user may import the organisation's list of learners."""
    return is_organisation_admin(user, organisation)


def can_manage_learner(user, learner) -> bool:
    """Return whether the user may reset a learner's password (their teachers)."""
    return is_member(user, learner.organisation)


def can_manage_target_profiles(user, organisation) -> bool:
    return is_member(user, organisation)


def can_edit_target_profile(user, profile) -> bool:
    """Predefined profiles (no organisation) are copied, never edited here."""
    return profile.organisation_id is not None and is_member(user, profile.organisation)


def can_manage_campaigns(user, organisation) -> bool:
    return is_member(user, organisation)


def can_join_campaign(user) -> bool:
    """Return whether the user may join a campaign with its code (any learner)."""
    return _signed_in(user)
