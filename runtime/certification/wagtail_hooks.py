"""Administrators create certification centres and choose their members here.

A Wagtail ModelViewSet: its permission policy is Django's model permissions
(superusers, or a group given ``certification.add_certificationcentre``),
which is what ``permissions.can_administer_centres`` reads.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from config.admin_viewsets import ProtectedDeleteView

from .models import Candidate, CertificationCentre


class CertificationCentreViewSet(ModelViewSet):
    model = CertificationCentre
    icon = "site"
    menu_label = _("Centres de certification")
    name = "centres-de-certification"
    delete_view_class = ProtectedDeleteView
    add_to_admin_menu = True
    menu_order = 800
    list_display = ["name", "external_id", "created_at"]
    search_fields = ["name", "external_id"]


@hooks.register("register_admin_viewset")
def register_certification_centres():
    return CertificationCentreViewSet()


@hooks.register("personal_data_export")
def certification_export(user):
    """The learner's certification enrolments and results, in the export."""
    rows = Candidate.objects.filter(user=user).select_related(
        "session__centre", "test__result"
    )
    exported = []
    for candidate in rows.order_by("id"):
        test = getattr(candidate, "test", None)
        result = getattr(test, "result", None) if test else None
        exported.append(
            {
                "centre": candidate.session.centre.name,
                "session_date": candidate.session.date.isoformat(),
                "first_name": candidate.first_name,
                "last_name": candidate.last_name,
                "birth_date": candidate.birth_date.isoformat(),
                "test_state": test.state if test else None,
                "certificate": {
                    "pix": result.pix,
                    "competences": result.competences,
                    "verification_code": result.verification_code,
                }
                if result is not None and result.is_certificate
                else None,
            }
        )
    return "certifications", exported
