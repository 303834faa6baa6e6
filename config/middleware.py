"""Project middleware."""

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
