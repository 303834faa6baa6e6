"""Calibration runs end to end: answers in, parameters per challenge, accepted,
carried by the next release; the admin pages, the editor panel, the queue."""

import numpy as np
import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from authoring.models import Challenge
from authoring.releases.services import release_publish
from review.calibration import (
    CalibrationError,
    accepted_parameters,
    calibration_run_accept,
    calibration_run_start,
)
from review.calibration_run import read_answers
from review.domain.calibration import TOO_HARD
from review.models import CalibrationResult, CalibrationRun, CalibrationStatus
from runtime.models import Answer, Assessment, Release
from tests.factories import make_challenge, make_skill, make_tube, make_user
from tests.permission_table import Service, cases, outcome

pytestmark = pytest.mark.django_db

LEARNERS = 300
LEVELS = (1, 2, 3, 4, 5, 6)


def true_difficulty(level: int) -> float:
    return (level - 3.5) * 0.8


@pytest.fixture
def answered():
    """A release of 3 tubes x 6 levels; 300 tests answering every challenge.

    Learners answer with P = 1 / (1 + exp(-(θ - b))), b growing with the
    skill's level; the level-2 challenge of the first tube is made much
    harder than its level (b = 3) so that it is flagged.
    """
    first_hard = None
    for tube_number in range(3):
        tube = make_tube(competence_code="1.1")
        for level in LEVELS:
            challenge = make_challenge(
                skill=make_skill(tube=tube, level=level), publish=True
            )
            if tube_number == 0 and level == 2:
                first_hard = challenge
    release = release_publish(trusted=True)
    challenges = list(Challenge.objects.select_related("skill").order_by("pk"))
    rng = np.random.default_rng(5)
    user = make_user()
    answers = []
    assessments = Assessment.objects.bulk_create(
        Assessment(user=user, competence="1.1", release=release, state="completed")
        for _ in range(LEARNERS)
    )
    for assessment in assessments:
        theta = rng.normal()
        for challenge in challenges:
            b = (
                3.0
                if challenge == first_hard
                else true_difficulty(challenge.skill.level)
            )
            right = rng.random() < 1 / (1 + np.exp(-(theta - b)))
            answers.append(
                Answer(
                    assessment=assessment,
                    release=release,
                    challenge=challenge.uid,
                    skill=challenge.skill.uid,
                    result="ok" if right else ("skipped" if theta < -1 else "ko"),
                )
            )
    Answer.objects.bulk_create(answers)
    return {"release": release, "hard": first_hard, "challenges": challenges}


def run_now(user, capture):
    with capture(execute=True):
        run = calibration_run_start(user=user)
    run.refresh_from_db()
    return run


def test_answers_are_read_as_index_arrays(answered):
    data = read_answers()

    assert len(data.correct) == LEARNERS * 18
    assert len(np.unique(data.learner_index)) == LEARNERS
    assert len(data.challenges) == 18
    assert data.releases == [answered["release"].number]
    assert set(np.unique(data.correct)) == {0, 1}


def test_a_validator_runs_a_calibration_that_recovers_the_levels(
    answered, validator, django_capture_on_commit_callbacks
):
    run = run_now(validator, django_capture_on_commit_callbacks)

    assert run.status == CalibrationStatus.DONE
    assert run.progress == 100
    assert run.converged
    assert (run.answers, run.learners, run.challenges) == (LEARNERS * 18, LEARNERS, 18)
    results = {
        r.challenge_id: r for r in run.results.select_related("challenge__skill")
    }
    assert len(results) == 18
    normal = [r for r in results.values() if r.challenge_id != answered["hard"].pk]
    fitted = [r.difficulty for r in normal]
    truth = [true_difficulty(r.challenge.skill.level) for r in normal]
    assert np.corrcoef(fitted, truth)[0, 1] > 0.95
    hard = results[answered["hard"].pk]
    assert hard.difficulty > 2.0
    assert TOO_HARD in hard.flags
    assert all(r.answers == LEARNERS for r in results.values())
    assert all(0 < r.success_rate < 1 and r.point_biserial > 0 for r in normal)
    assert all(0 < r.difficulty_se < 0.6 for r in normal)


