"""Organisations, their members and invitations, their learners and imports."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from runtime.enums import PositioningAlgorithm

from .enums import (
    CampaignType,
    MemberRole,
    OrganisationType,
    ParticipationStatus,
    Sex,
)


class Organisation(models.Model):
    """A school, a higher-education institution or a company."""

    name = models.CharField(_("nom"), max_length=200)
    type = models.CharField(_("type"), max_length=3, choices=OrganisationType.choices)
    external_id = models.CharField(
        _("identifiant externe (UAI…)"), max_length=32, blank=True
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("organisation")

    def __str__(self):
        return self.name

    @property
    def is_school(self) -> bool:
        return self.type == OrganisationType.SCHOOL


class Membership(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rôle"), max_length=8, choices=MemberRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "user__last_name", "user__first_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="one_membership_per_user"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.organisation} · {self.role}"


class Invitation(models.Model):
    """An e-mail invited to join an organisation, accepted by following a link."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("adresse e-mail"))
    role = models.CharField(_("rôle"), max_length=8, choices=MemberRole.choices)
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.organisation}"


class OrganisationLearner(models.Model):
    """A learner as the organisation's list has them (SIECLE or CSV import)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="learners"
    )
    national_id = models.CharField(_("identifiant national"), max_length=32)
    first_name = models.CharField(_("prénom"), max_length=150)
    middle_name = models.CharField(_("deuxième prénom"), max_length=150, blank=True)
    third_name = models.CharField(_("troisième prénom"), max_length=150, blank=True)
    last_name = models.CharField(_("nom"), max_length=150)
    preferred_last_name = models.CharField(_("nom d'usage"), max_length=150, blank=True)
    birthdate = models.DateField(_("date de naissance"))
    sex = models.CharField(_("sexe"), max_length=1, choices=Sex.choices, blank=True)
    division = models.CharField(_("classe"), max_length=64, blank=True)
    is_active = models.BooleanField(_("présent dans la dernière liste"), default=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisation_learners",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["division", "last_name", "first_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "national_id"], name="one_learner_per_id"
            ),
            models.UniqueConstraint(
                fields=["organisation", "user"], name="one_learner_per_account"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "birthdate"])]

    def __str__(self):
        return f"{self.first_name} {self.last_name} ({self.division})"


class LearnerImport(models.Model):
    """A list read and previewed row by row, imported once confirmed."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="imports"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_name = models.CharField(max_length=255)
    # One entry per row: {"line", "action", "reason", "values"}; see learners.py.
    rows = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.organisation} · {self.file_name}"


