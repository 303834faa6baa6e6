"""What each page of the learner flow costs the database, as in production.

Sessions are read from the cache (``cached_db``, Redis in production), so a
request reads no session row. Query counts do not depend on the machine's
load, unlike the load test's figures: a page that gains a query fails here.
"""

import pytest
from django.test import override_settings
from django.urls import reverse

from runtime.models import Answer, Assessment
from tests.factories import make_user
from tests.runtime.learning.test_flow import make_competence
from tests.runtime.learning.test_step_cost import described, step

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("cached_sessions"),
]

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture
def cached_sessions():
    engine = "django.contrib.sessions.backends.cached_db"
    with override_settings(CACHES=LOCMEM, SESSION_ENGINE=engine):
        yield


def started(client, learner=None):
    make_competence(levels=(1, 2, 3, 4, 5, 6), tubes=3)
    client.force_login(learner or make_user())
    client.post(reverse("competence_start", args=["1.1"]))
    assessment = Assessment.objects.get()
    client.get(reverse("assessment", args=[assessment.pk]))
    assessment.refresh_from_db()
    return assessment


def answer_until_checkpoint(client, assessment):
    for _ in range(5):
        assessment.refresh_from_db()
        step(client, assessment)
    assessment.refresh_from_db()


def finished(client, assessment):
    """Answer (skipping) until the end, acknowledging each checkpoint."""
    for _ in range(60):
        assessment.refresh_from_db()
        if assessment.state == "completed":
            page = client.get(reverse("assessment_result", args=[assessment.pk]))
            if page.status_code == 200:
                return
        if assessment.current_challenge:
            client.post(
                reverse("assessment_answer", args=[assessment.pk]),
                {"challenge": assessment.current_challenge, "skip": "1"},
            )
        else:
            client.post(reverse("assessment_checkpoint", args=[assessment.pk]))
            client.get(reverse("assessment", args=[assessment.pk]))
    raise AssertionError("the test never ended")


def test_the_checkpoint_reads_the_learner_the_test_its_answers_and_marks(
    client, django_assert_max_num_queries
):
    assessment = started(client)
    answer_until_checkpoint(client, assessment)
    url = reverse("assessment_checkpoint", args=[assessment.pk])

    with django_assert_max_num_queries(4) as captured:
        page = client.get(url)

    assert page.status_code == 200
    assert described(captured) == [
        "SELECT auth_user",
        "SELECT runtime_assessment",
        "SELECT runtime_answer",
        "SELECT runtime_tutorialbookmark",
    ]


def test_acknowledging_a_checkpoint_reads_the_test_then_writes(
    client, django_assert_max_num_queries
):
    assessment = started(client)
    answer_until_checkpoint(client, assessment)

    with django_assert_max_num_queries(3) as captured:
        response = client.post(reverse("assessment_checkpoint", args=[assessment.pk]))

    assert response.status_code == 302
    assert described(captured) == [
        "SELECT auth_user",
        "SELECT runtime_assessment",
        "UPDATE runtime_assessment",
    ]
    assessment.refresh_from_db()
    assert assessment.checkpoints_seen == 1


def test_the_home_page_reads_the_profile_in_one_query(
    client, django_assert_max_num_queries
):
    learner = make_user()
    assessment = started(client, learner)
    finished(client, assessment)

    with django_assert_max_num_queries(4) as captured:
        page = client.get(reverse("learner_home"))

    assert page.status_code == 200
    assert described(captured) == [
        "SELECT authoring_release",
        "SELECT auth_user",
        "SELECT runtime_knowledgeelement",  # summed by competence
        "SELECT runtime_assessment",
    ]
    assert "SUM(" in captured.captured_queries[2]["sql"].upper()


def test_the_result_page_reads_each_thing_once(client, django_assert_max_num_queries):
    assessment = started(client)
    finished(client, assessment)
    url = reverse("assessment_result", args=[assessment.pk])

    with django_assert_max_num_queries(7) as captured:
        page = client.get(url)

    assert page.status_code == 200
    assert described(captured) == [
        "SELECT auth_user",
        "SELECT runtime_assessment",
        "SELECT runtime_answer",
        "SELECT runtime_knowledgeelement",
        "SELECT runtime_knowledgeelement",
        "SELECT runtime_assessment",
        "SELECT runtime_tutorialbookmark",
    ]


def test_starting_a_test_reads_the_challenges_seen_without_the_answers(
    client, django_assert_max_num_queries
):
    """From the histories of the learner's tests, found by their user's index:
    no join of every answer to its test."""
    make_competence(code="1.2")
    learner = make_user()
    assessment = started(client, learner)
    finished(client, assessment)
    answered = set(
        Answer.objects.filter(assessment=assessment).values_list("challenge", flat=True)
    )

    with django_assert_max_num_queries(8) as captured:
        client.post(reverse("competence_start", args=["1.2"]))

    assert "SELECT runtime_answer" not in described(captured)
    new = Assessment.objects.get(user=learner, competence="1.2")
    assert set(new.seen_before) == answered != set()


def test_a_test_without_history_still_counts_its_answers_as_seen(client):
    """Tests started before histories were recorded: their answers are read."""
    make_competence(code="1.2")
    learner = make_user()
    assessment = started(client, learner)
    finished(client, assessment)
    answered = set(
        Answer.objects.filter(assessment=assessment).values_list("challenge", flat=True)
    )
    Assessment.objects.filter(pk=assessment.pk).update(history=[])

    client.post(reverse("competence_start", args=["1.2"]))

    new = Assessment.objects.get(user=learner, competence="1.2")
    assert set(new.seen_before) == answered != set()
