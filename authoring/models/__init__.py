from .challenge import Challenge
from .hint import Hint
from .link_check import LinkCheck
from .pack_baseline import PackBaseline
from .tutorial import Tutorial, TutorialSkill

__all__ = [
    "Challenge",
    "Hint",
    "LinkCheck",
    "PackBaseline",
    "Tutorial",
    "TutorialSkill",
]
