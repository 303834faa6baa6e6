"""Admin registration of the coverage dashboard."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from authoring.admin_menu import PermissionMenuItem

from . import coverage_views


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
    return PermissionMenuItem(
        _("Couverture du référentiel"),
        reverse("review_coverage"),
        icon_name="table",
        order=160,
        permission=coverage_views.PERMISSION,
    )


# Hooks of the community review workflow (queue, votes, activity).
from . import workflow_hooks  # noqa: E402, F401
