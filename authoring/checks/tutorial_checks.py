"""Checks on tutorials."""

from django.utils.translation import gettext

from authoring.validation import is_https

from .registry import CheckResult, check_failed, check_passed, tutorial_check


@tutorial_check
def tutorial_link_is_https(tutorial) -> CheckResult | None:
    """Return whether the tutorial's link is https; None without a link."""
    if not tutorial.link:
        return None
    if is_https(tutorial.link):
        message = gettext("Le lien du tutoriel est en https.")
        return check_passed("tutorial_link_is_https", message, blocking=True)
    message = gettext("Le lien du tutoriel doit être en https.")
    return check_failed("tutorial_link_is_https", message, blocking=True, field="link")
