"""Administrators create certification centres and choose their members here.

A Wagtail ModelViewSet: its permission policy is Django's model permissions
(superusers, or a group given ``certification.add_certificationcentre``),
which is what ``permissions.can_administer_centres`` reads.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import CertificationCentre


class CertificationCentreViewSet(ModelViewSet):
    model = CertificationCentre
    icon = "site"
    menu_label = _("Centres de certification")
    name = "centres-de-certification"
    add_to_admin_menu = True
    menu_order = 800
    list_display = ["name", "external_id", "created_at"]
    search_fields = ["name", "external_id"]


@hooks.register("register_admin_viewset")
def register_certification_centres():
    return CertificationCentreViewSet()
