"""Named permission rules of the learner runtime.

Learners act on their own data only: an assessment, a bookmark or a report is
always read or written for ``request.user``. Services check these rules with
``runtime.permissions.require``; management commands pass ``trusted=True``
(see runtime/permissions.py).
"""


def is_learner(user) -> bool:
    """Return whether the user is signed in and active: anyone may learn."""
    return bool(user and user.is_authenticated and user.is_active)


def can_take_assessment(user) -> bool:
    """Return whether the user may start, resume or reset a competence test."""
    return is_learner(user)


def can_bookmark_tutorial(user) -> bool:
    """Return whether the user may save or like a tutorial for themselves."""
    return is_learner(user)


def can_report_problem(user) -> bool:
    """Return whether the user may report a problem on a challenge they saw."""
    return is_learner(user)


def can_manage_own_account(user) -> bool:
    """Return whether the user may change their e-mail or export their data."""
    return is_learner(user)


def can_delete_own_account(user) -> bool:
    """Return whether the user may delete their own account.

    Learners may. Staff and members of an editorial group may not: their
    names stand in the content's history and reviews, so an administrator
    handles their departure.
    """
    return is_learner(user) and not user.is_staff and not user.groups.exists()
