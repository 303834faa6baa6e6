"""Remember at sign-in what the site's header and guard need, without a query later."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .session import remember_account_state


@receiver(user_logged_in)
def _on_login(sender, request, user, **kwargs):
    remember_account_state(request, user)
