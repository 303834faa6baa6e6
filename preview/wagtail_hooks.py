from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton

from authoring.models import Challenge
from config.admin_viewsets import FeatureViewSet

from . import views
from .modes import add_preview_context
from .permissions import can_manage_share_links


class PreviewViewSet(FeatureViewSet):
    """The preview's admin side: an author's try, and a challenge's share links."""

    name = "preview"
    add_to_admin_menu = False

    def get_urlpatterns(self):
        return [
            path("try/", views.admin_try, name="try"),
            path("share-links/<int:pk>/", views.share_links, name="share_links"),
        ]


@hooks.register("register_admin_viewset")
def register_preview_viewset():
    return PreviewViewSet()


# The challenge model asks for its preview context through this hook, so that
# authoring never imports the preview (which imports authoring).
hooks.register("construct_challenge_preview_context", add_preview_context)


@hooks.register("register_snippet_listing_buttons")
def share_button(snippet, user, next_url=None):
    if not isinstance(snippet, Challenge) or not can_manage_share_links(user):
        return []
    url = reverse("preview:share_links", args=[snippet.pk])
    return [ListingButton(_("Liens de partage"), url, icon_name="link", priority=70)]
