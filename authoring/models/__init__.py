from .challenge import Challenge
from .hint import Hint
from .tutorial import Tutorial, TutorialSkill

__all__ = ["Challenge", "Hint", "Tutorial", "TutorialSkill"]
