from django.db import models
from django.utils.translation import gettext_lazy as _


class AssessmentKind(models.TextChoices):
    """What a test covers: one competence, or a campaign's target skills."""

    COMPETENCE = "competence", _("Compétence")
    CAMPAIGN = "campaign", _("Campagne")


class PositioningAlgorithm(models.TextChoices):
    """How a positioning test chooses its challenges (DOMAIN.md §4)."""

    INFERENCE = "inference", _("Inférence des acquis")
    IRT = "irt", _("Adaptatif IRT")


class AssessmentState(models.TextChoices):
    STARTED = "started", _("En cours")
    COMPLETED = "completed", _("Terminé")


class AnswerResult(models.TextChoices):
    OK = "ok", _("Réussie")
    KO = "ko", _("Échouée")
    SKIPPED = "skipped", _("Passée")
    TIMEDOUT = "timedout", _("Temps dépassé")
    FOCUSED_OUT = "focusedOut", _("Sortie de l'épreuve")
    PARTIALLY = "partially", _("Partiellement réussie")


class KnowledgeStatus(models.TextChoices):
    VALIDATED = "validated", _("Validé")
    INVALIDATED = "invalidated", _("Non validé")
    RESET = "reset", _("Remis à zéro")


class ReportCategory(models.TextChoices):
    QUESTION = "question", _("La consigne")
    IMAGE = "image", _("L'image")
    LINK = "link", _("Un lien")
    EMBED = "embed", _("Le simulateur")
    DOWNLOAD = "download", _("Le fichier à télécharger")
    ACCESSIBILITY = "accessibility", _("L'accessibilité")
    ANSWER = "answer", _("La réponse attendue")
    TUTORIAL = "tutorial", _("Un tutoriel")
    OTHER = "other", _("Autre chose")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Ouvert")
    RESOLVED = "resolved", _("Résolu")


# The formats a tutorial is served in: learners see them on the tutorial cards
# and pick one when they propose a tutorial; authoring stores them.
class TutorialFormat(models.TextChoices):
    VIDEO = "video", _("Vidéo")
    PAGE = "page", _("Page web")
    PDF = "pdf", _("PDF")
    AUDIO = "audio", _("Audio")
    TOOL = "tool", _("Outil en ligne")
    GAME = "game", _("Jeu")
