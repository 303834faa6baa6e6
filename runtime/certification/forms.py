"""Certification forms: sessions, candidates, joining, invigilation, jury."""

from django import forms
from django.utils.translation import gettext_lazy as _

from runtime.learning.forms import DsfrWidgetsMixin

from .enums import IncidentCategory, SessionMode
from .models import Candidate, CertificationSession

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SessionForm(DsfrWidgetsMixin, forms.ModelForm):
    def __init__(self, *args, adaptive_reason: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.adaptive_reason = adaptive_reason
        if adaptive_reason:
            self.fields["mode"].choices = [
                (SessionMode.CLASSIC, SessionMode.CLASSIC.label)
            ]
            self.fields["mode"].help_text = _("Mode adaptatif indisponible : %s") % (
                adaptive_reason
            )

    class Meta:
        model = CertificationSession
        fields = [
            "address",
            "room",
            "date",
            "time",
            "examiner",
            "description",
            "duration_minutes",
            "mode",
        ]
        widgets = {
            "date": DATE_INPUT,
            "time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_duration_minutes(self):
        minutes = self.cleaned_data["duration_minutes"]
        if not 15 <= minutes <= 300:
            raise forms.ValidationError(_("La durée va de 15 à 300 minutes."))
        return minutes


class CandidateForm(DsfrWidgetsMixin, forms.ModelForm):
    class Meta:
        model = Candidate
        fields = [
            "first_name",
            "last_name",
            "birth_date",
            "email",
            "external_id",
            "extra_time_percent",
        ]
        widgets = {"birth_date": DATE_INPUT}

    def clean_extra_time_percent(self):
        value = self.cleaned_data["extra_time_percent"]
        if value > 100:
            raise forms.ValidationError(_("Le temps majoré va de 0 à 100 %."))
        return value


class CandidateImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier CSV des candidats"),
        help_text=_(
            "Colonnes : Prénom ; Nom ; Date de naissance (JJ/MM/AAAA) ; E-mail ; "
            "Identifiant externe ; Temps majoré (%). Séparateur point-virgule "
            "ou virgule, encodage UTF-8."
        ),
        required=False,
    )
    content = forms.CharField(widget=forms.HiddenInput, required=False)


class FinaliseForm(DsfrWidgetsMixin, forms.Form):
    comment = forms.CharField(
        label=_("Commentaire de fin de session (facultatif)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )


class JoinForm(DsfrWidgetsMixin, forms.Form):
    access_code = forms.CharField(
        label=_("Code d'accès de la session"),
        max_length=6,
        min_length=6,
        help_text=_("6 caractères, communiqués par le surveillant."),
    )
    first_name = forms.CharField(label=_("Prénom"), max_length=100)
    last_name = forms.CharField(label=_("Nom"), max_length=100)
    birth_date = forms.DateField(label=_("Date de naissance"), widget=DATE_INPUT)


class InvigilatorForm(DsfrWidgetsMixin, forms.Form):
    access_code = forms.CharField(label=_("Code d'accès de la session"), max_length=6)
    password = forms.CharField(
        label=_("Mot de passe surveillant"),
        max_length=32,
        widget=forms.PasswordInput,
    )


class IncidentForm(DsfrWidgetsMixin, forms.Form):
    category = forms.ChoiceField(label=_("Catégorie"), choices=IncidentCategory.choices)
    challenge = forms.ChoiceField(label=_("Épreuve concernée"), required=False)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )

    def __init__(self, *args, challenges=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["challenge"].choices = [("", _("Aucune en particulier"))] + [
            (pick["challenge"], _("Question %(n)d (%(competence)s)")
             % {"n": number, "competence": pick["competence"]})
            for number, pick in enumerate(challenges, start=1)
        ]  # fmt: skip


class JuryDecisionForm(DsfrWidgetsMixin, forms.Form):
    comment = forms.CharField(
        label=_("Raison de la décision"), max_length=2000, widget=forms.TextInput
    )


class VerificationForm(DsfrWidgetsMixin, forms.Form):
    code = forms.CharField(
        label=_("Code de vérification"),
        max_length=12,
        help_text=_("« P- » suivi de 8 caractères, par exemple P-7BK4M2QX."),
    )


class CredentialUploadForm(forms.Form):
    credential = forms.FileField(label=_("Certificat numérique Open Badges (JSON)"))
