"""Hints (indices): one short help text per skill."""

from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from referential.identifiers import new_uid

from .lifecycle import ContentLifecycleMixin


class Hint(
    ContentLifecycleMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    uid = models.CharField(
        _("identifiant"), max_length=64, unique=True, default=new_uid, editable=False
    )
    skill = models.OneToOneField(
        "referential.Skill",
        on_delete=models.PROTECT,
        related_name="hint",
        verbose_name=_("acquis"),
    )
    text = models.TextField(
        _("indice"), max_length=1000, help_text=_("Court, en Markdown.")
    )
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    panels = [FieldPanel("skill"), FieldPanel("text")]
    search_fields = [
        index.SearchField("text"),
        index.AutocompleteField("text"),
        index.SearchField("skill_names"),
        index.AutocompleteField("skill_names"),
        index.FilterField("status"),
    ]

    class Meta:
        ordering = ["skill__tube__name", "skill__level"]
        verbose_name = _("indice")
        verbose_name_plural = _("indices")

    def __str__(self):
        return Truncator(self.text).chars(60)

    def skill_names(self) -> str:
        """Return the skill's names, so that its name finds the hint."""
        return self.skill.search_names() if self.skill_id else ""

    def get_preview_template(self, request, mode_name):
        return "preview/hint_preview.html"