class TemporaryPassword(models.Model):
    """A password a teacher set for a pupil: it must be changed at next sign-in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return str(self.user)


class TargetProfile(models.Model):
    """Tubes with a level cap each: the skills a campaign targets (profil cible).

    Without organisation, a predefined profile every organisation can use and
    copy (shipped with the demo pack).
    """

    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="target_profiles",
    )
    name = models.CharField(_("nom"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("profil cible")

    def __str__(self):
        return self.name

    @property
    def is_predefined(self) -> bool:
        return self.organisation_id is None


class TargetTube(models.Model):
    profile = models.ForeignKey(
        TargetProfile, on_delete=models.CASCADE, related_name="tubes"
    )
    tube = models.CharField(max_length=64)  # the release's tube id
    level_cap = models.PositiveSmallIntegerField(_("niveau maximal"))

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "tube"], name="one_cap_per_tube"
            ),
            models.CheckConstraint(
                condition=models.Q(level_cap__gte=1, level_cap__lte=8),
                name="level_cap_1_to_8",
            ),
        ]

    def __str__(self):
        return f"{self.tube} ≤ {self.level_cap}"


class Stage(models.Model):
    """A mastery threshold (palier) with what the learner is told on reaching it."""

    profile = models.ForeignKey(
        TargetProfile, on_delete=models.CASCADE, related_name="stages"
    )
    threshold = models.PositiveSmallIntegerField(_("seuil de maîtrise (%)"))
    title = models.CharField(_("titre"), max_length=200)
    message = models.TextField(_("message"), blank=True, max_length=2000)

    class Meta:
        ordering = ["threshold", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "threshold"], name="one_stage_per_threshold"
            ),
            models.CheckConstraint(
                condition=models.Q(threshold__lte=100), name="stage_threshold_percent"
            ),
        ]

    def __str__(self):
        return f"{self.threshold} % · {self.title}"


class Badge(models.Model):
    """Earned at a mastery rate of the whole profile, or of chosen tubes."""

    profile = models.ForeignKey(
        TargetProfile, on_delete=models.CASCADE, related_name="badges"
    )
    title = models.CharField(_("titre"), max_length=200)
    message = models.TextField(_("message"), blank=True, max_length=2000)
    threshold = models.PositiveSmallIntegerField(_("seuil de maîtrise (%)"))
    # Tube ids; empty: the mastery of the whole profile counts.
    tubes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(threshold__lte=100), name="badge_threshold_percent"
            )
        ]

    def __str__(self):
        return self.title


class Campaign(models.Model):
    """An assessment or a profile collection that learners join with its code."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="campaigns"
    )
    # RESTRICT: a profile in use stays, unless its organisation goes with it.
    target_profile = models.ForeignKey(
        TargetProfile,
        on_delete=models.RESTRICT,
        related_name="campaigns",
        verbose_name=_("profil cible"),
    )
    type = models.CharField(
        _("type"),
        max_length=24,
        choices=CampaignType.choices,
        default=CampaignType.ASSESSMENT,
    )
    title = models.CharField(_("titre"), max_length=200)
    code = models.CharField(_("code"), max_length=9, unique=True)
    landing_text = models.TextField(_("texte d'accueil"), blank=True, max_length=5000)
    external_id_label = models.CharField(
        _("libellé de l'identifiant externe"), max_length=100, blank=True
    )
    multiple_sendings = models.BooleanField(_("envois multiples"), default=False)
    # How an assessment campaign's tests choose challenges; each test keeps
    # the algorithm it started with.
    test_algorithm = models.CharField(
        _("algorithme du test"),
        max_length=16,
        choices=PositioningAlgorithm.choices,
        default=PositioningAlgorithm.INFERENCE,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("campagne")

    def __str__(self):
        return f"{self.title} ({self.code})"

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def is_assessment(self) -> bool:
        return self.type == CampaignType.ASSESSMENT


class Participation(models.Model):
    """A learner's participation: started → (to share) → shared.

    What the organisation sees is fixed when the learner shares (the
    ``*_count``, ``mastery``, ``skill_results``…): one row per participant
    is then all a dashboard or an export reads. A retry adds a new row and
    marks the previous one ``is_improved``.
    """

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="participations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    learner = models.ForeignKey(
        OrganisationLearner,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participations",
    )
    assessment = models.ForeignKey(
        "runtime.Assessment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    external_id = models.CharField(max_length=100, blank=True)
    status = models.CharField(
        max_length=16,
        choices=ParticipationStatus.choices,
        default=ParticipationStatus.STARTED,
    )
    is_improved = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    shared_at = models.DateTimeField(null=True, blank=True)
    validated_count = models.PositiveIntegerField(default=0)
    targeted_count = models.PositiveIntegerField(default=0)
    mastery = models.FloatField(null=True, blank=True)  # 0-1
    stage = models.ForeignKey(
        Stage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    badges = models.JSONField(default=list, blank=True)  # badge ids
    # {skill id: "ok" | "ko"} over the target skills tested (the rest: not tested)
    skill_results = models.JSONField(default=dict, blank=True)
    # {competence code: [validated, targeted]}
    competence_results = models.JSONField(default=dict, blank=True)
    # A profile collection's shared profile: {competence code: [pix, level]}
    profile = models.JSONField(default=dict, blank=True)
    pix_total = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "user"],
                condition=models.Q(is_improved=False),
                name="one_current_participation",
            )
        ]
        indexes = [models.Index(fields=["campaign", "status"])]

    def __str__(self):
        return f"{self.user} · {self.campaign} · {self.status}"
