"""Share links (create, revoke, resolve) and the signed tokens of the preview."""

import datetime

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from runtime.domain.release_contract import Challenge
from runtime.permissions import require

from .models import ShareLink
from .permissions import can_manage_share_links

SALT = "preview.share-link"
TRY_SALT = "preview.try"
TRY_MAX_AGE = 86400  # seconds a preview page's try form stays usable


def try_token(challenge: Challenge) -> str:
    """Return a signed payload of what checking needs, for the admin preview.

    ``challenge`` is in its release form: a try is checked as learners are.
    """
    payload = {
        "spec": dict(challenge.spec),
        "type": challenge.type,
        "proposals": challenge.proposals,
    }
    return signing.dumps(payload, salt=TRY_SALT, compress=True)


def try_payload(token: str) -> dict:
    """Return what a try token signed; raise PermissionDenied if forged or old."""
    try:
        return signing.loads(token, salt=TRY_SALT, max_age=TRY_MAX_AGE)
    except signing.BadSignature as error:
        raise PermissionDenied from error


def share_link_create(*, challenge, user, now=None, trusted=False) -> ShareLink:
    """Create a link valid for PREVIEW_SHARE_LINK_DAYS days."""
    require(can_manage_share_links, user, trusted=trusted)
    now = now or timezone.now()
    days = datetime.timedelta(days=settings.PREVIEW_SHARE_LINK_DAYS)
    return ShareLink.objects.create(
        challenge=challenge, created_by=user, created_at=now, expires_at=now + days
    )


def share_link_revoke(*, link: ShareLink, user, now=None, trusted=False) -> None:
    """Revoke a link: it stops working at once."""
    require(can_manage_share_links, user, trusted=trusted)
    link.revoked_at = now or timezone.now()
    link.save(update_fields=["revoked_at"])


def share_token(link: ShareLink) -> str:
    """Return the signed token that goes into the link's URL."""
    return signing.dumps(link.uid, salt=SALT)


def share_link_from_token(token: str, now=None) -> ShareLink | None:
    """Return the active link of a token, or None if forged, expired or revoked."""
    try:
        uid = signing.loads(
            token,
            salt=SALT,
            max_age=datetime.timedelta(days=settings.PREVIEW_SHARE_LINK_DAYS),
        )
    except signing.BadSignature:
        return None
    link = ShareLink.objects.select_related("challenge").filter(uid=uid).first()
    if link is None or not link.is_active(now):
        return None
    return link
