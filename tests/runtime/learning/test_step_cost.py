"""One test step: what it costs the database, and who may take it."""

import os

import pytest
from django.contrib.auth.backends import ModelBackend
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from runtime.models import Answer, Assessment
from tests.factories import make_user
from tests.runtime.learning.test_flow import make_competence

pytestmark = pytest.mark.django_db


def started(client, user=None):
    """Start a test and serve its first challenge; return the assessment."""
    make_competence(levels=(1, 2, 3, 4, 5, 6), tubes=3)
    client.force_login(user or make_user())
    client.post(reverse("competence_start", args=["1.1"]))
    assessment = Assessment.objects.get()
    client.get(reverse("assessment", args=[assessment.pk]))
    assessment.refresh_from_db()
    return assessment


def step(client, assessment):
    """Answer the current challenge as the page does with htmx."""
    return client.post(
        reverse("assessment_answer", args=[assessment.pk]),
        {"challenge": assessment.current_challenge, "answer-r": "1"},
        headers={"HX-Request": "true"},
    )


def assert_sent_to_login(response, assessment):
    """htmx is told to load the login page, which then leads back to the test."""
    back = reverse("assessment", args=[assessment.pk])
    assert response["HX-Redirect"] == f"{reverse('login')}?next={back}"


def statements(captured) -> list[str]:
    """Return the first words of each query, transaction control left out."""
    return [
        " ".join(query["sql"].split()[:3])
        for query in captured.captured_queries
        if "SAVEPOINT" not in query["sql"] and query["sql"] not in ("BEGIN", "COMMIT")
    ]


def test_a_step_is_one_read_then_the_writes(client):
    """The assessment is read joined with its learner and session, then written."""
    assessment = started(client)

    with CaptureQueriesContext(connection) as captured:
        response = step(client, assessment)

    assert response.status_code == 200
    read, *writes = statements(captured)
    sql = captured.captured_queries[0]["sql"]
    assert read.startswith("SELECT a.")
    assert "auth_user" in sql
    assert "django_session" in sql
    if connection.vendor == "postgresql":  # one statement, atomic by itself
        assert writes == ["WITH moved AS"]
    else:
        assert [write.split()[0] for write in writes] == ["UPDATE", "INSERT", "INSERT"]
    assert Answer.objects.filter(assessment=assessment).count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql" or not os.environ.get("TEST_REDIS_URL"),
    reason="needs PostgreSQL and TEST_REDIS_URL (CI runs both)",
)
def test_with_sessions_cached_in_redis_a_step_is_still_two_queries(client):
    """As in production, sessions cached in Redis: still one read, one write.

    Outside any transaction, as a request runs: no BEGIN, no COMMIT.
    """
    redis = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["TEST_REDIS_URL"],
            "KEY_PREFIX": f"test-{os.getpid()}",
        }
    }
    engine = "django.contrib.sessions.backends.cached_db"
    with override_settings(CACHES=redis, SESSION_ENGINE=engine):
        assessment = started(client)
        with CaptureQueriesContext(connection) as captured:
            response = step(client, assessment)

    assert response.status_code == 200
    assert [query["sql"].split()[0] for query in captured.captured_queries] == [
        "SELECT",
        "WITH",
    ]


