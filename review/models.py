"""Community review: a quorum task, votes per revision, beta tries, comments."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Task, TaskState

from authoring.checks import blocking_problems
from authoring.selectors import challenges_replaced_by
from review.domain.quorum import APPROVE, CHANGES, REJECT

SCORE = [MinValueValidator(1), MaxValueValidator(5)]


class VoteDecision(models.TextChoices):
    APPROVE = APPROVE, _("Approuver")
    CHANGES = CHANGES, _("Demander des modifications")
    REJECT = REJECT, _("Rejeter")


class CommunityReviewTask(Task):
    """Completes by itself when the votes on the current revision reach a quorum."""

    groups = models.ManyToManyField(
        Group,
        verbose_name=_("groupes de relecteurs"),
        help_text=_("Les membres de ces groupes votent sur les contenus proposés."),
    )
    min_votes = models.PositiveSmallIntegerField(
        _("nombre minimum de votes"), default=3, validators=[MinValueValidator(1)]
    )
    approval_share = models.FloatField(
        _("part d'approbations requise"),
        default=2 / 3,
        validators=[MinValueValidator(0.01), MaxValueValidator(1)],
        help_text=_("Entre 0 et 1 : 0,667 pour deux tiers."),
    )
    reject_blocks = models.BooleanField(_("un rejet motivé bloque"), default=True)

    admin_form_fields = [
        *Task.admin_form_fields,
        "groups",
        "min_votes",
        "approval_share",
        "reject_blocks",
    ]

    class Meta:
        verbose_name = _("revue communautaire")
        verbose_name_plural = _("revues communautaires")

    def is_reviewer(self, user) -> bool:
        """Return whether the user votes on this task (a member of its groups)."""
        return (
            user.is_superuser
            or self.groups.filter(id__in=user.groups.values("id")).exists()
        )

    def user_can_access_editor(self, obj, user):
        return False

    def locked_for_user(self, obj, user):
        return False

    def get_actions(self, obj, user):
        # Votes go through the review queue (with scores and a try); the
        # editor's action menu offers nothing that would bypass the quorum.
        return []

    def on_action(self, task_state, user, action_name, **kwargs):
        """Votes are cast with review.services.vote_cast, not workflow actions."""

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if self.is_reviewer(user):
            return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return TaskState.objects.none()

    @classmethod
    def get_description(cls):
        return _(
            "Les relecteurs votent ; la tâche se termine d'elle-même quand le "
            "quorum est atteint."
        )


class ValidationTask(AbstractGroupApprovalTask):
    """Group approval that cannot approve content failing a blocking check."""

    class Meta:
        verbose_name = _("validation (avec vérifications bloquantes)")
        verbose_name_plural = _("validations (avec vérifications bloquantes)")

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and blocking_problems(obj):
            return [action for action in actions if action[0] != "approve"]
        return _warn_replacement(obj, actions)

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve" and blocking_problems(
            task_state.revision.as_object()
        ):
            return None
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "Les validateurs approuvent et publient ; impossible tant qu'une "
            "vérification bloquante échoue."
        )


def _warn_replacement(obj, actions):
    """Name on the approve buttons what approving archives (a new prototype)."""
    if not actions or not hasattr(obj, "prototype_id"):
        return actions
    replaced = challenges_replaced_by(obj.get_latest_revision_as_object())
    if not replaced:
        return actions
    warning = _("archive %(count)s épreuve(s) validée(s)") % {"count": len(replaced)}
    return [
        (name, f"{label} — {warning}" if name == "approve" else label, needs_data)
        for name, label, needs_data in actions
    ]


class ReviewedObjectMixin(models.Model):
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(max_length=64)
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        abstract = True


class Vote(ReviewedObjectMixin):
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_votes"
    )
    decision = models.CharField(
        _("décision"), max_length=16, choices=VoteDecision.choices
    )
    accuracy = models.PositiveSmallIntegerField(_("exactitude"), validators=SCORE)
    clarity = models.PositiveSmallIntegerField(_("clarté"), validators=SCORE)
    level_fit = models.PositiveSmallIntegerField(_("niveau adapté"), validators=SCORE)
    accessibility = models.PositiveSmallIntegerField(
        _("accessibilité"), validators=SCORE
    )
    comment = models.TextField(_("commentaire"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("vote")
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "reviewer"], name="one_vote_per_revision"
            )
        ]

    def __str__(self):
        return f"{self.reviewer} · {self.get_decision_display()}"


class BetaTry(ReviewedObjectMixin):
    """A reviewer's try of a proposed challenge, kept as a beta answer."""

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    answer = models.JSONField(null=True)
    result = models.CharField(max_length=16)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.reviewer} · {self.result}"


