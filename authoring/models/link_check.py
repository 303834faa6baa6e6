"""The last check of each external link learners are sent to."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from authoring.enums import LinkStatus


class LinkCheck(models.Model):
    """What a link answered the last time it was checked.

    Keyed by URL, not by item: a link shared by several tutorials is checked
    once. ``failures`` counts the checks in a row that failed, so that one
    slow answer is told apart from a link that is gone.
    """

    url = models.URLField(_("lien"), max_length=500, unique=True)
    status = models.CharField(_("état"), max_length=16, choices=LinkStatus.choices)
    http_status = models.PositiveSmallIntegerField(_("code HTTP"), null=True)
    final_url = models.URLField(_("adresse finale"), max_length=500, blank=True)
    detail = models.CharField(_("détail"), max_length=200, blank=True)
    failures = models.PositiveSmallIntegerField(_("échecs de suite"), default=0)
    checked_at = models.DateTimeField(_("vérifié le"))

    class Meta:
        ordering = ["url"]
        verbose_name = _("vérification de lien")
        verbose_name_plural = _("vérifications de liens")

    def __str__(self):
        return f"{self.url}: {self.get_status_display()}"
