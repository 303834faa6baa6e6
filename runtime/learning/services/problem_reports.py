"""A learner's report of a problem with a challenge they are or were asked."""

from django.utils.translation import gettext as _

from runtime.enums import AssessmentState
from runtime.models import Answer, Assessment, ProblemReport
from runtime.permissions import require

from ..permissions import can_report_problem
from .errors import UnknownItemError


def _served_now(user, challenge_id: str) -> bool:
    """Return True when the challenge is one the learner is being asked."""
    return Assessment.objects.filter(
        user=user, state=AssessmentState.STARTED, current_challenge=challenge_id
    ).exists()


def problem_report_create(
    *, user, challenge_id: str, category: str, comment: str, trusted: bool = False
) -> ProblemReport:
    """Store a learner's problem report, tied to the release they answered from."""
    require(can_report_problem, user, trusted=trusted)
    answer = Answer.objects.filter(
        assessment__user=user, challenge=challenge_id
    ).first()
    if answer is None and not _served_now(user, challenge_id):
        raise UnknownItemError(_("Cette épreuve n'existe pas."))
    return ProblemReport.objects.create(
        user=user,
        challenge=challenge_id,
        release_id=answer.release_id if answer else None,
        category=category,
        comment=comment,
    )
