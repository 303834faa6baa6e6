"""How every app's services check its named permission rules.

Each app keeps its rules in its own ``permissions.py``: predicates named after
what they allow (``can_review(user)``, ``can_publish_release(user)``…), defined
once and used by views, the API, services and admin hooks alike. Services call
``require`` before they write, so a permission cannot be skipped by calling the
service from somewhere else than its view.

Trusted callers: management commands (and ``make run``) act for the operator of
the machine, not for a user. They say so explicitly with the keyword-only
``trusted=True`` every write service takes; nothing else bypasses a rule.
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied


def require(rule: Callable[..., bool], user, *args, trusted: bool = False) -> None:
    """Raise PermissionDenied unless the caller is trusted or ``rule(user, *args)``.

    No user (``None``) is refused: only ``trusted=True`` acts for nobody.
    """
    if trusted:
        return
    if user is None or not rule(user, *args):
        raise PermissionDenied
