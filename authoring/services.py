"""Writes on authored content."""

import datetime

from django.db import transaction

from referential.enums import SkillStatus
from referential.models import Skill
from runtime.permissions import require

from .actions.replace_prototype import challenge_archive_previous_prototypes
from .models import Tutorial, TutorialSkill
from .permissions import can_propose_tutorial

__all__ = ["challenge_archive_previous_prototypes", "tutorial_propose"]


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
