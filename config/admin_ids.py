"""Answer 404, not 500, to Wagtail admin URLs naming an object by a non-numeric id.

Wagtail 7.4 routes some object ids as ``<str:pk>`` (the choosers' "chosen"
views, the revisions comparison, the editing-session ping) and looks them up
with ``objects.get(pk=...)``, catching only ``DoesNotExist``: an id such as
``x`` or ``1.5`` raises ``ValueError`` and the admin answers 500. Every model
those views serve here (our snippets, Wagtail's images, documents and pages)
has an integer id, so such a URL names nothing: the patterns below match only
ids holding a character other than 0-9 and answer 404, after Wagtail's own
admin access check (the anonymous still go to the admin's login). Numeric ids
never match them and reach Wagtail's views unchanged. Bulk actions take their
ids in the query (``?id=x``), which no pattern sees: their URL comes here
first, answers 404 to a non-numeric id and hands the others to Wagtail's view.
The patterns are included in config/urls.py before Wagtail's admin URLs, as
Django tries patterns in order, and decorated as Wagtail decorates its own.
A model with a non-integer id chosen in the admin would need its own exception.
"""

import re

from django.http import Http404
from django.urls import path, re_path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.urls import display_custom_404
from wagtail.admin.views.bulk_action import index as wagtail_bulk_action
from wagtail.utils.urlpatterns import decorate_urlpatterns

# One path segment holding at least one character that is not a digit.
NON_NUMERIC = r"[^/]*[^/0-9][^/]*"
NUMERIC = re.compile(r"[0-9]+")


def no_such_object(request, **kwargs):
    """Answer 404: a non-numeric id names no object (see the module's doc)."""
    raise Http404


def bulk_action(request, app_label, model_name, action):
    """Run Wagtail's bulk action unless an id (or the parent page's) is not a number.

    ``id=all`` (every object of the listing) stays Wagtail's to read, and so
    does an empty ``childOf`` (a listing without a parent page).
    """
    ids = [value for value in request.GET.getlist("id") if value != "all"]
    ids += [value for value in request.GET.getlist("childOf") if value]
    if not all(NUMERIC.fullmatch(value) for value in ids):
        raise Http404
    return wagtail_bulk_action(request, app_label, model_name, action)


urlpatterns = [
    re_path(
        rf"^(?:images|documents)/chooser/chosen/(?P<pk>{NON_NUMERIC})/$",
        no_such_object,
    ),
    re_path(
        rf"^snippets/choose/[^/]+/[^/]+/chosen/(?P<pk>{NON_NUMERIC})/$",
        no_such_object,
    ),
    re_path(
        rf"^snippets/[^/]+/[^/]+/history/(?P<pk>{NON_NUMERIC})/revisions/compare/",
        no_such_object,
    ),
    re_path(
        rf"^editing-sessions/ping/[^/]+/[^/]+/(?P<pk>{NON_NUMERIC})/\d+/$",
        no_such_object,
    ),
    path("bulk/<str:app_label>/<str:model_name>/<str:action>/", bulk_action),
]
urlpatterns = decorate_urlpatterns(urlpatterns, require_admin_access)
urlpatterns = decorate_urlpatterns(urlpatterns, display_custom_404)
urlpatterns = decorate_urlpatterns(urlpatterns, never_cache)
