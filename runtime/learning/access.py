"""The signed-in learner's assessment, for the pages of a test.

Django's session and authentication middleware say who is signed in
(``request.user``); a selector reads the assessment among that learner's own.
"""

import functools

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from .selectors import own_assessment


def learner_assessment(view):
    """Call ``view(request, assessment)`` with the signed-in learner's assessment.

    Anonymous visitors are sent to the login page, and someone else's
    assessment is a 404, as with ``login_required`` and ``get_object_or_404``.
    After logging in, a visitor whose session ended while answering comes
    back to the test's page (an answer's URL only takes posts); with htmx the
    whole page goes to the login page, not the <main>.
    """

    @functools.wraps(view)
    def wrapper(request, pk, *args, **kwargs):
        if not request.user.is_authenticated:
            return _to_login(request, pk)
        assessment = own_assessment(request.user, pk)
        if assessment is None:
            raise Http404
        return view(request, assessment, *args, **kwargs)

    return wrapper


def _to_login(request, pk: int):
    """Return the redirect to the login page, leading back to the test's page."""
    back = request.get_full_path()
    if request.method != "GET":
        back = reverse("assessment", args=[pk])
    login = redirect_to_login(back)
    if request.META.get("HTTP_HX_REQUEST") == "true":
        return HttpResponseClientRedirect(login["Location"])
    return login
