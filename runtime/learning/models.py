"""Learners' assessments, answers, knowledge, tutorials and problem reports."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from runtime.enums import (
    AnswerResult,
    AssessmentKind,
    AssessmentState,
    KnowledgeStatus,
    PositioningAlgorithm,
    ReportCategory,
    ReportStatus,
)


class Assessment(models.Model):
    """An adaptive test served from one release, on one competence or on the
    target skills of a campaign (``scope``, which may span competences)."""

    # Null once the learner deleted their account: the test and its answers
    # are kept, anonymised, to calibrate the challenges.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="assessments",
    )
    kind = models.CharField(
        max_length=16, choices=AssessmentKind.choices, default=AssessmentKind.COMPETENCE
    )
    competence = models.CharField(_("compétence"), max_length=8, blank=True)
    # A campaign's target skill ids, fixed at its start (empty for a competence).
    scope = models.JSONField(default=list, blank=True)
    # What the pages call a campaign's test (its title); a competence's is its own.
    title = models.CharField(max_length=200, blank=True)
    release = models.ForeignKey(
        "runtime.Release", on_delete=models.PROTECT, related_name="assessments"
    )
    state = models.CharField(
        max_length=16, choices=AssessmentState.choices, default=AssessmentState.STARTED
    )
    # Fixed at the start: a running test never changes algorithm. A campaign
    # asking for IRT on a release not calibrated enough gets the inference,
    # and ``algorithm_note`` keeps why.
    algorithm = models.CharField(
        max_length=16,
        choices=PositioningAlgorithm.choices,
        default=PositioningAlgorithm.INFERENCE,
    )
    algorithm_note = models.TextField(blank=True)
    locale = models.CharField(max_length=8, default="fr-fr")
    is_improvement = models.BooleanField(default=False)
    current_challenge = models.CharField(max_length=64, blank=True)
    current_asked_at = models.DateTimeField(null=True, blank=True)
    # The current challenge is an unscored trial item (kept for calibration).
    current_trial = models.BooleanField(default=False)
    last_timed = models.BooleanField(default=False)
    checkpoints_seen = models.PositiveSmallIntegerField(default=0)
    # Challenges answered in the learner's earlier tests, read once at start so
    # that each step avoids a query: prefer déclinaisons never seen.
    seen_before = models.JSONField(default=list, blank=True)
    # [challenge, skill, result] of each answer, in order, with a fourth item
    # ``true`` for a trial answer: the adaptive algorithm reads it with the
    # assessment instead of querying the answers.
    history = models.JSONField(default=list, blank=True)
    # An improvement's baseline, fixed when it starts: [skill, result] of the
    # earlier results it keeps (validated, or failed recently). None on tests
    # started before it was recorded: it is then read from the knowledge.
    kept_results = models.JSONField(null=True, blank=True)
    # An IRT test's final ability (EAP, logits), its standard error and the
    # level it reaches (the cuts of the scope's bank); None otherwise.
    ability = models.FloatField(null=True, blank=True)
    ability_error = models.FloatField(null=True, blank=True)
    estimated_level = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("test de positionnement")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "competence"],
                condition=models.Q(state="started", kind="competence"),
                name="one_open_assessment_per_competence",
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.competence} · {self.get_state_display()}"


class Answer(models.Model):
    """One answer, checked against the release the assessment started on."""

    # No index of its own: one_answer_per_challenge (assessment, challenge)
    # serves lookups by assessment, and every answer writes one index less.
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="answers", db_index=False
    )
    release = models.ForeignKey(
        "runtime.Release", on_delete=models.PROTECT, related_name="+"
    )
    challenge = models.CharField(max_length=64)
    skill = models.CharField(max_length=64)
    value = models.JSONField(null=True, blank=True)
    result = models.CharField(max_length=16, choices=AnswerResult.choices)
    elapsed_seconds = models.FloatField(null=True, blank=True)
    focus_lost = models.BooleanField(default=False)
    timed = models.BooleanField(default=False)
    # An unscored trial item: kept for calibration, never in the learner's
    # knowledge, result or campaign results.
    trial = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessment", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "challenge"], name="one_answer_per_challenge"
            )
        ]

    def __str__(self):
        return f"{self.challenge}: {self.result}"


class TrialExposure(models.Model):
    """How many positioning tests of a release served a challenge as a trial.

    The learners' counterpart of the certification's ItemExposure: trial
    slots serve the least served uncalibrated challenges first.
    """

    release = models.ForeignKey(
        "runtime.Release", on_delete=models.CASCADE, related_name="+"
    )
    challenge = models.CharField(max_length=64)
    trial_served = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["release", "challenge"], name="one_trial_exposure_per_challenge"
            )
        ]

    def __str__(self):
        return f"{self.challenge}: {self.trial_served}"


class KnowledgeElement(models.Model):
    """What an answer taught us about a learner's skill, directly or by inference."""

    # No index of its own: the (user, competence) index serves lookups by user.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="knowledge",
        db_index=False,
    )
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="knowledge"
    )
    answer = models.ForeignKey(
        Answer, null=True, on_delete=models.CASCADE, related_name="knowledge"
    )
    skill = models.CharField(max_length=64)
    competence = models.CharField(max_length=8)
    status = models.CharField(max_length=16, choices=KnowledgeStatus.choices)
    direct = models.BooleanField()
    pix = models.FloatField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["user", "competence"])]

    def __str__(self):
        return f"{self.skill}: {self.status}"


class TutorialBookmark(models.Model):
    """A tutorial a learner saved ("Mes tutos") and/or liked."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tutorials"
    )
    tutorial = models.CharField(max_length=64)
    saved = models.BooleanField(default=False)
    liked = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "tutorial"], name="one_bookmark")
        ]

    def __str__(self):
        return f"{self.user} · {self.tutorial}"


class ProblemReport(models.Model):
    """A learner's report of a problem on a challenge, for the authors."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    challenge = models.CharField(_("épreuve"), max_length=64)
    release = models.ForeignKey(
        "runtime.Release", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    category = models.CharField(
        _("catégorie"), max_length=16, choices=ReportCategory.choices
    )
    comment = models.TextField(_("commentaire"), max_length=2000)
    status = models.CharField(
        _("statut"),
        max_length=16,
        choices=ReportStatus.choices,
        default=ReportStatus.OPEN,
    )
    created_at = models.DateTimeField(_("signalé le"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("signalement")
        verbose_name_plural = _("signalements")

    def __str__(self):
        return f"{self.challenge} · {self.get_category_display()}"


class PendingSignUp(models.Model):
    """A sign-up waiting for its e-mail to be confirmed: no account yet.

    The account is created from it when the link sent to the address is
    followed, so an address is never known to be registered from the sign-up
    form's answer. Only the hash of the link's key is kept; a new sign-up
    with the same address replaces the row (and its key: older links stop
    working).
    """

    email = models.EmailField(_("adresse e-mail"), unique=True)
    first_name = models.CharField(_("prénom"), max_length=150)
    last_name = models.CharField(_("nom"), max_length=150)
    password = models.CharField(max_length=128)  # hashed, as on the account
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("demandé le"))

    class Meta:
        verbose_name = _("inscription en attente")
        verbose_name_plural = _("inscriptions en attente")

    def __str__(self):
        return self.email
