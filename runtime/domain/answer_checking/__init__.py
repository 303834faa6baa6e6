"""Check learners' answers to challenges (DOMAIN.md §3). Pure Python, no Django.

Entry points: check() returns a status; explain() also tells, for each text field,
which tolerance step accepted it (for the preview's "try it").
"""

from .blank import is_blank_answer
from .checking import check, evaluate, explain
from .spec_reading import MAX_FIELDS, MAX_TEXT_LENGTH, TEXT_FORMATS, TOLERANCES
from .statuses import AcceptedBy, AnswerStatus

DEFAULT_TOLERANCES = TOLERANCES

__all__ = [
    "DEFAULT_TOLERANCES",
    "MAX_FIELDS",
    "MAX_TEXT_LENGTH",
    "TEXT_FORMATS",
    "TOLERANCES",
    "AcceptedBy",
    "AnswerStatus",
    "check",
    "evaluate",
    "explain",
    "is_blank_answer",
]
