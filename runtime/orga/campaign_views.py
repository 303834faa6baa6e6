"""Campaigns in the organisation space: list, create, edit, archive."""

from django import forms
from django.contrib import messages
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from runtime.enums import PositioningAlgorithm
from runtime.learning.forms import DsfrWidgetsMixin
from runtime.release_index import current_release_index

from . import dashboard, export, selectors
from .access import member_organisation
from .enums import CampaignType
from .heatmap import heatmap_svg
from .services import campaigns as services
from .services.errors import OrgaError


class CampaignForm(DsfrWidgetsMixin, forms.Form):
    title = forms.CharField(label=gettext_lazy("Titre"), max_length=200)
    type = forms.ChoiceField(label=gettext_lazy("Type"), choices=CampaignType.choices)
    target_profile = forms.TypedChoiceField(
        label=gettext_lazy("Profil cible"), coerce=int
    )
    landing_text = forms.CharField(
        label=gettext_lazy("Texte d'accueil des participants"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    external_id_label = forms.CharField(
        label=gettext_lazy("Identifiant externe demandé au départ (facultatif)"),
        help_text=gettext_lazy("Par exemple : numéro d'étudiant."),
        required=False,
        max_length=100,
    )
    multiple_sendings = forms.BooleanField(
        label=gettext_lazy("Envois multiples (repasser après 4 jours)"),
        required=False,
    )
    test_algorithm = forms.ChoiceField(
        label=gettext_lazy("Algorithme du test (campagne d'évaluation)"),
        choices=PositioningAlgorithm.choices,
        initial=PositioningAlgorithm.INFERENCE,
        required=False,  # left out: the inference, as before the choice existed
        help_text=gettext_lazy(
            "« Inférence des acquis » suit les sujets du profil cible niveau par "
            "niveau. « Adaptatif IRT » choisit chaque épreuve d'après la "
            "difficulté mesurée des épreuves et pose en général moins de "
            "questions ; il demande une release dont les épreuves sont "
            "calibrées. Les tests déjà commencés gardent leur algorithme."
        ),
    )

    def __init__(self, *args, organisation, editing=None, **kwargs):
        """``editing``: the campaign being edited, None for a new one."""
        super().__init__(*args, **kwargs)
        self.fields["target_profile"].choices = [
            (profile.pk, profile.name)
            for profile in selectors.usable_target_profiles(organisation)
        ]
        self.fields["multiple_sendings"].widget.attrs["class"] = ""
        if editing is not None:  # a campaign keeps its type and profile
            del self.fields["type"], self.fields["target_profile"]
            if not editing.is_assessment:  # no test to run
                del self.fields["test_algorithm"]


def _campaign(organisation, pk):
    campaign = selectors.campaign_in(organisation, pk)
    if campaign is None:
        raise Http404
    return campaign


@member_organisation
def campaign_list(request, organisation):
    form = CampaignForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        profile = selectors.target_profile_for(
            organisation, values.pop("target_profile")
        )
        try:
            campaign = services.campaign_create(
                user=request.user,
                organisation=organisation,
                target_profile=profile,
                **values,
            )
        except services.AlgorithmRefused as error:
            form.add_error("test_algorithm", str(error))
        except OrgaError as error:
            form.add_error("target_profile", str(error))
        else:
            messages.success(
                request,
                _("Campagne créée. Code à donner aux participants : %(code)s")
                % {"code": campaign.code},
            )
            return redirect("orga_campaign", org=organisation.pk, pk=campaign.pk)
    archived = request.GET.get("archivees") == "1"
    return render(
        request,
        "orga/campaigns.html",
        {
            "organisation": organisation,
            "campaigns": selectors.campaigns_listed(organisation, archived=archived),
            "archived": archived,
            "form": form,
        },
        status=422 if request.method == "POST" else 200,
    )


@member_organisation
def campaign_edit(request, organisation, pk):
    campaign = _campaign(organisation, pk)
    initial = {
        "title": campaign.title,
        "landing_text": campaign.landing_text,
        "external_id_label": campaign.external_id_label,
        "multiple_sendings": campaign.multiple_sendings,
        "test_algorithm": campaign.test_algorithm,
    }
    form = CampaignForm(
        request.POST or None,
        initial=initial,
        organisation=organisation,
        editing=campaign,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_update(
                user=request.user, campaign=campaign, **form.cleaned_data
            )
        except services.AlgorithmRefused as error:
            form.add_error("test_algorithm", str(error))
        else:
            messages.success(request, _("Campagne enregistrée."))
            return redirect("orga_campaign", org=organisation.pk, pk=campaign.pk)
    return render(
        request,
        "orga/campaign_edit.html",
        {"organisation": organisation, "campaign": campaign, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@require_POST
@member_organisation
def campaign_archive(request, organisation, pk):
    campaign = _campaign(organisation, pk)
    archived = request.POST.get("archived") == "1"
    services.campaign_archive(user=request.user, campaign=campaign, archived=archived)
    messages.success(
        request,
        _("Campagne archivée.") if archived else _("Campagne désarchivée."),
    )
    return redirect("orga_campaign", org=organisation.pk, pk=campaign.pk)


def _dashboard_context(request, organisation, campaign, *, live=False) -> dict:
    """Return the dashboard; the live part (polled) leaves the comparison out."""
    index = current_release_index()
    if index is None:
        raise Http404
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    data = dashboard.campaign_dashboard(campaign, index, page=page)
    comparable = [] if live else list(dashboard.comparable_campaigns(campaign))
    compare_id = request.GET.get("comparer", "")
    other = next((c for c in comparable if str(c.pk) == compare_id), None)
    return {
        "organisation": organisation,
        "campaign": campaign,
        "dashboard": data,
        "heatmap": mark_safe(  # noqa: S308 - built with escape() on every value
            heatmap_svg(data["heatmap"], data["competences"])
        ),
        "page_numbers": sorted(
            {1, data["pages"]}
            | set(
                range(
                    max(1, data["page"] - 2), min(data["pages"], data["page"] + 2) + 1
                )
            )
        ),
        "comparable": comparable,
        "other": other,
        "progress": dashboard.progress_between(other, campaign) if other else None,
    }


@member_organisation
def campaign_detail(request, organisation, pk):
    """The campaign: its code and link, then its live dashboard."""
    campaign = _campaign(organisation, pk)
    link = request.build_absolute_uri(reverse("campaign_landing", args=[campaign.code]))
    context = _dashboard_context(request, organisation, campaign)
    return render(request, "orga/campaign.html", {**context, "link": link})


@member_organisation
def campaign_live(request, organisation, pk):
    """The dashboard alone, which the page polls (htmx) to stay live."""
    campaign = _campaign(organisation, pk)
    context = _dashboard_context(request, organisation, campaign, live=True)
    return render(request, "orga/campaign_dashboard.html", context)


@member_organisation
def campaign_export(request, organisation, pk):
    """Stream the campaign's CSV (UTF-8 with BOM, ``;``), one line per participant."""
    campaign = _campaign(organisation, pk)
    index = current_release_index()
    if index is None:
        raise Http404
    lines = export.campaign_csv(
        campaign, index, per_skill=request.GET.get("acquis") == "1"
    )
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    name = f"campagne-{campaign.code}-{timezone.localdate():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
