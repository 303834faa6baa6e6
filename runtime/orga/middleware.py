"""A pupil signed in with a temporary password changes it before anything else."""

from django.shortcuts import redirect
from django.urls import reverse

from .session import MUST_CHANGE_PASSWORD


class TemporaryPasswordMiddleware:
    """Send every page to the password change while the session says it is due.

    Reads only the session (set at sign-in): no query on other requests.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get(MUST_CHANGE_PASSWORD):
            allowed = (reverse("orga_password_change"), reverse("logout"))
            if request.path not in allowed and not request.path.startswith("/static/"):
                return redirect("orga_password_change")
        return self.get_response(request)
