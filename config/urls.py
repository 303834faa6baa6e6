from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from runtime.api import learner_api

urlpatterns = [
    # The learner runtime first: its test steps are the requests made most, and
    # Django tries the patterns in order (none of the runtime's patterns
    # matches a path of the apps below).
    path("", include("runtime.urls")),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("preview/", include("preview.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    path("pages/", include(wagtail_urls)),
    path("api/v1/", learner_api.urls),
]