def test_an_accepted_run_goes_into_the_next_release(
    answered, validator, django_capture_on_commit_callbacks
):
    run = run_now(validator, django_capture_on_commit_callbacks)
    assert accepted_parameters() == {}  # nothing accepted yet

    calibration_run_accept(run, user=validator)
    release = release_publish(trusted=True)

    hard = answered["hard"]
    stored = next(c for c in release.content["challenges"] if c["id"] == hard.uid)
    result = CalibrationResult.objects.get(run=run, challenge=hard)
    assert stored["calibration"] == {
        "difficulty": result.difficulty,
        "discrimination": result.discrimination,
        "difficulty_se": result.difficulty_se,
        "discrimination_se": result.discrimination_se,
        "answers": LEARNERS,
        "run": run.pk,
    }
    earlier = Release.objects.get(pk=answered["release"].pk)
    first = earlier.content["challenges"][0]
    assert set(first["calibration"]) == {"difficulty", "discrimination"}


def test_the_second_run_warm_starts_and_keeps_the_history(
    answered, validator, django_capture_on_commit_callbacks
):
    first = run_now(validator, django_capture_on_commit_callbacks)
    second = run_now(validator, django_capture_on_commit_callbacks)

    assert second.iterations < first.iterations
    assert CalibrationResult.objects.filter(challenge=answered["hard"]).count() == 2


def test_a_run_cannot_start_while_another_is_pending(validator):
    CalibrationRun.objects.create(status=CalibrationStatus.RUNNING)

    with pytest.raises(CalibrationError, match="déjà en cours"):
        calibration_run_start(user=validator)

    assert CalibrationRun.objects.count() == 1


def test_only_a_done_run_not_yet_accepted_can_be_accepted(validator):
    failed = CalibrationRun.objects.create(status=CalibrationStatus.FAILED)
    done = CalibrationRun.objects.create(status=CalibrationStatus.DONE)

    with pytest.raises(CalibrationError, match="terminée"):
        calibration_run_accept(failed, user=validator)
    calibration_run_accept(done, user=validator)
    with pytest.raises(CalibrationError, match="déjà acceptée"):
        calibration_run_accept(done, user=validator)


def test_no_answer_gives_an_empty_done_run(
    validator, django_capture_on_commit_callbacks
):
    run = run_now(validator, django_capture_on_commit_callbacks)

    assert run.status == CalibrationStatus.DONE
    assert run.challenges == 0


def test_the_command_calibrates_and_accepts(answered, capsys):
    call_command("calibrate", "--accept")

    run = CalibrationRun.objects.get()
    assert run.status == CalibrationStatus.DONE
    assert run.accepted
    assert "18 épreuves" in capsys.readouterr().out


SERVICES = {
    "calibration_run_start": Service(
        arrange=lambda _user: {},
        act=lambda user, _arranged: calibration_run_start(user=user),
        saved=lambda _: CalibrationRun.objects.count(),
        allowed=frozenset({"validator", "admin"}),
    ),
    "calibration_run_accept": Service(
        arrange=lambda _user: {
            "run": CalibrationRun.objects.create(status=CalibrationStatus.DONE)
        },
        act=lambda user, arranged: calibration_run_accept(arranged["run"], user=user),
        saved=lambda arranged: (
            CalibrationRun.objects.get(pk=arranged["run"].pk).accepted
        ),
        allowed=frozenset({"validator", "admin"}),
    ),
}


@pytest.mark.parametrize(("service", "role", "expected"), cases(SERVICES))
def test_each_calibration_write_checks_its_rule(service, role, expected):
    assert outcome(SERVICES[service], role) == expected


# The admin pages


