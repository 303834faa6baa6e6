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


@hooks.register("personal_data_export")
def participations_export(user):
    """The learner's campaign participations, in the personal data export."""
    rows = Participation.objects.filter(user=user).select_related(
        "campaign__organisation"
    )
    return "campaign_participations", [
        {
            "campaign": item.campaign.title,
            "code": item.campaign.code,
            "organisation": item.campaign.organisation.name,
            "external_id": item.external_id,
            "status": item.status,
            "started_at": item.created_at.isoformat(),
            "completed_at": item.completed_at and item.completed_at.isoformat(),
            "shared_at": item.shared_at and item.shared_at.isoformat(),
            "mastery": item.mastery,
            "skill_results": item.skill_results,
            "competence_results": item.competence_results,
            "profile": item.profile,
        }
        for item in rows.order_by("id")
    ]
