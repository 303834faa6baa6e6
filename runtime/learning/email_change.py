"""E-mail change confirmed from the new address, telling no one who is registered.

Asking for a new address changes nothing yet and answers the same whatever
the address: a link goes to it, or, when another account already uses it, a
note to that account's owner (as sign-up does, so the form cannot be used to
find out who has an account). The link is signed: it carries the account,
the new address and a fingerprint of the account's current address and
password, so it stops working once either changed, after
PASSWORD_RESET_TIMEOUT, and after it served. The old address is told of the
change.
"""

import datetime
import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SALT = "runtime.learning.email_change"

EXPIRED = gettext_lazy(
    "Ce lien de confirmation n'est plus valable : il a déjà servi, a expiré, "
    "ou votre adresse ou votre mot de passe a changé depuis. Demandez un "
    "nouveau lien depuis « Mon compte »."
)


def _lifetime() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)


def _fingerprint(user) -> str:
    identity = f"{user.pk}|{(user.email or '').lower()}|{user.password}"
    return hashlib.sha256(identity.encode()).hexdigest()[:32]


def _registered_elsewhere(user, email: str) -> bool:
    # The username may be an address the account signed up with: it must stay
    # unique too.
    return (
        get_user_model()
        .objects.filter(Q(email__iexact=email) | Q(username__iexact=email))
        .exclude(pk=user.pk)
        .exists()
    )


def _send(subject: str, template: str, context: dict, email: str) -> None:
    send_mail(subject, render_to_string(template, context), None, [email])


def email_change_request(*, user, email: str, urls) -> None:
    """Send the confirmation link to ``email``, or a note if it is taken.

    ``urls(name, *args)`` returns a page's absolute address. The caller has
    checked the password and that the address differs from the current one.
    """
    email = email.strip().lower()
    if _registered_elsewhere(user, email):
        _send(
            _("Votre adresse e-mail sur l'Atelier CRCN"),
            "runtime/email_change_taken_email.txt",
            {"login_url": urls("login"), "reset_url": urls("password_reset")},
            email,
        )
        return
    token = signing.dumps(
        {"user": user.pk, "email": email, "for": _fingerprint(user)}, salt=SALT
    )
    _send(
        _("Confirmez votre nouvelle adresse sur l'Atelier CRCN"),
        "runtime/email_change_email.txt",
        {
            "first_name": user.first_name,
            "confirm_url": urls("account_email_confirm", token),
            "days": _lifetime().days,
        },
        email,
    )


def pending_email(*, user, token: str) -> str | None:
    """Return the new address a link confirms for this user, or None."""
    try:
        data = signing.loads(token, salt=SALT, max_age=_lifetime().total_seconds())
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("user") != user.pk:
        return None
    if data.get("for") != _fingerprint(user):
        return None
    email = data.get("email")
    return email if isinstance(email, str) else None


def notify_old_address(*, old_email: str, new_email: str, urls) -> None:
    """Tell the previous address that the account now uses another one."""
    if not old_email:
        return
    _send(
        _("Votre adresse e-mail sur l'Atelier CRCN a changé"),
        "runtime/email_changed_email.txt",
        {"new_email": new_email, "reset_url": urls("password_reset")},
        old_email,
    )
