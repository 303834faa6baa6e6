"""Preview write services by roles: share links are for content editors."""

import pytest
from django.utils import timezone

from preview.models import ShareLink
from preview.services import share_link_create, share_link_revoke
from tests.factories import make_challenge, make_user
from tests.permission_table import Service, cases, outcome

pytestmark = pytest.mark.django_db

CONTENT_EDITORS = frozenset({"author", "validator", "admin"})


def _link(_user) -> dict:
    challenge = make_challenge()
    now = timezone.now()
    link = ShareLink.objects.create(
        challenge=challenge, created_by=make_user(), created_at=now, expires_at=now
    )
    return {"link": link}


SERVICES = {
    "share_link_create": Service(
        arrange=lambda _user: {"challenge": make_challenge()},
        act=lambda user, arranged: share_link_create(
            challenge=arranged["challenge"], user=user
        ),
        saved=lambda _: ShareLink.objects.count(),
        allowed=CONTENT_EDITORS,
    ),
    "share_link_revoke": Service(
        arrange=_link,
        act=lambda user, arranged: share_link_revoke(link=arranged["link"], user=user),
        saved=lambda arranged: ShareLink.objects.get(pk=arranged["link"].pk).revoked_at,
        allowed=CONTENT_EDITORS,
    ),
}


@pytest.mark.parametrize(("service", "role", "expected"), cases(SERVICES))
def test_each_preview_write_checks_its_rule(service, role, expected):
    """Allowed roles write; the others get PermissionDenied and nothing is saved."""
    assert outcome(SERVICES[service], role) == expected
