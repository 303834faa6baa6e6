"""Share links (create, revoke, resolve) and the signed tokens of the preview."""

import datetime
import hashlib
import math

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from authoring.enums import ContentStatus
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


class ShareLinkRefused(Exception):
    """A share link cannot be made or used now; the message says why."""


def is_shareable(challenge) -> bool:
    """Return whether a challenge may be shared: a draft under review only.

    A link lets anyone check answers: once the challenge is validated (served
    to learners) or withdrawn, it would be an answer oracle.
    """
    return challenge.status == ContentStatus.PROPOSED


def share_link_create(*, challenge, user, now=None, trusted=False) -> ShareLink:
    """Create a link valid for PREVIEW_SHARE_LINK_DAYS days, for a draft only.

    Raise ShareLinkRefused for a validated, archived or obsolete challenge.
    """
    require(can_manage_share_links, user, trusted=trusted)
    if not is_shareable(challenge):
        raise ShareLinkRefused(
            _(
                "Un lien de partage ne se crée que pour une épreuve proposée, "
                "en cours de relecture : celle-ci est « %(status)s »."
            )
            % {"status": challenge.get_status_display()}
        )
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
    """Return the active link of a token, or None if forged, expired or revoked,
    or if its challenge is no longer a draft (validated since, or withdrawn)."""
    try:
        uid = signing.loads(
            token,
            salt=SALT,
            max_age=datetime.timedelta(days=settings.PREVIEW_SHARE_LINK_DAYS),
        )
    except signing.BadSignature:
        return None
    link = ShareLink.objects.select_related("challenge").filter(uid=uid).first()
    if link is None or not link.is_active(now) or not is_shareable(link.challenge):
        return None
    return link


SHARE_TRY_WINDOW = 3600  # seconds


def take_share_try_slot(*, link: ShareLink, address: str | None, now=None) -> None:
    """Count a try through a share link from an address; refuse past the limit.

    At most PREVIEW_SHARE_TRIES_PER_HOUR tries per link and address in an
    hour from the first one: a link must not be a way to test answers in bulk.
    Raise ShareLinkRefused, saying how long to wait, past the limit.
    """
    identity = f"{link.uid}|{address or ''}"
    key = "preview-share-try:" + hashlib.sha256(identity.encode()).hexdigest()
    now = (now or timezone.now()).timestamp()
    cache.add(f"{key}:start", now, timeout=SHARE_TRY_WINDOW)
    cache.add(key, 0, timeout=SHARE_TRY_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add() and incr()
        cache.add(key, 1, timeout=SHARE_TRY_WINDOW)
        count = 1
    if count <= settings.PREVIEW_SHARE_TRIES_PER_HOUR:
        return
    start = cache.get(f"{key}:start") or now
    minutes = max(1, math.ceil((start + SHARE_TRY_WINDOW - now) / 60))
    raise ShareLinkRefused(
        ngettext(
            "Trop d'essais avec ce lien depuis cet appareil. Réessayez dans "
            "%(minutes)d minute.",
            "Trop d'essais avec ce lien depuis cet appareil. Réessayez dans "
            "%(minutes)d minutes.",
            minutes,
        )
        % {"minutes": minutes}
    )
