"""Admin forms for authoring models."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .enums import Locale


class ChallengeForm(WagtailAdminModelForm):
    locales = forms.MultipleChoiceField(
        label=_("langues"),
        choices=Locale.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Locale.FR_FR],
        error_messages={"required": _("Choisissez au moins une langue.")},
    )


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
