"""Centre, invigilator and jury lists cost the same queries at 2 and 4 rows."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from runtime.certification import services
from runtime.certification.models import IncidentReport
from tests.factories import make_user

from .conftest import make_knowledge, make_session
from .helpers import enrol, invigilator, join, sit

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def _session_with(centre, member, count):
    cache.clear()
    session, password = make_session(centre, member)
    watcher = None
    for number in range(count):
        user = make_user()
        make_knowledge(user)
        first = f"Lou{'x' * number}"
        candidate = enrol(session, None, first=first)
        client = Client()
        client.force_login(user)
        join(client, session, first=first)
        watcher = watcher or invigilator(session, password)
        if number == 0:
            continue  # one candidate only joined
        sit(client, session, password, candidate, wrong_first=True, incident="link")
    return session, watcher


@pytest.mark.parametrize("page", ["centre", "invigilator", "jury"])
def test_list_pages_do_not_grow_with_their_rows(page, centre, member, release, jury):
    counts = []
    for size in (2, 4):
        session, watcher = _session_with(centre, member, size)
        if page == "centre":
            client = Client()
            client.force_login(member)
            url = reverse("certification:session", args=[session.pk])
        elif page == "invigilator":
            client, url = (
                watcher,
                reverse("certification:invigilate", args=[session.pk]),
            )
        else:
            services.session_finalise(
                user=member,
                session=session,
                confirmed_incidents=set(
                    IncidentReport.objects.filter(
                        test__candidate__session=session
                    ).values_list("pk", flat=True)
                ),
            )
            client = Client()
            client.force_login(jury)
            url = reverse("certification:jury_session", args=[session.pk])
        counts.append(_queries(client, url))

    assert counts[0] == counts[1]
