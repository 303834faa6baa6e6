"""Adaptive (IRT) certification: availability, delivery, trials, exposure, scoring."""

import dataclasses

import pytest
from django.db.models import Sum
from django.utils import timezone

from runtime.certification import services
from runtime.certification.enums import SessionMode
from runtime.certification.enums import TestState as State
from runtime.certification.models import (
    CertificationAnswer,
    CertificationResult,
    ItemExposure,
)
from runtime.domain import release_contract as contract
from runtime.models import Release
from runtime.release_index import clear_release_index_cache
from tests.factories import build_challenge, make_user

from .conftest import COMPETENCES, make_knowledge, make_session
from .helpers import enrol

pytestmark = pytest.mark.django_db

TUBES, LEVELS, TRIALS_PER_COMPETENCE = 5, (1, 2, 3, 4), 2


def _spec(level: int) -> dict:
    return build_challenge(
        type="QROC", proposals="${r}", solution=str(level), tolerance_t3=False
    ).to_check_spec()


def publish_calibrated_release(base: Release, *, calibrated: bool = True) -> Release:
    """A release (written through the contract) of 5 competences x 5 tubes x
    levels 1-4, one challenge per skill whose answer is its level, with
    b = level - 2.5 and a = 1.5; plus 2 uncalibrated challenges per competence."""
    snapshot = contract.from_json(base.content)
    template = snapshot.challenges[0]
    tubes, skills, challenges = [], [], []
    for code in COMPETENCES:
        for number in range(TUBES):
            tube = f"{code}-t{number}"
            tubes.append(contract.Tube(tube, tube, tube, code, "th"))
            for level in LEVELS:
                skill = f"{tube}-{level}"
                skills.append(contract.Skill(skill, f"@{skill}", tube, level, 1.0))
                calibration = contract.Calibration(
                    difficulty=level - 2.5 + 0.05 * number, discrimination=1.5
                )
                spare = number < TRIALS_PER_COMPETENCE and level == 3
                challenges.append(
                    dataclasses.replace(
                        template,
                        id=f"ch-{skill}",
                        skill=skill,
                        spec=_spec(level),
                        calibration=calibration
                        if calibrated
                        else contract.Calibration(),
                    )
                )
                if spare:  # a new challenge without parameters yet
                    challenges.append(
                        dataclasses.replace(
                            template,
                            id=f"new-{skill}",
                            skill=skill,
                            spec=_spec(level),
                            calibration=contract.Calibration(),
                        )
                    )
    content = contract.to_json(
        dataclasses.replace(
            snapshot,
            tubes=tuple(tubes),
            skills=tuple(skills),
            challenges=tuple(challenges),
            hints={},
            tutorials=(),
        )
    )
    Release.objects.update(is_current=False)
    clear_release_index_cache()
    return Release.objects.create(
        number=base.number + 1,
        checksum=contract.checksum(content),
        summary={},
        content=content,
        is_current=True,
    )


@pytest.fixture
def calibrated(release):
    return publish_calibrated_release(release)


@pytest.fixture
def candidate_user(calibrated):
    user = make_user(username="ada@example.org", first_name="Ada", last_name="L")
    make_knowledge(user)
    return user


def _started(centre, member, user, *, mode=SessionMode.ADAPTIVE):
    session, _password = make_session(centre, member, mode=mode)
    candidate = enrol(session, user)
    candidate.joined_at = candidate.presence_confirmed_at = timezone.now()
    candidate.save()
    return services.certification_start(user=user, candidate=candidate)


def _play(test, user, *, true_level: int) -> None:
    """Answer like a learner who knows the skills up to ``true_level``."""
    while (pick := services.current_pick(test)) is not None:
        right = pick["level"] <= true_level
        services.answer_record(
            user=user,
            test=test,
            challenge_id=pick["challenge"],
            value={"r": str(pick["level"]) if right else "faux"},
        )
        test.refresh_from_db()


def test_the_adaptive_mode_needs_enough_calibrated_challenges(release):
    """The classic release has none; the calibrated one 100 of 110."""
    reason = services.adaptive_unavailable_reason()

    publish_calibrated_release(release)

    assert "pour 0 épreuves sur 15" in reason
    assert "au moins 64 et 80 sur 100" in reason
    assert services.adaptive_unavailable_reason() is None


def test_an_adaptive_session_serves_32_scored_answers_and_trials(
    centre, member, candidate_user
):
    test = _started(centre, member, candidate_user)
    first = list(test.picks)

    _play(test, candidate_user, true_level=2)

    test.refresh_from_db()
    answers = list(test.answers.order_by("position"))
    trials = [answer for answer in answers if answer.trial]
    assert test.mode == SessionMode.ADAPTIVE
    assert test.adaptive_fallback == ""
    assert len(first) == 1
    assert (test.state, test.end_reason) == (State.ENDED, "completed")
    assert len(answers) - len(trials) == 32
    assert [answer.position + 1 for answer in trials] == [10, 20, 30]
    assert all(answer.challenge.startswith("new-") for answer in trials)
    assert len({answer.skill for answer in answers}) == len(answers)
    exposure = ItemExposure.objects.filter(release_id=test.release_id).aggregate(
        served=Sum("served"), trials=Sum("trial_served")
    )
    assert exposure == {"served": 32, "trials": 3}
    assert services.planned_length(test) == 35


def test_the_adaptive_result_keeps_the_classic_shape_and_ignores_trials(
    centre, member, candidate_user
):
    test = _started(centre, member, candidate_user)
    _play(test, candidate_user, true_level=2)

    result = services.score_test(test)
    CertificationAnswer.objects.filter(test=test, trial=True).update(result="ok")
    again = services.score_test(test)

    assert result.reason.startswith("adaptive: 32 scored answers")
    assert "global level 2" in result.reason
    assert not result.rejected
    assert [
        (c["competence"], c["outcome"], c["level"]) for c in result.competences
    ] == [(code, "certified", 2) for code in COMPETENCES]
    assert result.pix == sum(pix for pix, _level in test.profile.values())
    assert (again.pix, again.competences) == (result.pix, result.competences)
    assert CertificationResult.objects.count() == 1


def test_a_weaker_candidate_is_downgraded(centre, member, candidate_user):
    test = _started(centre, member, candidate_user)

    _play(test, candidate_user, true_level=1)
    result = services.score_test(test)

    assert {c["outcome"] for c in result.competences} == {"downgraded"}
    assert {c["level"] for c in result.competences} == {1}


def test_without_enough_parameters_the_candidate_gets_the_classic_test_and_why(
    centre, member, candidate_user, calibrated
):
    session, _password = make_session(centre, member, mode=SessionMode.ADAPTIVE)
    publish_calibrated_release(calibrated, calibrated=False)
    user = make_user(username="bob@example.org", first_name="Bob", last_name="B")
    make_knowledge(user)
    candidate = enrol(session, user, first="Bob", last="B")
    candidate.joined_at = candidate.presence_confirmed_at = timezone.now()
    candidate.save()

    test = services.certification_start(user=user, candidate=candidate)

    assert test.mode == SessionMode.CLASSIC
    assert "pour 0 épreuves sur 110" in test.adaptive_fallback
    assert len(test.picks) == 15


def test_a_reload_shows_the_same_challenge_and_counts_it_once(
    centre, member, candidate_user
):
    test = _started(centre, member, candidate_user)

    first = services.current_pick(test)
    again = services.current_pick(test)

    assert again == first
    assert list(
        ItemExposure.objects.filter(release_id=test.release_id).values_list(
            "challenge", "served"
        )
    ) == [(first["challenge"], 1)]
