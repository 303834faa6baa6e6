from django.db import models
from django.utils.translation import gettext_lazy as _


class SkillStatus(models.TextChoices):
    DRAFT = "draft", _("En construction")
    ACTIVE = "active", _("Actif")
    ARCHIVED = "archived", _("Archivé")
    OBSOLETE = "obsolete", _("Périmé")


LEVELS = range(1, 9)
