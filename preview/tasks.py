"""Background tasks of the preview app (django-tasks)."""

from django_tasks import task

from .models import ReleaseSimulation, SimulationStatus
from .simulation_run import simulation_execute


@task()
def simulate_release(simulation_id: int) -> str:
    """Run a queued release simulation; return its final status."""
    simulation = ReleaseSimulation.objects.filter(
        pk=simulation_id, status=SimulationStatus.QUEUED
    ).first()
    if simulation is None:
        return "skipped"
    return simulation_execute(simulation).status
