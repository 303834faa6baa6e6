"""Writes on authored content."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from referential.enums import SkillStatus
from referential.models import Skill
from runtime.permissions import require

from .actions.change_status import ChangeStatusAction
from .enums import ContentStatus
from .models import Challenge, Tutorial, TutorialSkill
from .permissions import can_propose_tutorial


@transaction.atomic
def challenge_archive_previous_prototypes(
    *, challenge: Challenge, user=None, trusted: bool = False
) -> list[Challenge]:
    """Archive the other validated prototypes of the skill, with their déclinaisons.

    Validating a new prototype replaces the previous one (DOMAIN.md §2). The
    user needs the archive rule, unless trusted (a validation already allowed).
    """
    if challenge.prototype_id is not None:
        return []
    previous = Challenge.objects.filter(
        skill_id=challenge.skill_id,
        prototype__isnull=True,
        status=ContentStatus.VALIDATED,
    ).exclude(pk=challenge.pk)
    archived = []
    message = _(
        "Remplacé par la nouvelle version du prototype « %(title)s » (%(uid)s), "
        "validée."
    ) % {"title": challenge, "uid": challenge.uid}
    for old in previous:
        action = ChangeStatusAction(
            old, status=ContentStatus.ARCHIVED, message=message, user=user
        )
        archived += action.execute(trusted=trusted)
    return archived


@transaction.atomic
def tutorial_propose(
    *,
    user,
    skill_uid: str,
    title: str,
    link: str,
    source: str,
    format: str,
    minutes: int,
    trusted: bool = False,
):
    """Create a proposed tutorial for a skill and send it to community review.

    Anyone signed in may propose; it reaches learners only once validated.
    """
    require(can_propose_tutorial, user, trusted=trusted)
    skill = Skill.objects.get(uid=skill_uid, status=SkillStatus.ACTIVE)
    tutorial = Tutorial(
        title=title.strip(),
        link=link.strip(),
        source=source.strip(),
        format=format,
        duration=datetime.timedelta(minutes=minutes),
        live=False,
    )
    tutorial.skill_links = [TutorialSkill(skill=skill, kind="remediation")]
    tutorial.full_clean()
    tutorial.save()
    tutorial.save_revision(user=user)
    workflow = tutorial.get_workflow()
    if workflow is not None:
        workflow.start(tutorial, user)
    return tutorial
