"""What the last content pack imported or exported here said about each item."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PackBaseline(models.Model):
    """The state of an item the last time a pack carried it through this workbench.

    An import or an export records, for each item, a digest of the pack form and
    the Wagtail revision it matched. A later import compares the item with it:
    an item changed here since (a new revision, an edited field, a new status)
    is newer than the pack, and ``load_content`` keeps it unless told ``--force``.
    ``earlier`` keeps the digests of the states packs carried before, so that an
    older pack loaded again is known as older.
    """

    kind = models.CharField(_("type d'élément"), max_length=16)
    uid = models.CharField(_("identifiant"), max_length=64)
    digest = models.CharField(_("empreinte"), max_length=64)
    revision_id = models.PositiveIntegerField(_("révision"), null=True, blank=True)
    earlier = models.JSONField(
        _("empreintes précédentes"),
        default=list,
        help_text=_("Les états plus anciens apportés par des paquets."),
    )
    recorded_at = models.DateTimeField(_("enregistré le"), auto_now=True)

    class Meta:
        verbose_name = _("état de référence d'un paquet")
        verbose_name_plural = _("états de référence des paquets")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "uid"], name="pack_baseline_unique_item"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.uid}"
