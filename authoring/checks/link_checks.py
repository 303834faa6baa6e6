"""Notes on links as they answered at their last check (manage.py check_links).

Not blocking: a site can be down for an hour. A link never checked gives no
result.
"""

from django.utils import formats, timezone
from django.utils.translation import gettext

from authoring.enums import LinkStatus
from authoring.models import LinkCheck

from .registry import (
    CheckResult,
    challenge_check,
    check_failed,
    check_passed,
    tutorial_check,
)


def link_answered(code: str, url: str, *, field: str) -> CheckResult | None:
    """Return what the link answered at its last check, as a note."""
    found = LinkCheck.objects.filter(url=url).first() if url else None
    if found is None:
        return None
    values = {
        "date": formats.date_format(
            timezone.localtime(found.checked_at), "SHORT_DATETIME_FORMAT"
        ),
        "code": found.http_status,
        "url": found.final_url,
        "detail": found.detail,
        "times": found.failures,
    }
    if found.status == LinkStatus.OK:
        message = gettext("Le lien répondait le %(date)s.") % values
        return check_passed(code, message, blocking=False)
    if found.status == LinkStatus.MOVED:
        message = gettext(
            "Le lien redirige définitivement vers %(url)s (vérifié le %(date)s) : "
            "mettez-le à jour."
        )
    elif found.status == LinkStatus.BROKEN:
        message = gettext(
            "Le lien renvoyait une erreur %(code)s le %(date)s "
            "(%(times)s vérification(s) de suite)."
        )
    else:
        message = gettext(
            "Le lien était injoignable le %(date)s : %(detail)s "
            "(%(times)s vérification(s) de suite)."
        )
    return check_failed(code, message % values, blocking=False, field=field)


@tutorial_check
def tutorial_link_answers(tutorial) -> CheckResult | None:
    """Return what the tutorial's link answered at its last check."""
    return link_answered("tutorial_link_answers", tutorial.link, field="link")


@challenge_check()
def embed_answers(challenge) -> CheckResult | None:
    """Return what the embedded simulator answered at its last check."""
    return link_answered("embed_answers", challenge.embed_url, field="embed_url")
