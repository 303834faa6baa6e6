"""Flags kept in the session: whether the user is a member of an organisation
(the header shows "Mon espace organisation") and whether their password is a
temporary one a teacher set (every page then leads to changing it)."""

from .models import Membership, TemporaryPassword

ORGA_MEMBER = "orga_member"
MUST_CHANGE_PASSWORD = "must_change_password"  # noqa: S105 - a session key


def remember_account_state(request, user) -> None:
    """Store the user's flags in their session (at sign-in, after a change)."""
    if request is None or not hasattr(request, "session"):
        return
    request.session[ORGA_MEMBER] = Membership.objects.filter(user=user).exists()
    if TemporaryPassword.objects.filter(user=user).exists():
        request.session[MUST_CHANGE_PASSWORD] = True
    else:
        request.session.pop(MUST_CHANGE_PASSWORD, None)
