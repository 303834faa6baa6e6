"""The admin's report of links that no longer answer as they should."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_tasks import TaskResultStatus

from authoring.enums import LinkStatus
from authoring.permissions import can_see_link_report
from authoring.selectors import broken_links_report
from authoring.tasks import check_links_task
from config.admin_viewsets import FeatureViewSet


def link_report(request):
    """Links in use whose last check failed or found them moved, worst first."""
    if not can_see_link_report(request.user):
        raise PermissionDenied
    return render(request, "authoring/link_report.html", broken_links_report())


@require_POST
def link_check_now(request):
    """Check every link in use now (the daily command, from the admin)."""
    if not can_see_link_report(request.user):
        raise PermissionDenied
    result = check_links_task.enqueue()
    if result.status != TaskResultStatus.SUCCESSFUL:
        # A task worker runs it: the report fills in when it is done.
        messages.info(request, gettext("Vérification des liens lancée."))
        return redirect("links:index")
    counts = result.return_value
    messages.success(
        request,
        gettext(
            "%(total)s lien(s) vérifié(s) : %(ok)s répondent, %(moved)s "
            "redirigé(s) ailleurs, %(broken)s en erreur, %(unreachable)s "
            "injoignable(s)."
        )
        % {
            "total": sum(counts.values()),
            "ok": counts.get(LinkStatus.OK, 0),
            "moved": counts.get(LinkStatus.MOVED, 0),
            "broken": counts.get(LinkStatus.BROKEN, 0),
            "unreachable": counts.get(LinkStatus.UNREACHABLE, 0),
        },
    )
    return redirect("links:index")


class LinkReportViewSet(FeatureViewSet):
    """ "Liens à vérifier": tutorial and simulator links that failed their check."""

    name = "links"
    icon = "link"
    menu_label = _("Liens à vérifier")
    menu_order = 270
    rule = staticmethod(can_see_link_report)

    def get_urlpatterns(self):
        return [
            path("", link_report, name="index"),
            path("check/", link_check_now, name="check"),
        ]
