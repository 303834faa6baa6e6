"""First start's demo calibration: simulated learners' answers on part of the
demo pack, a run accepted by the validator, a release carrying its parameters,
labelled as a demonstration everywhere, and removable."""

import io
import json
import re
import shutil
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from authoring.models import Challenge
from review.calibration import REVIEW_FLAGS, flagged_results
from review.domain.calibration import INSUFFICIENT_DATA, FlagRules
from review.management.commands.load_demo_calibration import (
    DEMO_NOTE,
    SIMULATED_ACCOUNT,
    TEST_TITLE,
)
from review.models import CalibrationRun, CalibrationStatus
from runtime.certification.services.adaptive import unavailable_reason
from runtime.models import Answer, Assessment, Release
from runtime.orga.models import Membership, OrganisationLearner
from runtime.release_index import current_release_index
from tests.factories import make_challenge

pytestmark = pytest.mark.django_db

DEMO = Path(__file__).resolve().parents[2] / "content" / "demo"
COMPETENCES = ("2.2", "3.2", "4.1")


@pytest.fixture
def demo_release(tmp_path):
    """Three competences of the demo pack loaded, the demo accounts, release 1."""
    (tmp_path / "competences").mkdir()
    for code in COMPETENCES:
        shutil.copy(DEMO / "competences" / f"{code}.json", tmp_path / "competences")
        if (DEMO / "files" / code).exists():
            shutil.copytree(DEMO / "files" / code, tmp_path / "files" / code)
    pack = json.loads((DEMO / "pack.json").read_text())
    pack["competences"] = [f"competences/{code}.json" for code in COMPETENCES]
    (tmp_path / "pack.json").write_text(json.dumps(pack))
    quiet = io.StringIO()
    call_command("load_content", str(tmp_path), no_progress=True, stdout=quiet)
    call_command("create_demo_accounts", stdout=quiet)
    call_command("publish_release", stdout=quiet)
    return Release.objects.get()


def _levels(run) -> tuple[dict[int, list[float]], list]:
    by_level = defaultdict(list)
    results = list(run.results.select_related("challenge__skill"))
    for result in results:
        if result.answers >= FlagRules().min_answers:
            by_level[result.challenge.skill.level].append(result.difficulty)
    return by_level, results


