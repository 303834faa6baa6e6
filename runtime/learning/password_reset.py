"""The learner's password reset form, throttled per e-mail address and device."""

import hashlib

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.utils.translation import ngettext

from . import forms

RESET_LIMIT = 5


def _minutes() -> int:
    return round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)


def take_password_reset_slot(*, email: str, address: str | None) -> bool:
    """Count a reset request for an e-mail from an address; False past the limit.

    At most RESET_LIMIT requests per address and e-mail within the login
    cool-off (15 minutes): the form cannot be used to flood a mailbox nor to
    probe addresses quickly. The window starts at the first request.
    """
    identity = f"{email.strip().lower()}|{address or ''}"
    key = "password-reset:" + hashlib.sha256(identity.encode()).hexdigest()
    cache.add(key, 0, timeout=int(settings.AXES_COOLOFF_TIME.total_seconds()))
    try:
        return cache.incr(key) <= RESET_LIMIT
    except ValueError:  # the entry expired between add() and incr()
        cache.add(key, 1, timeout=int(settings.AXES_COOLOFF_TIME.total_seconds()))
        return True


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset view, refusing with a message past the limit (429)."""

    template_name = "runtime/password_reset.html"
    email_template_name = "runtime/password_reset_email.txt"
    form_class = forms.DsfrPasswordResetForm

    def form_valid(self, form):
        if take_password_reset_slot(
            email=form.cleaned_data["email"],
            address=get_client_ip_address(self.request),
        ):
            return super().form_valid(form)
        minutes = _minutes()
        form.add_error(
            None,
            ngettext(
                "Trop de demandes pour cette adresse. Réessayez dans %(minutes)d "
                "minute.",
                "Trop de demandes pour cette adresse. Réessayez dans %(minutes)d "
                "minutes.",
                minutes,
            )
            % {"minutes": minutes},
        )
        response = self.form_invalid(form)
        response.status_code = 429
        return response
