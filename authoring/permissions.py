"""Named permission rules of the authoring workshop.

Every ``authoring.*`` permission string is spelled here and nowhere else, so a
renamed permission changes one line. Views, admin hooks and services call these
predicates; services check them with ``runtime.permissions.require`` and take a
keyword-only ``trusted=True`` from management commands, the one explicit way
past a rule (see runtime/permissions.py). Publishing releases is a runtime
permission ("runtime.publish_release"), spelled beside the Release model.
"""

from runtime.learning.permissions import is_learner
from runtime.releases.models import PUBLISH_RELEASE_PERMISSION

VIEW_CONTENT = "authoring.view_challenge"
EDIT_CONTENT = "authoring.change_challenge"
VALIDATE_CONTENT = "authoring.publish_challenge"
ARCHIVE_CHALLENGE = "authoring.archive_challenge"
MANAGE_CONTENT_PACK = "authoring.manage_content_pack"
PUBLISH_WITHOUT_REVIEW = "authoring.publish_without_review"
EDIT_TUTORIALS = "authoring.change_tutorial"


def can_view_content(user) -> bool:
    """Return whether the user may read proposed content in the workshop."""
    return user.has_perm(VIEW_CONTENT)


def can_edit_content(user) -> bool:
    """Return whether the user may write challenges (authors, validators)."""
    return user.has_perm(EDIT_CONTENT)


def can_validate(user) -> bool:
    """Return whether the user may validate (publish) proposed content."""
    return user.has_perm(VALIDATE_CONTENT)


def can_publish_without_review(user) -> bool:
    """Return whether the user may publish content without the workflow.

    Administrators only, with a reason kept in the item's history: everyone
    else's content goes live through community review and final validation
    (authoring/publication.py).
    """
    return user.has_perm(PUBLISH_WITHOUT_REVIEW)


def can_archive_challenge(user) -> bool:
    """Return whether the user may archive a challenge or declare it obsolete."""
    return user.has_perm(ARCHIVE_CHALLENGE)


def can_import_pack(user) -> bool:
    """Return whether the user may import a content pack (it writes everything)."""
    return user.has_perm(MANAGE_CONTENT_PACK)


def can_export_pack(user) -> bool:
    """Return whether the user may download the whole content as a pack."""
    return user.has_perm(MANAGE_CONTENT_PACK)


def can_import_qti(user) -> bool:
    """Return whether the user may import challenges from a QTI package."""
    return can_edit_content(user)


def can_export_qti(user) -> bool:
    """Return whether the user may download challenges as a QTI package."""
    return can_view_content(user)


def can_publish_release(user) -> bool:
    """Return whether the user may publish a release or make one current."""
    return user.has_perm(PUBLISH_RELEASE_PERMISSION)


def can_see_link_report(user) -> bool:
    """Return whether the user may see the report of broken links."""
    return user.has_perm(EDIT_TUTORIALS)


def can_propose_tutorial(user) -> bool:
    """Return whether the user may propose a tutorial: anyone signed in."""
    return is_learner(user)
