"""The admin's report of links that no longer answer as they should."""

from django.contrib.auth.decorators import permission_required
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy as _

from authoring.enums import LinkStatus
from authoring.links import links_in_use
from authoring.models import LinkCheck
from config.admin_viewsets import FeatureViewSet

PERMISSION = "authoring.change_tutorial"


@permission_required(PERMISSION, raise_exception=True)
def link_report(request):
    """Links in use whose last check failed or found them moved, worst first."""
    severity = Case(
        When(status=LinkStatus.BROKEN, then=Value(0)),
        When(status=LinkStatus.UNREACHABLE, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    in_use = links_in_use()
    checks = (
        LinkCheck.objects.filter(url__in=list(in_use))
        .exclude(status=LinkStatus.OK)
        .order_by(severity, "-failures", "url")
    )
    rows = [{"check": check, "items": in_use[check.url]} for check in checks]
    last = LinkCheck.objects.order_by("-checked_at").values_list(
        "checked_at", flat=True
    )
    return render(
        request,
        "authoring/link_report.html",
        {"rows": rows, "in_use": len(in_use), "last_checked": last.first()},
    )


class LinkReportViewSet(FeatureViewSet):
    """ "Liens à vérifier": tutorial and simulator links that failed their check."""

    name = "links"
    icon = "link"
    menu_label = _("Liens à vérifier")
    menu_order = 270
    rule = staticmethod(lambda user: user.has_perm(PERMISSION))

    def get_urlpatterns(self):
        return [path("", link_report, name="index")]
