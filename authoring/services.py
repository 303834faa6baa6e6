"""Writes on authored content."""

from django.db import transaction
from django.utils.translation import gettext as _

from .actions.change_status import ChangeStatusAction
from .enums import ContentStatus
from .models import Challenge


@transaction.atomic
def challenge_archive_previous_prototypes(*, challenge: Challenge) -> list[Challenge]:
    """Archive the other validated prototypes of the skill, with their déclinaisons.

    Validating a new prototype replaces the previous one (DOMAIN.md §2).
    """
    if challenge.prototype_id is not None:
        return []
    previous = Challenge.objects.filter(
        skill_id=challenge.skill_id,
        prototype__isnull=True,
        status=ContentStatus.VALIDATED,
    ).exclude(pk=challenge.pk)
    archived = []
    message = _("Remplacé par le nouveau prototype %(uid)s.") % {"uid": challenge.uid}
    for old in previous:
        action = ChangeStatusAction(old, status=ContentStatus.ARCHIVED, message=message)
        archived += action.execute(skip_permission_checks=True)
    return archived
