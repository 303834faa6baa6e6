"""Review forms: a vote with scores, a comment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import VoteDecision

SCORE_CHOICES = [(score, str(score)) for score in range(1, 6)]


class VoteForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Votre décision"),
        choices=VoteDecision.choices,
        widget=forms.RadioSelect,
    )
    accuracy = forms.TypedChoiceField(
        label=_("Exactitude"), choices=SCORE_CHOICES, coerce=int, initial=4
    )
    clarity = forms.TypedChoiceField(
        label=_("Clarté"), choices=SCORE_CHOICES, coerce=int, initial=4
    )
    level_fit = forms.TypedChoiceField(
        label=_("Niveau adapté"), choices=SCORE_CHOICES, coerce=int, initial=4
    )
    accessibility = forms.TypedChoiceField(
        label=_("Accessibilité"), choices=SCORE_CHOICES, coerce=int, initial=4
    )
    comment = forms.CharField(
        label=_("Commentaire"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Obligatoire pour demander des modifications ou rejeter."),
    )

    def clean(self):
        data = super().clean()
        decision, comment = data.get("decision"), (data.get("comment") or "").strip()
        if decision and decision != "approve" and not comment:
            self.add_error(
                "comment", _("Expliquez votre décision dans un commentaire.")
            )
        return data

    def scores(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("accuracy", "clarity", "level_fit", "accessibility")
        }


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Commentaire"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
        error_messages={"required": _("Le commentaire est vide.")},
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
