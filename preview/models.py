"""Share links that let a reviewer without admin rights see and try a draft."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from referential.identifiers import new_uid


class ShareLink(models.Model):
    uid = models.CharField(max_length=64, unique=True, default=new_uid, editable=False)
    challenge = models.ForeignKey(
        "authoring.Challenge",
        on_delete=models.CASCADE,
        related_name="share_links",
        verbose_name=_("épreuve"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("créé par"),
    )
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    expires_at = models.DateTimeField(_("expire le"))
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("lien de partage")
        verbose_name_plural = _("liens de partage")

    def __str__(self):
        return f"{self.challenge} ({self.uid[:8]})"

    def is_active(self, now=None) -> bool:
        """Return True while the link is neither revoked nor expired."""
        now = now or timezone.now()
        return self.revoked_at is None and now < self.expires_at
