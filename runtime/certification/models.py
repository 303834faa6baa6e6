"""Certification: centres, sessions, candidates, tests, incidents, results.

DOMAIN.md §7. Every write goes through services.py; the jury's changes to
answers and results are audited with django-reversion (audit.py) and each
decision is stored with its reason (Decision).
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel

from .enums import (
    DecisionKind,
    EndReason,
    IncidentCategory,
    SessionMode,
    SessionStatus,
    TestState,
)

DEFAULT_DURATION_MINUTES = 105


class CertificationCentre(ClusterableModel):
    """A school, university or company that organises certification sessions.

    Linked to the organisation it belongs to (its pupils and campaigns), or
    standalone (a test centre open to anyone).
    """

    name = models.CharField(_("nom"), max_length=200, unique=True)
    organisation = models.ForeignKey(
        "orga.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certification_centres",
        help_text=_("Laisser vide pour un centre indépendant."),
    )
    external_id = models.CharField(_("identifiant externe"), max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("organisation"),
        FieldPanel("external_id"),
        InlinePanel("memberships", label=_("Membres du centre")),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("centre de certification")
        verbose_name_plural = _("centres de certification")

    def __str__(self):
        return self.name


class CentreMembership(models.Model):
    """A user who organises the centre's sessions on the site."""

    centre = ParentalKey(
        CertificationCentre, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="certification_memberships",
        verbose_name=_("utilisateur"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("user")]

    class Meta:
        verbose_name = _("membre du centre")
        verbose_name_plural = _("membres du centre")
        constraints = [
            models.UniqueConstraint(fields=["centre", "user"], name="one_membership")
        ]

    def __str__(self):
        return f"{self.user} · {self.centre}"


class CertificationSession(models.Model):
    """One sitting of candidates in a room, with its access code."""

    centre = models.ForeignKey(
        CertificationCentre, on_delete=models.PROTECT, related_name="sessions"
    )
    address = models.CharField(_("adresse"), max_length=300)
    room = models.CharField(_("salle"), max_length=100)
    date = models.DateField(_("date"))
    time = models.TimeField(_("heure"))
    examiner = models.CharField(_("surveillant"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("durée (minutes)"), default=DEFAULT_DURATION_MINUTES
    )
    mode = models.CharField(
        _("mode"),
        max_length=16,
        choices=SessionMode.choices,
        default=SessionMode.CLASSIC,
    )
    access_code = models.CharField(_("code d'accès"), max_length=6, unique=True)
    # Hashed like a login password (Django's hashers): a copy of the database
    # does not open the invigilator page. The centre sees it once, when it is
    # drawn, and may draw a new one at any time before the session ends.
    invigilator_password_hash = models.CharField(max_length=256)
    status = models.CharField(
        _("statut"),
        max_length=16,
        choices=SessionStatus.choices,
        default=SessionStatus.CREATED,
    )
    finalisation_comment = models.TextField(
        _("commentaire de fin de session"), max_length=2000, blank=True
    )
    finalised_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-time"]
        verbose_name = _("session de certification")
        verbose_name_plural = _("sessions de certification")

    def __str__(self):
        return f"{self.centre} · {self.date:%d/%m/%Y} {self.time:%H:%M} · {self.room}"

    @property
    def is_open(self) -> bool:
        return self.status in SessionStatus.open_for_candidates()


class Candidate(models.Model):
    """A person enrolled in a session; linked to an account by e-mail or on the day."""

    session = models.ForeignKey(
        CertificationSession, on_delete=models.CASCADE, related_name="candidates"
    )
    first_name = models.CharField(_("prénom"), max_length=100)
    last_name = models.CharField(_("nom"), max_length=100)
    birth_date = models.DateField(_("date de naissance"))
    email = models.EmailField(_("adresse électronique"), blank=True)
    external_id = models.CharField(_("identifiant externe"), max_length=64, blank=True)
    extra_time_percent = models.PositiveSmallIntegerField(
        _("temps majoré (%)"), default=0
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certification_candidacies",
    )
    joined_at = models.DateTimeField(null=True, blank=True)
    presence_confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        verbose_name = _("candidat")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=models.Q(user__isnull=False),
                name="one_candidacy_per_session",
            )
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class CertificationTest(models.Model):
    """A candidate's test: its challenges drawn at start, its clock and state."""

    candidate = models.OneToOneField(
        Candidate, on_delete=models.CASCADE, related_name="test"
    )
    # Kept when the learner deletes their account: the certificate states the
    # candidate's names and birth date (Candidate), which the rules keep.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="certification_tests",
    )
    release = models.ForeignKey(
        "runtime.Release", on_delete=models.PROTECT, related_name="+"
    )
    mode = models.CharField(max_length=16, choices=SessionMode.choices)
    locale = models.CharField(max_length=8, default="fr-fr")
    seed = models.CharField(max_length=64)
    # [{"competence", "skill", "challenge", "level"}] in the order they are asked.
    picks = models.JSONField(default=list)
    # {competence: [pix, level]} of the profile at start: what is certified.
    profile = models.JSONField(default=dict)
    # Why a session in adaptive mode gave this candidate the classic test.
    adaptive_fallback = models.TextField(blank=True)
    state = models.CharField(
        max_length=16, choices=TestState.choices, default=TestState.STARTED
    )
    end_reason = models.CharField(
        max_length=16, choices=EndReason.choices, blank=True, default=""
    )
    started_at = models.DateTimeField()
    current_asked_at = models.DateTimeField(null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    paused_seconds = models.FloatField(default=0)
    allowed_seconds = models.PositiveIntegerField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("test de certification")

    def __str__(self):
        return f"{self.candidate} · {self.get_state_display()}"

    def used_seconds(self, now: datetime.datetime) -> float:
        """Return the seconds the clock ran: pauses do not count."""
        stop = self.ended_at or self.paused_at or now
        return max(0.0, (stop - self.started_at).total_seconds() - self.paused_seconds)

    def remaining_seconds(self, now: datetime.datetime) -> int:
        return max(0, int(self.allowed_seconds - self.used_seconds(now)))


class CertificationAnswer(models.Model):
    """One answer of a certification test, recorded once."""

    test = models.ForeignKey(
        CertificationTest, on_delete=models.CASCADE, related_name="answers"
    )
    position = models.PositiveSmallIntegerField()
    challenge = models.CharField(max_length=64)
    skill = models.CharField(max_length=64)
    competence = models.CharField(max_length=8)
    value = models.JSONField(null=True, blank=True)
    result = models.CharField(max_length=16)
    elapsed_seconds = models.FloatField(null=True, blank=True)
    focus_lost = models.BooleanField(default=False)
    # Stored at the end for a challenge the candidate never answered (time
    # out, test ended): it counts as skipped unless neutralised.
    unanswered = models.BooleanField(default=False)
    neutralised = models.BooleanField(default=False)
    neutralisation_reason = models.TextField(blank=True)
    # An adaptive test's unscored slot: a challenge without parameters yet,
    # asked so that its answers calibrate it; it never changes the result.
    trial = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["test", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["test", "challenge"], name="one_certification_answer"
            )
        ]

    def __str__(self):
        return f"{self.challenge}: {self.result}"


