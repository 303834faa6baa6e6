"""Tutorials: public resources offered to learn a skill or go further."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from modelsearch.tasks import insert_or_update_object_task
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from authoring.enums import Locale, TutorialKind
from referential.identifiers import new_uid
from runtime.enums import TutorialFormat

from .lifecycle import ContentLifecycleMixin


class Tutorial(
    ContentLifecycleMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    uid = models.CharField(
        _("identifiant"), max_length=64, unique=True, default=new_uid, editable=False
    )
    title = models.CharField(_("titre"), max_length=255)
    link = models.URLField(_("lien"), max_length=500)
    source = models.CharField(_("source"), max_length=200)
    format = models.CharField(
        _("format"),
        max_length=16,
        choices=TutorialFormat.choices,
        default=TutorialFormat.PAGE,
    )
    duration = models.DurationField(
        _("durée"), help_text=_("Par exemple 00:05:00 pour cinq minutes.")
    )
    locale = models.CharField(
        _("langue"), max_length=8, choices=Locale.choices, default=Locale.FR_FR
    )
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    # A learner's proposal (the "Proposer un tutoriel" form), not an author's:
    # its link is asked for nothing until the community review validated it,
    # and the proposals of a learner are counted against a daily limit.
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposé par"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_at = models.DateTimeField(
        _("proposé le"), null=True, blank=True, editable=False, db_index=True
    )

    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("source"),
        index.SearchField("skill_names"),
        index.AutocompleteField("skill_names"),
        index.FilterField("status"),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = _("tutoriel")
        verbose_name_plural = _("tutoriels")

    def __str__(self):
        return self.title

    def skill_names(self) -> str:
        """Return the names of the tutorial's skills, so that they find it."""
        return " ".join(link.skill.search_names() for link in self.skill_links.all())

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The search index ran on post_save, before the skill links were saved:
        # index again now that they are (once per batch inside an import).
        insert_or_update_object_task.enqueue(
            self._meta.app_label, self._meta.model_name, str(self.pk)
        )

    def get_preview_template(self, request, mode_name):
        return "preview/tutorial_preview.html"


class TutorialSkill(Orderable):
    """A tutorial offered for a skill, to learn it or to go further."""

    tutorial = ParentalKey(
        Tutorial, on_delete=models.CASCADE, related_name="skill_links"
    )
    skill = models.ForeignKey(
        "referential.Skill",
        on_delete=models.PROTECT,
        related_name="tutorial_links",
        verbose_name=_("acquis"),
    )
    kind = models.CharField(
        _("usage"),
        max_length=16,
        choices=TutorialKind.choices,
        default=TutorialKind.REMEDIATION,
    )

    panels = [FieldRowPanel([FieldPanel("skill"), FieldPanel("kind")])]

    class Meta(Orderable.Meta):
        verbose_name = _("acquis du tutoriel")
        constraints = [
            models.UniqueConstraint(
                fields=["tutorial", "skill"], name="unique_tutorial_skill"
            )
        ]
