"""Timed challenges: a warning first, a clock the server keeps, and the end said."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from authoring.releases.services import release_publish
from runtime.models import Answer, Assessment
from tests.factories import make_challenge, make_skill, make_tube, make_user
from tests.runtime.api.flow import API

pytestmark = pytest.mark.django_db


@pytest.fixture
def timed(client):
    """A learner whose test serves one challenge, timed to 30 seconds."""
    make_challenge(
        skill=make_skill(level=1, competence_code="2.1"),
        type="QROC",
        proposals="${r}",
        solution="1",
        timer=30,
        publish=True,
    )
    release_publish(trusted=True)
    client.force_login(make_user())
    client.post(reverse("competence_start", args=["2.1"]))
    return Assessment.objects.get()


def _remaining(html: str) -> int:
    return int(re.search(r'data-remaining="(\d+)"', html).group(1))


def _started_ago(assessment, seconds):
    Assessment.objects.filter(pk=assessment.pk).update(
        current_asked_at=timezone.now() - datetime.timedelta(seconds=seconds)
    )


def test_a_warning_comes_first_and_its_clock_waits(client, timed):
    page = client.get(reverse("assessment", args=[timed.pk])).content.decode()

    timed.refresh_from_db()
    assert "Vous aurez 30 secondes pour répondre à cette question." in page
    assert 'name="answer-r"' not in page  # the question is not shown yet
    assert timed.current_challenge
    assert timed.current_asked_at is None


def test_starting_shows_the_question_with_the_time_the_server_counts(client, timed):
    client.get(reverse("assessment", args=[timed.pk]))
    timed.refresh_from_db()
    start = reverse("assessment_timer_start", args=[timed.pk])

    client.post(start, {"challenge": timed.current_challenge})
    first = client.get(reverse("assessment", args=[timed.pk])).content.decode()
    _started_ago(timed, 20)
    client.post(start, {"challenge": timed.current_challenge})  # a second click
    reloaded = client.get(reverse("assessment", args=[timed.pk])).content.decode()

    assert 'name="answer-r"' in first
    assert _remaining(first) in (29, 30)
    assert _remaining(reloaded) == 10  # the clock was not restarted
    assert 'class="challenge-time-over" role="alert" hidden' in reloaded


def test_at_zero_the_learner_is_told_the_time_is_over(client, timed):
    client.get(reverse("assessment", args=[timed.pk]))
    timed.refresh_from_db()
    client.post(
        reverse("assessment_timer_start", args=[timed.pk]),
        {"challenge": timed.current_challenge},
    )
    _started_ago(timed, 45)

    page = client.get(reverse("assessment", args=[timed.pk])).content.decode()
    client.post(
        reverse("assessment_answer", args=[timed.pk]),
        {"challenge": timed.current_challenge, "answer-r": "1"},
    )

    assert _remaining(page) == 0
    assert 'class="challenge-time-over" role="alert">' in page
    assert 'class="challenge-countdown__badge" hidden' in page
    assert Answer.objects.get().result == "timedout"


def test_a_refused_empty_answer_keeps_the_clock_with_htmx(client, timed):
    client.get(reverse("assessment", args=[timed.pk]))
    timed.refresh_from_db()
    client.post(
        reverse("assessment_timer_start", args=[timed.pk]),
        {"challenge": timed.current_challenge},
    )
    _started_ago(timed, 5)

    main = client.post(
        reverse("assessment_answer", args=[timed.pk]),
        {"challenge": timed.current_challenge, "answer-r": ""},
        headers={"HX-Request": "true"},
    ).content.decode()

    assert main.startswith('<main id="contenu"') or '<main id="contenu"' in main[:400]
    assert _remaining(main) == 25
    assert "Sélectionnez une réponse ou passez la question." in main
    assert not Answer.objects.exists()


def test_the_api_starts_the_clock_when_it_serves_the_challenge(client, timed):
    first = client.get(f"{API}/assessments/{timed.pk}/current").json()
    timed.refresh_from_db()
    started = timed.current_asked_at
    _started_ago(timed, 12)
    again = client.get(f"{API}/assessments/{timed.pk}/current").json()

    assert started is not None
    assert first["remaining_seconds"] in (29, 30)
    assert again["remaining_seconds"] == 18  # the clock was not restarted


def test_htmx_brings_the_warning_when_the_next_question_is_timed(client):
    """After an answer, a timed next question comes as its warning, clock waiting."""
    tube = make_tube(competence_code="3.1")
    for level in (1, 2, 3):
        make_challenge(
            skill=make_skill(tube=tube, level=level),
            type="QROC",
            proposals="${r}",
            solution=str(level),
            timer=None if level == 2 else 20,
            publish=True,
        )
    release_publish(trusted=True)
    client.force_login(make_user())
    client.post(reverse("competence_start", args=["3.1"]))
    assessment = Assessment.objects.get()
    client.get(reverse("assessment", args=[assessment.pk]))
    assessment.refresh_from_db()

    main = client.post(
        reverse("assessment_answer", args=[assessment.pk]),
        {"challenge": assessment.current_challenge, "answer-r": "2"},
        headers={"HX-Request": "true"},
    ).content.decode()

    assessment.refresh_from_db()
    assert "Vous aurez 20 secondes pour répondre à cette question." in main
    assert 'name="answer-r"' not in main
    assert assessment.current_challenge
    assert assessment.current_asked_at is None
