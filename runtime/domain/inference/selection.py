"""Pick the next challenge of the adaptive positioning test (DOMAIN.md §4).

"Smart random": open on an easy level-2 skill, then ask the untested skill whose
answer is expected to settle the most other skills of its tube. No Django.
"""

import random
from collections.abc import Collection, Iterable, Mapping, Sequence

from .challenge_choice import preferred_challenges
from .knowledge import infer, untested_skills
from .level import estimate_level, success_probability
from .ranking import keep_best
from .scope import Scope, scope_of
from .values import Answer, Challenge, Skill

FIRST_CHALLENGE_LEVEL = 2
EASY_TUBE_MAX_LEVEL = 3
MAX_LEVELS_ABOVE_ESTIMATE = 2
GAIN_DECIMALS = 12

Options = dict[str, list[Challenge]]
"""Candidate skill id → the challenges that may be served for it at this step."""


def next_challenge(
    *,
    skills: Iterable[Skill] | Scope,
    challenges: Iterable[Challenge] = (),
    answers: Sequence[Answer],
    locale: str,
    seen_challenge_ids: Collection[str],
    rng: random.Random,
) -> str | None:
    """Return the id of the challenge to ask next, or None when the test is over.

    ``challenges`` are all the servable challenges of the scope, answered ones
    included (needed to know whether the last one was timed); answered skills
    are tested, so their challenges are never asked again. With no answer, apply
    ``first_challenge``. Otherwise the candidates are the untested skills
    (neither answered nor inferred) at most 2 levels above the estimate and
    having a challenge; after a timed challenge only untimed challenges are
    allowed, unless no candidate has one: the test then serves a timed one
    rather than end with skills left (as the reference service does). The skill
    with the highest ``information_gain`` is taken (ties drawn with ``rng``),
    then a challenge by ``preferred_challenges`` (answered ones count as seen).
    The test is over when no candidate is left. ``skills`` may be a Scope,
    which holds the challenges as well.
    """
    scope = scope_of(skills, challenges)
    if not answers:
        return first_challenge(
            skills=scope,
            locale=locale,
            seen_challenge_ids=seen_challenge_ids,
            rng=rng,
        )
    options = following_options(scope, (), answers)
    seen = {*seen_challenge_ids, *(answer.challenge_id for answer in answers)}
    return _serve(options, scope, locale=locale, seen=seen, rng=rng)


def first_challenge(
    *,
    skills: Iterable[Skill] | Scope,
    challenges: Iterable[Challenge] = (),
    locale: str,
    seen_challenge_ids: Collection[str],
    rng: random.Random,
) -> str | None:
    """Return the id of the challenge opening the test, or None without any.

    See ``opening_options`` for the skills allowed; the skill and then its
    challenge are drawn with ``rng`` as in ``next_challenge``.
    """
    scope = scope_of(skills, challenges)
    options = opening_options(scope.skills, scope.challenges_by_skill)
    seen = set(seen_challenge_ids)
    return _serve(options, scope, locale=locale, seen=seen, rng=rng)


def opening_options(
    skills: Sequence[Skill], available: Mapping[str, Sequence[Challenge]]
) -> Options:
    """Return the skills allowed to open the test, with their challenges.

    Skills with an untimed challenge come first (and only their untimed
    challenges are allowed); timed ones are considered only when no untimed
    challenge exists. Among them ``opening_skills`` decides.
    """
    highest_by_tube = _highest_level_by_tube(skills)
    for only_untimed in (True, False):
        options = _options(skills, available, only_untimed=only_untimed)
        servable = [skill for skill in skills if skill.id in options]
        opening = opening_skills(servable, highest_by_tube)
        if opening:
            return {skill.id: options[skill.id] for skill in opening}
    return {}


def opening_skills(
    skills: Sequence[Skill], highest_by_tube: Mapping[str, int]
) -> list[Skill]:
    """Return the skills to open with, the first non-empty choice of three.

    1. the level-2 skills of easy tubes (tubes topping at level 3 or less in
       the scope, ``highest_by_tube``);
    2. else the level-2 skills of the tubes topping at the lowest level;
    3. else the skills of the lowest level.
    """
    level_two = [skill for skill in skills if skill.level == FIRST_CHALLENGE_LEVEL]
    easy = [
        skill
        for skill in level_two
        if highest_by_tube[skill.tube] <= EASY_TUBE_MAX_LEVEL
    ]
    if easy:
        return easy
    if level_two:
        return keep_best(level_two, lambda skill: highest_by_tube[skill.tube])
    return keep_best(skills, lambda skill: skill.level)


