"""Reads on the referential."""

from collections import Counter
from collections.abc import Iterable

from django.db.models import Count, OuterRef, Subquery

from runtime.domain.scoring import skill_pix_value

from .enums import SkillStatus
from .models import Skill


def skill_pix_values(competence_ids: Iterable[int] | None = None) -> dict[int, float]:
    """Return {skill id: pix value} for the active skills of these competences."""
    skills = Skill.objects.filter(status=SkillStatus.ACTIVE)
    if competence_ids is not None:
        skills = skills.filter(tube__competence_id__in=list(competence_ids))
    rows = list(skills.values_list("id", "tube__competence_id", "level"))
    per_level = Counter((competence, level) for _, competence, level in rows)
    return {
        skill_id: skill_pix_value(per_level[(competence, level)])
        for skill_id, competence, level in rows
    }


def skills_with_pix_values(queryset):
    """Annotate skills with the number of active skills of the same level."""
    same_level = (
        Skill.objects.filter(
            status=SkillStatus.ACTIVE,
            level=OuterRef("level"),
            tube__competence_id=OuterRef("tube__competence_id"),
        )
        .values("tube__competence_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return queryset.annotate(active_at_level=Subquery(same_level))
