"""Admin views: the competence grid and the django-reversion history."""

from collections import defaultdict

import reversion
from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from reversion.models import Version

from authoring.enums import ContentStatus
from authoring.models import Challenge

from .enums import LEVELS, SkillStatus
from .models import Competence, Skill, Tube

HISTORY_MODEL_NAMES = {"area", "competence", "thematic", "tube", "skill"}


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


def competence_grid(request, code=None):
    """Show tubes as rows and levels 1-8 as columns for one competence."""
    if not request.user.has_perm("referential.view_skill") and not (
        request.user.has_perm("authoring.change_challenge")
    ):
        raise PermissionDenied
    competences = list(Competence.objects.select_related("area").order_by("code"))
    if not competences:
        raise Http404
    competence = next((c for c in competences if c.code == code), competences[0])
    return render(
        request,
        "referential/competence_grid.html",
        {
            "competences": competences,
            "competence": competence,
            "levels": list(LEVELS),
            "rows": _grid_rows(competence),
            "digcomp": list(competence.digcomp.all()),
        },
    )


class ReferentialHistoryView(TemplateView):
    """List the django-reversion versions of a referential item and revert one."""

    template_name = "referential/history.html"

    def dispatch(self, request, *args, **kwargs):
        if kwargs["model_name"] not in HISTORY_MODEL_NAMES:
            raise Http404
        self.model = apps.get_model("referential", kwargs["model_name"])
        self.object = get_object_or_404(self.model, pk=kwargs["pk"])
        if not request.user.has_perm(f"referential.view_{kwargs['model_name']}"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        versions = list(
            Version.objects.get_for_object(self.object).select_related("revision__user")
        )
        rows = []
        for version, older in zip(versions, [*versions[1:], None], strict=True):
            rows.append({"version": version, "changes": _changes(version, older)})
        return super().get_context_data(
            object=self.object,
            model_label=self.model._meta.verbose_name,
            rows=rows,
            can_revert=self.request.user.has_perm(
                f"referential.change_{self.model._meta.model_name}"
            ),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm(
            f"referential.change_{self.model._meta.model_name}"
        ):
            raise PermissionDenied
        version = get_object_or_404(
            Version.objects.get_for_object(self.object), pk=request.POST.get("version")
        )
        with reversion.create_revision():
            version.revert()
            reversion.set_user(request.user)
            reversion.set_comment(
                _("Retour à la version du %(date)s")
                % {"date": version.revision.date_created.strftime("%d/%m/%Y %H:%M")}
            )
        messages.success(request, _("La version choisie a été restaurée."))
        return redirect(request.path)


def _changes(version, older) -> list[tuple[str, object, object]]:
    """Return (field, old value, new value) for fields that differ."""
    new = version.field_dict
    old = older.field_dict if older else {}
    return [
        (name, old.get(name, ""), value)
        for name, value in new.items()
        if older is None or old.get(name) != value
    ]
