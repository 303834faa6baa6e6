"""The community review in the admin: the queue, items' pages, reviewer activity."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup

from config.admin_viewsets import FeatureViewSet

from . import views
from .calibration_views import CalibrationViewSet
from .permissions import can_review, can_see_reviewer_activity


class ReviewQueueViewSet(FeatureViewSet):
    """The queue of proposed content and each item's page (vote, try, comment)."""

    name = "review"
    icon = "tasks"
    menu_label = _("File de relecture")
    add_to_admin_menu = False
    rule = staticmethod(can_review)

    def get_urlpatterns(self):
        return [
            path("queue/", views.queue, name="queue"),
            path("challenge/<int:pk>/", views.item, name="item"),
            path("challenge/<int:pk>/vote/", views.vote, name="vote"),
            path("challenge/<int:pk>/try/", views.try_it, name="try"),
            path("challenge/<int:pk>/comment/", views.comment, name="comment"),
            path(
                "challenge/<int:pk>/reports/<int:report_pk>/",
                views.report_status,
                name="report_status",
            ),
            # Hints and tutorials; the challenge names above stay as aliases.
            path("<str:kind>/<int:pk>/", views.item, name="other_item"),
            path("<str:kind>/<int:pk>/vote/", views.vote, name="other_vote"),
            path("<str:kind>/<int:pk>/comment/", views.comment, name="other_comment"),
        ]


class ReviewerActivityViewSet(FeatureViewSet):
    """Per reviewer: reviews given and agreement with the final decisions."""

    name = "review_activity"
    url_prefix = "review/activity"
    icon = "group"
    menu_label = _("Activité des relecteurs")
    add_to_admin_menu = False
    rule = staticmethod(can_see_reviewer_activity)

    def get_urlpatterns(self):
        return [path("", views.activity, name="index")]


class ReviewViewSetGroup(ViewSetGroup):
    """The review feature in one menu: the queue, reviewers' activity, calibration."""

    items = (ReviewQueueViewSet, ReviewerActivityViewSet, CalibrationViewSet)
    menu_icon = "tasks"
    menu_label = _("Revue communautaire")
    menu_name = "review"
    menu_order = 250
