"""Admin registration of the community review and of the coverage dashboard."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton

from authoring.models import Challenge

from .coverage_views import CoverageViewSet
from .permissions import can_see_solution
from .viewsets import ReviewViewSetGroup


@hooks.register("register_admin_viewset")
def register_review_viewsets():
    """The community review (queue, reviewers' activity) and the coverage."""
    return [ReviewViewSetGroup(), CoverageViewSet()]


@hooks.register("register_snippet_listing_buttons")
def review_button(snippet, user, next_url=None):
    if not isinstance(snippet, Challenge):
        return []
    url = reverse("review:item", args=[snippet.pk])
    return [ListingButton(_("Revue"), url, icon_name="tasks", priority=60)]


# The admin's inspect view of a challenge (authoring.display) hides the
# solution from reviewers who have not tried it: authoring asks this rule
# through the hook, as it never imports the review.
hooks.register("challenge_solution_visible", can_see_solution)