class ReviewComment(ReviewedObjectMixin):
    """A threaded comment between reviewers and the author."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    text = models.TextField(_("commentaire"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.author}: {self.text[:40]}"


class CalibrationStatus(models.TextChoices):
    QUEUED = "queued", _("En attente")
    RUNNING = "running", _("En cours")
    DONE = "done", _("Terminée")
    FAILED = "failed", _("Échouée")


class CalibrationRun(models.Model):
    """One 2PL calibration over learners' answers, and its fate.

    Runs are kept (the history of each challenge's parameters); a validator
    accepts a done run, and the next release carries the parameters of the
    latest accepted run (review.calibration.accepted_parameters).
    """

    created_at = models.DateTimeField(_("lancée le"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lancée par"),
    )
    status = models.CharField(
        _("état"),
        max_length=16,
        choices=CalibrationStatus.choices,
        default=CalibrationStatus.QUEUED,
    )
    progress = models.PositiveSmallIntegerField(_("avancement (%)"), default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(_("erreur"), blank=True)
    answers = models.PositiveIntegerField(_("réponses"), default=0)
    learners = models.PositiveIntegerField(_("tests"), default=0)
    challenges = models.PositiveIntegerField(_("épreuves calibrées"), default=0)
    releases = models.JSONField(_("releases lues"), default=list)
    iterations = models.PositiveIntegerField(default=0)
    converged = models.BooleanField(_("convergé"), default=False)
    seconds = models.FloatField(_("durée (s)"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("acceptée le"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("acceptée par"),
    )
    # What the run stands for, shown wherever it is: e.g. the first start's
    # calibration on simulated answers says so here.
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("calibration")
        verbose_name_plural = _("calibrations")

    def __str__(self):
        return f"Calibration {self.pk} · {self.get_status_display()}"

    @property
    def accepted(self) -> bool:
        return self.accepted_at is not None


class CalibrationResult(models.Model):
    """A challenge's parameters, statistics and flags in one calibration run."""

    run = models.ForeignKey(
        CalibrationRun, on_delete=models.CASCADE, related_name="results"
    )
    challenge = models.ForeignKey(
        "authoring.Challenge", on_delete=models.CASCADE, related_name="calibrations"
    )
    difficulty = models.FloatField(_("difficulté (b)"), null=True)
    discrimination = models.FloatField(_("discrimination (a)"), null=True)
    difficulty_se = models.FloatField(null=True)
    discrimination_se = models.FloatField(null=True)
    answers = models.PositiveIntegerField(_("réponses"), default=0)
    success_rate = models.FloatField(_("taux de réussite"), null=True)
    point_biserial = models.FloatField(_("corrélation point-bisériale"), null=True)
    mean_ability = models.FloatField(_("niveau moyen des répondants"), null=True)
    flags = models.JSONField(_("alertes"), default=list)

    class Meta:
        ordering = ["run", "challenge"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "challenge"], name="one_result_per_challenge_and_run"
            )
        ]

    def __str__(self):
        return f"{self.challenge_id} · b={self.difficulty} a={self.discrimination}"
