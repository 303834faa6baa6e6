from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from runtime.enums import AssessmentKind

from .admin_views import OrganisationViewSet
from .models import Participation


@hooks.register("register_admin_viewset")
def register_organisation_viewset():
    return OrganisationViewSet()


@hooks.register("assessment_result_actions")
def campaign_result_actions(request, assessment):
    """After a campaign's test, the result page leads to sharing the results."""
    if assessment.kind != AssessmentKind.CAMPAIGN:
        return []
    code = (
        Participation.objects.filter(assessment=assessment)
        .values_list("campaign__code", flat=True)
        .first()
    )
    if code is None:
        return []
    url = reverse("campaign_participation", args=[code])
    return [(_("Envoyer mes résultats"), url)]
