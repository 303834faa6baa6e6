from django.db import models
from django.utils.translation import gettext_lazy as _

from runtime.domain.certification_incidents import Incident


class SessionStatus(models.TextChoices):
    CREATED = "created", _("Créée")
    STARTED = "started", _("En cours")
    FINALISED = "finalised", _("Finalisée")
    PROCESSED = "processed", _("Traitée par le jury")
    PUBLISHED = "published", _("Résultats publiés")

    @classmethod
    def open_for_candidates(cls) -> tuple[str, ...]:
        """Statuses in which candidates may join and answer."""
        return (cls.CREATED, cls.STARTED)

    @classmethod
    def for_jury(cls) -> tuple[str, ...]:
        """Statuses the jury sees and may still change."""
        return (cls.FINALISED, cls.PROCESSED)


class SessionMode(models.TextChoices):
    CLASSIC = "classic", _("Classique (3 épreuves par compétence)")
    ADAPTIVE = "adaptive", _("Adaptatif (32 réponses, IRT)")


class TestState(models.TextChoices):
    STARTED = "started", _("En cours")
    ENDED = "ended", _("Terminé")


class EndReason(models.TextChoices):
    COMPLETED = "completed", _("Toutes les épreuves répondues")
    TIMEOUT = "timeout", _("Temps écoulé")
    INVIGILATOR = "invigilator", _("Arrêté par le surveillant")
    SESSION_FINALISED = "finalised", _("Session finalisée")


INCIDENT_LABELS = {
    Incident.TECHNICAL: _("Problème technique (hors épreuve)"),
    Incident.IMAGE: _("L'image ne s'affiche pas"),
    Incident.EMBED: _("Le simulateur ne fonctionne pas"),
    Incident.ATTACHMENT: _("Le fichier à télécharger ne s'ouvre pas"),
    Incident.LINK: _("Un lien ou un site ne fonctionne pas"),
    Incident.UNEXPECTED_ERROR: _("Une erreur inattendue s'est affichée"),
    Incident.FOCUS_LOST: _("Sortie involontaire d'une épreuve surveillée"),
    Incident.EXTRA_TIME: _("Temps majoré non appliqué"),
    Incident.FRAUD: _("Suspicion de fraude"),
    Incident.OTHER: _("Autre incident"),
}


class IncidentCategory(models.TextChoices):
    """DOMAIN.md §7's categories; the pure rule says which ones neutralise."""

    TECHNICAL = Incident.TECHNICAL.value, INCIDENT_LABELS[Incident.TECHNICAL]
    IMAGE = Incident.IMAGE.value, INCIDENT_LABELS[Incident.IMAGE]
    EMBED = Incident.EMBED.value, INCIDENT_LABELS[Incident.EMBED]
    ATTACHMENT = Incident.ATTACHMENT.value, INCIDENT_LABELS[Incident.ATTACHMENT]
    LINK = Incident.LINK.value, INCIDENT_LABELS[Incident.LINK]
    UNEXPECTED_ERROR = (
        Incident.UNEXPECTED_ERROR.value,
        INCIDENT_LABELS[Incident.UNEXPECTED_ERROR],
    )
    FOCUS_LOST = Incident.FOCUS_LOST.value, INCIDENT_LABELS[Incident.FOCUS_LOST]
    EXTRA_TIME = Incident.EXTRA_TIME.value, INCIDENT_LABELS[Incident.EXTRA_TIME]
    FRAUD = Incident.FRAUD.value, INCIDENT_LABELS[Incident.FRAUD]
    OTHER = Incident.OTHER.value, INCIDENT_LABELS[Incident.OTHER]


class DecisionKind(models.TextChoices):
    SCORED = "scored", _("Score calculé")
    AUTO_NEUTRALISED = "auto_neutralised", _("Neutralisation automatique")
    UNANSWERED = "unanswered", _("Épreuve non répondue comptée passée")
    NEUTRALISED = "neutralised", _("Neutralisée par le jury")
    DENEUTRALISED = "deneutralised", _("Dé-neutralisée par le jury")
    PUBLISHED = "published", _("Résultats publiés")
