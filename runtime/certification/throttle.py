"""Wrong access codes and invigilator passwords are rate-limited.

As the password reset form does (runtime/learning/password_reset.py), a
counter in the cache per account or device and address, over the login
cool-off: past FAILURE_LIMIT wrong attempts, every attempt is refused (429)
until the window ends, so six-character codes cannot be tried in bulk.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

FAILURE_LIMIT = 5


def _key(scope: str, identity: str) -> str:
    return f"certification-{scope}:" + hashlib.sha256(identity.encode()).hexdigest()


def _timeout() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


def cooloff_minutes() -> int:
    return round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)


def is_locked(scope: str, identity: str) -> bool:
    """Return True once FAILURE_LIMIT wrong attempts were made in the window."""
    return (cache.get(_key(scope, identity)) or 0) >= FAILURE_LIMIT


def record_failure(scope: str, identity: str) -> None:
    """Count one wrong attempt; the window starts at the first one."""
    key = _key(scope, identity)
    cache.add(key, 0, timeout=_timeout())
    try:
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=_timeout())
