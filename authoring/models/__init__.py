from .challenge import Challenge
from .hint import Hint
from .link_check import LinkCheck
from .tutorial import Tutorial, TutorialSkill

__all__ = ["Challenge", "Hint", "LinkCheck", "Tutorial", "TutorialSkill"]