class ItemExposure(models.Model):
    """How many adaptive tests of a release served a challenge (exposure control).

    ``served`` counts scored positions, ``trial_served`` trial ones; a rate is
    ``served`` over the release's adaptive tests.
    """

    release = models.ForeignKey(
        "runtime.Release", on_delete=models.CASCADE, related_name="+"
    )
    challenge = models.CharField(max_length=64)
    served = models.PositiveIntegerField(default=0)
    trial_served = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["release", "challenge"], name="one_exposure_per_challenge"
            )
        ]

    def __str__(self):
        return f"{self.challenge}: {self.served} (+{self.trial_served})"


class IncidentReport(models.Model):
    """What the invigilator reported during a candidate's test."""

    test = models.ForeignKey(
        CertificationTest, on_delete=models.CASCADE, related_name="incidents"
    )
    category = models.CharField(
        _("catégorie"), max_length=24, choices=IncidentCategory.choices
    )
    challenge = models.CharField(_("épreuve concernée"), max_length=64, blank=True)
    description = models.TextField(_("description"), max_length=2000)
    confirmed = models.BooleanField(_("confirmé par le centre"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("signalement d'incident")

    def __str__(self):
        return f"{self.test} · {self.get_category_display()}"


class CertificationResult(models.Model):
    """The scored result of a test; a certificate once published and not rejected."""

    test = models.OneToOneField(
        CertificationTest, on_delete=models.CASCADE, related_name="result"
    )
    rate = models.PositiveSmallIntegerField()
    rejected = models.BooleanField()
    needs_jury = models.BooleanField()
    pix = models.PositiveSmallIntegerField()
    # [{"competence", "title", "asked", "correct", "neutralised",
    #   "profile_level", "outcome", "level", "pix", "reason"}]
    competences = models.JSONField(default=list)
    reason = models.TextField()
    published_at = models.DateTimeField(null=True, blank=True)
    verification_code = models.CharField(max_length=10, unique=True, null=True)
    scored_at = models.DateTimeField()

    class Meta:
        verbose_name = _("résultat de certification")

    def __str__(self):
        return f"{self.test} · {self.pix} pix"

    @property
    def is_certificate(self) -> bool:
        return self.published_at is not None and not self.rejected


class Decision(models.Model):
    """Every decision on a result, automatic or by a person, with its reason."""

    test = models.ForeignKey(
        CertificationTest, on_delete=models.CASCADE, related_name="decisions"
    )
    kind = models.CharField(max_length=24, choices=DecisionKind.choices)
    challenge = models.CharField(max_length=64, blank=True)
    reason = models.TextField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.reason}"
