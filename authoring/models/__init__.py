from .challenge import Challenge
from .hint import Hint
from .release import Release
from .tutorial import Tutorial, TutorialSkill

__all__ = ["Challenge", "Hint", "Release", "Tutorial", "TutorialSkill"]
