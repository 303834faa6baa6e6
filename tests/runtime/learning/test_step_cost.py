"""One test step: what it costs the database, and who may take it."""

import os
import re

import pytest
from django.contrib.auth.backends import ModelBackend
from django.db import connection
from django.test import Client, override_settings
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


def described(captured) -> list[str]:
    """Return each query as its verb and the first table it names."""
    queries = []
    for query in captured.captured_queries:
        verb = query["sql"].split()[0]
        table = re.search(r'(?:FROM|UPDATE|INTO) "(\w+)"', query["sql"])
        queries.append(f"{verb} {table.group(1)}" if table else verb)
    return queries


# The step's write: one statement on PostgreSQL, three in a transaction elsewhere.
WRITE = {
    "postgresql": ["WITH runtime_assessment"],
    "sqlite": [
        "BEGIN",
        "UPDATE runtime_assessment",
        "INSERT runtime_answer",
        "INSERT runtime_knowledgeelement",
        "COMMIT",
    ],
}
CACHES = {
    "memory": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
    "redis": {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ.get("TEST_REDIS_URL"),
            "KEY_PREFIX": f"test-{os.getpid()}",
        }
    },
}


@pytest.mark.django_db(transaction=True)
@override_settings(SESSION_ENGINE="django.contrib.sessions.backends.db")
def test_a_step_reads_the_session_the_learner_and_the_test_then_writes(
    client, django_assert_num_queries
):
    """Django's session and user, the assessment by a selector, then the write.

    Outside any transaction, as a request runs; the session is not saved.
    """
    assessment = started(client)
    write = WRITE[connection.vendor]

    with django_assert_num_queries(3 + len(write)) as captured:
        response = step(client, assessment)

    assert response.status_code == 200
    assert described(captured) == [
        "SELECT django_session",
        "SELECT auth_user",
        "SELECT runtime_assessment",
        *write,
    ]
    assert Answer.objects.filter(assessment=assessment).count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("cache", ["memory", "redis"])
def test_with_sessions_cached_a_step_is_three_queries_on_postgresql(
    client, django_assert_num_queries, cache
):
    """As in production (sessions cached in Redis): the learner, the test, the write.

    The session comes from the cache, and is not written back.
    """
    if cache == "redis" and not os.environ.get("TEST_REDIS_URL"):
        pytest.skip("needs TEST_REDIS_URL (CI sets it)")
    engine = "django.contrib.sessions.backends.cached_db"
    write = WRITE[connection.vendor]
    with override_settings(CACHES=CACHES[cache], SESSION_ENGINE=engine):
        assessment = started(client)
        with django_assert_num_queries(2 + len(write)) as captured:
            response = step(client, assessment)

    assert response.status_code == 200
    assert described(captured) == [
        "SELECT auth_user",
        "SELECT runtime_assessment",
        *write,
    ]


@override_settings(SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies")
def test_a_step_works_with_sessions_kept_in_signed_cookies(client):
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

    page = client.get(reverse("assessment", args=[2**64]))
    answer = client.post(
        reverse("assessment_answer", args=[2**64]),
        {"challenge": "x", "answer-r": "1"},
        headers={"HX-Request": "true"},
    )

    assert (page.status_code, answer.status_code) == (404, 404)


def test_a_new_secret_key_signs_every_learner_out(client):
    """Sessions already used for a step included."""
    assessment = started(client)
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
        assessment=assessment, challenge_id=challenge.id, value={"r": "1"}
    )
    again = services.answer_record(
        assessment=stale, challenge_id=challenge.id, value={"r": "9"}
    )

    assert again.pk == first.pk
    assert Answer.objects.count() == 1
    assert KnowledgeElement.objects.filter(direct=True).count() == 1
    assert stale.current_challenge == assessment.current_challenge != challenge.id


def test_a_tab_left_open_on_a_closed_test_records_nothing():
    from runtime.learning import services

    make_competence()
    assessment = services.assessment_start(user=make_user(), competence="1.1")
    challenge = services.assessment_next_challenge(assessment)
    Assessment.objects.filter(pk=assessment.pk).update(state="completed")

    with pytest.raises(services.LearningError, match="Ce test est terminé"):
        services.answer_record(
            assessment=assessment, challenge_id=challenge.id, value={"r": "1"}
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
        challenge=challenge.id,
        skill=challenge.skill,
        value={"r": "1"},
        result="ok",
    )

    answer = services.answer_record(
        assessment=assessment, challenge_id=challenge.id, value={"r": "2"}
    )

    assert answer.pk == stored.pk
    assert Answer.objects.count() == 1  # the transaction is still usable


@override_settings(
    AUTHENTICATION_BACKENDS=["tests.runtime.learning.test_step_cost.StrictBackend"]
)
def test_a_backend_refusing_the_learner_sends_them_to_the_login_page(client):
    """The backend's own checks are made at each request, not only at login."""
    learner = make_user(last_name="Martin")
    assessment = started(client, learner)
    learner.last_name = "BANNI"
    learner.save()

    response = step(client, assessment)

    assert_sent_to_login(response, assessment)  # refused by StrictBackend
    assert not Answer.objects.exists()


class StrictBackend(ModelBackend):
    """Refuses users marked banned, a field the default backend does not read."""

    def user_can_authenticate(self, user):
        return super().user_can_authenticate(user) and user.last_name != "BANNI"
