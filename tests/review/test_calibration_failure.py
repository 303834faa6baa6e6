"""A calibration run that fails is stored as failed with its error, and shown."""

import pytest
from django.urls import reverse

from review.calibration import calibration_run_start
from review.domain import calibration as domain
from review.models import CalibrationRun, CalibrationStatus

from .test_calibration_runs import answered, run_now  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def out_of_memory(monkeypatch):
    """Fault injection: the EM fit runs out of memory (a real risk at 10 M answers)."""

    def fail(*args, **kwargs):
        raise MemoryError("Unable to allocate 7.45 GiB for an array")

    monkeypatch.setattr(domain, "calibrate_2pl", fail)


@pytest.mark.usefixtures("answered")
def test_a_failed_run_keeps_its_error_and_frees_the_next_one(
    validator,
    out_of_memory,
    django_capture_on_commit_callbacks,
):
    run = run_now(validator, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=False):
        again = calibration_run_start(user=validator)

    assert run.status == CalibrationStatus.FAILED
    assert run.error == "Unable to allocate 7.45 GiB for an array"
    assert run.finished_at is not None
    assert run.results.count() == 0
    assert (run.answers, run.progress) == (300 * 18, 40)
    assert again.status == CalibrationStatus.QUEUED  # a failed run blocks nothing


@pytest.mark.usefixtures("answered")
def test_the_admin_lists_a_failed_run_with_its_error(
    client, validator, out_of_memory, django_capture_on_commit_callbacks
):
    client.force_login(validator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("calibration:start"))
    run = CalibrationRun.objects.get()
    listing = client.get(reverse("calibration:index"))
    detail = client.get(reverse("calibration:run", args=[run.pk]))

    text = listing.content.decode()
    assert run.status == CalibrationStatus.FAILED
    assert (
        "Échouée — Unable to allocate 7.45 GiB for an array" in detail.content.decode()
    )
    assert "Échouée — Unable to allocate 7.45 GiB for an array" in text
    assert "Lancer une calibration" in text
