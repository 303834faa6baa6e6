"""Steps of a session day as the people do them through the pages."""

import datetime

from django.test import Client
from django.urls import reverse

from runtime.certification.models import Candidate, CertificationTest


def enrol(session, user, *, first="Lou", last="Martin", extra=0):
    return Candidate.objects.create(
        session=session,
        first_name=first,
        last_name=last,
        birth_date=datetime.date(2004, 2, 29),
        extra_time_percent=extra,
        user=user,
    )


def join(client, session, *, first="Lou", last="Martin", code=None):
    return client.post(
        reverse("certification:join"),
        {
            "access_code": code or session.access_code,
            "first_name": first,
            "last_name": last,
            "birth_date": "2004-02-29",
        },
    )


def invigilator(session, password) -> Client:
    client = Client()
    response = client.post(
        reverse("certification:invigilator_unlock"),
        {"access_code": session.access_code, "password": password},
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    return client


def act(client, session, candidate, action, **data):
    return client.post(
        reverse(
            "certification:invigilator_action",
            args=[session.pk, candidate.pk, action],
        ),
        data,
    )


def start(client, candidate) -> CertificationTest:
    client.get(reverse("certification:candidacy", args=[candidate.pk]))
    return CertificationTest.objects.get(candidate=candidate)


def answer(client, test, challenge_id, value=None, **extra):
    data = {"challenge": challenge_id, **extra}
    if value is None:
        data["skip"] = "1"
    else:
        data["answer-r"] = value
    return client.post(reverse("certification:test_answer", args=[test.pk]), data)


def current_challenge(test) -> str:
    test.refresh_from_db()
    return test.picks[test.answers.count()]["challenge"]


def sit(client, session, password, candidate, *, wrong_first: bool, incident=None):
    """Join, be confirmed, answer all (the first wrong or right), end."""
    join(client, session)
    watcher = invigilator(session, password)
    act(watcher, session, candidate, "confirmer")
    test = start(client, candidate)
    first = current_challenge(test)
    if incident:
        prefix = f"c{candidate.pk}"
        act(
            watcher,
            session,
            candidate,
            "incident",
            **{
                f"{prefix}-category": incident,
                f"{prefix}-challenge": first,
                f"{prefix}-description": "Incident sur la première question.",
            },
        )
    for position, pick in enumerate(test.picks):
        value = str(pick["level"])
        if position == 0 and wrong_first:
            value = "faux"
        answer(client, test, pick["challenge"], value)
    test.refresh_from_db()
    assert test.state == "ended"
    return test, first
