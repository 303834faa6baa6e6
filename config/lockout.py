"""The page shown when django-axes refuses a login: the form, with the waiting time."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm

from runtime.learning.forms import DsfrAuthenticationForm

ADMIN_PREFIX = "/admin/"


def lockout_message() -> str:
    """Say why the login is refused and how long to wait (the whole cool-off).

    Every refused attempt during a lockout starts the cool-off again (axes'
    default), so at the moment this is shown the wait is exactly the cool-off.
    """
    minutes = round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    return ngettext(
        "Trop de tentatives de connexion infructueuses pour ce compte depuis cet "
        "appareil. Par sécurité, réessayez dans %(minutes)d minute "
        "ou choisissez un nouveau mot de passe.",
        "Trop de tentatives de connexion infructueuses pour ce compte depuis cet "
        "appareil. Par sécurité, réessayez dans %(minutes)d minutes "
        "ou choisissez un nouveau mot de passe.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """Render the login page the person used, with the message above it (429).

    The form is not validated again (that would be one more attempt); the name
    typed stays in it.
    """
    username = (credentials or {}).get("username", "")
    if request.path.startswith(ADMIN_PREFIX):
        form = LoginForm(request, initial={"username": username})
        template = "wagtailadmin/login.html"
    else:
        form = DsfrAuthenticationForm(request, initial={"username": username})
        template = "runtime/login.html"
    messages.error(request, lockout_message())
    context = {"form": form, "next": request.POST.get("next", "")}
    return render(request, template, context, status=429)
