"""Challenges (épreuves): the items learners answer."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail import hooks
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from authoring.enums import (
    Accessibility,
    AnswerFormat,
    ChallengeType,
    Locale,
    Pedagogy,
)
from authoring.typography import fix_challenge_typography
from authoring.validation import challenge_errors
from referential.identifiers import new_uid
from runtime.domain import challenge_format

from .lifecycle import ContentLifecycleMixin


def default_locales() -> list[str]:
    """Return the locales of a new challenge."""
    return [Locale.FR_FR]


class Challenge(
    ContentLifecycleMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    uid = models.CharField(
        _("identifiant"), max_length=64, unique=True, default=new_uid, editable=False
    )
    skill = models.ForeignKey(
        "referential.Skill",
        on_delete=models.PROTECT,
        related_name="challenges",
        verbose_name=_("acquis"),
    )
    type = models.CharField(_("type"), max_length=16, choices=ChallengeType.choices)
    instruction = models.TextField(
        _("consigne"),
        help_text=_("En Markdown. Les scripts et liens javascript: sont retirés."),
    )
    alternative_instruction = models.TextField(
        _("consigne alternative"),
        blank=True,
        help_text=_("Lue par les lecteurs d'écran à la place d'une consigne visuelle."),
    )
    proposals = models.TextField(
        _("propositions"),
        blank=True,
        help_text=_(
            "QCU/QCM : une option par ligne. QROC/QROCM : texte avec des champs "
            "${clé}, ${clé#indication}, ${clé§libellé accessible} ou une liste "
            'déroulante ${clé options=["A","B"]}.'
        ),
    )
    solution = models.TextField(
        _("solution"),
        help_text=_(
            "QCU : numéro de l'option (2). QCM : numéros séparés par des virgules "
            "(1,3). QROC : une réponse acceptée par ligne. QROCM : « clé: » puis "
            "une ligne « - variante » par réponse acceptée."
        ),
    )
    tolerance_t1 = models.BooleanField(_("T1 : casse, accents, espaces"), default=True)
    tolerance_t2 = models.BooleanField(_("T2 : ponctuation"), default=True)
    tolerance_t3 = models.BooleanField(_("T3 : fautes de frappe (25 %)"), default=True)
    answer_format = models.CharField(
        _("format de réponse"),
        max_length=16,
        choices=AnswerFormat.choices,
        default=AnswerFormat.WORDS,
    )
    partial_min = models.PositiveSmallIntegerField(
        _("réussite partielle à partir de"), null=True, blank=True
    )
    partial_max = models.PositiveSmallIntegerField(
        _("réussite complète à partir de"), null=True, blank=True
    )
    timer = models.IntegerField(
        _("minuteur (secondes)"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, _("Le minuteur doit durer au moins 1 seconde."))
        ],
    )
    focused = models.BooleanField(
        _("épreuve focalisée"),
        default=False,
        help_text=_("Quitter la page pendant l'épreuve est détecté (certification)."),
    )
    shuffled = models.BooleanField(_("propositions mélangées"), default=False)
    illustration = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("illustration"),
    )
    illustration_alt = models.CharField(
        _("texte alternatif de l'illustration"), max_length=500, blank=True
    )
    attachments = ParentalManyToManyField(
        "wagtaildocs.Document",
        blank=True,
        related_name="challenges",
        verbose_name=_("pièces jointes"),
    )
    embed_url = models.URLField(_("simulateur intégré (URL)"), blank=True)
    embed_title = models.CharField(_("titre du simulateur"), max_length=200, blank=True)
    embed_height = models.PositiveIntegerField(
        _("hauteur du simulateur (px)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(50), MaxValueValidator(2000)],
    )
    embed_auto_reply = models.BooleanField(
        _("le simulateur répond seul"), default=False
    )
    locales = models.JSONField(_("langues"), default=default_locales)
    pedagogy = models.CharField(
        _("pédagogie"),
        max_length=16,
        choices=Pedagogy.choices,
        default=Pedagogy.KNOWLEDGE,
    )
    accessibility_blind = models.CharField(
        _("accessibilité : non-voyants"),
        max_length=3,
        choices=Accessibility.choices,
        default=Accessibility.RAS,
    )
    accessibility_colour_blind = models.CharField(
        _("accessibilité : daltoniens"),
        max_length=3,
        choices=Accessibility.choices,
        default=Accessibility.RAS,
    )
    prototype = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="declinaisons",
        verbose_name=_("prototype"),
        help_text=_(
            "Vide pour un prototype ; sinon le prototype dont ceci est une déclinaison."
        ),
    )
    declinaison_number = models.PositiveSmallIntegerField(
        _("numéro de déclinaison"), null=True, blank=True
    )
    difficulty = models.FloatField(_("difficulté (b)"), null=True, blank=True)
    discrimination = models.FloatField(_("discrimination (a)"), null=True, blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    search_fields = [
        index.SearchField("instruction"),
        index.SearchField("proposals"),
        index.SearchField("alternative_instruction"),
        index.AutocompleteField("instruction"),
        index.SearchField("skill_names"),
        index.AutocompleteField("skill_names"),
        index.FilterField("status"),
        index.FilterField("type"),
        index.FilterField("skill"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("épreuve")
        verbose_name_plural = _("épreuves")
        permissions = [
            ("archive_challenge", _("Peut archiver ou déclarer périmée une épreuve")),
            ("manage_content_pack", _("Peut importer et exporter des paquets")),
            (
                "publish_without_review",
                _("Peut publier un contenu sans revue, avec un motif"),
            ),
        ]
        indexes = [models.Index(fields=["status", "skill"])]

    def __str__(self):
        return f"{self.type} · {Truncator(self.instruction).chars(60)}"

    def skill_names(self) -> str:
        """Return the skill's names, so that its name finds the challenge."""
        return self.skill.search_names() if self.skill_id else ""

    @property
    def tolerances(self) -> list[str]:
        """Return the enabled tolerances, in order."""
        enabled = (self.tolerance_t1, self.tolerance_t2, self.tolerance_t3)
        return [
            name for name, on in zip(("t1", "t2", "t3"), enabled, strict=True) if on
        ]

    @property
    def is_prototype(self) -> bool:
        return self.prototype_id is None

    def to_check_spec(self) -> dict:
        """Return the spec that runtime.domain.answer_checking.check() takes."""
        return challenge_format.build_check_spec(
            challenge_type=self.type,
            proposals=self.proposals,
            solution=self.solution,
            tolerances=self.tolerances,
            answer_format=self.answer_format,
            timer=self.timer,
            focused=self.focused,
            partial=(self.partial_min, self.partial_max),
        )

    def clean(self):
        super().clean()
        for name in ("instruction", "alternative_instruction", "proposals", "solution"):
            # Browsers post textareas with CRLF; store one line-ending convention.
            setattr(self, name, getattr(self, name).replace("\r\n", "\n"))
        # French typography is fixed on save; the admin tells the author how many.
        self.typography_fixes = fix_challenge_typography(self)
        if errors := challenge_errors(self):
            raise ValidationError(errors)

    def get_preview_template(self, request, mode_name):
        return "preview/challenge_preview.html"

    def get_preview_context(self, request, mode_name):
        # The preview app fills it in (preview.modes): it imports authoring,
        # so authoring asks through a hook instead of importing it.
        context = super().get_preview_context(request, mode_name)
        for add_context in hooks.get_hooks("construct_challenge_preview_context"):
            add_context(self, context, mode_name)
        return context

    @property
    def preview_modes(self):
        return [
            ("", _("Comme un apprenant")),
            ("solution", _("Avec la solution et les tolérances")),
            ("try", _("Essayer")),
        ]
