"""Forms of the organisation space and of the administrators' pages."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.images.widgets import AdminImageChooser

from runtime.learning.forms import DsfrWidgetsMixin

from .enums import MemberRole
from .models import Organisation


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ("name", "type", "external_id", "logo")
        widgets = {"logo": AdminImageChooser}


class AdminMemberForm(forms.Form):
    email = forms.EmailField(label=_("Adresse e-mail"))
    role = forms.ChoiceField(
        label=_("Rôle"), choices=MemberRole.choices, initial=MemberRole.ADMIN
    )


class InvitationForm(DsfrWidgetsMixin, forms.Form):
    email = forms.EmailField(
        label=_("Adresse e-mail"),
        error_messages={"invalid": _("Saisissez une adresse e-mail valide.")},
    )
    role = forms.ChoiceField(
        label=_("Rôle"), choices=MemberRole.choices, initial=MemberRole.MEMBER
    )