@override_settings(SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies")
def test_sessions_kept_elsewhere_than_in_the_database_take_djangos_path(client):
    assessment = started(client)

    response = step(client, assessment)

    assert response.status_code == 200
    assert Answer.objects.filter(assessment=assessment).count() == 1


def test_an_expired_session_is_sent_to_the_login_page(client):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    assessment = started(client)
    Session.objects.update(expire_date=timezone.now())

    response = step(client, assessment)

    assert_sent_to_login(response, assessment)
    assert not Answer.objects.exists()


def test_someone_elses_assessment_is_not_found(client):
    assessment = started(client)
    client.force_login(make_user())

    response = step(client, assessment)

    assert response.status_code == 404
    assert not Answer.objects.exists()


def sign_out(client, learner):
    client.logout()


def change_password(client, learner):
    """As Django does: a session opened before a password change is closed."""
    learner.set_password("un-tout-nouveau-secret-77")
    learner.save()


def deactivate(client, learner):
    learner.is_active = False
    learner.save()


@pytest.mark.parametrize("change", [sign_out, change_password, deactivate])
def test_a_learner_no_longer_signed_in_is_sent_to_the_login_page(client, change):
    learner = make_user()
    assessment = started(client, learner)
    change(client, learner)

    response = step(client, assessment)

    assert_sent_to_login(response, assessment)
    assert not Answer.objects.exists()


def test_an_answer_posted_without_htmx_after_sign_out_leads_back_to_the_test(client):
    """Not to the answer's URL, which only takes posts (405 after logging in)."""
    assessment = started(client)
    client.logout()

    response = client.post(
        reverse("assessment_answer", args=[assessment.pk]),
        {"challenge": assessment.current_challenge, "answer-r": "1"},
    )

    back = reverse("assessment", args=[assessment.pk])
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={back}"


def test_a_huge_test_id_is_not_found():
    """Beyond what a database integer holds: a 404, not a database error."""
    client = Client()
    client.force_login(make_user())

    response = client.get(reverse("assessment", args=[2**64]))

    assert response.status_code == 404


def test_a_new_secret_key_signs_every_learner_out(client):
    """Sessions decoded before the change included (they are decoded once)."""
    assessment = started(client)  # its session was decoded then
    step(client, assessment)
    assessment.refresh_from_db()

    with override_settings(SECRET_KEY="une-toute-nouvelle-clef-" + "x" * 40):
        response = step(client, assessment)

    assert_sent_to_login(response, assessment)
    assert Answer.objects.count() == 1


def test_a_stale_tab_answering_the_same_challenge_records_nothing_more():
    """The write only happens while the challenge is still the current one."""
    from runtime.learning import services
    from runtime.models import KnowledgeElement

    make_competence()
    assessment = services.assessment_start(user=make_user(), competence="1.1")
    challenge = services.assessment_next_challenge(assessment)
    stale = Assessment.objects.get(pk=assessment.pk)

    first = services.answer_record(
        assessment=assessment, challenge_id=challenge["id"], value={"r": "1"}
    )
    again = services.answer_record(
        assessment=stale, challenge_id=challenge["id"], value={"r": "9"}
    )

    assert again.pk == first.pk
    assert Answer.objects.count() == 1
    assert KnowledgeElement.objects.filter(direct=True).count() == 1
    assert stale.current_challenge == assessment.current_challenge != challenge["id"]


def test_a_tab_left_open_on_a_closed_test_records_nothing():
    from runtime.learning import services

    make_competence()
    assessment = services.assessment_start(user=make_user(), competence="1.1")
    challenge = services.assessment_next_challenge(assessment)
    Assessment.objects.filter(pk=assessment.pk).update(state="completed")

    with pytest.raises(services.LearningError, match="Ce test est terminé"):
        services.answer_record(
            assessment=assessment, challenge_id=challenge["id"], value={"r": "1"}
        )

    assert not Answer.objects.exists()


def test_a_duplicate_refused_by_the_database_returns_the_stored_answer():
    """The unique constraint backs the guard; the caller's transaction survives.

    (The stored answer is forged here: the guard stops real second tabs first.)
    """
    from runtime.learning import services

    make_competence()
    assessment = services.assessment_start(user=make_user(), competence="1.1")
    challenge = services.assessment_next_challenge(assessment)
    stored = Answer.objects.create(
        assessment=assessment,
        release_id=assessment.release_id,
        challenge=challenge["id"],
        skill=challenge["skill"],
        value={"r": "1"},
        result="ok",
    )

    answer = services.answer_record(
        assessment=assessment, challenge_id=challenge["id"], value={"r": "2"}
    )

    assert answer.pk == stored.pk
    assert Answer.objects.count() == 1  # the transaction is still usable


@override_settings(
    AUTHENTICATION_BACKENDS=["tests.runtime.learning.test_step_cost.StrictBackend"]
)
def test_a_backend_with_its_own_checks_takes_djangos_path(client):
    """The fast path judges on password and is_active only; others ask Django."""
    learner = make_user(last_name="Martin")
    assessment = started(client, learner)
    learner.last_name = "BANNI"
    learner.save()

    response = step(client, assessment)

    assert_sent_to_login(response, assessment)  # refused by StrictBackend
    assert not Answer.objects.exists()


class StrictBackend(ModelBackend):
    """Refuses users marked banned, a field the fast path does not read."""

    def user_can_authenticate(self, user):
        return super().user_can_authenticate(user) and user.last_name != "BANNI"
