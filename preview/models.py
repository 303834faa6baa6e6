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


class SimulationStatus(models.TextChoices):
    QUEUED = "queued", _("En attente")
    RUNNING = "running", _("En cours")
    DONE = "done", _("Terminée")
    FAILED = "failed", _("Échouée")


class ReleaseSimulation(models.Model):
    """The test simulator run on a candidate release (the release gate).

    ``checksum`` is the candidate snapshot's: a simulation speaks for that
    content only, so publishing other content needs a new one. ``summary``
    holds what preview.release_simulation.simulate_snapshot returns.
    """

    checksum = models.CharField(max_length=64, db_index=True)
    learners = models.PositiveIntegerField(_("apprenants simulés par compétence"))
    seed = models.PositiveIntegerField(_("graine"))
    status = models.CharField(
        _("état"),
        max_length=16,
        choices=SimulationStatus.choices,
        default=SimulationStatus.QUEUED,
    )
    progress = models.PositiveSmallIntegerField(_("avancement (%)"), default=0)
    summary = models.JSONField(default=dict, blank=True)
    blocking = models.BooleanField(default=False)
    error = models.TextField(_("erreur"), blank=True)
    seconds = models.FloatField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("simulation de version")
        verbose_name_plural = _("simulations de version")

    def __str__(self):
        return f"Simulation {self.pk} · {self.get_status_display()}"

    @property
    def pending(self) -> bool:
        return self.status in (SimulationStatus.QUEUED, SimulationStatus.RUNNING)
