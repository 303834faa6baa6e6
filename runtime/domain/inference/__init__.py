"""Skill-inference adaptive positioning test, "smart random" (DOMAIN.md §4).

Pure Python, no Django. Entry points: ``next_challenge`` returns the challenge
to ask (None when the test is over); ``infer`` turns the answers into knowledge
elements; ``estimate_level`` gives the learner's level; ``earned_pix`` scores
the knowledge. Randomness comes in as ``rng`` (``random.Random(assessment_id)``).
"""

from .challenge_choice import freshness_rank, locale_rank, preferred_challenges
from .knowledge import (
    earned_pix,
    infer,
    knowledge_before_and_after,
    skills_by_tube,
    untested_skills,
)
from .level import (
    CANDIDATE_LEVELS,
    VIRTUAL_ANSWERS,
    estimate_level,
    success_probability,
)
from .scope import Scope, scope_of
from .selection import (
    EASY_TUBE_MAX_LEVEL,
    FIRST_CHALLENGE_LEVEL,
    MAX_LEVELS_ABOVE_ESTIMATE,
    first_challenge,
    following_options,
    information_gain,
    next_challenge,
    opening_options,
    opening_skills,
)
from .values import SUCCESS, Answer, Challenge, KnowledgeElement, Skill

__all__ = [
    "CANDIDATE_LEVELS",
    "EASY_TUBE_MAX_LEVEL",
    "FIRST_CHALLENGE_LEVEL",
    "MAX_LEVELS_ABOVE_ESTIMATE",
    "SUCCESS",
    "VIRTUAL_ANSWERS",
    "Answer",
    "Challenge",
    "KnowledgeElement",
    "Scope",
    "Skill",
    "earned_pix",
    "estimate_level",
    "first_challenge",
    "following_options",
    "freshness_rank",
    "infer",
    "information_gain",
    "knowledge_before_and_after",
    "locale_rank",
    "next_challenge",
    "opening_options",
    "opening_skills",
    "preferred_challenges",
    "scope_of",
    "skills_by_tube",
    "success_probability",
    "untested_skills",
]
