"""Certification writes; each checks its named rule (permissions.py)."""

from .adaptive import planned_length
from .day import (
    answer_record,
    candidate_end,
    candidate_join,
    candidate_pause,
    certification_refresh,
    certification_start,
    current_pick,
    incident_report,
    invigilator_unlock,
    presence_confirm,
)
from .errors import CertificationError, InvalidInput, NotConfirmed, TooManyAttempts
from .jury import answer_neutralisation_set, session_publish
from .scoring import auto_neutralise, score_session, score_test
from .sessions import (
    adaptive_unavailable_reason,
    candidate_add,
    candidate_remove,
    candidates_import,
    invigilator_password_renew,
    session_create,
    session_finalise,
    session_update,
)

__all__ = [
    "CertificationError",
    "InvalidInput",
    "NotConfirmed",
    "TooManyAttempts",
    "adaptive_unavailable_reason",
    "answer_neutralisation_set",
    "answer_record",
    "auto_neutralise",
    "candidate_add",
    "candidate_end",
    "candidate_join",
    "candidate_pause",
    "candidate_remove",
    "candidates_import",
    "certification_refresh",
    "certification_start",
    "current_pick",
    "incident_report",
    "invigilator_password_renew",
    "invigilator_unlock",
    "planned_length",
    "presence_confirm",
    "score_session",
    "score_test",
    "session_create",
    "session_finalise",
    "session_publish",
    "session_update",
]
