"""Releases: immutable snapshots of validated content that the runtime reads.

The runtime owns the model so that it reads releases without importing
authoring, which builds and publishes them (authoring.releases). The table
keeps the name it had when authoring owned the model: moving it cost no
table rewrite and no foreign key change on existing databases.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# The one spelling of the right to publish a release or make one current
# (it was "authoring.publish_release" while authoring owned the model).
PUBLISH_RELEASE_PERMISSION = "runtime.publish_release"


class Release(models.Model):
    number = models.PositiveIntegerField(_("numéro"), unique=True)
    created_at = models.DateTimeField(_("publiée le"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("publiée par"),
    )
    notes = models.TextField(_("notes de version"), blank=True)
    checksum = models.CharField(_("empreinte SHA-256"), max_length=64)
    summary = models.JSONField(_("résumé"), default=dict)
    content = models.JSONField(_("contenu"))
    is_current = models.BooleanField(_("courante"), default=False)

    class Meta:
        db_table = "authoring_release"
        ordering = ["-number"]
        verbose_name = _("version publiée")
        verbose_name_plural = _("versions publiées")
        permissions = [("publish_release", _("Peut publier une version"))]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="one_current_release",
            )
        ]

    def __str__(self):
        return f"Release {self.number}"
