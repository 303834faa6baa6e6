"""Admin view of the coverage dashboard: where the community should write next."""

from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from authoring.enums import ChallengeType, Locale
from authoring.models import Challenge
from config.admin_viewsets import FeatureViewSet

from .coverage import coverage_grid, default_minimum
from .permissions import can_see_coverage

MINIMUM_ERROR = _("Le minimum doit être un nombre entier compris entre 1 et 50.")


class CoverageFilterForm(forms.Form):
    type = forms.ChoiceField(
        label=_("Type d'épreuve"),
        required=False,
        choices=[("", _("Tous les types")), *ChallengeType.choices],
    )
    locale = forms.ChoiceField(
        label=_("Langue"),
        required=False,
        choices=[("", _("Toutes les langues")), *Locale.choices],
    )
    minimum = forms.IntegerField(
        label=_("Minimum d'épreuves validées par acquis"),
        required=False,
        min_value=1,
        max_value=50,
        error_messages={
            "invalid": MINIMUM_ERROR,
            "min_value": MINIMUM_ERROR,
            "max_value": MINIMUM_ERROR,
        },
    )


def coverage_dashboard(request):
    """Show challenges per competence and level, cells below the minimum flagged."""
    if not can_see_coverage(request.user):
        raise PermissionDenied
    form = CoverageFilterForm(request.GET)
    # An invalid field is left out of cleaned_data: its default applies.
    form.is_valid()
    filters = {
        name: value
        for name in ("type", "locale")
        if (value := form.cleaned_data.get(name))
    }
    grid = coverage_grid(
        challenge_type=filters.get("type"),
        locale=filters.get("locale"),
        minimum=form.cleaned_data.get("minimum"),
    )
    return render(
        request,
        "review/coverage.html",
        {
            "form": form,
            "grid": grid,
            "default_minimum": default_minimum(),
            "listing_url": reverse(Challenge.snippet_viewset.get_url_name("list")),
            # The challenge listing has the same type and locale filters.
            "filter_query": f"&{urlencode(filters)}" if filters else "",
        },
    )


class CoverageViewSet(FeatureViewSet):
    """The coverage dashboard: where the community should write next."""

    name = "coverage"
    url_prefix = "review/coverage"
    icon = "table"
    menu_label = _("Couverture du référentiel")
    menu_order = 160
    rule = staticmethod(can_see_coverage)

    def get_urlpatterns(self):
        return [path("", coverage_dashboard, name="index")]
