"""Certification write services by role: centres' members, the jury, candidates.

None of the project's other roles organises sessions or judges: only the
members of a centre (and nobody else) write to its sessions, and only the jury
group and administrators publish.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from runtime.certification import services
from runtime.certification.models import Candidate, CertificationSession
from runtime.certification.permissions import can_take_certification
from tests.permission_table import SIGNED_IN, Service, cases, make_role_user, outcome

from .conftest import make_centre

pytestmark = pytest.mark.django_db


def _session(user, status="created") -> dict:
    centre = make_centre()
    session, _password = services.session_create(
        user=None,
        centre=centre,
        address="a",
        room="b",
        date=timezone.localdate(),
        time=datetime.time(9),
        examiner="c",
        trusted=True,
    )
    CertificationSession.objects.filter(pk=session.pk).update(status=status)
    session.refresh_from_db()
    return {"centre": centre, "session": session}


SERVICES = {
    "session_create": Service(
        arrange=lambda user: {"centre": make_centre()},
        act=lambda user, a: services.session_create(
            user=user,
            centre=a["centre"],
            address="a",
            room="b",
            date=timezone.localdate(),
            time=datetime.time(9),
            examiner="c",
        ),
        saved=lambda a: CertificationSession.objects.count(),
        allowed=frozenset(),  # members only: no role is a member by itself
    ),
    "candidate_add": Service(
        arrange=_session,
        act=lambda user, a: services.candidate_add(
            user=user,
            session=a["session"],
            first_name="Léa",
            last_name="Roux",
            birth_date=datetime.date(2001, 1, 2),
        ),
        saved=lambda a: Candidate.objects.count(),
        allowed=frozenset(),
    ),
    "session_publish": Service(
        arrange=lambda user: _session(user, status="finalised"),
        act=lambda user, a: services.session_publish(user=user, session=a["session"]),
        saved=lambda a: CertificationSession.objects.get().status,
        allowed=frozenset({"admin"}),  # and the jury group
    ),
}


@pytest.mark.parametrize(("name", "role", "expected"), cases(SERVICES))
def test_certification_write_services_by_role(name, role, expected):
    assert outcome(SERVICES[name], role) == expected


def test_signed_in_roles_may_take_a_certification():
    assert {
        role for role in SIGNED_IN if can_take_certification(make_role_user(role))
    } == SIGNED_IN
    assert not can_take_certification(make_role_user("anonymous"))


def test_a_member_writes_to_their_centre_only(member, centre):
    other = make_centre(name="Autre centre")

    services.session_create(
        user=member,
        centre=centre,
        address="a",
        room="b",
        date=timezone.localdate(),
        time=datetime.time(9),
        examiner="c",
    )

    with pytest.raises(PermissionDenied):
        services.session_create(
            user=member,
            centre=other,
            address="a",
            room="b",
            date=timezone.localdate(),
            time=datetime.time(9),
            examiner="c",
        )
    assert CertificationSession.objects.count() == 1
