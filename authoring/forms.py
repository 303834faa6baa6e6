"""Admin forms for authoring models."""

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .enums import Locale
from .models import Hint
from .selectors import current_prototype, next_declinaison_number

DECLINAISON, NEW_PROTOTYPE = "declinaison", "prototype"


class ChallengeForm(WagtailAdminModelForm):
    locales = forms.MultipleChoiceField(
        label=_("langues"),
        choices=Locale.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Locale.FR_FR],
        error_messages={"required": _("Choisissez au moins une langue.")},
    )
    genealogy = forms.ChoiceField(
        label=_("Place dans l'acquis"),
        choices=[
            (
                DECLINAISON,
                _(
                    "Déclinaison d'un prototype : le prototype choisi ci-dessous, "
                    "ou à défaut le prototype actuel de l'acquis"
                ),
            ),
            (
                NEW_PROTOTYPE,
                _(
                    "Nouvelle version du prototype : à la validation, elle remplace "
                    "le prototype actuel, archivé avec ses déclinaisons"
                ),
            ),
        ],
        widget=forms.RadioSelect,
        initial=DECLINAISON,
        required=False,
        help_text=_(
            "Une déclinaison s'ajoute aux épreuves de l'acquis. Le premier prototype "
            "d'un acquis n'archive rien."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "genealogy" in self.fields:
            self.fields["genealogy"].initial = (
                NEW_PROTOTYPE if self.instance.prototype_id is None else DECLINAISON
            )

    def clean(self):
        """Fill the prototype link from the explicit choice of the author."""
        data = super().clean()
        skill = data.get("skill")
        # Not posted (an older form, a script): the challenge keeps its place.
        genealogy = data.get("genealogy") or self.fields["genealogy"].initial
        if genealogy == NEW_PROTOTYPE:
            data["prototype"], data["declinaison_number"] = None, None
        elif genealogy == DECLINAISON and skill is not None:
            self._fill_declinaison(data, skill)
        return data

    def _fill_declinaison(self, data, skill) -> None:
        prototype = data.get("prototype") or current_prototype(
            skill.pk, exclude_pk=self.instance.pk
        )
        if prototype is None:
            # No prototype yet: this challenge is the skill's first one.
            data["prototype"], data["declinaison_number"] = None, None
            data["genealogy"] = NEW_PROTOTYPE
            return
        data["prototype"] = prototype
        number = data.get("declinaison_number")
        taken = prototype.declinaisons.exclude(pk=self.instance.pk).filter(
            declinaison_number=number
        )
        if not number or taken.exists():
            data["declinaison_number"] = next_declinaison_number(prototype)


class StatusChangeForm(forms.Form):
    message = forms.CharField(
        label=_("Message du journal des modifications"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Obligatoire : expliquez pourquoi cette épreuve est retirée."),
        error_messages={"required": _("Le message du journal est obligatoire.")},
    )

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError(_("Le message du journal est obligatoire."))
        return message


class PublishWithoutReviewForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif de la publication sans revue"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Obligatoire, gardé dans l'historique : pourquoi ce contenu ne passe "
            "pas par la revue communautaire et la validation finale."
        ),
        error_messages={"required": _("Le motif est obligatoire.")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Le motif est obligatoire."))
        return reason


class HintForm(WagtailAdminModelForm):
    """A skill has one hint: a second one is refused with a link to the first."""

    def clean_skill(self):
        skill = self.cleaned_data["skill"]
        existing = Hint.objects.filter(skill=skill).exclude(pk=self.instance.pk).first()
        if existing is not None:
            url = reverse("wagtailsnippets_authoring_hint:edit", args=[existing.pk])
            raise forms.ValidationError(
                format_html(
                    _(
                        "L'acquis {skill} a déjà un indice : "
                        '<a href="{url}">modifiez l\'indice existant</a>.'
                    ),
                    skill=skill,
                    url=url,
                )
            )
        return skill
