"""Learner forms: sign-up and problem reports."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
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
    """Log in with one's e-mail address (or, for an account without one, its
    username)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Adresse e-mail (ou identifiant) ou mot de passe incorrect. Les "
            "majuscules comptent dans le mot de passe."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Adresse e-mail")
        self.fields["username"].help_text = _(
            "Ou votre identifiant, si votre compte n'a pas d'adresse e-mail."
        )
        self.fields["username"].widget.attrs["autocomplete"] = "username"

    def clean(self):
        """Let an address that is not the account's username name its account."""
        typed = (self.cleaned_data.get("username") or "").strip()
        if "@" in typed:
            User = get_user_model()
            if not User.objects.filter(username=typed).exists():
                owners = list(
                    User.objects.filter(email__iexact=typed).values_list(
                        "username", flat=True
                    )[:2]
                )
                if len(owners) == 1:
                    self.cleaned_data["username"] = owners[0]
        return super().clean()


class DsfrPasswordChangeForm(DsfrWidgetsMixin, PasswordChangeForm):
    pass


class EmailChangeForm(DsfrWidgetsMixin, forms.Form):
    """A new e-mail address, confirmed by the current password."""

    email = forms.EmailField(label=_("Nouvelle adresse e-mail"))
    password = forms.CharField(
        label=_("Mot de passe actuel"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Ce mot de passe n'est pas le bon."))
        return password


class AccountDeleteForm(DsfrWidgetsMixin, forms.Form):
    """The current password, to delete one's account."""

    password = forms.CharField(
        label=_("Mot de passe actuel"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Ce mot de passe n'est pas le bon."))
        return password


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
        # Whether the address has an account is never said here: the answer
        # and the e-mail sent tell only the mailbox's owner (learning/signup.py).
        return self.cleaned_data["email"].strip().lower()


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
