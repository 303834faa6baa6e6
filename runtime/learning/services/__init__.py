"""Writes of the learner runtime: tests (start, serve, answer, checkpoint,
reset), and the learner's own bookmarks and problem reports."""

from .account import (
    account_delete,
    email_change,
    email_change_request,
    language_set,
)
from .assessments import (
    _kept,  # the baseline an improvement keeps, read by its tests
    answer_count,
    answer_record,
    assessment_complete,
    assessment_next_challenge,
    assessment_scope,
    assessment_step,
    checkpoint_acknowledge,
    checkpoint_due,
    remaining_seconds,
    timed_challenge_start,
)
from .bookmarks import BOOKMARK_FIELDS, tutorial_bookmark_toggle
from .errors import (
    BlankAnswerError,
    LearningError,
    TooManyRequestsError,
    UnknownItemError,
)
from .irt_delivery import unavailable_reason as irt_unavailable_reason
from .problem_reports import problem_report_create
from .starts import assessment_start, campaign_assessment_start, competence_reset

__all__ = [
    "BOOKMARK_FIELDS",
    "BlankAnswerError",
    "LearningError",
    "TooManyRequestsError",
    "UnknownItemError",
    "_kept",
    "account_delete",
    "answer_count",
    "answer_record",
    "assessment_complete",
    "assessment_next_challenge",
    "assessment_scope",
    "assessment_start",
    "assessment_step",
    "campaign_assessment_start",
    "checkpoint_acknowledge",
    "checkpoint_due",
    "competence_reset",
    "email_change",
    "email_change_request",
    "irt_unavailable_reason",
    "language_set",
    "problem_report_create",
    "remaining_seconds",
    "timed_challenge_start",
    "tutorial_bookmark_toggle",
]
