"""Named permission rules of the community review.

Views, admin hooks and services call these predicates; services check them
with ``runtime.permissions.require`` and take a keyword-only ``trusted=True``
from management commands, the one explicit way past a rule (see
runtime/permissions.py). The permission strings live in authoring/permissions.py.
"""

from authoring.permissions import can_edit_content, can_validate, can_view_content

from .selectors import current_review, has_tried, is_author


def can_review(user) -> bool:
    """Return whether the user may open the queue and an item's review page.

    Reviewing starts with reading proposed content: whoever may read it in the
    workshop (authors, reviewers, validators) may see its review.
    """
    return can_view_content(user)


def can_comment(user) -> bool:
    """Return whether the user may comment on an item under review."""
    return can_review(user)


def can_try(user) -> bool:
    """Return whether the user may try a proposed challenge (a beta answer)."""
    return can_review(user)


def can_see_solution(user, challenge) -> bool:
    """Return whether the user may read a challenge's solution and tolerances.

    Beta tries are blind: a reviewer reads them once they have tried the
    challenge's latest version. Its authors, validators and administrators
    read them at any time. The review page and the admin's inspect view both
    ask this rule.
    """
    return (
        user.is_superuser
        or can_validate(user)
        or is_author(challenge, user)
        or has_tried(challenge, user)
    )


def is_task_reviewer(user, task) -> bool:
    """Return whether the user votes on this community task."""
    return task is not None and task.is_reviewer(user)


def can_vote(user, item) -> bool:
    """Return whether the user may vote on the item now.

    The item must be in community review, the user one of the task's
    reviewers and not one of the item's authors.
    """
    task, _state = current_review(item)
    return is_task_reviewer(user, task) and not is_author(item, user)


def can_see_reviewer_activity(user) -> bool:
    """Return whether the user may see each reviewer's agreement (validators)."""
    return can_validate(user)


def can_see_coverage(user) -> bool:
    """Return whether the user may see the coverage dashboard."""
    return can_review(user)


def can_set_report_status(user) -> bool:
    """Return whether the user may resolve or reopen a learner's report."""
    return can_edit_content(user)


def can_see_calibration(user) -> bool:
    """Return whether the user may see calibration runs and a challenge's panel."""
    return can_review(user)


def can_calibrate(user) -> bool:
    """Return whether the user may start a calibration run (validators)."""
    return can_validate(user)


def can_accept_calibration(user) -> bool:
    """Return whether the user may accept a run for the next release (validators)."""
    return can_validate(user)
