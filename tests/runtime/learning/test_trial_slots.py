"""Trial slots in positioning tests: new challenges answered for calibration only.

Competence 1.1: 5 tubes of levels 1-4, one QROC per skill (answer: its level)
with parameters, and 2 new challenges without (level 3 of the first 2
tubes). The learner masters level 1 only.
"""

import numpy as np
import pytest
from django.test import override_settings
from django.urls import reverse

from review.calibration_run import read_answers
from runtime.enums import KnowledgeStatus
from runtime.models import Answer, Assessment, KnowledgeElement
from runtime.release_index import release_index
from tests.factories import make_user
from tests.runtime.calibrated_content import publish_calibrated_competences

pytestmark = pytest.mark.django_db


def answer(client, assessment, index, *, known_level=1):
    current = assessment.current_challenge
    level = index.skills[index.challenges[current].skill].level
    return client.post(
        reverse("assessment_answer", args=[assessment.pk]),
        {
            "challenge": current,
            "answer-r": str(level) if level <= known_level else "non",
        },
    )


def play(client, assessment, index):
    """Answer to the end through the pages, acknowledging each checkpoint."""
    for _ in range(60):
        page = client.get(reverse("assessment", args=[assessment.pk]), follow=True)
        path = page.redirect_chain[-1][0] if page.redirect_chain else ""
        if "resultat" in path:
            return page
        if "bilan" in path:
            client.post(reverse("assessment_checkpoint", args=[assessment.pk]))
            continue
        assessment.refresh_from_db()
        answer(client, assessment, index)
    raise AssertionError("the test never ended")


def started(client, *, calibrated=True):
    index = release_index(
        publish_calibrated_competences(("1.1",), calibrated=calibrated).pk
    )
    user = make_user()
    client.force_login(user)
    client.post(reverse("competence_start", args=["1.1"]))
    return index, Assessment.objects.get(user=user)


def test_every_tenth_position_is_a_trial_that_teaches_nothing(client):
    """The 10th challenge is a new one, served as a trial: stored with
    ``trial``, kept for calibration, and neither knowledge nor result."""
    index, assessment = started(client)

    result = play(client, assessment, index)

    answers = list(Answer.objects.filter(assessment=assessment).order_by("id"))
    trials = [number for number, a in enumerate(answers, start=1) if a.trial]
    assert trials == [10]
    trial = answers[9]
    assert not index.challenges[trial.challenge].calibration.calibrated
    assessment.refresh_from_db()
    assert assessment.history[9] == [trial.challenge, trial.skill, trial.result, True]
    assert all(len(entry) == 3 for n, entry in enumerate(assessment.history) if n != 9)
    assert not KnowledgeElement.objects.filter(answer=trial).exists()
    # Levels 1 validated (5 skills), 2-4 not: the trial changed nothing.
    levels = sorted(
        (index.skills[e.skill].level, e.status)
        for e in KnowledgeElement.objects.filter(assessment=assessment)
    )
    assert levels == sorted(
        [(1, KnowledgeStatus.VALIDATED)] * 5
        + [(level, KnowledgeStatus.INVALIDATED) for level in (2, 3, 4)] * 5
    )
    assert result.context["score"].answers_count == len(answers)
    assert result.context["score"].pix == 8


def test_trial_answers_are_read_by_the_calibration(client):
    index, assessment = started(client)
    play(client, assessment, index)
    trial = Answer.objects.get(assessment=assessment, trial=True)

    data = read_answers()

    uids = [challenge.uid for challenge in data.challenges]
    assert trial.challenge in uids
    rows = data.item_index == uids.index(trial.challenge)
    assert data.correct[rows].tolist() == [int(trial.result == "ok")]
    assert len(data.correct) == Answer.objects.count()
    assert np.unique(data.learner_index).size == 1


def test_the_trial_is_chosen_when_served_and_kept_on_reload(client):
    index, assessment = started(client)
    for _ in range(9):
        client.get(reverse("assessment", args=[assessment.pk]), follow=True)
        assessment.refresh_from_db()
        if not assessment.current_challenge:  # a checkpoint
            client.post(reverse("assessment_checkpoint", args=[assessment.pk]))
            client.get(reverse("assessment", args=[assessment.pk]))
            assessment.refresh_from_db()
        answer(client, assessment, index)

    first = client.get(reverse("assessment", args=[assessment.pk]))
    again = client.get(reverse("assessment", args=[assessment.pk]))

    assessment.refresh_from_db()
    assert len(assessment.history) == 9
    assert assessment.current_trial
    assert (
        first.context["challenge_id"]
        == again.context["challenge_id"]
        == (assessment.current_challenge)
    )
    assert not index.challenges[assessment.current_challenge].calibration.calibrated


@pytest.mark.parametrize(
    ("calibrated", "every"), [(False, 10), (True, 0)], ids=["uncalibrated", "off"]
)
def test_no_trial_slot_without_parameters_or_when_switched_off(
    client, calibrated, every
):
    with override_settings(POSITIONING_TRIAL_EVERY=every):
        index, assessment = started(client, calibrated=calibrated)
        play(client, assessment, index)

    answers = Answer.objects.filter(assessment=assessment)
    assert answers.count() >= 10
    assert not answers.filter(trial=True).exists()
