"""Project middleware."""

from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from reversion.middleware import RevisionMiddleware


class AdminRevisionMiddleware(RevisionMiddleware):
    """Group the admin's writes into django-reversion revisions, and only those.

    Learners' answers are not versioned models; wrapping their requests in an
    extra transaction only costs queries on the hottest path.
    """

    def request_creates_revision(self, request):
        return super().request_creates_revision(request) and request.path.startswith(
            ("/admin/", "/django-admin/")
        )


NUL = "\x00"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class RejectNulMiddleware:
    """Answer 400 to a request whose path, query, form fields or JSON hold a NUL.

    No one types a NUL character, and PostgreSQL refuses it in text and JSON:
    reaching the database, it was a 500. It is refused here, before any view,
    with a message. Uploaded files may hold NUL bytes: they are not read.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            refused = self._holds_nul(request)
        except MultiPartParserError:
            return _bad_request(request, _("Le contenu envoyé est illisible."))
        if refused:
            return _bad_request(
                request, _("La requête contient un caractère nul : refusée.")
            )
        return self.get_response(request)

    @staticmethod
    def _holds_nul(request) -> bool:
        if NUL in request.path or _any_nul(request.GET):
            return True
        if request.method != "POST":
            return False
        if request.content_type in FORM_TYPES:
            return _any_nul(request.POST)
        if request.content_type == "application/json":
            return b"\\u0000" in request.body or NUL.encode() in request.body
        return False


def _any_nul(data) -> bool:
    return any(
        NUL in key or any(NUL in value for value in values)
        for key, values in data.lists()
    )


def _bad_request(request, message: str) -> HttpResponse:
    """Answer 400: JSON on the API (as its document says), text elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400)
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
