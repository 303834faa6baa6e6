"""Writes on authored content."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from referential.enums import SkillStatus
from referential.models import Skill
from runtime.learning.services.errors import TooManyRequestsError
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


PROPOSAL_WINDOW = datetime.timedelta(hours=24)


def _check_proposal_limit(user, now) -> None:
    """Raise TooManyRequestsError once the user proposed the day's allowance.

    The window slides: the oldest proposal of the last 24 hours says when
    the next one is possible. The user's row is locked so that two proposals
    sent at once are counted one after the other.
    """
    if user is None:
        return
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    limit = settings.TUTORIAL_PROPOSALS_PER_DAY
    recent = list(
        Tutorial.objects.filter(proposed_by=user, proposed_at__gt=now - PROPOSAL_WINDOW)
        .order_by("proposed_at")
        .values_list("proposed_at", flat=True)
    )
    if len(recent) < limit:
        return
    possible_at = timezone.localtime(recent[len(recent) - limit] + PROPOSAL_WINDOW)
    raise TooManyRequestsError(
        ngettext(
            "Vous avez déjà proposé %(count)d tutoriel ces dernières 24 heures. "
            "Vous pourrez en proposer un autre à partir du %(day)s à %(time)s.",
            "Vous avez déjà proposé %(count)d tutoriels ces dernières 24 heures. "
            "Vous pourrez en proposer un autre à partir du %(day)s à %(time)s.",
            limit,
        )
        % {
            "count": limit,
            "day": formats.date_format(possible_at, "d/m/Y"),
            "time": formats.time_format(possible_at, "H:i"),
        }
    )


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
    now=None,
):
    """Create a proposed tutorial for a skill and send it to community review.

    Anyone signed in may propose, TUTORIAL_PROPOSALS_PER_DAY times in 24
    hours (TooManyRequestsError past it, nothing saved); it reaches learners
    only once validated, and its link is checked only then.
    """
    require(can_propose_tutorial, user, trusted=trusted)
    now = now or timezone.now()
    _check_proposal_limit(user, now)
    skill = Skill.objects.get(uid=skill_uid, status=SkillStatus.ACTIVE)
    tutorial = Tutorial(
        title=title.strip(),
        link=link.strip(),
        source=source.strip(),
        format=format,
        duration=datetime.timedelta(minutes=minutes),
        live=False,
        proposed_by=user,
        proposed_at=now,
    )
    tutorial.skill_links = [TutorialSkill(skill=skill, kind="remediation")]
    tutorial.full_clean()
    tutorial.save()
    tutorial.save_revision(user=user)
    workflow = tutorial.get_workflow()
    if workflow is not None:
        workflow.start(tutorial, user)
    return tutorial
