"""Simultaneous submits of a certification answer record it once (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from runtime.certification import services
from runtime.certification.models import CertificationAnswer, CertificationTest
from tests.factories import make_user

from .conftest import (
    make_centre,
    make_knowledge,
    make_session,
    publish_certifiable_release,
)
from .helpers import enrol

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="true concurrent writers need PostgreSQL (CI runs it)",
    ),
]


def test_concurrent_submissions_record_one_answer():
    publish_certifiable_release()
    member, learner = make_user(), make_user()
    make_knowledge(learner)
    session, _ = make_session(make_centre(member=member), member)
    candidate = enrol(session, learner)
    candidate.joined_at = candidate.presence_confirmed_at = timezone.now()
    candidate.save()
    test = services.certification_start(user=learner, candidate=candidate)
    challenge = test.picks[0]["challenge"]
    barrier = threading.Barrier(8)
    results, errors = [], []

    def submit():
        try:
            barrier.wait()
            own = CertificationTest.objects.get(pk=test.pk)
            answer = services.answer_record(
                user=learner, test=own, challenge_id=challenge, value={"r": "3"}
            )
            results.append(answer.pk)
        except Exception as error:  # noqa: BLE001 - reported by the assertion
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(set(results)) == 1
    assert CertificationAnswer.objects.count() == 1
