"""What every certification page shares: member-only lookups and refusals."""

import functools

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from .. import selectors


def member_session_view(view):
    """Call ``view(request, session)`` for a member of the session's centre.

    Another centre's session is a 404, as if it did not exist.
    """

    @functools.wraps(view)
    def wrapper(request, pk, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        session = selectors.member_session(request.user, pk)
        if session is None:
            raise Http404
        return view(request, session, *args, **kwargs)

    return wrapper


def refuse(request, error, page):
    """Show a service's refusal on the page, with its status (409, 422, 429…)."""
    messages.error(request, str(error))
    response = page()
    response.status_code = getattr(error, "status", 409)
    return response