def test_a_validator_starts_reads_and_accepts_a_run_in_the_admin(
    client, answered, validator, django_capture_on_commit_callbacks
):
    client.force_login(validator)
    listing = client.get(reverse("calibration:index"))
    assert listing.status_code == 200
    assert "Lancer une calibration" in listing.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(reverse("calibration:start"))
    assert started.status_code == 302
    run = CalibrationRun.objects.get()
    assert run.status == CalibrationStatus.DONE

    page = client.get(reverse("calibration:run", args=[run.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert answered["hard"].uid in text
    assert "Trop difficile pour son niveau" in text
    flagged = client.get(reverse("calibration:run", args=[run.pk]) + "?flagged=1")
    assert flagged.content.decode().count("data-challenge=") == 1

    accepted = client.post(reverse("calibration:accept", args=[run.pk]))
    assert accepted.status_code == 302
    run.refresh_from_db()
    assert run.accepted_by == validator


def test_a_reviewer_reads_runs_but_cannot_start_or_accept(client, reviewer):
    run = CalibrationRun.objects.create(status=CalibrationStatus.DONE)
    client.force_login(reviewer)

    listing = client.get(reverse("calibration:index"))
    assert listing.status_code == 200
    assert "Lancer une calibration" not in listing.content.decode()
    # the admin answers a refusal with its home page and a message
    for url in (
        reverse("calibration:start"),
        reverse("calibration:accept", args=[run.pk]),
    ):
        refused = client.post(url)
        assert (refused.status_code, refused.url) == (302, "/admin/")
    assert CalibrationRun.objects.count() == 1
    assert not CalibrationRun.objects.get().accepted


def test_a_learner_cannot_see_runs(client):
    client.force_login(make_user())

    assert client.get(reverse("calibration:index")).status_code in (302, 403)


def test_an_unknown_run_is_a_404(client, validator):
    client.force_login(validator)

    assert client.get(reverse("calibration:run", args=[999])).status_code == 404
    assert client.post(reverse("calibration:accept", args=[999])).status_code == 404


def test_starting_twice_says_why_in_french(client, validator):
    CalibrationRun.objects.create(status=CalibrationStatus.QUEUED)
    client.force_login(validator)

    response = client.post(reverse("calibration:start"), follow=True)

    assert "déjà en cours" in response.content.decode()
    assert CalibrationRun.objects.count() == 1


def test_the_editor_shows_the_calibration_panel_with_its_curve(
    client, answered, validator, django_capture_on_commit_callbacks
):
    run_now(validator, django_capture_on_commit_callbacks)
    run_now(validator, django_capture_on_commit_callbacks)
    client.force_login(validator)
    hard = answered["hard"]

    page = client.get(
        reverse("wagtailsnippets_authoring_challenge:edit", args=[hard.pk])
    )

    text = page.content.decode()
    assert page.status_code == 200
    assert "calibration-panel" in text
    assert "<svg" in text
    assert "Trop difficile pour son niveau" in text
    assert "Historique des calibrations" in text


def test_the_editor_says_when_there_is_no_calibration_yet(client, validator):
    challenge = make_challenge()
    client.force_login(validator)

    page = client.get(
        reverse("wagtailsnippets_authoring_challenge:edit", args=[challenge.pk])
    )

    assert "Pas encore de calibration" in page.content.decode()


def test_the_review_queue_lists_flagged_challenges(
    client, answered, validator, reviewer, django_capture_on_commit_callbacks
):
    run_now(validator, django_capture_on_commit_callbacks)
    client.force_login(reviewer)

    page = client.get(reverse("review:queue"))

    text = page.content.decode()
    assert "Alertes de calibration" in text
    edit = reverse(
        "wagtailsnippets_authoring_challenge:edit", args=[answered["hard"].pk]
    )
    assert edit in text


def test_the_review_queue_has_no_flag_section_without_runs(client, reviewer):
    client.force_login(reviewer)

    assert (
        "Alertes de calibration"
        not in client.get(reverse("review:queue")).content.decode()
    )


def test_permission_denied_is_raised_by_the_service_not_only_the_view(reviewer):
    with pytest.raises(PermissionDenied):
        calibration_run_start(user=reviewer)
