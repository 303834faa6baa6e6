from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton

from authoring.models import Challenge

from . import views


@hooks.register("register_admin_urls")
def register_preview_urls():
    return [
        path("preview/try/", views.admin_try, name="preview_try"),
        path(
            "preview/share-links/<int:pk>/",
            views.share_links,
            name="preview_share_links",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def share_button(snippet, user, next_url=None):
    if not isinstance(snippet, Challenge) or not user.has_perm(
        "authoring.change_challenge"
    ):
        return []
    url = reverse("preview_share_links", args=[snippet.pk])
    return [ListingButton(_("Liens de partage"), url, icon_name="link", priority=70)]
