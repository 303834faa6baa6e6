from .learning.models import (
    Answer,
    Assessment,
    KnowledgeElement,
    ProblemReport,
    TutorialBookmark,
)

__all__ = [
    "Answer",
    "Assessment",
    "KnowledgeElement",
    "ProblemReport",
    "TutorialBookmark",
]
