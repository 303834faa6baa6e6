"""Table-driven permission tests: every write service by every demo role.

Each app's tests/<app>/test_permissions.py lists its write services as
``Service`` rows; ``cases`` crosses them with the roles the project creates
(create_demo_accounts and the groups of the migrations) and ``outcome`` runs
one: allowed and something saved, or PermissionDenied and nothing saved.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from .factories import make_user

ROLE_GROUPS = {
    "learner": None,
    "author": "Authors",
    "reviewer": "Reviewers",
    "validator": "Validators",
    "referential_editor": "Referential editors",
}
ROLES = ("anonymous", *ROLE_GROUPS, "admin")
SIGNED_IN = frozenset(ROLES) - {"anonymous"}
ALLOWED = ("allowed", True)
DENIED = ("denied", False)


def make_role_user(role: str):
    """Return a user of a demo role; an anonymous visitor is AnonymousUser."""
    if role == "anonymous":
        return AnonymousUser()
    if role == "admin":
        return make_user(is_superuser=True, is_staff=True)
    return make_user(group=ROLE_GROUPS[role])


@dataclass(frozen=True)
class Service:
    """A write service: how to set it up, call it, and read what it saves."""

    arrange: Callable[[object], dict]
    act: Callable[[object, dict], object]
    saved: Callable[[dict], object]
    allowed: frozenset[str]


def cases(services: dict[str, Service]) -> list:
    """Return (service, role, expected outcome) for every service and role."""
    return [
        pytest.param(name, role, ALLOWED if role in service.allowed else DENIED)
        for name, service in services.items()
        for role in ROLES
    ]


def outcome(service: Service, role: str) -> tuple[str, bool]:
    """Call the service as a user of the role; return (outcome, saved anything)."""
    user = make_role_user(role)
    arranged = service.arrange(user)
    before = service.saved(arranged)
    try:
        service.act(user, arranged)
    except PermissionDenied:
        return "denied", service.saved(arranged) != before
    return "allowed", service.saved(arranged) != before
