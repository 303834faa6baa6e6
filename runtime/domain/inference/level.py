"""Level estimate of the adaptive positioning test (DOMAIN.md §4). No Django."""

import math
from collections.abc import Iterable, Mapping, Sequence

from .values import Answer, Skill

CANDIDATE_LEVELS: tuple[float, ...] = tuple(half / 2 for half in range(1, 16))
"""The levels the estimate may take: 0.5, 1.0 … 7.5."""

VIRTUAL_ANSWERS: tuple[tuple[int, float], ...] = ((0, 1.0), (7, 0.0))
"""(skill level, outcome): a level-0 skill answered right, a level-7 one wrong."""

MISFIT_DECIMALS = 12
"""Misfits are compared rounded, so that float noise cannot break a tie."""


def success_probability(level: float, skill_level: float) -> float:
    """Return P = 1 / (1 + e^-(level - skill_level)), the chance of success (0-1).

    ``level`` is the learner's level and ``skill_level`` the skill's (both on the
    1-8 scale); P is 0.5 when they are equal.
    """
    return 1.0 / (1.0 + math.exp(skill_level - level))


def estimate_level(
    skills_by_id: Mapping[str, Skill], answers: Iterable[Answer]
) -> float:
    """Return the learner's estimated level, one of 0.5, 1.0 … 7.5.

    The estimate is the candidate level L minimising the misfit
    |Σ (outcome - P(L, skill level))|, outcome 1 for a success and 0 otherwise,
    summed over the answered skills (one observation per skill: its last answer,
    as in the knowledge) plus two virtual answers: level 0 right, level 7 wrong.
    Ties go to the lowest candidate; with no answer the estimate is 3.5.
    Answers on skills missing from ``skills_by_id`` are ignored.
    """
    observations = _observations(skills_by_id, answers)
    # Σ (outcome - P) falls as L rises (the level-7 virtual answer alone moves
    # it by more than 1e-3 from one candidate to the next), so the misfit
    # falls, then rises: the best candidate is on either side of the first
    # one where the sum is no longer positive.
    low, high = 0, len(CANDIDATE_LEVELS)
    while low < high:
        middle = (low + high) // 2
        if _sum(CANDIDATE_LEVELS[middle], observations) > 0:
            low = middle + 1
        else:
            high = middle
    either_side = CANDIDATE_LEVELS[max(low - 1, 0) : low + 1]
    return min(either_side, key=lambda level: _misfit(level, observations))


def _observations(
    skills_by_id: Mapping[str, Skill], answers: Iterable[Answer]
) -> list[tuple[int, float]]:
    """Return (skill level, outcome) per answered skill, plus the virtual answers."""
    last_by_skill = {answer.skill_id: answer for answer in answers}
    observed = [
        (skills_by_id[skill_id].level, 1.0 if answer.succeeded else 0.0)
        for skill_id, answer in last_by_skill.items()
        if skill_id in skills_by_id
    ]
    return observed + list(VIRTUAL_ANSWERS)


def _misfit(level: float, observations: Sequence[tuple[int, float]]) -> float:
    """Return |Σ (outcome - P(level, skill level))|, rounded for comparison."""
    return round(abs(_sum(level, observations)), MISFIT_DECIMALS)


def _sum(level: float, observations: Sequence[tuple[int, float]]) -> float:
    """Return Σ (outcome - P(level, skill level))."""
    probability = _PROBABILITIES.get(level)
    if probability is None:  # not a candidate level: computed as asked
        probability = _Probabilities(level)
    return sum(
        outcome - probability[skill_level] for skill_level, outcome in observations
    )


class _Probabilities(dict):
    """P(level, skill level) by skill level, each computed once by
    ``success_probability`` (the same values: an estimate is a step's hot path)."""

    def __init__(self, level: float) -> None:
        super().__init__()
        self.level = level

    def __missing__(self, skill_level: int) -> float:
        value = self[skill_level] = success_probability(self.level, skill_level)
        return value


_PROBABILITIES = {level: _Probabilities(level) for level in CANDIDATE_LEVELS}
