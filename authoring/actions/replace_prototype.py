"""Validating a new prototype replaces the previous one (DOMAIN.md §2)."""

from django.db import transaction
from django.utils.translation import gettext as _

from authoring.enums import ContentStatus

from .change_status import ChangeStatusAction


@transaction.atomic
def challenge_archive_previous_prototypes(
    *, challenge, user=None, trusted: bool = False
) -> list:
    """Archive the other validated prototypes of the skill, with their déclinaisons.

    The user needs the archive rule, unless trusted (a validation already
    allowed). Run by the challenge once validated (Challenge.after_validation),
    so it queries the challenge's own model, which it is given, rather than
    importing the models that import it.
    """
    if challenge.prototype_id is not None:
        return []
    previous = (
        type(challenge)
        ._default_manager.filter(
            skill_id=challenge.skill_id,
            prototype__isnull=True,
            status=ContentStatus.VALIDATED,
        )
        .exclude(pk=challenge.pk)
    )
    archived = []
    message = _("Remplacé par le nouveau prototype %(uid)s.") % {"uid": challenge.uid}
    for old in previous:
        action = ChangeStatusAction(
            old, status=ContentStatus.ARCHIVED, message=message, user=user
        )
        archived += action.execute(trusted=trusted)
    return archived
