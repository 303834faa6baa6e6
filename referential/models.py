"""The CRCN referential: areas, competences, thematics, tubes and skills."""

import reversion
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.search import index

from runtime.domain.scoring import skill_pix_value

from .enums import SkillStatus
from .identifiers import new_uid

tube_name_validator = RegexValidator(
    r"^@[A-Za-z][A-Za-z0-9]*$",
    _("Un nom de sujet commence par @ suivi de lettres et de chiffres, sans espace."),
)


class DigCompCompetence(models.Model):
    """A competence of the European DigComp 2.2 framework."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    title = models.CharField(_("intitulé"), max_length=200)

    class Meta:
        ordering = ["code"]
        verbose_name = _("compétence DigComp 2.2")
        verbose_name_plural = _("compétences DigComp 2.2")

    def __str__(self):
        return f"DigComp {self.code} {self.title}"


@reversion.register()
class Area(models.Model):
    code = models.CharField(_("code"), max_length=4, unique=True)
    title = models.CharField(_("intitulé"), max_length=200)

    panels = [FieldPanel("code", read_only=True), FieldPanel("title")]

    class Meta:
        ordering = ["code"]
        verbose_name = _("domaine")
        verbose_name_plural = _("domaines")

    def __str__(self):
        return f"{self.code}. {self.title}"


@reversion.register()
class Competence(index.Indexed, models.Model):
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        related_name="competences",
        verbose_name=_("domaine"),
    )
    code = models.CharField(_("code"), max_length=8, unique=True)
    title = models.CharField(_("intitulé"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    digcomp = models.ManyToManyField(
        DigCompCompetence,
        blank=True,
        related_name="crcn_competences",
        verbose_name=_("correspondance DigComp 2.2"),
    )

    panels = [
        FieldPanel("code", read_only=True),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("digcomp"),
    ]
    search_fields = [index.SearchField("title"), index.FilterField("code")]

    class Meta:
        ordering = ["code"]
        verbose_name = _("compétence")
        verbose_name_plural = _("compétences")

    def __str__(self):
        return f"{self.code} {self.title}"

    def digcomp_codes(self) -> str:
        """Return the DigComp codes this competence maps to, e.g. '1.1, 1.2'."""
        return ", ".join(item.code for item in self.digcomp.all())


@reversion.register()
class Thematic(models.Model):
    uid = models.CharField(
        _("identifiant"), max_length=64, unique=True, default=new_uid
    )
    competence = models.ForeignKey(
        Competence,
        on_delete=models.PROTECT,
        related_name="thematics",
        verbose_name=_("compétence"),
    )
    name = models.CharField(_("nom"), max_length=200)
    position = models.PositiveIntegerField(_("position"), default=0)

    panels = [FieldPanel("competence"), FieldPanel("name"), FieldPanel("position")]

    class Meta:
        ordering = ["competence__code", "position", "name"]
        verbose_name = _("thématique")
        verbose_name_plural = _("thématiques")

    def __str__(self):
        return self.name


@reversion.register()
class Tube(index.Indexed, models.Model):
    uid = models.CharField(
        _("identifiant"), max_length=64, unique=True, default=new_uid
    )
    competence = models.ForeignKey(
        Competence,
        on_delete=models.PROTECT,
        related_name="tubes",
        verbose_name=_("compétence"),
    )
    thematic = models.ForeignKey(
        Thematic,
        on_delete=models.PROTECT,
        related_name="tubes",
        verbose_name=_("thématique"),
    )
    name = models.CharField(
        _("nom"),
        max_length=100,
        unique=True,
        validators=[tube_name_validator],
        help_text=_(
            "Par exemple @rechercheWeb ; les acquis s'appellent @rechercheWeb1…8."
        ),
    )
    title = models.CharField(_("intitulé"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    panels = [
        FieldPanel("competence"),
        FieldPanel("thematic"),
        FieldPanel("name"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("position"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("title"),
        index.FilterField("competence"),
    ]

    class Meta:
        ordering = ["competence__code", "position", "name"]
        verbose_name = _("sujet (tube)")
        verbose_name_plural = _("sujets (tubes)")

    def __str__(self):
        return f"{self.name} — {self.title}"

    def clean(self):
        if (
            self.thematic_id
            and self.competence_id
            and self.thematic.competence_id != self.competence_id
        ):
            raise ValidationError(
                {"thematic": _("La thématique doit appartenir à la même compétence.")}
            )


@reversion.register()
class Skill(index.Indexed, models.Model):
    uid = models.CharField(
        _("identifiant"), max_length=64, unique=True, default=new_uid
    )
    tube = models.ForeignKey(
        Tube, on_delete=models.PROTECT, related_name="skills", verbose_name=_("sujet")
    )
    level = models.PositiveSmallIntegerField(
        _("niveau"), validators=[MinValueValidator(1), MaxValueValidator(8)]
    )
    status = models.CharField(
        _("statut"),
        max_length=16,
        choices=SkillStatus.choices,
        default=SkillStatus.DRAFT,
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    description = models.TextField(_("description"), blank=True)

    panels = [
        HelpPanel(
            content=_(
                "Le nom de l'acquis est le nom du sujet suivi du niveau ; sa valeur "
                "en pix est calculée : min(4, 8 / N), N étant le nombre d'acquis "
                "actifs du même niveau dans la compétence."
            )
        ),
        FieldPanel("tube"),
        FieldPanel("level"),
        FieldPanel("status"),
        FieldPanel("version"),
        FieldPanel("description"),
    ]
    search_fields = [
        index.SearchField("search_names"),
        index.AutocompleteField("search_names"),
        index.SearchField("description"),
        index.AutocompleteField("description"),
        index.FilterField("level"),
        index.FilterField("status"),
        index.FilterField("tube"),
    ]

    class Meta:
        ordering = ["tube__competence__code", "tube__name", "level", "version"]
        verbose_name = _("acquis")
        verbose_name_plural = _("acquis")
        constraints = [
            models.UniqueConstraint(
                fields=["tube", "level"],
                condition=Q(status=SkillStatus.ACTIVE),
                name="one_active_skill_per_tube_level",
                violation_error_message=_(
                    "Un autre acquis actif existe déjà pour ce sujet et ce niveau."
                ),
            ),
            models.UniqueConstraint(
                fields=["tube", "level", "version"], name="unique_skill_version"
            ),
        ]

    def __str__(self):
        suffix = f" v{self.version}" if self.version > 1 else ""
        return f"{self.name}{suffix}"

    @property
    def name(self) -> str:
        """Return the skill name: the tube name followed by the level."""
        return f"{self.tube.name}{self.level}"

    def search_names(self) -> str:
        """Return what finds the skill by name: @tube1, tube1 and the tube's title.

        Challenges, hints and tutorials index it too, so that searching
        « rechercheMoteur1 » or « @rechercheMoteur1 » finds them in every list.
        """
        bare = self.name.lstrip("@")
        return f"{self.name} {bare} {self.tube.title}"

    def pix_display(self) -> str:
        """Return the pix value when annotated by skills_with_pix_values()."""
        count = getattr(self, "active_at_level", None)
        if self.status != SkillStatus.ACTIVE or not count:
            return "—"
        return f"{skill_pix_value(count):.2f}"
