"""Admin registration of the coverage dashboard."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import coverage_views


class CoverageMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(coverage_views.PERMISSION)


@hooks.register("register_admin_urls")
def register_coverage_urls():
    return [
        path(
            "review/coverage/",
            coverage_views.coverage_dashboard,
            name="review_coverage",
        )
    ]


@hooks.register("register_admin_menu_item")
def register_coverage_menu_item():
    return CoverageMenuItem(
        _("Couverture du référentiel"),
        reverse("review_coverage"),
        icon_name="table",
        order=160,
    )


# Hooks of the community review workflow (queue, votes, activity).
from . import workflow_hooks  # noqa: E402, F401
