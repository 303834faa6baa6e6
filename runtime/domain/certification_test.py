"""Build a classic certification test from the profile (DOMAIN.md §7). No Django.

Three challenges per certifiable competence, each on a skill the candidate
validated directly (an answered, not inferred, success), hardest skill first,
one skill per tube before a tube gives a second one, and for each skill a
challenge in the candidate's language never seen before when there is one.
The draw is seeded: the same inputs and seed give the same test, so a test can
be rebuilt and audited.
"""

import random
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from runtime.domain.certification_scoring import CHALLENGES_PER_COMPETENCE
from runtime.domain.inference.challenge_choice import preferred_challenges
from runtime.domain.inference.values import Challenge, Skill


@dataclass(frozen=True)
class Pick:
    """One challenge of the certification test."""

    competence: str
    skill_id: str
    challenge_id: str
    level: int


def certification_skills(
    skills: Sequence[Skill],
    rng: random.Random,
    *,
    count: int = CHALLENGES_PER_COMPETENCE,
) -> list[Skill]:
    """Return up to ``count`` skills, hardest first, new tubes before a tube's second.

    Skills of the same level are ordered at random (seeded), so that two
    candidates with the same profile do not always get the same test.
    """
    shuffled = list(skills)
    rng.shuffle(shuffled)
    ordered = sorted(shuffled, key=lambda skill: -skill.level)
    chosen: list[Skill] = []
    tubes: set[str] = set()
    for skill in ordered:
        if len(chosen) < count and skill.tube not in tubes:
            chosen.append(skill)
            tubes.add(skill.tube)
    for skill in ordered:
        if len(chosen) < count and skill not in chosen:
            chosen.append(skill)
    return sorted(chosen, key=lambda skill: -skill.level)


def build_certification_test(
    *,
    validated_skills: Mapping[str, Sequence[Skill]],
    challenges_by_skill: Mapping[str, Sequence[Challenge]],
    seen_challenge_ids: Collection[str],
    locale: str,
    rng: random.Random,
) -> list[Pick]:
    """Return the picks of a classic certification test, competence by competence.

    ``validated_skills`` maps each certifiable competence (in the order the test
    asks them) to the skills the candidate validated directly in it. Skills
    without a servable challenge in the release are left out; a competence with
    none of them gets no question.
    """
    seen_prototypes = set()
    for challenges in challenges_by_skill.values():
        for challenge in challenges:
            if challenge.id in seen_challenge_ids:
                seen_prototypes.add(challenge.prototype)
    picks: list[Pick] = []
    for competence, skills in validated_skills.items():
        servable = [skill for skill in skills if challenges_by_skill.get(skill.id)]
        for skill in certification_skills(servable, rng):
            candidates = preferred_challenges(
                list(challenges_by_skill[skill.id]),
                locale=locale,
                seen_challenge_ids=seen_challenge_ids,
                seen_prototypes=seen_prototypes,
            )
            challenge = rng.choice(sorted(candidates, key=lambda item: item.id))
            picks.append(
                Pick(
                    competence=competence,
                    skill_id=skill.id,
                    challenge_id=challenge.id,
                    level=skill.level,
                )
            )
    return picks
