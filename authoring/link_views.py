"""The admin's report of links that no longer answer as they should."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy as _

from authoring.permissions import can_see_link_report
from authoring.selectors import broken_links_report
from config.admin_viewsets import FeatureViewSet


def link_report(request):
    """Links in use whose last check failed or found them moved, worst first."""
    if not can_see_link_report(request.user):
        raise PermissionDenied
    return render(request, "authoring/link_report.html", broken_links_report())


class LinkReportViewSet(FeatureViewSet):
    """ "Liens à vérifier": tutorial and simulator links that failed their check."""

    name = "links"
    icon = "link"
    menu_label = _("Liens à vérifier")
    menu_order = 270
    rule = staticmethod(can_see_link_report)

    def get_urlpatterns(self):
        return [path("", link_report, name="index")]
