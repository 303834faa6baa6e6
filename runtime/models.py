from .learning.models import (
    Answer,
    Assessment,
    KnowledgeElement,
    PendingSignUp,
    ProblemReport,
    TrialExposure,
    TutorialBookmark,
)
from .releases.models import Release

__all__ = [
    "Answer",
    "Assessment",
    "KnowledgeElement",
    "PendingSignUp",
    "ProblemReport",
    "Release",
    "TrialExposure",
    "TutorialBookmark",
]
