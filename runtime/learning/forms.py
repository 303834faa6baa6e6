"""Learner forms: sign-up and problem reports."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordResetForm,
    SetPasswordForm,
    UserCreationForm,
)
from django.utils.translation import gettext_lazy as _

from runtime.enums import ReportCategory, TutorialFormat


class DsfrWidgetsMixin:
    """Give widgets the French State design system's classes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = "fr-select" if isinstance(widget, forms.Select) else "fr-input"
            widget.attrs.setdefault("class", css)


class DsfrAuthenticationForm(DsfrWidgetsMixin, AuthenticationForm):
    pass


class DsfrPasswordResetForm(DsfrWidgetsMixin, PasswordResetForm):
    pass


class DsfrSetPasswordForm(DsfrWidgetsMixin, SetPasswordForm):
    pass


class SignUpForm(DsfrWidgetsMixin, UserCreationForm):
    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    email = forms.EmailField(label=_("Adresse e-mail"))

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("first_name", "last_name", "email")

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Un compte existe déjà avec cette adresse."))
        return email

    def save(self, commit=True):
        user = super().save(commit=False)
        user.username = self.cleaned_data["email"]
        if commit:
            user.save()
        return user


class ProblemReportForm(DsfrWidgetsMixin, forms.Form):
    category = forms.ChoiceField(
        label=_("Le problème porte sur"), choices=ReportCategory.choices
    )
    comment = forms.CharField(
        label=_("Décrivez le problème"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Décrivez le problème en quelques mots.")},
    )


class TutorialProposalForm(DsfrWidgetsMixin, forms.Form):
    skill = forms.CharField(label=_("Acquis"), widget=forms.HiddenInput)
    title = forms.CharField(label=_("Titre"), max_length=255)
    link = forms.URLField(
        label=_("Lien (https)"),
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": _("Saisissez une adresse web valide.")},
    )
    source = forms.CharField(label=_("Source (site, éditeur)"), max_length=200)
    format = forms.ChoiceField(label=_("Format"), choices=TutorialFormat.choices)
    minutes = forms.IntegerField(
        label=_("Durée (minutes)"),
        min_value=1,
        max_value=600,
        error_messages={
            "min_value": _("La durée est d'au moins 1 minute."),
            "max_value": _("La durée est de 600 minutes au plus."),
        },
    )

    def clean_link(self):
        link = self.cleaned_data["link"]
        if not link.startswith("https://"):
            raise forms.ValidationError(_("Le lien doit commencer par https://."))
        return link
