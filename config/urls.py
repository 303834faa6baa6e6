import re

from django.conf import settings
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.uploads import serve_upload
from runtime.api import learner_api


class FaviconView(RedirectView):
    """Browsers ask /favicon.ico on every site; the icon is a static file."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("runtime/favicon.ico")


urlpatterns = [
    # The learner runtime first: its test steps are the requests made most, and
    # Django tries the patterns in order (none of the runtime's patterns
    # matches a path of the apps below).
    path("", include("runtime.urls")),
    path("certification/", include("runtime.certification.urls")),
    path("django-admin/", admin.site.urls),
    # Before Wagtail's admin: its lookups of non-numeric ids (config/admin_ids.py).
    path("admin/", include("config.admin_ids")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("preview/", include("preview.urls")),
    path("orga/", include("runtime.orga.urls")),
    path("campagnes/", include("runtime.orga.campaign_urls")),
    path("favicon.ico", FaviconView.as_view()),
]

# Uploads, served by Django in development only (the view answers 404 otherwise).
urlpatterns += [
    re_path(
        rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
        serve_upload,
        name="media",
    )
]

urlpatterns += [
    path("pages/", include(wagtail_urls)),
    path("api/v1/", learner_api.urls),
]
