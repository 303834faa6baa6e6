"""Answer 404, not 500, to Wagtail admin URLs naming an object by a non-numeric id.

Wagtail 7.4 routes some object ids as ``<str:pk>`` (the choosers' "chosen"
views, the revisions comparison, the editing-session ping) and looks them up
with ``objects.get(pk=...)``, catching only ``DoesNotExist``: an id such as
``x`` or ``1.5`` raises ``ValueError`` and the admin answers 500. Every model
those views serve here (our snippets, Wagtail's images, documents and pages)
has an integer id, so such a URL names nothing: the patterns below match only
ids holding a character other than 0-9 and answer 404, after Wagtail's own
admin access check (the anonymous still go to the admin's login). Numeric ids
never match them and reach Wagtail's views unchanged. They are included in
config/urls.py before Wagtail's admin URLs, as Django tries patterns in order.
A model with a non-integer id chosen in the admin would need its own exception.
"""

from django.http import Http404
from django.urls import re_path
from wagtail.admin.auth import require_admin_access

# One path segment holding at least one character that is not a digit.
NON_NUMERIC = r"[^/]*[^/0-9][^/]*"


@require_admin_access
def no_such_object(request, **kwargs):
    """Answer 404: a non-numeric id names no object (see the module's doc)."""
    raise Http404


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
]
