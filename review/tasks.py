"""Background tasks of the review app (django-tasks)."""

from django_tasks import task

from .calibration_run import calibration_run_execute
from .models import CalibrationRun, CalibrationStatus


@task()
def calibrate(run_id: int) -> str:
    """Run a queued calibration; return its final status."""
    run = CalibrationRun.objects.filter(
        pk=run_id, status=CalibrationStatus.QUEUED
    ).first()
    if run is None:
        return "skipped"
    return calibration_run_execute(run).status