def following_options(
    skills: Sequence[Skill] | Scope,
    challenges: Sequence[Challenge],
    answers: Sequence[Answer],
) -> Options:
    """Return the skills of highest information gain after ``answers``.

    Skills must be untested, have a challenge, and be at most
    2 levels above the estimate; the timed rule is described in ``next_challenge``.
    """
    scope = scope_of(skills, challenges)
    untested = untested_skills(scope.skills, infer(scope, answers))
    estimate = estimate_level(scope.skills_by_id, answers)
    options = _reachable_options(
        untested,
        scope.challenges_by_skill,
        estimate=estimate,
        after_timed=_last_was_timed(scope, answers),
    )
    untested_levels: dict[str, list[int]] = {}
    for skill in untested:
        untested_levels.setdefault(skill.tube, []).append(skill.level)
    best = keep_best(
        [skill for skill in untested if skill.id in options],
        lambda skill: _gain_rank(skill, untested_levels[skill.tube], estimate),
    )
    return {skill.id: options[skill.id] for skill in best}


def _reachable_options(
    untested: Sequence[Skill],
    available: Mapping[str, Sequence[Challenge]],
    *,
    estimate: float,
    after_timed: bool,
) -> Options:
    """Return the untested skills at most 2 levels above the estimate, with challenges.

    After a timed challenge keep untimed ones only, unless none is left.
    """
    reachable = [
        skill
        for skill in untested
        if skill.level - estimate <= MAX_LEVELS_ABOVE_ESTIMATE
    ]
    return _options(reachable, available, only_untimed=after_timed) or _options(
        reachable, available, only_untimed=False
    )


def information_gain(skill: Skill, untested: Iterable[Skill], estimate: float) -> float:
    """Return p·E + (1 - p)·H, the skills an answer on ``skill`` should settle.

    E and H count the untested skills of its tube easier and harder than it;
    p = 1 / (1 + e^-(estimate - skill level)) is the chance of success. Unit:
    expected number of skills inferred, besides the skill itself.
    """
    tube_levels = [other.level for other in untested if other.tube == skill.tube]
    return _gain(skill, tube_levels, estimate)


def _gain(skill: Skill, tube_levels: Iterable[int], estimate: float) -> float:
    """Return the information gain from the levels of the tube's untested skills."""
    probability = success_probability(estimate, skill.level)
    easier = sum(1 for level in tube_levels if level < skill.level)
    harder = sum(1 for level in tube_levels if level > skill.level)
    return probability * easier + (1 - probability) * harder


def _gain_rank(skill: Skill, tube_levels: Sequence[int], estimate: float) -> float:
    """Return minus the rounded information gain, so the highest gain ranks first."""
    return -round(_gain(skill, tube_levels, estimate), GAIN_DECIMALS)


def _serve(
    options: Options,
    scope: Scope,
    *,
    locale: str,
    seen: Collection[str],
    rng: random.Random,
) -> str | None:
    """Draw a candidate skill, then one of its preferred challenges; None if none."""
    if not options:
        return None
    skill_id = rng.choice(sorted(options))
    in_scope = scope.challenges_by_id
    seen_prototypes = {
        in_scope[challenge_id].prototype
        for challenge_id in seen
        if challenge_id in in_scope
    }
    best = preferred_challenges(
        options[skill_id],
        locale=locale,
        seen_challenge_ids=seen,
        seen_prototypes=seen_prototypes,
    )
    return rng.choice(sorted(challenge.id for challenge in best))


def _options(
    skills: Iterable[Skill],
    available: Mapping[str, Sequence[Challenge]],
    *,
    only_untimed: bool,
) -> Options:
    """Return the skills having an allowed challenge, with those challenges."""
    options: Options = {}
    for skill in skills:
        allowed = [
            challenge
            for challenge in available.get(skill.id, [])
            if not (only_untimed and challenge.timed)
        ]
        if allowed:
            options[skill.id] = allowed
    return options


def _highest_level_by_tube(skills: Iterable[Skill]) -> dict[str, int]:
    """Return the highest skill level of each tube of the scope."""
    highest: dict[str, int] = {}
    for skill in skills:
        highest[skill.tube] = max(skill.level, highest.get(skill.tube, 0))
    return highest


def _last_was_timed(scope: Scope, answers: Sequence[Answer]) -> bool:
    """Return True when the last answered challenge is a timed one (unknown: no)."""
    last = scope.challenges_by_id.get(answers[-1].challenge_id)
    return last is not None and last.timed
