"""Campaigns for learners: enter the code, the landing page, identify, start,
take the test (the runtime's pages), share, retry."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from runtime.domain import codes
from runtime.learning.forms import DsfrWidgetsMixin

from . import selectors
from .enums import ParticipationStatus
from .services import campaigns as services
from .services import learners as learner_services
from .services.errors import OrgaError


class CodeForm(DsfrWidgetsMixin, forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code de la campagne"),
        max_length=20,
        help_text=gettext_lazy("9 caractères, par exemple ABCDEF234."),
    )


class IdentityForm(DsfrWidgetsMixin, forms.Form):
    first_name = forms.CharField(label=gettext_lazy("Prénom"), max_length=150)
    last_name = forms.CharField(label=gettext_lazy("Nom"), max_length=150)
    birthdate = forms.DateField(
        label=gettext_lazy("Date de naissance"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": gettext_lazy("Saisissez une date valide.")},
    )

    def clean_birthdate(self):
        value = self.cleaned_data["birthdate"]
        if not datetime.date(1900, 1, 1) <= value <= timezone.localdate():
            raise forms.ValidationError(_("Saisissez une date valide."))
        return value


class AccountForm(IdentityForm):
    password = forms.CharField(
        label=gettext_lazy("Mot de passe"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


def _campaign(code: str):
    campaign = selectors.campaign_by_code(codes.normalise_code(code))
    if campaign is None:
        raise Http404
    return campaign


def campaign_code(request):
    """Enter a campaign's code."""
    form = CodeForm(request.POST or request.GET or None)
    if (request.POST or request.GET) and form.is_valid():
        code = codes.normalise_code(form.cleaned_data["code"])
        if selectors.campaign_by_code(code) is not None:
            return redirect("campaign_landing", code=code)
        form.add_error("code", _("Aucune campagne n'a ce code. Vérifiez-le."))
    return render(
        request,
        "orga/campaign_code.html",
        {"form": form},
        status=404 if form.errors.get("code") else 200,
    )


def campaign_landing(request, code):
    """The campaign's landing page: the organisation, its text, start."""
    campaign = _campaign(code)
    participation = services.current_participation(campaign, request.user)
    return render(
        request,
        "orga/campaign_landing.html",
        {"campaign": campaign, "participation": participation},
    )


@require_POST
def campaign_start(request, code):
    campaign = _campaign(code)
    if not request.user.is_authenticated:
        if campaign.organisation.is_school:
            return redirect("campaign_identify", code=campaign.code)
        return redirect_to_login(reverse("campaign_landing", args=[campaign.code]))
    try:
        participation = services.participation_start(
            user=request.user,
            campaign=campaign,
            external_id=request.POST.get("external_id", ""),
        )
    except services.NeedsReconciliation:
        return redirect("campaign_identify", code=campaign.code)
    except OrgaError as error:
        messages.error(request, str(error))
        return redirect("campaign_landing", code=campaign.code)
    return _continue(participation)


def _continue(participation):
    """Go on where the participation stands: the test, or sharing."""
    if (
        participation.assessment_id
        and participation.status == ParticipationStatus.STARTED
    ):
        return redirect("assessment", pk=participation.assessment_id)
    return redirect("campaign_participation", code=participation.campaign.code)


def campaign_identify(request, code):
    """A school's pupil: found in the list by names and birth date; without an
    account yet, they create one without e-mail."""
    campaign = _campaign(code)
    if not campaign.organisation.is_school:
        raise Http404
    signed_in = request.user.is_authenticated
    form_class = IdentityForm if signed_in else AccountForm
    form = form_class(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if signed_in:
                learner_services.learner_reconcile(
                    user=request.user,
                    organisation=campaign.organisation,
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    birthdate=data["birthdate"],
                )
            else:
                created, _learner = learner_services.learner_account_create(
                    organisation=campaign.organisation,
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    birthdate=data["birthdate"],
                    password=data["password"],
                )
                login(
                    request,
                    created,
                    backend="django.contrib.auth.backends.ModelBackend",
                )
        except OrgaError as error:
            form.add_error(None, str(error))
        else:
            if created is not None:
                messages.success(
                    request,
                    _(
                        "Votre compte est créé. Notez votre identifiant pour vous "
                        "reconnecter : %(username)s"
                    )
                    % {"username": created.username},
                )
            return render(
                request,
                "orga/campaign_identified.html",
                {"campaign": campaign, "created": created},
            )
    return render(
        request,
        "orga/campaign_identify.html",
        {"campaign": campaign, "form": form, "signed_in": signed_in},
        status=422 if request.method == "POST" else 200,
    )


def campaign_participation(request, code):
    """The learner's participation: share, what was shared, retry."""
    campaign = _campaign(code)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    participation = services.current_participation(campaign, request.user)
    if participation is None:
        return redirect("campaign_landing", code=campaign.code)
    services.participation_refresh(participation)
    if participation.status == ParticipationStatus.STARTED:
        return _continue(participation)
    retry_at = services.retry_available_at(participation)
    return render(
        request,
        "orga/campaign_participation.html",
        {
            "campaign": campaign,
            "participation": participation,
            "retry_at": retry_at,
            "can_retry": retry_at is not None and retry_at <= timezone.now(),
            "mastery_percent": round(100 * (participation.mastery or 0)),
        },
    )


@require_POST
def campaign_share(request, code):
    campaign = _campaign(code)
    participation = services.current_participation(campaign, request.user)
    if participation is None:
        raise Http404
    try:
        services.participation_share(user=request.user, participation=participation)
    except OrgaError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Merci ! Vos résultats ont été envoyés à %(name)s.")
            % {"name": campaign.organisation.name},
        )
    return redirect("campaign_participation", code=campaign.code)


@require_POST
def campaign_retry(request, code):
    campaign = _campaign(code)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("campaign_landing", args=[campaign.code]))
    try:
        participation = services.participation_retry(
            user=request.user, campaign=campaign
        )
    except OrgaError as error:
        messages.error(request, str(error))
        return redirect("campaign_participation", code=campaign.code)
    return _continue(participation)
