"""Wagtail hooks of the community review workflow."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton

from authoring.admin_menu import PermissionMenuItem
from authoring.models import Challenge

from . import views


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path("review/queue/", views.queue, name="review_queue"),
        path("review/challenge/<int:pk>/", views.item, name="review_item"),
        path("review/challenge/<int:pk>/vote/", views.vote, name="review_vote"),
        path("review/challenge/<int:pk>/try/", views.try_it, name="review_try"),
        path(
            "review/challenge/<int:pk>/comment/", views.comment, name="review_comment"
        ),
        path("review/activity/", views.activity, name="review_activity"),
        path(
            "review/challenge/<int:pk>/reports/<int:report_pk>/",
            views.report_status,
            name="review_report_status",
        ),
        path(
            "review/<str:kind>/<int:pk>/",
            views.other_item,
            name="review_other_item",
        ),
        path(
            "review/<str:kind>/<int:pk>/vote/",
            views.other_vote,
            name="review_other_vote",
        ),
        path(
            "review/<str:kind>/<int:pk>/comment/",
            views.other_comment,
            name="review_other_comment",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return PermissionMenuItem(
        _("File de relecture"),
        reverse("review_queue"),
        icon_name="tasks",
        order=250,
        permission="authoring.view_challenge",
    )


@hooks.register("register_admin_menu_item")
def register_activity_menu_item():
    return PermissionMenuItem(
        _("Activité des relecteurs"),
        reverse("review_activity"),
        icon_name="group",
        order=260,
        permission="authoring.publish_challenge",
    )


@hooks.register("register_snippet_listing_buttons")
def review_button(snippet, user, next_url=None):
    if not isinstance(snippet, Challenge):
        return []
    url = reverse("review_item", args=[snippet.pk])
    return [ListingButton(_("Revue"), url, icon_name="tasks", priority=60)]
