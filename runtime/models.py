from .learning.models import (
    Answer,
    Assessment,
    KnowledgeElement,
    ProblemReport,
    TutorialBookmark,
)
from .releases.models import Release

__all__ = [
    "Answer",
    "Assessment",
    "KnowledgeElement",
    "ProblemReport",
    "Release",
    "TutorialBookmark",
]
