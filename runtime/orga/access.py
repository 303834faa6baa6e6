"""The signed-in member's organisation, for the pages of the organisation space."""

import functools

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from .selectors import organisation_for_member


def member_organisation(view):
    """Call ``view(request, organisation, ...)`` with one of the user's organisations.

    Anonymous visitors go to the login page; an organisation the user is not a
    member of is a 404, whatever its id.
    """

    @functools.wraps(view)
    def wrapper(request, org, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        organisation = organisation_for_member(request.user, org)
        if organisation is None:
            raise Http404
        return view(request, organisation, *args, **kwargs)

    return wrapper
