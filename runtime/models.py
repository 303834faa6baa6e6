from .learning.models import (
    Answer,
    Assessment,
    KnowledgeElement,
    PendingSignUp,
    ProblemReport,
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
    "TutorialBookmark",
]
