"""Reads on the referential."""

from collections import Counter, defaultdict
from collections.abc import Iterable

from django.apps import apps
from django.db.models import Count, OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from reversion.models import Version

from authoring.enums import ContentStatus
from authoring.models import Challenge
from runtime.domain.scoring import skill_pix_value

from .enums import LEVELS, SkillStatus
from .models import Competence, Skill, Tube

HISTORY_MODEL_NAMES = {"area", "competence", "thematic", "tube", "skill"}


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


def grid_of_competence(code: str | None) -> dict:
    """Return the competences and, for one (the first by default), its grid.

    Rows are tubes; columns levels 1-8, each the skill there (the active one
    first) with its challenge counts per status. Raise Http404 without any
    competence.
    """
    competences = list(Competence.objects.select_related("area").order_by("code"))
    if not competences:
        raise Http404
    competence = next((c for c in competences if c.code == code), competences[0])
    return {
        "competences": competences,
        "competence": competence,
        "levels": list(LEVELS),
        "rows": _grid_rows(competence),
        "digcomp": list(competence.digcomp.all()),
    }


def _grid_rows(competence: Competence) -> list[dict]:
    """Return one row per tube with, per level, the skill and its challenge counts."""
    tubes = list(
        Tube.objects.filter(competence=competence).order_by("position", "name")
    )
    skills = Skill.objects.filter(tube__competence=competence).select_related("tube")
    counts = defaultdict(dict)
    for row in (
        Challenge.objects.filter(skill__tube__competence=competence)
        .values("skill_id", "status")
        .annotate(total=Count("pk"))
    ):
        counts[row["skill_id"]][row["status"]] = row["total"]
    cells = {}
    for skill in skills.order_by("version"):
        key = (skill.tube_id, skill.level)
        if key not in cells or skill.status == SkillStatus.ACTIVE:
            cells[key] = skill
    return [
        {
            "tube": tube,
            "cells": [
                _grid_cell(cells.get((tube.pk, level)), counts) for level in LEVELS
            ],
        }
        for tube in tubes
    ]


def _grid_cell(skill, counts) -> dict | None:
    if skill is None:
        return None
    per_status = counts.get(skill.pk, {})
    return {
        "skill": skill,
        "counts": [
            (status.value, status.label, per_status.get(status.value, 0))
            for status in ContentStatus
        ],
    }


def referential_item(model_name: str, pk):
    """Return an area, competence, thematic, tube or skill, or raise Http404."""
    if model_name not in HISTORY_MODEL_NAMES:
        raise Http404
    return get_object_or_404(apps.get_model("referential", model_name), pk=pk)


def item_history(obj) -> list[dict]:
    """Return the item's versions, newest first, each with what it changed."""
    versions = list(
        Version.objects.get_for_object(obj).select_related("revision__user")
    )
    # An item saved outside reversion (a migration, a pack) has no version:
    # an empty history, not a pairing of nothing with a None.
    olders = [*versions[1:], None] if versions else []
    return [
        {"version": version, "changes": _changes(version, older)}
        for version, older in zip(versions, olders, strict=True)
    ]


def item_version(obj, version_pk) -> Version:
    """Return one version of the item, or raise Http404 (a bad number too)."""
    if not str(version_pk).isdigit():
        raise Http404
    return get_object_or_404(Version.objects.get_for_object(obj), pk=version_pk)


def _changes(version, older) -> list[tuple[str, object, object]]:
    """Return (field, old value, new value) for fields that differ."""
    new = version.field_dict
    old = older.field_dict if older else {}
    return [
        (name, old.get(name, ""), value)
        for name, value in new.items()
        if older is None or old.get(name) != value
    ]
