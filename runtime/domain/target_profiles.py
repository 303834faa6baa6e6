"""Target profiles: target skills, mastery, stages and badges (DOMAIN.md §6). No Django.

A profile is tubes with a level cap each; its target skills are the tubes'
skills up to the cap. A participant's mastery rate is validated target
skills ÷ target skills (0-1). The stage reached is the one with the highest
threshold (a percentage) at most the rate; a badge is earned when the rate
over its tubes (or the whole profile) reaches its threshold.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class SkillRef:
    id: str
    tube: str
    level: int


@dataclass(frozen=True)
class BadgeRule:
    id: int
    threshold: int  # percent, 0-100
    tubes: tuple[str, ...] = ()  # empty: the whole profile


def target_skills(caps: Mapping[str, int], skills: Iterable[SkillRef]) -> list[str]:
    """Return the ids of the skills of the capped tubes at or under their cap."""
    return [
        skill.id
        for skill in skills
        if skill.tube in caps and skill.level <= caps[skill.tube]
    ]


def mastery_rate(validated: int, targeted: int) -> float:
    """Return validated ÷ targeted (0 when nothing is targeted), in 0-1."""
    return validated / targeted if targeted else 0.0


def reached_stage(thresholds: Sequence[int], rate: float) -> int | None:
    """Return the index of the highest threshold (%) reached at ``rate``, or None.

    Compared in whole hundredths so that 2/3 reaches 66 % but not 67 %.
    """
    percent = rate * 100
    reached = [
        (threshold, position)
        for position, threshold in enumerate(thresholds)
        if threshold <= percent + 1e-9
    ]
    return max(reached)[1] if reached else None


def earned_badges(
    rules: Sequence[BadgeRule],
    validated: Iterable[str],
    target: Sequence[SkillRef],
) -> list[int]:
    """Return the ids of the badges whose tubes' mastery reaches their threshold."""
    done = set(validated)
    earned = []
    for rule in rules:
        scope = [s for s in target if not rule.tubes or s.tube in rule.tubes]
        rate = mastery_rate(sum(1 for s in scope if s.id in done), len(scope))
        if scope and rate * 100 + 1e-9 >= rule.threshold:
            earned.append(rule.id)
    return earned
