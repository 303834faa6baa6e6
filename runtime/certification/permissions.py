"""Named permission rules of certification (DOMAIN.md §7).

Administrators create centres and their members (Wagtail admin); a centre's
members organise its sessions and see only its objects; the invigilator acts
with the session's invigilator password; the jury (a staff group) reviews
finalised sessions and publishes; a candidate acts on their own test. Services
check these with ``runtime.permissions.require``; management commands pass
``trusted=True``.
"""

JURY_GROUP = "Certification jury"


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_administer_centres(user) -> bool:
    """Return whether the user may create centres and choose their members."""
    return _active(user) and (
        user.is_superuser or user.has_perm("certification.add_certificationcentre")
    )


def is_centre_member(user, centre) -> bool:
    """Return whether the user organises sessions for this centre."""
    return _active(user) and centre.memberships.filter(user=user).exists()


def can_manage_session(user, session) -> bool:
    """Return whether the user may change a session and its candidates."""
    return is_centre_member(user, session.centre)


def can_invigilate(user, session, granted_sessions) -> bool:
    """Return whether this browser opened the session with its invigilator password.

    ``granted_sessions`` are the session ids the browser's session unlocked;
    the invigilator needs no account (they may use a room's computer).
    """
    return session.pk in set(granted_sessions) and session.is_open


def can_take_certification(user) -> bool:
    """Return whether the user may join a session as a candidate."""
    return _active(user)


def can_judge(user) -> bool:
    """Return whether the user sits on the certification jury."""
    return _active(user) and (
        user.is_superuser or user.groups.filter(name=JURY_GROUP).exists()
    )
