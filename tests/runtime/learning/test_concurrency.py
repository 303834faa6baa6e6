"""Two tabs submitting the same answer at the same moment record it once."""

import threading

import pytest
from django.db import connection, connections

from runtime.learning import services
from runtime.models import Answer, Assessment, KnowledgeElement
from tests.factories import make_user
from tests.runtime.learning.test_flow import make_competence

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="true concurrent writers need PostgreSQL (CI runs it)",
    ),
]


def test_concurrent_submissions_record_one_answer():
    """Eight simultaneous submits: one answer, one set of knowledge elements."""
    make_competence()
    assessment = services.assessment_start(user=make_user(), competence="1.1")
    challenge = services.assessment_next_challenge(assessment)
    barrier = threading.Barrier(8)
    results, errors = [], []

    def submit():
        try:
            barrier.wait()
            own = Assessment.objects.get(pk=assessment.pk)
            answer = services.answer_record(
                assessment=own, challenge_id=challenge.id, value={"r": "1"}
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
    assert Answer.objects.count() == 1
    assert KnowledgeElement.objects.filter(direct=True).count() == 1
