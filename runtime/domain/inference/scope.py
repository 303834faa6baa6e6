"""The tested scope with its lookups, built once per competence. No Django.

Every step of every test reads the same skills and challenges; a ``Scope``
groups them by id, tube and skill once, so that a step only replays its
answers. The functions of this package take either a ``Scope`` or plain
iterables of skills and challenges (they then build one).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .values import Challenge, Skill


@dataclass(frozen=True)
class Scope:
    """Skills (in their given order) and the challenges that may test them."""

    skills: tuple[Skill, ...]
    challenges: tuple[Challenge, ...] = ()
    skills_by_id: Mapping[str, Skill] = field(init=False, repr=False)
    tubes: Mapping[str, tuple[Skill, ...]] = field(init=False, repr=False)
    challenges_by_id: Mapping[str, Challenge] = field(init=False, repr=False)
    challenges_by_skill: Mapping[str, tuple[Challenge, ...]] = field(
        init=False, repr=False
    )

    def __post_init__(self) -> None:
        tubes: dict[str, list[Skill]] = {}
        for skill in self.skills:
            tubes.setdefault(skill.tube, []).append(skill)
        by_skill: dict[str, list[Challenge]] = {}
        for challenge in self.challenges:
            by_skill.setdefault(challenge.skill_id, []).append(challenge)
        values = {
            "skills_by_id": {skill.id: skill for skill in self.skills},
            "tubes": {tube: tuple(skills) for tube, skills in tubes.items()},
            "challenges_by_id": {
                challenge.id: challenge for challenge in self.challenges
            },
            "challenges_by_skill": {
                skill: tuple(found) for skill, found in by_skill.items()
            },
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)


def scope_of(
    skills: "Iterable[Skill] | Scope", challenges: Iterable[Challenge] = ()
) -> Scope:
    """Return ``skills`` when it is a Scope already, else the Scope they make."""
    if isinstance(skills, Scope):
        return skills
    return Scope(tuple(skills), tuple(challenges))