def test_the_demo_calibration_shows_runs_parameters_flags_and_adaptive_mode(
    demo_release, client
):
    out = io.StringIO()

    call_command("load_demo_calibration", stdout=out)

    run = CalibrationRun.objects.get()
    assert run.status == CalibrationStatus.DONE
    assert run.accepted
    assert run.accepted_by.username == "validateur"
    assert run.note == DEMO_NOTE
    # Every answer is a simulated one, owned by the inactive demo account,
    # which belongs to no organisation: no learner's figures count them.
    account = get_user_model().objects.get(username=SIMULATED_ACCOUNT)
    assert not account.is_active
    assert not account.has_usable_password()
    assert not Membership.objects.filter(user=account).exists()
    assert not OrganisationLearner.objects.filter(user=account).exists()
    tests = Assessment.objects.filter(user=account, title=TEST_TITLE)
    assert run.learners == tests.count() == Assessment.objects.count()
    assert run.answers == Answer.objects.filter(assessment__in=tests).count()
    assert run.answers == Answer.objects.count()
    assert run.releases == [demo_release.number]
    assert "réponses simulées" in out.getvalue()

    # The next release is in service and carries the run's parameters.
    release = Release.objects.get(is_current=True)
    assert release.number == demo_release.number + 1
    index = current_release_index()
    calibrated = [c for c in index.challenges.values() if c.calibration.calibrated]
    assert len(calibrated) >= 0.85 * len(index.challenges)
    assert {c.calibration.run for c in calibrated} == {run.pk}
    assert unavailable_reason(index) is None

    # Plausible values: difficulty grows with the skill's level (golden).
    by_level, results = _levels(run)
    means = [float(np.mean(by_level[level])) for level in range(1, 7)]
    assert means == sorted(means)
    assert means[0] < -1.2
    assert means[-1] > 1.0
    levels = [r.challenge.skill.level for r in results if r.answers >= 20]
    difficulties = [r.difficulty for r in results if r.answers >= 20]
    assert np.corrcoef(levels, difficulties)[0, 1] > 0.85
    assert 0.8 < np.median([r.discrimination for r in results]) < 2.0

    # A few challenges got too few answers: flagged, left uncalibrated in the
    # release, so adaptive tests' trial slots serve them.
    sparse = [r for r in results if INSUFFICIENT_DATA in r.flags]
    assert 5 <= len(sparse) <= 0.15 * len(index.challenges)
    assert all(r.answers < FlagRules().min_answers for r in sparse)
    assert not any(
        index.challenges[r.challenge.uid].calibration.calibrated for r in sparse
    )
    flagged = flagged_results()
    assert flagged
    assert all(set(r.flags) & REVIEW_FLAGS for r in flagged)

    # The pages show the run, its note, the panel and the flags.
    client.force_login(get_user_model().objects.get(username="validateur"))
    runs = client.get(reverse("calibration:index")).content.decode()
    assert DEMO_NOTE in runs
    assert f"{run.answers}" in runs
    challenge = Challenge.objects.get(uid=calibrated[0].id)
    panel = client.get(
        reverse("wagtailsnippets_authoring_challenge:edit", args=[challenge.pk])
    ).content.decode()
    assert "calibration-panel" in panel
    assert DEMO_NOTE in panel
    # The curve's coordinates are SVG numbers in French too (no decimal comma).
    svg = re.search(r"<svg[^>]*icc-title.*?</svg>", panel, re.DOTALL).group(0)
    coordinates = re.findall(r' (?:x|cx|x1|x2|width)="([^"]+)"', svg)
    assert len(coordinates) > 10
    assert all(float(value) >= 0 for value in coordinates)
    queue = client.get(reverse("review:queue")).content.decode()
    assert "Alertes de calibration" in queue
    assert DEMO_NOTE in queue

    # Run again: nothing is redone.
    again = io.StringIO()
    call_command("load_demo_calibration", stdout=again)
    assert "déjà faite" in again.getvalue()
    assert CalibrationRun.objects.count() == 1
    assert Release.objects.count() == 2
    assert Answer.objects.count() == run.answers

    # Removable: the simulated tests, their answers, the account and the run,
    # even a test anonymised as a deleted account's would be.
    Assessment.objects.filter(pk=tests.first().pk).update(user=None)
    removed = io.StringIO()
    call_command("load_demo_calibration", remove=True, stdout=removed)
    assert f"{run.answers} réponses" in removed.getvalue()
    assert not Answer.objects.exists()
    assert not Assessment.objects.exists()
    assert not CalibrationRun.objects.exists()
    assert not get_user_model().objects.filter(username=SIMULATED_ACCOUNT).exists()
    assert Release.objects.get(is_current=True) == release


def test_no_demo_calibration_without_a_release_on_a_small_one_or_over_runs():
    with pytest.raises(CommandError, match="Publiez d'abord une release"):
        call_command("load_demo_calibration", stdout=io.StringIO())

    make_challenge(publish=True)
    call_command("publish_release", stdout=io.StringIO())
    small = io.StringIO()
    call_command("load_demo_calibration", stdout=small)
    assert "compte 1 épreuve(s), le mode adaptatif en demande" in small.getvalue()

    CalibrationRun.objects.create()
    over = io.StringIO()
    call_command("load_demo_calibration", stdout=over)
    assert "existent déjà" in over.getvalue()

    assert CalibrationRun.objects.count() == 1
    assert Release.objects.count() == 1
    assert not get_user_model().objects.filter(username=SIMULATED_ACCOUNT).exists()


def test_the_calibrate_command_keeps_a_note(capsys):
    call_command("calibrate", note="Après la campagne de juin")

    assert CalibrationRun.objects.get().note == "Après la campagne de juin"
    with pytest.raises(CommandError, match="300 caractères"):
        call_command("calibrate", note="x" * 301)
    assert CalibrationRun.objects.count() == 1
