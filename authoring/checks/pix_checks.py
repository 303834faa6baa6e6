"""A note on what a challenge's skill is worth in its competence (DOMAIN.md §1)."""

from django.conf import settings
from django.utils.translation import gettext

from referential.enums import SkillStatus
from referential.models import Skill
from runtime.domain.scoring import PIX_PER_LEVEL, level_pix

from .registry import CheckResult, challenge_check, check_failed, check_passed


@challenge_check()
def level_worth_eight_pix(challenge) -> CheckResult | None:
    """Return whether the skill's competence level can add up to 8 pix.

    A skill is worth min(4, 8 / N) pix, N the active skills of its level in its
    competence, so a level with a single active skill gives 4 pix: a learner
    who masters it is placed one level too low. Not blocking: the fix is a
    second active skill at that level, not a change to this challenge. None
    without an active skill, and above the reachable level (which no score
    counts).
    """
    skill = _active_skill(challenge.skill_id)
    if skill is None or skill.level > settings.MAX_REACHABLE_LEVEL:
        return None
    count = _active_skills_at_level(skill)
    values = {
        "level": skill.level,
        "competence": skill.tube.competence.code,
        "count": count,
    }
    if level_pix(count) >= PIX_PER_LEVEL:
        message = gettext(
            "Le niveau %(level)s de la compétence %(competence)s compte "
            "%(count)s acquis actifs : il rapporte bien 8 pix."
        )
        return check_passed("level_worth_eight_pix", message % values, blocking=False)
    # Only a single active skill falls short: from two on, the level gives 8.
    message = gettext(
        "Le niveau %(level)s de la compétence %(competence)s n'a qu'un seul "
        "acquis actif : il ne rapporte que 4 pix au lieu de 8, et un apprenant "
        "qui le maîtrise est placé un niveau trop bas. Ajoutez un deuxième "
        "acquis actif à ce niveau."
    )
    return check_failed(
        "level_worth_eight_pix", message % values, blocking=False, field="skill"
    )


def _active_skill(skill_id: int | None) -> Skill | None:
    """Return the active skill with its competence; None if none or not active."""
    if skill_id is None:
        return None
    skills = Skill.objects.filter(pk=skill_id, status=SkillStatus.ACTIVE)
    return skills.select_related("tube__competence").first()


def _active_skills_at_level(skill: Skill) -> int:
    """Return N: the active skills of the skill's level in its competence."""
    # Read here rather than through referential.selectors, which imports
    # authoring.models: this module is loaded while authoring.models loads.
    return Skill.objects.filter(
        status=SkillStatus.ACTIVE,
        level=skill.level,
        tube__competence_id=skill.tube.competence_id,
    ).count()
