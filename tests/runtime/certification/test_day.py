"""The day of a session: join, confirmation, the test, invigilation, security."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from runtime.certification import services
from runtime.certification.models import (
    CertificationAnswer,
    CertificationSession,
    CertificationTest,
)
from tests.factories import make_user

from .conftest import COMPETENCES, make_knowledge, make_session
from .helpers import (
    act,
    answer,
    current_challenge,
    enrol,
    invigilator,
    join,
    start,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_attempts_left_over():
    cache.clear()


@pytest.fixture
def day(centre, member, learner):
    session, password = make_session(centre, member)
    candidate = enrol(session, None)
    return session, password, candidate


def test_a_candidate_joins_waits_for_confirmation_then_answers(client, day, learner):
    session, password, candidate = day
    client.force_login(learner)

    joined = join(client, session)
    waiting = client.get(reverse("certification:candidacy", args=[candidate.pk]))

    assert joined.status_code == 302
    assert "confirmer votre présence" in waiting.content.decode()
    assert not CertificationTest.objects.exists()

    watcher = invigilator(session, password)
    listing = watcher.get(reverse("certification:invigilate", args=[session.pk]))
    assert "Attend la confirmation" in listing.content.decode()
    act(watcher, session, candidate, "confirmer")
    test = start(client, candidate)

    assert len(test.picks) == 15  # 3 per certifiable competence
    assert [pick["level"] for pick in test.picks[:3]] == [3, 2, 1]  # hardest first
    assert sorted(test.profile) == list(COMPETENCES)
    assert test.profile["1.1"] == [12, 1]
    session.refresh_from_db()
    assert session.status == "started"
    page = client.get(reverse("certification:test", args=[test.pk]))
    assert "Question 1 sur 15" in page.content.decode()


def test_answers_are_recorded_once_and_the_test_ends_after_the_last(
    client, day, learner
):
    session, password, candidate = day
    client.force_login(learner)
    join(client, session)
    act(invigilator(session, password), session, candidate, "confirmer")
    test = start(client, candidate)

    first = current_challenge(test)
    answer(client, test, first, "1")
    answer(client, test, first, "3")  # double submit: the first one stays
    for _ in range(14):
        challenge = current_challenge(test)
        pick = next(p for p in test.picks if p["challenge"] == challenge)
        answer(client, test, challenge, str(pick["level"]))

    test.refresh_from_db()
    assert test.state == "ended"
    assert test.end_reason == "completed"
    stored = CertificationAnswer.objects.filter(test=test)
    assert stored.count() == 15
    assert stored.get(challenge=first).value == {"r": "1"}
    ended = client.get(reverse("certification:test", args=[test.pk]))
    assert "Test terminé" in ended.content.decode()


def test_no_answering_without_the_invigilators_confirmation(client, day, learner):
    session, _password, candidate = day
    client.force_login(learner)
    join(client, session)
    candidate.refresh_from_db()

    with pytest.raises(services.NotConfirmed):
        services.certification_start(user=learner, candidate=candidate)
    client.get(reverse("certification:candidacy", args=[candidate.pk]))

    assert not CertificationTest.objects.exists()


def test_a_candidate_cannot_see_nor_answer_another_candidates_test(
    client, day, learner
):
    session, password, candidate = day
    client.force_login(learner)
    join(client, session)
    act(invigilator(session, password), session, candidate, "confirmer")
    test = start(client, candidate)
    other = make_user()
    make_knowledge(other)
    intruder = Client()
    intruder.force_login(other)

    pages = [
        intruder.get(reverse("certification:test", args=[test.pk])),
        answer(intruder, test, current_challenge(test), "1"),
        intruder.get(reverse("certification:candidacy", args=[candidate.pk])),
    ]

    assert [page.status_code for page in pages] == [404, 404, 404]
    assert not test.answers.exists()
    with pytest.raises(services.CertificationError):
        services.answer_record(
            user=other, test=test, challenge_id=current_challenge(test), value={}
        )


def test_an_identity_that_is_not_enrolled_is_refused(client, day, learner):
    session, _password, _candidate = day
    client.force_login(learner)

    response = join(client, session, first="Louise")

    assert response.status_code == 422
    assert "Aucun candidat inscrit" in response.content.decode()


def test_a_not_eligible_learner_is_told_why(client, centre, member, release):
    session, _ = make_session(centre, member)
    beginner = make_user()
    make_knowledge(beginner, codes=("1.1", "1.2"))
    enrol(session, None)
    client.force_login(beginner)

    response = join(client, session)
    home = client.get(reverse("certification:home"))

    assert response.status_code == 409
    assert "vous en avez 2" in response.content.decode()
    assert "pas encore certifiable" in home.content.decode()


def test_wrong_access_codes_are_rate_limited(client, day, learner):
    session, _password, _candidate = day
    client.force_login(learner)

    wrong = [join(client, session, code="BBBB22").status_code for _ in range(5)]
    right = join(client, session)

    assert wrong == [422] * 5
    assert right.status_code == 429
    assert "Trop de tentatives" in right.content.decode()


def test_wrong_invigilator_passwords_are_rate_limited(day):
    session, password, _candidate = day
    client = Client()

    def unlock(secret):
        return client.post(
            reverse("certification:invigilator_unlock"),
            {"access_code": session.access_code, "password": secret},
        ).status_code

    wrong = [unlock("nope!!") for _ in range(5)]

    assert wrong == [422] * 5
    assert unlock(password) == 429


def test_the_invigilator_page_needs_the_password(client, day):
    session, _password, candidate = day

    page = client.get(reverse("certification:invigilate", args=[session.pk]))
    action = act(client, session, candidate, "confirmer")

    assert (page.status_code, action.status_code) == (404, 404)
    candidate.refresh_from_db()
    assert candidate.presence_confirmed_at is None


def test_the_server_enforces_the_duration_with_extra_time(client, day, learner):
    session, password, candidate = day
    candidate.extra_time_percent = 50
    candidate.save()
    client.force_login(learner)
    join(client, session)
    act(invigilator(session, password), session, candidate, "confirmer")
    test = start(client, candidate)
    assert test.allowed_seconds == 105 * 60 * 3 // 2

    later = test.started_at + datetime.timedelta(seconds=test.allowed_seconds + 1)
    with pytest.raises(services.CertificationError, match="terminé"):
        services.answer_record(
            user=learner,
            test=test,
            challenge_id=current_challenge(test),
            value={"r": "1"},
            now=later,
        )

    test.refresh_from_db()
    assert (test.state, test.end_reason) == ("ended", "timeout")
    assert set(test.answers.values_list("result", "unanswered")) == {("skipped", True)}


def test_a_pause_stops_the_clock_and_refuses_answers(client, day, learner):
    session, password, candidate = day
    client.force_login(learner)
    join(client, session)
    watcher = invigilator(session, password)
    act(watcher, session, candidate, "confirmer")
    test = start(client, candidate)

    act(watcher, session, candidate, "pause")
    paused = answer(client, test, current_challenge(test), "1")
    page = client.get(reverse("certification:test", args=[test.pk]))
    act(watcher, session, candidate, "reprendre")

    assert "en pause" in paused.wsgi_request._messages._queued_messages[0].message
    assert "Test en pause" in page.content.decode()
    test.refresh_from_db()
    assert test.paused_at is None
    assert test.paused_seconds > 0
    assert not test.answers.exists()


def test_the_invigilator_ends_a_test_and_files_an_incident(client, day, learner):
    session, password, candidate = day
    client.force_login(learner)
    join(client, session)
    watcher = invigilator(session, password)
    act(watcher, session, candidate, "confirmer")
    test = start(client, candidate)
    first = current_challenge(test)
    answer(client, test, first, "je ne sais pas")
    prefix = f"c{candidate.pk}"

    filed = act(
        watcher,
        session,
        candidate,
        "incident",
        **{
            f"{prefix}-category": "link",
            f"{prefix}-challenge": first,
            f"{prefix}-description": "Le site de l'épreuve ne répondait pas.",
        },
    )
    bogus = act(
        watcher,
        session,
        candidate,
        "incident",
        **{
            f"{prefix}-category": "link",
            f"{prefix}-challenge": "not-in-this-test",
            f"{prefix}-description": "x",
        },
    )
    ended = act(watcher, session, candidate, "terminer")

    assert (filed.status_code, bogus.status_code, ended.status_code) == (302, 422, 302)
    assert list(test.incidents.values_list("category", "challenge")) == [
        ("link", first)
    ]
    test.refresh_from_db()
    assert (test.state, test.end_reason) == ("ended", "invigilator")
    assert test.answers.count() == 15


def test_no_access_after_the_session_ends(client, day, learner, member):
    session, password, candidate = day
    client.force_login(learner)
    join(client, session)
    watcher = invigilator(session, password)
    act(watcher, session, candidate, "confirmer")
    test = start(client, candidate)
    act(watcher, session, candidate, "terminer")
    services.session_finalise(user=member, session=session, confirmed_incidents=set())

    again = join(client, session)
    answered = answer(client, test, test.picks[0]["challenge"], "1")
    watching = watcher.get(reverse("certification:invigilate", args=[session.pk]))

    assert again.status_code == 409
    assert "terminée" in again.content.decode()
    assert answered.status_code == 302
    assert test.answers.filter(unanswered=False).count() == 0
    assert watching.status_code == 404


def test_a_session_on_another_day_cannot_be_joined(client, centre, member, learner):
    session, _ = make_session(
        centre, member, date=timezone.localdate() + datetime.timedelta(days=3)
    )
    enrol(session, None)
    client.force_login(learner)

    response = join(client, session)

    assert response.status_code == 409
    assert CertificationSession.objects.get().candidates.get().user is None


def test_a_candidate_linked_by_email_still_joins_with_their_identity(
    client, centre, member, learner
):
    session, password = make_session(centre, member)
    candidate = enrol(session, learner)  # linked at enrolment, by e-mail
    client.force_login(learner)

    wrong = join(client, session, first="Louise")
    right = join(client, session)

    assert wrong.status_code == 422
    assert right.status_code == 302
    candidate.refresh_from_db()
    assert candidate.joined_at is not None
    assert (
        act(invigilator(session, password), session, candidate, "confirmer").status_code
        == 302
    )


def test_an_account_linked_to_another_candidate_is_refused(
    client, centre, member, learner
):
    session, _password = make_session(centre, member)
    enrol(session, learner, first="Lou", last="Martin")
    enrol(session, None, first="Léo", last="Martin")
    client.force_login(learner)

    response = join(client, session, first="Leo")

    assert response.status_code == 409
    assert "autre candidat" in response.content.decode()
