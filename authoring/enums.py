from django.db import models
from django.utils.translation import gettext_lazy as _


class ChallengeType(models.TextChoices):
    QCU = "QCU", _("QCU — choix unique")
    QCM = "QCM", _("QCM — choix multiple")
    QROC = "QROC", _("QROC — réponse ouverte courte")
    QROCM_IND = "QROCM-ind", _("QROCM indépendants — plusieurs champs")
    QROCM_DEP = "QROCM-dep", _("QROCM dépendants — champs dans n'importe quel ordre")


class ContentStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposé (bêta)")
    VALIDATED = "validated", _("Validé")
    ARCHIVED = "archived", _("Archivé")
    OBSOLETE = "obsolete", _("Périmé")

    @classmethod
    def live_states(cls) -> tuple["ContentStatus", ...]:
        """Return the statuses of content in use: proposed or validated."""
        return (cls.PROPOSED, cls.VALIDATED)

    @classmethod
    def withdrawn_states(cls) -> tuple["ContentStatus", ...]:
        """Return the statuses of withdrawn content: archived or obsolete."""
        return (cls.ARCHIVED, cls.OBSOLETE)


class AnswerFormat(models.TextChoices):
    SHORT = "short", _("Court")
    WORDS = "words", _("Quelques mots")
    SENTENCE = "sentence", _("Phrase")
    PARAGRAPH = "paragraph", _("Paragraphe")
    NUMBER = "number", _("Nombre")
    DATE = "date", _("Date")


class Pedagogy(models.TextChoices):
    KNOWLEDGE = "knowledge", _("Question de connaissance")
    SITUATION = "situation", _("Question en situation")
    PRACTICE = "practice", _("Tâche pratique")
    WEB_SEARCH = "web_search", _("Recherche sur le web")
    SIMULATION = "simulation", _("Simulation")


class Accessibility(models.TextChoices):
    OK = "OK", _("Compatible")
    KO = "KO", _("Incompatible")
    RAS = "RAS", _("Rien à signaler (non évalué)")


class Locale(models.TextChoices):
    FR_FR = "fr-fr", _("Français (France)")
    FR = "fr", _("Français (international)")
    EN = "en", _("Anglais")


class TutorialKind(models.TextChoices):
    REMEDIATION = "remediation", _("Pour apprendre")
    LEARN_MORE = "learn_more", _("Pour aller plus loin")


TOLERANCES = ("t1", "t2", "t3")


class LinkStatus(models.TextChoices):
    OK = "ok", _("Répond")
    MOVED = "moved", _("Redirigé ailleurs")
    BROKEN = "broken", _("Erreur du site")
    UNREACHABLE = "unreachable", _("Injoignable")
