from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    SCHOOL = "SCO", _("Établissement scolaire")
    HIGHER_EDUCATION = "SUP", _("Enseignement supérieur")
    PROFESSIONAL = "PRO", _("Professionnel")


class MemberRole(models.TextChoices):
    ADMIN = "ADMIN", _("Administrateur")
    MEMBER = "MEMBER", _("Membre")


class Sex(models.TextChoices):
    FEMALE = "F", _("Féminin")
    MALE = "M", _("Masculin")


class CampaignType(models.TextChoices):
    ASSESSMENT = "ASSESSMENT", _("Évaluation")
    PROFILES_COLLECTION = "PROFILES_COLLECTION", _("Collecte de profils")


class ParticipationStatus(models.TextChoices):
    STARTED = "STARTED", _("En cours")
    TO_SHARE = "TO_SHARE", _("À envoyer")
    SHARED = "SHARED", _("Envoyé")
