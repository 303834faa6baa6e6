"""Sign-up that does not tell who is registered, confirmed by e-mail.

The form answers the same whether or not the address has an account, as the
password reset form does, and an e-mail goes out either way: to a new
address a link that creates the account (nothing exists before it is
followed), to a registered one a note that someone tried, with the ways to
log in or choose a new password.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import PendingSignUp

SIGN_UP_LIMIT = 5


def take_sign_up_slot(*, email: str, address: str | None) -> bool:
    """Count a sign-up for an e-mail from an address; False past the limit.

    As for password resets: at most SIGN_UP_LIMIT per address and e-mail
    within the login cool-off, so the form cannot flood a mailbox.
    """
    identity = f"{email.strip().lower()}|{address or ''}"
    key = "sign-up:" + hashlib.sha256(identity.encode()).hexdigest()
    timeout = int(settings.AXES_COOLOFF_TIME.total_seconds())
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key) <= SIGN_UP_LIMIT
    except ValueError:  # the entry expired between add() and incr()
        cache.add(key, 1, timeout=timeout)
        return True


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _lifetime() -> datetime.timedelta:
    """How long a confirmation link works: as long as a password reset link."""
    return datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)


def _registered(email: str) -> bool:
    # The username is the address the account signed up with: it may have
    # changed its e-mail since, and the username must stay unique.
    return (
        get_user_model()
        .objects.filter(Q(email__iexact=email) | Q(username__iexact=email))
        .exists()
    )


def _send(subject: str, template: str, context: dict, email: str) -> None:
    """Send at once (after the sign-up is written), as the reset form does."""
    body = render_to_string(template, context)
    send_mail(subject, body, None, [email], fail_silently=True)


def sign_up_request(
    *, email: str, first_name: str, last_name: str, password: str, urls, now=None
) -> None:
    """Answer a sign-up: the same for everyone, an e-mail to the address.

    ``urls(name, *args)`` returns a page's absolute address (the request's
    host). A new address gets a confirmation link (a sign-up again replaces
    the previous one); a registered one, a note with the login and reset
    pages.
    """
    email = email.strip().lower()
    now = now or timezone.now()
    # Hashed whatever happens: both answers take the same time.
    hashed = make_password(password)
    if _registered(email):
        _send(
            _("Votre adresse e-mail sur l'Atelier CRCN"),
            "runtime/signup_exists_email.txt",
            {
                "login_url": urls("login"),
                "reset_url": urls("password_reset"),
            },
            email,
        )
        return
    key = secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            PendingSignUp.objects.filter(created_at__lt=now - _lifetime()).delete()
            PendingSignUp.objects.update_or_create(
                email=email,
                defaults={
                    "first_name": first_name.strip(),
                    "last_name": last_name.strip(),
                    "password": hashed,
                    "key_hash": _hash(key),
                    "created_at": now,
                },
            )
    except IntegrityError:
        # The same address signed up at that very moment: that sign-up's
        # e-mail is the one to follow.
        return
    _send(
        _("Activez votre compte sur l'Atelier CRCN"),
        "runtime/signup_email.txt",
        {
            "first_name": first_name.strip(),
            "confirm_url": urls("signup_confirm", key),
            "days": _lifetime().days,
        },
        email,
    )


def pending_sign_up(key: str, now=None) -> PendingSignUp | None:
    """Return the sign-up a link's key confirms, or None (unknown, expired)."""
    now = now or timezone.now()
    return PendingSignUp.objects.filter(
        key_hash=_hash(key), created_at__gte=now - _lifetime()
    ).first()


class SignUpConfirmError(Exception):
    """The link no longer creates an account; the message says what to do."""


EXPIRED = gettext_lazy(
    "Ce lien d'activation n'est plus valable : il a déjà servi, a expiré ou a "
    "été remplacé par une inscription plus récente."
)
ALREADY_REGISTERED = gettext_lazy(
    "Un compte existe déjà avec cette adresse : connectez-vous."
)


def sign_up_confirm(*, key: str, now=None):
    """Create the account of a confirmed sign-up and return it.

    Raise SignUpConfirmError if the link is unknown or expired, or if the
    address got an account meanwhile (a second click, another sign-up).
    """
    with transaction.atomic():
        found = pending_sign_up(key, now)
        pending = found and (
            PendingSignUp.objects.select_for_update().filter(pk=found.pk).first()
        )
        if pending is None:
            raise SignUpConfirmError(str(EXPIRED))
        pending.delete()
        user = get_user_model()(
            username=pending.email,
            email=pending.email,
            first_name=pending.first_name,
            last_name=pending.last_name,
            password=pending.password,
        )
        if not _registered(pending.email):
            try:
                with transaction.atomic():
                    user.save()
            except IntegrityError:  # the same address confirmed at that moment
                pass
            else:
                return user
    raise SignUpConfirmError(str(ALREADY_REGISTERED))
